// Letter-spacing by script: none for joining and headstroke scripts or
// Thai, the layout's caps tracking for text all in capitals.
#include "text/tracking.h"

#include <gtest/gtest.h>

#include "test_blocks.h"

using namespace placard;

using Runs = std::vector<TrackingRun>;

TEST(Tracking, JoiningHeadstrokeAndThaiTextTakesNone) {
  const std::string hindi = "मतदान करें";
  EXPECT_EQ(tracking_runs(hindi, 0.1, std::nullopt, true), (Runs{{0, hindi.size(), 0}}));
  for (const std::string t : {"صوّتوا اليوم", "ভোট দিন", "ਵੋਟ ਪਾਓ", "ܫܠܡܐ", "ไปเลือกตั้ง", "ໄປເລືອກຕັ້ງ"})
    EXPECT_EQ(tracking_runs(t, 0.1, std::nullopt, false), (Runs{{0, t.size(), 0}})) << t;
  // Hebrew, Greek, CJK are spaced as the layout asks.
  const std::string he = "הצביעו";
  EXPECT_EQ(tracking_runs(he, 0.1, std::nullopt, false), (Runs{{0, he.size(), 0.1}}));
}

TEST(Tracking, MixedTextIsSpacedScriptByScript) {
  // "Vote " (Latin, its space going with it), then Devanagari unspaced.
  const std::string t = "Vote मतदान";
  EXPECT_EQ(tracking_runs(t, 0.08, std::nullopt, false), (Runs{{0, 5, 0.08}, {5, t.size(), 0}}));
}

TEST(Tracking, CapitalsGetTheCapsTracking) {
  // Typed in capitals: the layout's caps tracking, or the lower-case
  // tracking plus typesetting/tracking.yaml's caps_extra (0.05 em).
  const std::string caps = "VOTE NOW, 2030!";
  EXPECT_EQ(tracking_runs(caps, -0.01, 0.06, false), (Runs{{0, caps.size(), 0.06}}));
  ASSERT_EQ(tracking_runs(caps, -0.01, std::nullopt, false).size(), 1u);
  EXPECT_NEAR(tracking_runs(caps, -0.01, std::nullopt, false)[0].em, 0.04, 1e-12);
  const std::string greek = "ΨΗΦΙΣΤΕ", cyr = "ГОЛОСУЙТЕ";
  EXPECT_NEAR(tracking_runs(greek, 0, std::nullopt, false)[0].em, 0.05, 1e-12);
  EXPECT_NEAR(tracking_runs(cyr, 0, std::nullopt, false)[0].em, 0.05, 1e-12);
  // Set in capitals by the layout: its tracking was chosen for them.
  EXPECT_EQ(tracking_runs("Vote now", 0.09, std::nullopt, true), (Runs{{0, 8, 0.09}}));
  // Mixed case, or a single capital, is lower-case text.
  EXPECT_EQ(tracking_runs("Vote NOW", -0.01, 0.06, false), (Runs{{0, 8, -0.01}}));
  EXPECT_EQ(tracking_runs("A 1", -0.01, 0.06, false), (Runs{{0, 3, -0.01}}));
}

TEST(Tracking, ATrackedDevanagariLineKeepsItsWidth) {
  // Set with the layout's tracking, Devanagari is as wide as set without:
  // its headstroke is not cut into pieces. Latin grows.
  Fonts fonts(fonts_dir());
  PangoText pango(fonts, "hi");
  const auto width = [&](const std::string& text, double tracking) {
    TextBlock b = headline_block(text, "Inter", 700, "hi");
    b.style.tracking = tracking;
    b.style.uppercase = true;
    const ShapedText s = pango.shape(b, 40);
    return s.chars.back().x - s.chars.front().x;
  };
  EXPECT_NEAR(width("मतदान करें", 0.1), width("मतदान करें", 0), 0.01);
  EXPECT_GT(width("Vote", 0.1), width("Vote", 0) + 3 * 0.1 * 40 * 0.9);  // three gaps at least
}
