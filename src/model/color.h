// WCAG 2.2 colour maths: relative luminance of sRGB colours, the contrast
// ratio between two, compositing and the large-text rule. Used by the brand
// reader (ink or paper on a fill) and by the contrast check of drawn cards.
#pragma once

#include <string>

#include "model/card.h"

namespace placard {

// WCAG 2.2 relative luminance (0 black .. 1 white) of an opaque colour.
double relative_luminance(const Color& c);

// (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 .. 21.
double contrast_ratio(const Color& a, const Color& b);

// `top` with its alpha composited over the opaque `bottom`.
Color over(const Color& top, const Color& bottom);

// WCAG large text: at least 24px, or 18.66px (14pt) at weight 700 or more.
bool is_large_text(double size_px, int weight);

// "#RRGGBB" for messages.
std::string hex_color(const Color& c);

}  // namespace placard
