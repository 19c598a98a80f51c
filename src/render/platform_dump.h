// What each surface of a card's size shows of it, as JSON: the part its crop
// keeps and the areas its interface covers, in canvas px, from the same
// shown_area() and covered_areas() the platform check measures with, and
// what the check found there. `placard preview` draws its platform views
// from this, so the page and the check cannot disagree.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "layout/surface.h"
#include "render/platform_check.h"

namespace placard {

// One object per surface, in order: name, platform, shows, crop {kind:
// "none" | "ratio" | "square", ratio, anchor}, shown [x, y, w, h], covered
// [{name, edge, area [x, y, w, h]}], issues [{element, cover, crop, px, box,
// area, text}] (the check's findings on this surface; `text` as the warning
// says it). Boxes rounded to 1/100 px, as in the layout dump.
nlohmann::ordered_json surfaces_json(const std::vector<Surface>& surfaces, int width, int height,
                                     const std::vector<PlatformIssue>& issues);

}  // namespace placard
