// Decoration yields to text (docs/layouts.md). Once the text is placed, each
// item of an element marked `role: decoration` (a ring, a bar, a rule) whose
// ink would come within a margin of a text's ink moves, up to its `move`, or
// shrinks, down to its `scale`, by the smallest change that clears every
// line; one that cannot is drawn with its ink knocked out around the glyphs
// (draw.cc). Either way no decoration lies on a letter.
#pragma once

#include <vector>

#include "model/card.h"
#include "text/text_fit.h"

namespace placard {

// The ink of every line of the card's text on the canvas, each grown by the
// margin decorations keep from it (decoration_margin()).
std::vector<Rect> text_ink(const CardLayout& layout);

// The margin kept between a decoration and the glyphs of a block, px: a
// twentieth of its size, at least 2 px.
double decoration_margin(const PlacedBlock& b);

// Whether a decorative item's ink may reach any of `ink` (a radial
// gradient's ink is the ring between its first and last visible stops).
bool touches(const CardItem& item, const std::vector<Rect>& ink);

// Moves or shrinks each decorative item that touches the text, within its
// allowed range, to the nearest place and size that does not.
void yield_decorations(Card& card, const CardLayout& layout);

}  // namespace placard
