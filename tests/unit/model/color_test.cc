// WCAG 2.2 contrast maths.
#include "model/color.h"

#include <gtest/gtest.h>

using namespace placard;

TEST(Contrast, BlackOnWhiteIs21AndEqualColoursAre1) {
  EXPECT_NEAR(contrast_ratio({0, 0, 0, 1}, {1, 1, 1, 1}), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio({0.3, 0.5, 0.2, 1}, {0.3, 0.5, 0.2, 1}), 1.0, 1e-9);
}

TEST(Contrast, KnownPairsMatchWcagValues) {
  // #767676 on white is the classic 4.54:1, just passing AA for body text.
  const Color grey{0x76 / 255.0, 0x76 / 255.0, 0x76 / 255.0, 1};
  EXPECT_NEAR(contrast_ratio(grey, {1, 1, 1, 1}), 4.54, 0.01);
  // #777777 is the first grey that fails.
  const Color lighter{0x77 / 255.0, 0x77 / 255.0, 0x77 / 255.0, 1};
  EXPECT_LT(contrast_ratio(lighter, {1, 1, 1, 1}), 4.5);
}

TEST(Contrast, LargeTextIs24pxOr18_66pxBold) {
  EXPECT_TRUE(is_large_text(24, 400));
  EXPECT_FALSE(is_large_text(23.9, 400));
  EXPECT_TRUE(is_large_text(18.7, 700));
  EXPECT_FALSE(is_large_text(18.7, 600));
}
