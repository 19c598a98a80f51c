// A laid-out card as JSON: chosen sizes, lines and boxes. Used by
// `placard card --dump-layout`, the golden layout tests and the overlays of
// `placard preview` (which is why it sits in render/, below serve/ and cli/).
#pragma once

#include <string>
#include <vector>

#include "layout/surface.h"
#include "model/card.h"
#include "render/platform_check.h"
#include "text/text_fit.h"

namespace placard {

// Elements anchored to a text (see render/anchor.h) are listed under
// `anchored` with the box they ended up in. With `line_geometry`, each block also gets `size_range`
// ([min, max] px), `line_boxes` (each line's logical box) and `baselines` (each line's baseline y),
// in canvas px like every other box.
std::string dump_layout(const Card& card, const CardLayout& layout, bool line_geometry = false);

// The same with `surfaces`: what each surface of the card's size shows of it
// and covers, with the platform check's findings (render/platform_dump.h).
// `placard preview` serves this one.
std::string dump_layout(const Card& card, const CardLayout& layout, bool line_geometry,
                        const std::vector<Surface>& surfaces,
                        const std::vector<PlatformIssue>& issues);

}  // namespace placard
