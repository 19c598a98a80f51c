#include "render/platform_dump.h"

#include <gtest/gtest.h>

#include "layout/sizes.h"

namespace placard {
namespace {

using Json = nlohmann::ordered_json;

Json box(double x, double y, double w, double h) {
  return Json::array({x, y, w, h});
}

const Json& by_name(const Json& surfaces, const std::string& name) {
  for (const Json& s : surfaces)
    if (s["name"] == name) return s;
  static const Json none;
  ADD_FAILURE() << "no surface " << name;
  return none;
}

// The built-in og surfaces on a 1200x630 card: X keeps the middle 2:1 and
// lays its title over the bottom 76 px of what it shows; WhatsApp shows the
// card whole (its 1.91:1 crop is the card's own ratio).
TEST(SurfacesJson, TheOgCardOnXAndWhatsApp) {
  const SizePreset og = parse_sizes({"og"}, {})[0];
  const Json j = surfaces_json(og.surfaces, og.width, og.height, {});
  ASSERT_EQ(j.size(), og.surfaces.size());
  const Json& x = by_name(j, "x-card");
  EXPECT_EQ(x["platform"], "X");
  EXPECT_EQ(x["crop"], (Json{{"kind", "ratio"}, {"ratio", 2.0}, {"anchor", "center"}}));
  EXPECT_EQ(x["shown"], box(0, 15, 1200, 600));
  ASSERT_EQ(x["covered"].size(), 1u);
  EXPECT_EQ(x["covered"][0]["name"], "title overlay");
  EXPECT_EQ(x["covered"][0]["edge"], "bottom");
  EXPECT_EQ(x["covered"][0]["area"], box(0, 539, 1200, 76));
  const Json& wa = by_name(j, "whatsapp-link");
  EXPECT_EQ(wa["shown"][2], 1200);
  EXPECT_NEAR(wa["shown"][3].get<double>(), 628.27, 0.01);  // 1200 / 1.91
  EXPECT_TRUE(wa["covered"].empty());
  // Mastodon shows the image at its own ratio: no crop, nothing covered.
  const Json& mastodon = by_name(j, "mastodon-link");
  EXPECT_EQ(mastodon["crop"], (Json{{"kind", "none"}}));
  EXPECT_EQ(mastodon["shown"], box(0, 0, 1200, 630));
}

// The story surfaces' bars and rails, in canvas px, in the file's order.
TEST(SurfacesJson, StoryRailsAndBars) {
  const SizePreset story = parse_sizes({"story"}, {})[0];
  const Json j = surfaces_json(story.surfaces, story.width, story.height, {});
  const Json& tiktok = by_name(j, "tiktok");
  ASSERT_EQ(tiktok["covered"].size(), 4u);
  EXPECT_EQ(tiktok["covered"][0],
            (Json{{"name", "tabs and search"}, {"edge", "top"}, {"area", box(0, 0, 1080, 250)}}));
  EXPECT_EQ(tiktok["covered"][1]["area"], box(0, 1460, 1080, 460));
  EXPECT_EQ(tiktok["covered"][2],
            (Json{{"name", "right rail"}, {"edge", "right"}, {"area", box(880, 0, 200, 1920)}}));
  EXPECT_EQ(by_name(j, "shorts")["covered"][2]["area"], box(888, 0, 192, 1920));
  EXPECT_TRUE(by_name(j, "whatsapp-status")["covered"].empty());
}

// A square thumbnail and a box cover scale with the card; a custom size is
// measured in its own px.
TEST(SurfacesJson, ASquareThumbnailWithABoxScalesWithTheCard) {
  Surface s;
  s.name = "thumb";
  s.platform = "Chat";
  s.crop = {SurfaceCrop::Kind::square, 0, SurfaceCrop::Anchor::center};
  s.frame_w = 100;
  s.frame_h = 100;
  s.covers = {{"play button", SurfaceCover::Edge::box, 0, {40, 40, 20, 20}}};
  const Json j = surfaces_json({s}, 600, 300, {});
  EXPECT_EQ(j[0]["crop"], (Json{{"kind", "square"}, {"anchor", "center"}}));
  EXPECT_EQ(j[0]["shown"], box(150, 0, 300, 300));
  EXPECT_EQ(j[0]["covered"][0]["edge"], "box");
  EXPECT_EQ(j[0]["covered"][0]["area"], box(270, 120, 60, 60));
}

// Each surface carries the check's findings on it, worded as the warning.
TEST(SurfacesJson, IssuesGoToTheirSurface) {
  const SizePreset story = parse_sizes({"story"}, {})[0];
  PlatformIssue rail{
      "footer", "tiktok", "TikTok", "right rail", "", 46, {840, 1200, 200, 40}, {880, 0, 200, 1920},
      {}};
  const Json j = surfaces_json(story.surfaces, story.width, story.height, {rail});
  const Json& tiktok = by_name(j, "tiktok");
  ASSERT_EQ(tiktok["issues"].size(), 1u);
  EXPECT_EQ(tiktok["issues"][0]["element"], "footer");
  EXPECT_EQ(tiktok["issues"][0]["px"], 46);
  EXPECT_EQ(tiktok["issues"][0]["box"], box(840, 1200, 200, 40));
  EXPECT_EQ(tiktok["issues"][0]["text"], "footer is under TikTok's right rail by 46 px (tiktok)");
  EXPECT_TRUE(by_name(j, "reels")["issues"].empty());
}

}  // namespace
}  // namespace placard
