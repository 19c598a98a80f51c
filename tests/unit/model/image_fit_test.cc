// Where an image lands in its box: the maths the renderer and the panel's
// preview (gallery/personal.js, coverRect) share.
#include "model/image_fit.h"

#include <gtest/gtest.h>

using namespace placard;

TEST(ImageFit, CoverPutsTheFocalPointAtTheCentreAsFarAsTheImageAllows) {
  // 800x600 into 720x630: scaled by 1.05 (the height), 840 wide.
  const Rect box{480, 0, 720, 630};
  Rect r = fit_image(box, 800, 600, ImageFit::cover, Align::start, VAlign::center, 0.5, 0.5);
  EXPECT_DOUBLE_EQ(r.w, 840);
  EXPECT_DOUBLE_EQ(r.h, 630);
  EXPECT_DOUBLE_EQ(r.x, 480 - 60);
  // A focal point at the right edge: clamped, the image's right edge on the box's.
  r = fit_image(box, 800, 600, ImageFit::cover, Align::start, VAlign::center, 1, 0.5);
  EXPECT_DOUBLE_EQ(r.x + r.w, box.right());
}

TEST(ImageFit, ZoomEnlargesACoverAroundItsFocalPoint) {
  const Rect box{0, 0, 400, 300};
  // 400x300 covers exactly at 1; at 2 it is 800x600, its point (0.25, 0.75)
  // at the box's centre: x = 200 - 200, y = 150 - 450.
  Rect r = fit_image(box, 400, 300, ImageFit::cover, Align::start, VAlign::center, 0.25, 0.75, 2);
  EXPECT_DOUBLE_EQ(r.w, 800);
  EXPECT_DOUBLE_EQ(r.h, 600);
  EXPECT_DOUBLE_EQ(r.x, 0);
  EXPECT_DOUBLE_EQ(r.y, -300);
  // Below 1 it is 1 (a cover never leaves the box partly empty) ...
  r = fit_image(box, 400, 300, ImageFit::cover, Align::start, VAlign::center, 0.5, 0.5, 0.5);
  EXPECT_DOUBLE_EQ(r.w, 400);
  // ... and contain ignores it.
  r = fit_image(box, 200, 300, ImageFit::contain, Align::start, VAlign::center, 0.5, 0.5, 3);
  EXPECT_DOUBLE_EQ(r.h, 300);
}
