// A laid-out card as JSON: chosen sizes, lines and boxes. Used by
// `placard card --dump-layout`, the golden layout tests and the overlays of
// `placard preview` (which is why it sits in render/, below serve/ and cli/).
#pragma once

#include <string>

#include "model/card.h"
#include "text/text_fit.h"

namespace placard {

// Elements anchored to a text (see render/anchor.h) are listed under
// `anchored` with the box they ended up in. With `line_geometry`, each block also gets `size_range`
// ([min, max] px), `line_boxes` (each line's logical box) and `baselines` (each line's baseline y),
// in canvas px like every other box.
std::string dump_layout(const Card& card, const CardLayout& layout, bool line_geometry = false);

}  // namespace placard
