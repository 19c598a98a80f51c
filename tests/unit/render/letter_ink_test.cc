// A letter drawn alone and read back as alpha: what the mark and weight
// checks measure. Its ink lies inside the square, starts half a size in from
// the top left, and grows with the size; a space draws nothing.
#include "render/letter_ink.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "base/resources.h"
#include "text/fonts.h"
#include "text/pango_text.h"

using namespace placard;

namespace {

struct Box {
  int x0, y0, x1, y1;  // inclusive; x1 < x0 when there is no ink
};

Box ink_box(const AlphaMap& m) {
  Box b{m.w, m.h, -1, -1};
  for (int y = 0; y < m.h; ++y)
    for (int x = 0; x < m.w; ++x)
      if (m.a[static_cast<size_t>(y) * m.w + x] >= 128) {
        b.x0 = std::min(b.x0, x), b.y0 = std::min(b.y0, y);
        b.x1 = std::max(b.x1, x), b.y1 = std::max(b.y1, y);
      }
  return b;
}

}  // namespace

// The bundled fonts and a text engine, as the checks that draw letters use.
class LetterInk : public ::testing::Test {
 protected:
  Fonts fonts{fonts_dir()};
  PangoText text{fonts, "en"};
};

TEST_F(LetterInk, ALetterIsDrawnInsideItsSquareHalfASizeIn) {
  const FontSpec inter{"Inter", 700, false, "", false, false};
  const AlphaMap h = draw_letter_alpha(text, inter, "en", "H", 100, 2.5, "test");
  ASSERT_EQ(h.w, 250);
  ASSERT_EQ(h.h, 250);
  const Box b = ink_box(h);
  ASSERT_GE(b.x1, b.x0) << "no ink";
  // The H starts at the origin (50, 50) plus its side bearing and the line's
  // half-leading, and is about a cap height (0.73 em) tall.
  EXPECT_GE(b.x0, 50);
  EXPECT_LT(b.x0, 70);
  EXPECT_GT(b.y0, 50);
  EXPECT_NEAR(b.y1 - b.y0 + 1, 73, 4);
  EXPECT_LT(b.x1, 249);
  EXPECT_LT(b.y1, 249);
  // Twice the size, twice the height.
  const Box big = ink_box(draw_letter_alpha(text, inter, "en", "H", 200, 2.5, "test"));
  EXPECT_NEAR(big.y1 - big.y0 + 1, 2 * (b.y1 - b.y0 + 1), 3);
}

TEST_F(LetterInk, ASpaceDrawsNothing) {
  const FontSpec inter{"Inter", 400, false, "", false, false};
  const AlphaMap m = draw_letter_alpha(text, inter, "", " ", 80, 2.2, "test");
  EXPECT_EQ(m.w, 176);
  for (uint8_t a : m.a) ASSERT_EQ(a, 0);
}
