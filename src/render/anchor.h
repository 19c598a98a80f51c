// Anchored elements: once the text is laid out, each element anchored to a
// text frame (Card::anchors) moves up or down to the frame's lines, so a bar
// or a quotation mark sits just above a short headline instead of where a
// long one would have started.
#pragma once

#include "model/card.h"
#include "text/text_fit.h"

namespace placard {

// The area an item covers: a shape's or image's box, a line's stroke, a
// text frame's ink as laid out (a quotation mark's glyph, not its line box).
Rect item_extent(const CardItem& item, const PlacedFrame* placed);

// Moves every anchored element to its frame's lines, in the order of
// Card::anchors. Fails, naming the element and the anchor's place in the
// layout file, when anchored text would leave the safe area.
void place_anchored(Card& card, CardLayout& layout);

}  // namespace placard
