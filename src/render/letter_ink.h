// A piece of text drawn alone, in black on a clear square, as a card draws
// it, and read back as each pixel's alpha: where the checks that measure
// letters from pixels start (mark clearance, the scripts' weights).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/card.h"

namespace placard {

class PangoText;

struct AlphaMap {
  int w = 0, h = 0;
  std::vector<uint8_t> a;  // row by row, w a row
};

// `utf8` in `face` at `size` px (language `lang`, "" for none), on a square
// `side` times `size` px, the text's origin half a size in from its top left.
// `what` names the drawing in an error from cairo.
AlphaMap draw_letter_alpha(PangoText& text, const FontSpec& face, const std::string& lang,
                           const std::string& utf8, double size, double side, const char* what);

}  // namespace placard
