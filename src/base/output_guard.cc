#include "base/output_guard.h"

#include <filesystem>

#include "base/diagnostics.h"

namespace placard {

namespace {

// The file's absolute path with links and "." resolved as far as it exists.
std::filesystem::path resolved(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
  return ec ? std::filesystem::absolute(path).lexically_normal() : p;
}

}  // namespace

void refuse_output_over_input(const std::string& out, const std::vector<NamedInput>& inputs) {
  const std::filesystem::path o = resolved(out);
  for (const NamedInput& in : inputs) {
    if (in.path.empty() || resolved(in.path) != o) continue;
    fail_usage(
        "the output '" + out + "' is the " + in.option + " file; writing it would destroy it",
        {"give -o a new file name"});
  }
}

void refuse_input_inside_output(const std::string& out_dir, const std::vector<NamedInput>& inputs) {
  const std::filesystem::path o = resolved(out_dir);
  for (const NamedInput& in : inputs) {
    if (in.path.empty()) continue;
    const std::filesystem::path rel = resolved(in.path).lexically_relative(o);
    if (rel.empty() || *rel.begin() == "..") continue;
    fail_usage(
        "the output folder '" + out_dir + "' holds the " + in.option + " file '" + in.path + "'",
        {"render into a folder of its own (e.g. -o cards): a run writes and removes files "
         "there, and the folder is published as it is"});
  }
}

}  // namespace placard
