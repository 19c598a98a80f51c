#include "content/front_matter.h"

#include <algorithm>
#include <set>

#include "base/yaml_map.h"
#include "content/deck_tree.h"

namespace placard {

namespace {

bool is_fence(std::string_view line, bool closing) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---" || (closing && line == "...");
}

// Reads the YAML between the fences, whose first line is line 2 of the file.
void read_yaml(const std::string& yaml, const std::string& path, CampaignMeta& meta) {
  const int offset = 1;  // YAML line 1 is file line 2
  YAML::Node root = parse_yaml(yaml, path, offset);
  YamlMap m(root, path, "front matter", offset);
  if (root.IsMap()) {  // yaml-cpp keeps the first of two equal keys: say so
    std::set<std::string> seen;
    for (const auto& entry : root) {
      if (!seen.insert(entry.first.Scalar()).second) {
        fail(yaml_loc(entry.first, path, offset),
             "duplicate key '" + entry.first.Scalar() + "' in front matter");
      }
    }
  }
  meta.name = m.str("name");
  meta.layout = m.str("layout");
  meta.layout_loc = m.loc_of("layout");
  meta.brand = m.str("brand");
  meta.brand_loc = m.loc_of("brand");
  meta.sizes = m.str_list("sizes");
  meta.sizes_loc = m.loc_of("sizes");
  meta.footer = m.str("footer");
  meta.url = m.str("url");
  meta.lang = m.str("lang");
  meta.format_loc = m.loc_of("format");
  if (const std::string f = m.str("format"); !f.empty())
    meta.format = check_format_name(f, meta.format_loc);
  meta.budgets_loc = m.loc_of("budgets");
  meta.budgets = m.str("budgets");
  if (m.has("personalize")) {
    m.node("personalize");
    // The block is read as a deck header's is, by one reader for both: the
    // YAML again as a deck tree, one blank line first so lines match the file.
    const DeckNode tree = deck_tree_from_yaml("\n" + yaml, path);
    meta.personalize = read_personalize(*tree.find("personalize"));
  }
  m.finish();
}

}  // namespace

FrontMatter read_front_matter(std::string_view text, const std::string& path) {
  FrontMatter out;
  out.body = text;
  size_t eol = std::min(text.find('\n'), text.size());
  if (!is_fence(text.substr(0, eol), false)) return out;

  // The YAML runs from line 2 up to the closing fence.
  size_t yaml_begin = std::min(eol + 1, text.size());
  int line = 2;
  for (size_t pos = yaml_begin; pos < text.size(); ++line) {
    size_t next = std::min(text.find('\n', pos), text.size());
    bool closing = is_fence(text.substr(pos, next - pos), true);
    next = std::min(next + 1, text.size());
    if (closing) {
      read_yaml(std::string(text.substr(yaml_begin, pos - yaml_begin)), path, out.meta);
      out.meta.loc = {path, 1, 1};
      out.body = text.substr(next);
      out.body_line = line + 1;
      return out;
    }
    pos = next;
  }
  fail({path, 1, 1}, "front matter is not closed", {"end it with a line '---'"});
}

}  // namespace placard
