// Markdown → Content. Cards: each "##" heading, each list item (nested ones
// too, numbered within their "##" section) and each "> " block quote ("— Name"
// on its last line or paragraph is the attribution). The first "#" heading is
// the campaign name, the paragraph after it the intro; other text is context.
// A trailing "{#id}" sets a card's id; otherwise the id is a slug of its
// headline. Optional YAML front matter (name, layout, brand, sizes, footer,
// lang) sits between "---" lines at the top.
#pragma once

#include <string>
#include <string_view>

#include "content/content.h"

namespace placard {

// Reads Markdown text; path is used for error places and stored in
// Content::path. Throws DiagnosticError with file:line:col.
Content parse_markdown(std::string_view text, const std::string& path);

// Reads the file at path and parses it; an unreadable file is an io failure.
Content read_markdown(const std::string& path);

}  // namespace placard
