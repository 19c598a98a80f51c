// SVG templates: a layout drawn in a design tool and exported as SVG. Elements
// whose id names a field (kicker, headline, body, attribution, footer, number,
// campaign) become text frames; the rest of the drawing is painted by librsvg.
// This file reads the SVG's structure (libxml2) into plain data; the geometry
// comes from librsvg through svg_geometry.h.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "layout/template.h"

namespace placard {

struct SvgAttr {
  std::string value;
  SourceLoc loc;
};

// One element bound to a field.
struct SvgFieldElement {
  std::string id;                     // as written in the file
  std::string field;                  // the field it names
  std::string tag;                    // "rect", "text", ...
  double x = 0, y = 0, w = 0, h = 0;  // user units (viewBox coordinates)
  // Style hints: data-* attributes and, for <text>, fill, font-size,
  // font-weight, font-style, text-anchor (from attributes or style="").
  std::map<std::string, SvgAttr> attrs;
  SourceLoc loc;
};

struct SvgTemplateInfo {
  double view_x = 0, view_y = 0, view_w = 0, view_h = 0;
  std::vector<SvgFieldElement> fields;
};

using SvgCache = std::map<std::string, SvgTemplateInfo>;

// Reads the SVG at `path` once per cache; fails with file:line:col when it is
// not well-formed SVG or a field element has no size.
const SvgTemplateInfo& inspect_svg_template(const std::string& path, SvgCache& cache);

// The text style written on a field element, over `base` (the defaults);
// unknown or malformed data-* attributes fail at their place with a hint.
TextSpec svg_field_style(const SvgFieldElement& el, TextSpec base);

// The data-* attributes a field element may carry.
const std::vector<std::string>& svg_style_attributes();

}  // namespace placard
