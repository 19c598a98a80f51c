// librsvg queries for SVG templates: the viewBox and where each named element
// lies in user units. Only this file's .cc includes librsvg (and so Cairo).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/card.h"

namespace placard {

struct SvgGeometry {
  Rect view_box;                         // user units; the intrinsic size when there is none
  std::map<std::string, Rect> elements;  // id -> logical box in user units (absent: no extent)
};

// Measures the elements `ids` of the SVG `bytes` (read from `path`); fails
// with the path when librsvg cannot read it.
SvgGeometry measure_svg(const std::string& path, const std::string& bytes,
                        const std::vector<std::string>& ids);

}  // namespace placard
