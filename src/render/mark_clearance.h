// Whether a face draws the marks of accented Latin letters clear of their
// base letter: each letter of Latin-1, Latin Extended-A and -B and
// Vietnamese that has a mark above is drawn alone, as a card would draw it,
// and read back from the pixels. A mark must have a row of no ink between
// it and its letter (not sunk into it or fused with it) and stand over the
// letter's ink (not over the next letter). A face that fails reads wrongly:
// "niños" as "niňos", "Hồ" as "Hò".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/card.h"
#include "text/fonts.h"

namespace placard {

// A letter with marks above, and the letter it is drawn on: the letter
// without those marks ("ñ" → "n", "ộ" → "ọ"), dotless for i and j.
struct MarkedLetter {
  char32_t letter = 0;
  std::string utf8, base;
};

// Every such letter in U+00C0–U+024F and U+1EA0–U+1EF9, from Unicode's
// decompositions (marks of combining class 230, "above"). The Czech and
// Slovak carons of ď, ľ, Ľ and ť are drawn as a stroke beside the stem,
// not above, and are left out.
const std::vector<MarkedLetter>& letters_with_marks_above();

struct MarkFault {
  char32_t letter = 0;
  std::string problem;  // "the mark touches the letter", …
};

struct MarkCheck {
  int letters = 0;  // letters the face draws itself, and so was checked on
  std::vector<MarkFault> faults;
};

// Checks `face` over letters_with_marks_above(), each drawn at `size` px;
// over only those of them in `only`, when it is not empty.
MarkCheck check_mark_clearance(Fonts& fonts, const FontSpec& face, double size = 160,
                               std::u32string_view only = {});

// "U+00F1 ñ: the mark touches the letter"
std::string describe(const MarkFault& fault);

}  // namespace placard
