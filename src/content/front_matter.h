// YAML front matter at the top of a Markdown file: campaign-wide settings
// between a "---" line and a closing "---" (or "...") line.
#pragma once

#include <string>
#include <string_view>

#include "content/content.h"

namespace placard {

struct FrontMatter {
  CampaignMeta meta;      // what the front matter gave; all empty without one
  std::string_view body;  // the text after it (all of the text without one)
  int body_line = 1;      // the file line on which body starts
};

// Splits the front matter off text and reads it. text must be valid UTF-8
// with "\n" line ends. Throws DiagnosticError on unknown keys, wrong types
// and YAML syntax errors, with their place in the file.
FrontMatter read_front_matter(std::string_view text, const std::string& path);

}  // namespace placard
