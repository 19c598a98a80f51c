// Strict reading of a YAML mapping: typed getters that fail with file:line:col,
// and finish() that rejects keys nobody asked for, with a "did you mean" hint.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace placard {

// "a, b ,c" → {"a", "b", "c"}: trimmed, empty parts dropped.
std::vector<std::string> split_list(const std::string& text);

SourceLoc yaml_loc(const YAML::Node& n, const std::string& file, int line_offset = 0);

// One key of a mapping and its value, both keeping their places in the file.
struct YamlEntry {
  YAML::Node key, value;
  std::string name;  // the key's text ("" for a key that is not text)
};
using YamlEntries = std::vector<YamlEntry>;

// The entries of a mapping in document order; none for anything else.
YamlEntries yaml_entries(const YAML::Node& map);

// Parses YAML text; syntax errors fail with the place.
YAML::Node parse_yaml(const std::string& text, const std::string& file, int line_offset = 0);

class YamlMap {
 public:
  // `what` names the mapping in messages, e.g. "layout element 'logo'".
  YamlMap(YAML::Node node, std::string file, std::string what, int line_offset = 0);
  // A mapping as overrides leave it: `entries` stand for the node's own, and
  // the node still gives the mapping's place.
  YamlMap(YAML::Node node, YamlEntries entries, std::string file, std::string what,
          int line_offset = 0);

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
  const YamlEntry* find(const std::string& key) const;
  YAML::Node missing();

  YAML::Node node_;
  // Looked up here rather than with yaml-cpp's operator[], which converts
  // every key it passes to a string and adds an empty entry for each key
  // that is missing.
  YamlEntries entries_;
  std::optional<YAML::Node> missing_;
  std::string file_, what_;
  int offset_;
  std::set<std::string> known_;
};

}  // namespace placard
