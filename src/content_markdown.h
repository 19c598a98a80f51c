// Markdown → Content: each "##" heading, list item and block quote becomes a
// card. See docs or the comments in content_markdown.cc for the rules.
#pragma once

#include <string>
#include <string_view>

#include "content.h"

namespace placard {

// Reads Markdown text (optionally with YAML front matter). path is used for
// error places and stored in Content::path. Throws DiagnosticError.
Content parse_markdown(std::string_view text, const std::string& path);

// Reads the file at path and parses it; an unreadable file is an io failure.
Content read_markdown(const std::string& path);

}  // namespace placard
