// Reads layouts (layouts/*.yaml) and brands (brand.yaml) into plain data.
// Every mistake is an error with file:line:col; unknown keys get a hint.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "layout/template.h"

namespace placard {

// Whether a layout name is a file rather than a built-in layout: it has a
// '/' or ends in .yaml, .yml or .svg. The one answer every command uses.
bool is_layout_file(const std::string& name);

// Where a layout named by `name` is: a built-in name as it is, a file
// relative to `base_dir` (the folder of the content file that names it; ""
// for the command line, whose files are relative to the working directory).
std::string layout_reference(const std::string& name, const std::string& base_dir);

// "standard" (a built-in name) or a path to a .yaml or .svg file.
Layout load_layout(const std::string& name_or_path);
Layout parse_layout(const std::string& yaml_text, const std::string& path);

// The line-breaking weights of typesetting/breaking.yaml, read again
// whenever the file has changed since the last call.
BreakCosts default_break_costs();

// Built-in layouts as (name, description), sorted by name.
std::vector<std::pair<std::string, std::string>> list_layouts();

Brand load_brand(const std::string& path);
Brand parse_brand(const std::string& yaml_text, const std::string& path);

// A field of the card itself (headline, body, ...); any other name a text
// frame binds is a supporter's field of a personal card.
bool is_card_field(const std::string& name);

// "#rgb", "#rrggbb" or "#rrggbbaa"; false when malformed.
bool parse_hex_color(const std::string& s, Color& out);

}  // namespace placard
