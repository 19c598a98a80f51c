// workflow_steps DOC.md OUT: reads every ```yaml block of a Markdown file as a
// GitHub Actions workflow (with yaml-cpp, which the build already has),
// checks its shape, and writes it out as plain files a shell script can run
// without a YAML parser of its own:
//
//   OUT/blocks                       number of workflow blocks
//   OUT/B/line                       the Markdown line the block starts on
//   OUT/B/name                       the workflow's name
//   OUT/B/jobs                       job ids, in order
//   OUT/B/env/KEY                    the workflow's env (also OUT/B/J/env, OUT/B/J/S/env)
//   OUT/B/J/{if,needs,runs-on,container}
//   OUT/B/J/permissions              "scope: level" lines
//   OUT/B/J/matrix/KEY               one value a line
//   OUT/B/J/steps                    number of steps
//   OUT/B/J/S/{name,id,if,run,uses,shell}  S counts from 1
//   OUT/B/J/S/with/KEY
//
// workflow_steps --action action.yml OUT: reads a composite action the same
// way:
//
//   OUT/inputs/NAME/{required,default,description}
//   OUT/steps                        number of steps
//   OUT/S/...                        as a job's steps; a run step needs a shell
//
// A block that is not a workflow (bad YAML, a step with both or neither of
// run and uses, an unknown key) is an error naming its Markdown line.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Block {
  int line = 0;  // of the first YAML line in the Markdown file
  std::string text;
};

// Fenced ```yaml blocks, in order.
std::vector<Block> yaml_blocks(const std::string& markdown_path) {
  std::ifstream in(markdown_path);
  if (!in) throw std::runtime_error(markdown_path + ": cannot read");
  std::vector<Block> blocks;
  std::string line;
  bool inside = false;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!inside && (line == "```yaml" || line == "```yml")) {
      inside = true;
      blocks.push_back({n + 1, ""});
    } else if (inside && line.starts_with("```")) {
      inside = false;
    } else if (inside) {
      blocks.back().text += line + "\n";
    }
  }
  if (inside) throw std::runtime_error(markdown_path + ": a ```yaml block is never closed");
  return blocks;
}

// An error at a node, as a line of the Markdown file.
struct Where {
  std::string doc;
  int first_line;
  std::runtime_error at(const YAML::Node& node, const std::string& what) const {
    return std::runtime_error(doc + ":" + std::to_string(first_line + node.Mark().line) + ": " +
                              what);
  }
};

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string scalar(const Where& w, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) throw w.at(node, what + " must be a single value");
  return node.Scalar();
}

void check_keys(const Where& w, const YAML::Node& map, const std::set<std::string>& known,
                const std::string& what) {
  if (!map.IsMap()) throw w.at(map, what + " must be a mapping");
  for (const auto& kv : map)
    if (!known.contains(kv.first.Scalar()))
      throw w.at(kv.first, "unknown key '" + kv.first.Scalar() + "' in " + what);
}

void write_env(const Where& w, const YAML::Node& env, const fs::path& dir) {
  if (!env) return;
  if (!env.IsMap()) throw w.at(env, "env must be a mapping");
  for (const auto& kv : env)
    write(dir / "env" / kv.first.Scalar(), scalar(w, kv.second, "env " + kv.first.Scalar()));
}

// in_action: a composite action's step, whose run needs a shell.
void write_step(const Where& w, const YAML::Node& step, const fs::path& dir, bool in_action) {
  check_keys(w, step,
             {"name", "id", "if", "run", "uses", "with", "env", "shell", "working-directory",
              "continue-on-error", "timeout-minutes"},
             "a step");
  if (bool(step["run"]) == bool(step["uses"]))
    throw w.at(step, "a step needs exactly one of 'run' and 'uses'");
  if (step["with"] && !step["uses"]) throw w.at(step["with"], "'with' belongs to a 'uses' step");
  if (in_action && step["run"] && !step["shell"])
    throw w.at(step, "a composite action's 'run' step needs a 'shell'");
  for (const char* key : {"name", "id", "if", "run", "uses", "shell"})
    if (step[key]) write(dir / key, scalar(w, step[key], key));
  if (const YAML::Node with = step["with"]) {
    if (!with.IsMap()) throw w.at(with, "'with' must be a mapping");
    for (const auto& kv : with)
      write(dir / "with" / kv.first.Scalar(), scalar(w, kv.second, kv.first.Scalar()));
  }
  write_env(w, step["env"], dir);
}

void write_steps(const Where& w, const YAML::Node& steps, const fs::path& dir, bool in_action) {
  for (size_t s = 0; s < steps.size(); ++s)
    write_step(w, steps[s], dir / std::to_string(s + 1), in_action);
  write(dir / "steps", std::to_string(steps.size()) + "\n");
}

void write_job(const Where& w, const std::string& id, const YAML::Node& job, const fs::path& dir) {
  check_keys(w, job,
             {"name", "runs-on", "container", "permissions", "strategy", "steps", "needs", "if",
              "env", "concurrency", "timeout-minutes", "outputs"},
             "job '" + id + "'");
  if (!job["runs-on"]) throw w.at(job, "job '" + id + "' has no 'runs-on'");
  for (const char* key : {"if", "runs-on", "container"})
    if (job[key]) write(dir / key, scalar(w, job[key], key));
  if (const YAML::Node needs = job["needs"]) {
    std::string lines;
    if (needs.IsSequence())
      for (const auto& n : needs) lines += scalar(w, n, "needs") + "\n";
    else
      lines = scalar(w, needs, "needs") + "\n";
    write(dir / "needs", lines);
  }
  if (const YAML::Node permissions = job["permissions"]) {
    std::string lines;
    if (permissions.IsMap())
      for (const auto& kv : permissions)
        lines += kv.first.Scalar() + ": " + scalar(w, kv.second, "permission") + "\n";
    else
      lines = scalar(w, permissions, "permissions") + "\n";
    write(dir / "permissions", lines);
  }
  if (const YAML::Node strategy = job["strategy"]) {
    check_keys(w, strategy, {"matrix", "fail-fast", "max-parallel"}, "strategy");
    const YAML::Node matrix = strategy["matrix"];
    if (!matrix || !matrix.IsMap()) throw w.at(strategy, "strategy needs a 'matrix' mapping");
    for (const auto& kv : matrix) {
      if (!kv.second.IsSequence()) throw w.at(kv.second, "a matrix entry must be a list");
      std::string lines;
      for (const auto& v : kv.second) lines += scalar(w, v, "matrix value") + "\n";
      write(dir / "matrix" / kv.first.Scalar(), lines);
    }
  }
  write_env(w, job["env"], dir);
  const YAML::Node steps = job["steps"];
  if (!steps || !steps.IsSequence() || steps.size() == 0)
    throw w.at(job, "job '" + id + "' needs a list of steps");
  write_steps(w, steps, dir, false);
}

void write_workflow(const Where& w, const YAML::Node& root, const fs::path& dir) {
  check_keys(w, root, {"name", "on", "env", "jobs", "permissions", "concurrency"}, "a workflow");
  if (!root["on"]) throw w.at(root, "a workflow needs 'on'");
  const YAML::Node jobs = root["jobs"];
  if (!jobs || !jobs.IsMap() || jobs.size() == 0) throw w.at(root, "a workflow needs 'jobs'");
  write_env(w, root["env"], dir);
  if (root["name"]) write(dir / "name", scalar(w, root["name"], "name") + "\n");
  std::string ids;
  for (const auto& kv : jobs) {
    const std::string id = kv.first.Scalar();
    write_job(w, id, kv.second, dir / id);
    ids += id + "\n";
  }
  write(dir / "jobs", ids);
}

// A composite action (action.yml): its inputs and steps.
void write_action(const Where& w, const YAML::Node& root, const fs::path& dir) {
  check_keys(w, root, {"name", "description", "author", "inputs", "outputs", "runs", "branding"},
             "an action");
  if (const YAML::Node inputs = root["inputs"]) {
    if (!inputs.IsMap()) throw w.at(inputs, "inputs must be a mapping");
    for (const auto& kv : inputs) {
      const std::string id = kv.first.Scalar();
      check_keys(w, kv.second, {"description", "required", "default", "deprecationMessage"},
                 "input '" + id + "'");
      if (!kv.second["description"])
        throw w.at(kv.second, "input '" + id + "' needs a description");
      for (const char* key : {"description", "required", "default"})
        if (kv.second[key]) write(dir / "inputs" / id / key, scalar(w, kv.second[key], key));
    }
  }
  const YAML::Node runs = root["runs"];
  if (!runs) throw w.at(root, "an action needs 'runs'");
  check_keys(w, runs, {"using", "steps"}, "runs");
  if (!runs["using"] || scalar(w, runs["using"], "using") != "composite")
    throw w.at(runs, "runs.using must be 'composite'");
  const YAML::Node steps = runs["steps"];
  if (!steps || !steps.IsSequence() || steps.size() == 0)
    throw w.at(runs, "a composite action needs a list of steps");
  write_steps(w, steps, dir, true);
}

}  // namespace

int main(int argc, char** argv) {
  const bool action = argc == 4 && std::string(argv[1]) == "--action";
  if (argc != 3 && !action) {
    std::cerr
        << "usage: workflow_steps DOC.md OUT_DIR | workflow_steps --action action.yml OUT_DIR\n";
    return 2;
  }
  const std::string doc = argv[action ? 2 : 1];
  const fs::path out = argv[action ? 3 : 2];
  try {
    if (action) {
      std::ifstream in(doc);
      if (!in) throw std::runtime_error(doc + ": cannot read");
      std::stringstream text;
      text << in.rdbuf();
      const Where w{doc, 1};
      YAML::Node root;
      try {
        root = YAML::Load(text.str());
      } catch (const YAML::Exception& e) {
        throw std::runtime_error(doc + ":" + std::to_string(1 + e.mark.line) + ": " + e.msg);
      }
      write_action(w, root, out);
      return 0;
    }
    const std::vector<Block> blocks = yaml_blocks(doc);
    if (blocks.empty()) throw std::runtime_error(doc + ": no ```yaml block");
    for (size_t b = 0; b < blocks.size(); ++b) {
      const Where w{doc, blocks[b].line};
      YAML::Node root;
      try {
        root = YAML::Load(blocks[b].text);
      } catch (const YAML::Exception& e) {
        throw std::runtime_error(doc + ":" + std::to_string(w.first_line + e.mark.line) + ": " +
                                 e.msg);
      }
      const fs::path dir = out / std::to_string(b + 1);
      write_workflow(w, root, dir);
      write(dir / "line", std::to_string(blocks[b].line) + "\n");
    }
    write(out / "blocks", std::to_string(blocks.size()) + "\n");
  } catch (const std::exception& e) {
    std::cerr << "workflow_steps: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
