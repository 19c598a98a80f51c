// Renders the gallery model into HTML with a Mustache template
// (gallery/index.html.mustache). {{name}} escapes &, <, >, " and ', so the
// campaign's text always reaches the page as text, never as markup.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace placard {

// Throws DiagnosticError (placed at template_path) for a template that does
// not parse or render.
std::string render_gallery_page(const std::string& template_text, const std::string& template_path,
                                const nlohmann::json& model);

}  // namespace placard
