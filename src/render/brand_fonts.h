// A brand's own fonts: each file named in brand.yaml is read and checked
// (format, cmap, the axes asked for and their ranges) before any card uses
// it, and registered under a family name of its own. A bad font is an error
// at the brand file's place, with the font's own axes as the hint.
#pragma once

#include "layout/template.h"

namespace placard {

// Reads and checks the files of `brand`'s fonts and scripts; fills each
// font's family, instance and axes, brand.font_set (what the text engine
// loads) and brand.font_report (a line per file, licence warnings, and the
// time it took). Does nothing for a brand that uses bundled families only.
void load_brand_fonts(Brand& brand);

}  // namespace placard
