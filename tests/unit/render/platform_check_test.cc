#include "render/platform_check.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layout/layout_file.h"
#include "layout/platforms.h"
#include "layout/sizes.h"
#include "render/pipeline.h"

namespace placard {
namespace {

// A card with one text frame whose block `field` has its ink at `ink`.
struct OneText {
  Card card;
  CardLayout layout;
  OneText(int w, int h, const std::string& field, Rect ink) {
    card.id = "c";
    card.width = w;
    card.height = h;
    TextFrame frame;
    frame.name = field;
    frame.box = ink;
    card.items.push_back(frame);
    PlacedBlock b;
    b.block.field = field;
    b.x = ink.x - 3;  // the ink is relative to the layout's origin
    b.y = ink.y - 7;
    b.measure.ink = {3, 7, ink.w, ink.h};
    layout.frames.push_back({field, {b}});
  }
};

Surface surface(const std::string& name, const std::string& platform, double fw, double fh) {
  Surface s;
  s.name = name;
  s.platform = platform;
  s.frame_w = fw;
  s.frame_h = fh;
  return s;
}

TEST(PlatformCheck, ARatioCropCutsOffTextNearTheEdge) {
  Surface x = surface("x-card", "X", 1200, 600);
  x.crop = {SurfaceCrop::Kind::ratio, 2.0, SurfaceCrop::Anchor::center};
  OneText t(1200, 630, "kicker", {80, 5, 400, 30});
  auto issues = check_platforms(t.card, t.layout, {x});
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(describe(issues[0]), "kicker is cut off by X's 2:1 crop by 10 px (x-card)");
  EXPECT_EQ(issues[0].area, (Rect{0, 15, 1200, 600}));
  // 16 px down, it is seen whole.
  OneText inside(1200, 630, "kicker", {80, 16, 400, 30});
  EXPECT_TRUE(check_platforms(inside.card, inside.layout, {x}).empty());
}

TEST(PlatformCheck, ACentredSquareThumbnailCutsTheSides) {
  Surface thumb = surface("thumb", "WhatsApp", 0, 0);
  thumb.crop = {SurfaceCrop::Kind::square};
  OneText t(1200, 630, "headline", {100, 200, 1000, 120});
  auto issues = check_platforms(t.card, t.layout, {thumb});
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(describe(issues[0]),
            "headline is cut off by WhatsApp's square thumbnail by 185 px "
            "(thumb)");
}

TEST(PlatformCheck, ACoveredBandReportsItsDepth) {
  Surface reels = surface("reels", "Instagram Reels", 1080, 1920);
  reels.covers = {{"caption and buttons", SurfaceCover::Edge::bottom, 672, {}}};
  OneText t(1080, 1920, "footer", {100, 1200, 500, 80});
  auto issues = check_platforms(t.card, t.layout, {reels});
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(describe(issues[0]),
            "footer is under Instagram Reels' caption and buttons by 32 px "
            "(reels)");
  // Half a pixel is antialiasing, not an overlap.
  OneText edge(1080, 1920, "footer", {100, 1168, 500, 80.4});
  EXPECT_TRUE(check_platforms(edge.card, edge.layout, {reels}).empty());
}

TEST(PlatformCheck, ASideRailReportsHowFarTheElementReachesUnderIt) {
  Surface tiktok = surface("tiktok", "TikTok", 1080, 1920);
  tiktok.covers = {{"right rail", SurfaceCover::Edge::right, 200, {}}};
  OneText t(1080, 1920, "footer", {300, 1000, 626, 40});  // right edge at 926
  auto issues = check_platforms(t.card, t.layout, {tiktok});
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(describe(issues[0]), "footer is under TikTok's right rail by 46 px (tiktok)");
  // The rail scales with a smaller story-shaped card: 100 px of 540.
  OneText half(540, 960, "footer", {150, 500, 313, 20});
  auto scaled = check_platforms(half.card, half.layout, {tiktok});
  ASSERT_EQ(scaled.size(), 1u);
  EXPECT_EQ(scaled[0].px, 23);
}

// The logo and elements marked important are checked by their boxes; other
// shapes (backgrounds, bands) may run under the interface.
TEST(PlatformCheck, TheLogoAndImportantElementsCountOthersDoNot) {
  Surface tiktok = surface("tiktok", "TikTok", 1080, 1920);
  tiktok.covers = {{"right rail", SurfaceCover::Edge::right, 200, {}}};
  Card card;
  card.width = 1080;
  card.height = 1920;
  card.items.push_back(ShapeItem{{0, 0, 1080, 1920}, {}, {}, 0, {}});  // background
  ImageItem logo;
  logo.box = {800, 1100, 200, 80};
  card.items.push_back(logo);
  card.kept.push_back({"logo", {1}, {}});
  auto issues = check_platforms(card, CardLayout{}, {tiktok});
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(describe(issues[0]), "logo is under TikTok's right rail by 120 px (tiktok)");
}

// A deliberately bad layout, drawn by the real pipeline: a footer under
// TikTok's right rail on the story, a headline under X's title overlay on
// the link card. Both are reported with their pixels, and --strict fails.
TEST(PlatformCheck, ABadLayoutIsReportedWithItsPixels) {
  // Its own safe zones (the story's old 14% top, full width; the whole link
  // card), so that its text can go where the platforms' interfaces are.
  Layout layout = parse_layout(
      "safe_area: {story: {top: 0.14, bottom: 0.1}, og: {bottom: 0}}\n"
      "elements:\n"
      "  - {name: main, type: stack, area: canvas, box: [0.1, 0.2, 0.5, 0.3], items: [{field: "
      "headline, size: [40, 40], max_lines: 3}]}\n"
      "  - {name: footer, field: footer, area: canvas, box: [0.5, 0.5, 0.4, 0.05], size: [30, "
      "30], align: end}\n"
      "overrides:\n"
      "  landscape:\n"
      "    main: {box: [0.05, 0.86, 0.6, 0.13], valign: bottom}\n"
      "    footer: {box: [0.6, 0.05, 0.3, 0.1]}\n",
      "bad.yaml");
  Renderer renderer;
  Brand brand = resolve_brand("", Content{}, renderer.fonts());
  CampaignMeta meta;
  meta.lang = "en";
  meta.footer = "example.org/campaign";
  const ContentCard card = statement_card("Headline low.");
  const SizePreset story = parse_sizes({"story"}, {})[0];
  Rendered s = render_one(make_render_job(card, meta, layout, brand, story), renderer);
  std::vector<std::string> tiktok;
  for (const PlatformIssue& i : s.platforms)
    if (i.surface == "tiktok") tiktok.push_back(describe(i));
  ASSERT_EQ(tiktok.size(), 1u) << ::testing::PrintToString(tiktok);
  // The footer's ink ends (right-aligned) near 0.9 * 1080 = 972; the rail
  // starts at 880.
  const PlatformIssue* footer = nullptr;
  for (const PlatformIssue& i : s.platforms)
    if (i.surface == "tiktok") footer = &i;
  EXPECT_EQ(footer->element, "footer");
  EXPECT_EQ(footer->px, static_cast<int>(std::ceil(footer->box.right() - 880 - 1e-6)));
  EXPECT_GT(footer->px, 80);
  EXPECT_LE(footer->px, 92);
  const auto warned =
      std::find_if(s.layout.warnings.begin(), s.layout.warnings.end(), [&](const Diagnostic& d) {
        return d.check == Check::platform &&
               d.message == "card 'headline-low' story: " + describe(*footer);
      });
  ASSERT_NE(warned, s.layout.warnings.end());
  EXPECT_EQ(warned->loc.file, "bad.yaml");

  const SizePreset og = parse_sizes({"og"}, {})[0];
  Rendered o = render_one(make_render_job(card, meta, layout, brand, og), renderer);
  const PlatformIssue* headline = nullptr;
  for (const PlatformIssue& i : o.platforms)
    if (i.surface == "x-card" && i.element == "headline" && !i.cover.empty()) headline = &i;
  ASSERT_TRUE(headline) << ::testing::PrintToString(o.layout.warnings);
  // X's title overlay covers y 539-615 of the 630 px card; the headline's
  // ink ends near its box's bottom, 0.99 * 630: it must move up that far.
  EXPECT_EQ(headline->area, (Rect{0, 539, 1200, 76}));
  EXPECT_EQ(headline->px, static_cast<int>(std::ceil(headline->box.bottom() - 539 - 1e-6)));
  EXPECT_GT(headline->px, 60);
  EXPECT_LT(headline->px, 92);
  EXPECT_EQ(describe(*headline).rfind("headline is under X's title overlay by ", 0), 0u);

  // Under --strict the first issue is an error at the layout element.
  try {
    render_one(with_output(make_render_job(card, meta, layout, brand, story), {}, true), renderer);
    FAIL() << "no error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().loc.file, "bad.yaml");
    EXPECT_NE(e.diagnostic().message.find("card 'headline-low' story: footer is under"),
              std::string::npos)
        << e.diagnostic().message;
  }
  // Checked only against the surfaces a campaign cares about: none here.
  SizePreset only_x = story;
  only_x.surfaces = select_surfaces(story.surfaces, {"x"});
  EXPECT_TRUE(
      render_one(make_render_job(card, meta, layout, brand, only_x), renderer).platforms.empty());
}

}  // namespace
}  // namespace placard
