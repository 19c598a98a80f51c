// WCAG 2.2 contrast of a text's colour against the pixels actually drawn
// under it (the colour maths is model/color.h). Plain math over Pixmaps; no Cairo.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/pixmap.h"
#include "model/card.h"
#include "model/color.h"

namespace placard {

// The pixels under one block of text: the background as drawn before the
// text (an opaque region of the card) and the text's coverage of it.
struct TextBackdrop {
  size_t frame = 0;           // index among the card's text frames
  size_t block = 0;           // index into the frame's blocks
  double size = 0;            // font size, px
  Rect area;                  // canvas px under the text and around it
  Pixmap background;          // ARGB32, area.w x area.h; or 1 x 1 when the whole
                              // area is one colour
  std::vector<uint8_t> mask;  // 0..255 per background pixel: the text, slightly widened
};

struct ContrastResult {
  double ratio = 21;  // the contrast that all but the worst 1% of pixels reach
  Color worst_background;
  int pixels = 0;  // pixels under the text
};

// Contrast of `text` (which may be translucent) against the masked pixels.
ContrastResult measure_contrast(const Color& text, const TextBackdrop& backdrop);

// One block whose text fails the check, as values (the preview shows them).
struct ContrastFailure {
  size_t frame = 0, block = 0;  // as in TextBackdrop
  std::string field;            // "footer", or "headline (strong)" for a span colour
  double ratio = 0;             // measured, floored to two decimals as in the message
  double needed = 4.5;          // 4.5, or 3 for large text
  double size = 0;              // font size, px
  std::string text_color;       // "#RRGGBB"
  std::string background;       // "#RRGGBB", the worst background under the text
};

// Checks every backdrop of a card against every colour its text uses (the
// block's colour, and the strong and em colours where those spans occur).
// Returns one error per failing block: 4.5:1, or 3:1 for large text; with
// `failures`, also each as values, in the same order.
std::vector<Diagnostic> check_contrast(const Card& card, const std::vector<TextBackdrop>& backdrops,
                                       std::vector<ContrastFailure>* failures = nullptr);

}  // namespace placard
