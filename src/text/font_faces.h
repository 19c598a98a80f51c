// The faces a font set holds, and whether a face draws a character itself
// rather than through a fallback: what checks run face by face iterate over.
#pragma once

#include <string>
#include <vector>

#include "model/card.h"
#include "text/fonts.h"

namespace placard {

// Every face in the set (family, weight, italic), sorted, each once.
std::vector<FontSpec> font_faces(const Fonts& fonts);

// Whether the face `font` names has a glyph for `c` in its own file.
bool face_draws(const Fonts& fonts, const FontSpec& font, char32_t c);

}  // namespace placard
