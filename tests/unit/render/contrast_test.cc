// The WCAG 2.2 check of text against drawn pixels.
#include "render/contrast.h"

#include <gtest/gtest.h>

using namespace placard;

namespace {
TextBackdrop backdrop(int w, int h, Rgba left, Rgba right) {
  TextBackdrop d;
  d.size = 40;
  d.background = Pixmap::make(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) d.background.set_rgba(x, y, x < w / 2 ? left : right);
  d.mask.assign(size_t(w) * h, 255);
  return d;
}
}  // namespace

TEST(Contrast, TheWorstPartOfTheBackgroundDecides) {
  // White text over half navy, half light grey: the grey half fails.
  TextBackdrop d = backdrop(100, 10, {20, 20, 80, 255}, {220, 220, 220, 255});
  ContrastResult r = measure_contrast({1, 1, 1, 1}, d);
  EXPECT_LT(r.ratio, 1.5);
  EXPECT_EQ(hex_color(r.worst_background), "#DCDCDC");
}

TEST(Contrast, ASpeckUnderTheTextDoesNotFailIt) {
  // 0.5% of the pixels bright: the other 99.5% decide.
  TextBackdrop d = backdrop(200, 10, {20, 20, 80, 255}, {20, 20, 80, 255});
  for (int x = 0; x < 10; ++x) d.background.set_rgba(x, 0, {255, 255, 255, 255});
  EXPECT_GT(measure_contrast({1, 1, 1, 1}, d).ratio, 10);
}

TEST(Contrast, OnlyMaskedPixelsCount) {
  TextBackdrop d = backdrop(100, 10, {255, 255, 255, 255}, {0, 0, 0, 255});
  for (int y = 0; y < 10; ++y)
    for (int x = 0; x < 50; ++x) d.mask[size_t(y) * 100 + x] = 0;  // not under the text
  EXPECT_NEAR(measure_contrast({1, 1, 1, 1}, d).ratio, 21, 0.01);
}

TEST(Contrast, TranslucentTextIsBlendedFirst) {
  TextBackdrop d = backdrop(10, 10, {255, 255, 255, 255}, {255, 255, 255, 255});
  const double solid = measure_contrast({0, 0, 0, 1}, d).ratio;
  const double faint = measure_contrast({0, 0, 0, 0.3}, d).ratio;
  EXPECT_NEAR(solid, 21, 0.01);
  EXPECT_LT(faint, 2.5);
}

TEST(Contrast, CheckNamesTheCardFieldAndRatio) {
  Card card;
  card.id = "c";
  card.size_name = "og";
  card.width = 1200;
  card.height = 630;
  TextFrame frame;
  frame.name = "main";
  frame.loc = {"layout.yaml", 12, 5};
  TextBlock b;
  b.field = "headline";
  b.text.spans.push_back({"Hello", false, false});
  b.style.color = {0.6, 0.6, 0.6, 1};
  frame.blocks.push_back(b);
  card.items.push_back(frame);
  TextBackdrop d = backdrop(10, 10, {255, 255, 255, 255}, {255, 255, 255, 255});
  d.size = 16;
  auto errors = check_contrast(card, {d});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].loc.line, 12);
  EXPECT_NE(
      errors[0].message.find("card 'c' (og 1200x630): headline text #999999 has contrast 2.84:1"),
      std::string::npos)
      << errors[0].message;
  EXPECT_NE(errors[0].message.find("needs 4.5:1"), std::string::npos);
  d.size = 30;  // large text needs only 3:1, which 2.84 still misses
  EXPECT_NE(check_contrast(card, {d})[0].message.find("3:1 for large text"), std::string::npos);
}
