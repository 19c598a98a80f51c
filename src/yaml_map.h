// Strict reading of a YAML mapping: typed getters that fail with file:line:col,
// and finish() that rejects keys nobody asked for, with a "did you mean" hint.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.h"

namespace placard {

// "a, b ,c" → {"a", "b", "c"}: trimmed, empty parts dropped.
std::vector<std::string> split_list(const std::string& text);

SourceLoc yaml_loc(const YAML::Node& n, const std::string& file, int line_offset = 0);

// Parses YAML text; syntax errors fail with the place.
YAML::Node parse_yaml(const std::string& text, const std::string& file, int line_offset = 0);

class YamlMap {
 public:
  // `what` names the mapping in messages, e.g. "layout element 'logo'".
  YamlMap(YAML::Node node, std::string file, std::string what, int line_offset = 0);

  bool has(const std::string& key);
  YAML::Node node(const std::string& key);  // marks the key as known
  std::string str(const std::string& key, const std::string& fallback = "");
  double num(const std::string& key, double fallback);
  int integer(const std::string& key, int fallback);
  bool boolean(const std::string& key, bool fallback);
  std::vector<std::string> str_list(const std::string& key);  // list or "a, b"
  // One of `choices`, else an error listing them.
  std::string choice(const std::string& key, const std::vector<std::string>& choices,
                     const std::string& fallback);
  // Fails on any key not read (or listed in `also_known`).
  void finish(const std::vector<std::string>& also_known = {});

  SourceLoc loc() const;
  SourceLoc loc_of(const std::string& key);
  const std::string& file() const { return file_; }
  int line_offset() const { return offset_; }
  [[noreturn]] void fail_at(const std::string& key, const std::string& message,
                            std::vector<std::string> hints = {});

 private:
  YAML::Node node_;
  std::string file_, what_;
  int offset_;
  std::set<std::string> known_;
};

}  // namespace placard
