#include "base/yaml_map.h"

#include <yaml.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

namespace placard {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = std::min(s.find(',', start), s.size());
    std::string part = s.substr(start, end - start);
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

SourceLoc yaml_loc(const YAML::Node& n, const std::string& file, int line_offset) {
  YAML::Mark m = n.Mark();
  if (m.line < 0) return {file, 0, 0};
  return {file, m.line + 1 + line_offset, m.column + 1};
}

namespace {

// yaml-cpp accepts some broken documents (a quoted scalar left open at the end
// of the file swallows every line after it), so libyaml, the reference
// parser, checks the syntax first. It also bounds nesting, which yaml-cpp
// and the readers walk recursively.
constexpr int kMaxYamlDepth = 64;

// What aliases may add to a document: each `*name` stands for a copy of
// everything its anchor holds, so nested aliases multiply (a 386-byte deck
// of 8 levels of 9-way aliases is 43 million nodes). Readers expand them, so
// the expanded count is bounded, not the written one.
constexpr std::int64_t kMaxAliasNodes = 100'000;

// Counts the nodes of each anchored node (its own, and those its aliases
// stand for) as the events go by.
struct AliasBudget {
  struct Open {
    std::string anchor;
    std::int64_t nodes = 1;
  };
  // An anchor whose list or mapping has not ended yet: an alias to it from
  // inside would make the node contain itself, which yaml-cpp builds as a
  // cycle that every reader walks for ever (a stack overflow).
  static constexpr std::int64_t kStillOpen = -1;
  std::vector<Open> open;
  std::map<std::string, std::int64_t> anchored;
  std::int64_t added = 0;  // nodes that aliases stand for, over the whole file

  // A list or mapping, maybe anchored, starts.
  void start(const std::string& anchor) {
    open.push_back({anchor, 1});
    if (!anchor.empty()) anchored[anchor] = kStillOpen;
  }
  // A node of `nodes` nodes, maybe anchored, ends inside the open ones.
  void add(std::int64_t nodes, const std::string& anchor) {
    nodes = std::min(nodes, kMaxAliasNodes + 1);
    if (!anchor.empty()) anchored[anchor] = nodes;
    if (!open.empty()) open.back().nodes = std::min(open.back().nodes + nodes, kMaxAliasNodes + 1);
  }
  enum class Verdict { ok, over_budget, contains_itself };
  Verdict alias(const unsigned char* name) {
    auto it = anchored.find(reinterpret_cast<const char*>(name));
    if (it != anchored.end() && it->second == kStillOpen) return Verdict::contains_itself;
    const std::int64_t nodes = it == anchored.end() ? 1 : it->second;
    added += nodes;
    add(nodes, "");
    return added <= kMaxAliasNodes ? Verdict::ok : Verdict::over_budget;
  }
};

void check_yaml_syntax(const std::string& text, const std::string& file, int line_offset) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) fail({file}, "out of memory reading YAML");
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  int depth = 0;
  AliasBudget aliases;
  std::string problem;
  std::vector<std::string> hints;
  SourceLoc loc{file};
  auto place = [&](const yaml_mark_t& m) {
    return SourceLoc{file, static_cast<int>(m.line) + 1 + line_offset,
                     static_cast<int>(m.column) + 1};
  };
  for (bool done = false; !done;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      problem = parser.problem ? parser.problem : "syntax error";
      // "while scanning a quoted scalar" points at where the quote opened,
      // more useful than the end of the file where the problem surfaced.
      yaml_mark_t mark = parser.problem_mark;
      if (parser.context) {
        problem = std::string(parser.context) + ", " + problem;
        mark = parser.context_mark;
      }
      loc = {file, static_cast<int>(mark.line) + 1 + line_offset,
             static_cast<int>(mark.column) + 1};
      break;
    }
    switch (event.type) {
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const unsigned char* anchor = event.type == YAML_SEQUENCE_START_EVENT
                                          ? event.data.sequence_start.anchor
                                          : event.data.mapping_start.anchor;
        aliases.start(anchor ? reinterpret_cast<const char*>(anchor) : "");
        if (++depth > kMaxYamlDepth) {
          problem = "nested more than " + std::to_string(kMaxYamlDepth) + " levels deep";
          loc = place(event.start_mark);
          done = true;
        }
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        --depth;
        const AliasBudget::Open node = aliases.open.back();
        aliases.open.pop_back();
        aliases.add(node.nodes, node.anchor);
        break;
      }
      case YAML_SCALAR_EVENT: {
        const unsigned char* anchor = event.data.scalar.anchor;
        aliases.add(1, anchor ? reinterpret_cast<const char*>(anchor) : "");
        break;
      }
      case YAML_ALIAS_EVENT: {
        const auto verdict = aliases.alias(event.data.alias.anchor);
        if (verdict == AliasBudget::Verdict::ok) break;
        const std::string name = reinterpret_cast<const char*>(event.data.alias.anchor);
        if (verdict == AliasBudget::Verdict::contains_itself) {
          problem = "alias '*" + name + "' is inside its own anchor '&" + name + "'";
          hints = {"a value cannot contain itself; move the alias after the end of '&" + name +
                   "'s value"};
        } else {
          problem = "aliases expand to more than " + std::to_string(kMaxAliasNodes) + " nodes";
          hints = {
              "an alias ('*name') stands for a copy of its anchor ('&name'); write the "
              "values out, or nest fewer aliases"};
        }
        loc = place(event.start_mark);
        done = true;
        break;
      }
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      default:
        break;
    }
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  if (!problem.empty()) fail(loc, "invalid YAML: " + problem, hints);
}

}  // namespace

YAML::Node parse_yaml(const std::string& text, const std::string& file, int line_offset) {
  check_yaml_syntax(text, file, line_offset);
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    SourceLoc loc{file, e.mark.line + 1 + line_offset, e.mark.column + 1};
    fail(loc, "invalid YAML: " + e.msg);
  }
}

YamlEntries yaml_entries(const YAML::Node& map) {
  YamlEntries out;
  if (!map.IsMap()) return out;
  out.reserve(map.size());
  for (auto it = map.begin(); it != map.end(); ++it)
    out.push_back({it->first, it->second, it->first.Scalar()});
  return out;
}

YamlMap::YamlMap(YAML::Node node, std::string file, std::string what, int line_offset)
    : node_(std::move(node)), file_(std::move(file)), what_(std::move(what)), offset_(line_offset) {
  // reset(), not operator=, which would write the null into the document.
  if (!node_.IsDefined()) node_.reset(YAML::Node(YAML::NodeType::Null));
  if (!node_.IsMap() && !node_.IsNull())
    fail(loc(), what_ + " must be a mapping of 'key: value' lines");
  entries_ = yaml_entries(node_);
}

YamlMap::YamlMap(YAML::Node node, YamlEntries entries, std::string file, std::string what,
                 int line_offset)
    : YamlMap(std::move(node), std::move(file), std::move(what), line_offset) {
  if (node_.IsMap()) entries_ = std::move(entries);
}

// The first entry with that key, as yaml-cpp's lookup finds it: text keys only.
const YamlEntry* YamlMap::find(const std::string& key) const {
  for (const YamlEntry& e : entries_)
    if (e.name == key && e.key.IsScalar()) return &e;
  return nullptr;
}

// What a mapping gives for a key it lacks: a node that is not defined. One is
// made per map, on the first miss; nothing ever assigns to it.
YAML::Node YamlMap::missing() {
  if (!missing_) {
    YAML::Node scratch(YAML::NodeType::Map);
    missing_ = scratch["missing"];
  }
  return *missing_;
}

SourceLoc YamlMap::loc() const {
  return yaml_loc(node_, file_, offset_);
}

SourceLoc YamlMap::loc_of(const std::string& key) {
  for (const YamlEntry& e : entries_)
    if (e.name == key) return yaml_loc(e.value, file_, offset_);
  return loc();
}

void YamlMap::fail_at(const std::string& key, const std::string& message,
                      std::vector<std::string> hints) {
  fail(loc_of(key), message, std::move(hints));
}

bool YamlMap::has(const std::string& key) {
  known_.insert(key);
  const YamlEntry* e = find(key);
  return e && e->value.IsDefined() && !e->value.IsNull();
}

YAML::Node YamlMap::node(const std::string& key) {
  known_.insert(key);
  if (!node_.IsMap()) return YAML::Node();
  const YamlEntry* e = find(key);
  return e ? e->value : missing();
}

namespace {

// A scalar read as T; nullopt for a list, a mapping, or text that is not a T.
template <class T>
std::optional<T> scalar_as(const YAML::Node& n) {
  try {
    if (n.IsScalar()) return n.as<T>();
  } catch (const YAML::Exception&) {
  }
  return std::nullopt;
}

}  // namespace

std::string YamlMap::str(const std::string& key, const std::string& fallback) {
  YAML::Node n = node(key);
  if (!n.IsDefined() || n.IsNull()) return fallback;
  if (!n.IsScalar()) fail_at(key, "'" + key + "' in " + what_ + " must be a text value");
  return n.Scalar();
}

double YamlMap::num(const std::string& key, double fallback) {
  YAML::Node n = node(key);
  if (!n.IsDefined() || n.IsNull()) return fallback;
  if (const std::optional<double> v = scalar_as<double>(n)) return *v;
  fail_at(key, "'" + key + "' in " + what_ + " must be a number, not '" +
                   (n.IsScalar() ? n.Scalar() : std::string("a list or mapping")) + "'");
}

int YamlMap::integer(const std::string& key, int fallback) {
  double v = num(key, fallback);
  if (!(v >= -1e9 && v <= 1e9)) fail_at(key, "'" + key + "' in " + what_ + " is out of range");
  if (v != static_cast<int>(v))
    fail_at(key, "'" + key + "' in " + what_ + " must be a whole number");
  return static_cast<int>(v);
}

bool YamlMap::boolean(const std::string& key, bool fallback) {
  YAML::Node n = node(key);
  if (!n.IsDefined() || n.IsNull()) return fallback;
  if (const std::optional<bool> v = scalar_as<bool>(n)) return *v;
  fail_at(key, "'" + key + "' in " + what_ + " must be true or false");
}

std::vector<std::string> YamlMap::str_list(const std::string& key) {
  YAML::Node n = node(key);
  std::vector<std::string> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  if (n.IsScalar()) {
    return split_list(n.Scalar());
  }
  if (!n.IsSequence()) fail_at(key, "'" + key + "' in " + what_ + " must be a list");
  for (const auto& item : n) {
    if (!item.IsScalar())
      fail(yaml_loc(item, file_, offset_), "items of '" + key + "' must be text values");
    out.push_back(item.Scalar());
  }
  return out;
}

std::string YamlMap::choice(const std::string& key, const std::vector<std::string>& choices,
                            const std::string& fallback) {
  std::string v = str(key, fallback);
  if (std::find(choices.begin(), choices.end(), v) != choices.end()) return v;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "'" : ", '") + c + "'";
  auto hints = did_you_mean(v, choices);
  hints.push_back("'" + key + "' is one of " + list);
  fail_at(key, "unknown " + key + " '" + v + "' in " + what_, hints);
}

void YamlMap::finish(const std::vector<std::string>& also_known) {
  if (!node_.IsMap()) return;
  std::vector<std::string> valid(known_.begin(), known_.end());
  valid.insert(valid.end(), also_known.begin(), also_known.end());
  for (const YamlEntry& e : entries_) {
    if (std::find(valid.begin(), valid.end(), e.name) != valid.end()) continue;
    fail(yaml_loc(e.key, file_, offset_), "unknown key '" + e.name + "' in " + what_,
         did_you_mean(e.name, valid));
  }
}

}  // namespace placard
