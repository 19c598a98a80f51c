#include "diff/compare_images.h"

#include <gtest/gtest.h>

#include "diff_test_data.h"

namespace placard {
namespace {

using namespace placard::test;

TEST(CompareImages, SameImageNothingChanged) {
  Pixmap p = solid(40, 20, {10, 20, 30, 255});
  ImageComparison c = compare_images(p, p);
  EXPECT_EQ(c.changed_share, 0);
  EXPECT_FALSE(c.box);
  // The difference is the image in grey (luma 18) faded towards white:
  // 255 - (255 - 18) / 5.
  EXPECT_EQ(c.difference.rgba(5, 5), (Rgba{208, 208, 208, 255}));
}

TEST(CompareImages, ShareBoxAndHighlight) {
  Pixmap before = solid(40, 20, {255, 255, 255, 255});
  Pixmap after = before;
  for (int y = 5; y < 10; ++y)
    for (int x = 10; x < 18; ++x) after.set_rgba(x, y, {0, 0, 0, 255});
  ImageComparison c = compare_images(before, after);
  EXPECT_DOUBLE_EQ(c.changed_share, 40.0 / 800.0);
  ASSERT_TRUE(c.box);
  EXPECT_EQ(*c.box, (PixelBox{10, 5, 8, 5}));
  EXPECT_EQ(c.difference.rgba(12, 7), (Rgba{230, 0, 126, 255}));
  EXPECT_EQ(c.difference.rgba(9, 4), (Rgba{230, 0, 126, 255}));  // the box's outline
  EXPECT_EQ(c.difference.rgba(30, 15), (Rgba{255, 255, 255, 255}));
}

TEST(CompareImages, SmallRoundingIsNotAChange) {
  Pixmap before = solid(4, 4, {100, 100, 100, 255});
  Pixmap after = solid(4, 4, {102, 99, 100, 255});
  EXPECT_EQ(compare_images(before, after).changed_share, 0);
  EXPECT_EQ(compare_images(before, after, 1).changed_share, 1);
}

TEST(CompareImages, PixelsOutsideTheOldImageChanged) {
  Pixmap before = solid(20, 20, {0, 0, 0, 255});
  Pixmap after = solid(40, 20, {0, 0, 0, 255});
  ImageComparison c = compare_images(before, after);
  EXPECT_DOUBLE_EQ(c.changed_share, 0.5);
  EXPECT_EQ(*c.box, (PixelBox{20, 0, 20, 20}));
}

TEST(CompareImages, TranslucentPixelsAreComparedWithStraightAlpha) {
  // The same straight colour at half alpha: premultiplied, its channels are
  // halved, and a tolerance of 2 on them would hide a change of 4.
  EXPECT_EQ(compare_images(solid(4, 4, {200, 100, 50, 128}), solid(4, 4, {202, 100, 50, 128}))
                .changed_share,
            0);
  EXPECT_EQ(compare_images(solid(4, 4, {200, 100, 50, 128}), solid(4, 4, {204, 100, 50, 128}))
                .changed_share,
            1);
  EXPECT_EQ(compare_images(solid(4, 4, {200, 100, 50, 128}), solid(4, 4, {200, 100, 50, 200}))
                .changed_share,
            1);
  // A transparent pixel is shown over white: faded white stays white.
  Pixmap clear = solid(4, 4, {0, 0, 0, 0});
  EXPECT_EQ(compare_images(clear, clear).difference.rgba(1, 1), (Rgba{255, 255, 255, 255}));
}

}  // namespace
}  // namespace placard
