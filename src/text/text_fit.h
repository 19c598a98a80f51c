// Lays out a card's text: picks the font sizes at which each frame's text
// fits its box and line limits (auto-fit, growing short texts and shrinking
// long ones), balances line widths, and places each block in its box.
// Works over a TextMeasurer, so it holds no Pango code.
#pragma once

#include <string>
#include <vector>

#include "model/card.h"
#include "text/pango_text.h"

namespace placard {

struct PlacedBlock {
  size_t index = 0;     // into TextFrame::blocks
  TextBlock block;      // what is drawn: the frame's block, or it with break aids
  double size = 0;      // chosen font size, px
  double wrap = 0;      // wrap width, px (balanced: at most the box width)
  double x = 0, y = 0;  // top-left of the layout on the canvas
  TextMeasure measure;
};

struct PlacedFrame {
  std::string name;
  std::vector<PlacedBlock> blocks;
};

struct CardLayout {
  std::vector<PlacedFrame> frames;  // one per TextFrame item, in item order
  std::vector<std::string> warnings;
};

// Fits one frame; fails naming the card, the field and the shortfall when the
// text cannot fit even at its minimum size.
PlacedFrame fit_frame(const Card& card, const TextFrame& frame, TextMeasurer& measurer);

// Fits every text frame of the card.
CardLayout lay_out_card(const Card& card, TextMeasurer& measurer);

}  // namespace placard
