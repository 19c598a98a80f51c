// The mark check (render/mark_clearance.h) on a brand's own fonts, as a
// warning: each role whose face is the brand's own file is checked on the
// accented letters the campaign's text uses, so that a designer hears that
// "niños" will read "niňos" before the cards go out. Bundled faces are
// checked by the test suite instead.
#pragma once

#include <vector>

#include "base/diagnostics.h"
#include "content/content.h"
#include "layout/template.h"

namespace placard {

// A warning (Check::font_marks) at the brand file's `file:` line for each of
// `brand`'s own role fonts that draws a letter of `content` with its mark
// touching the letter or off it. Results are kept per font file, instance
// and letter for the life of the process, so a reload or a preview's save
// checks only letters it has not seen.
std::vector<Diagnostic> check_brand_marks(const Brand& brand, const Content& content);

}  // namespace placard
