// Reading layouts and brands: the format's features land in plain data.
#include "layout/layout_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "layout/sizes.h"
#include "render/build_card.h"

using namespace placard;

namespace {
Layout parse(const std::string& yaml) {
  return parse_layout(yaml, "/tmp/test-layout.yaml");
}

Brand brand() {
  return parse_brand(R"(
colors: {paper: "#FFFFFF", ink: "#111111", accent: "#FFCC00", primary: "#1E3A8A"}
fonts: {display: {family: Inter Display, weight: 800}, text: {family: Inter}}
)",
                     "/tmp/brand.yaml");
}

SizePreset size(const std::string& name) {
  return parse_sizes({name}, {})[0];
}

Card card_for(const Layout& l, const std::string& size_name) {
  ContentCard c;
  c.id = "c";
  c.kind = CardKind::statement;
  c.headline.spans.push_back({"Hello", false, false});
  return build_card(c, {}, l, brand(), size(size_name));
}
}  // namespace

TEST(LayoutFile, BoxesMixFractionsPercentAndPx) {
  Layout l = parse(R"(
elements:
  - name: bar
    type: rect
    area: canvas
    box: ["10%", 0.5, 0.25, 20px]
)");
  Card c = card_for(l, "square");  // 1080x1080: px scale 1
  const auto& s = std::get<ShapeItem>(c.items.at(0));
  EXPECT_DOUBLE_EQ(s.box.x, 108);
  EXPECT_DOUBLE_EQ(s.box.y, 540);
  EXPECT_DOUBLE_EQ(s.box.w, 270);
  EXPECT_DOUBLE_EQ(s.box.h, 20);
  Card story = card_for(l, "story");  // px scale sqrt(1080*1920)/1080
  EXPECT_NEAR(std::get<ShapeItem>(story.items.at(0)).box.h, 20 * 1.3333, 0.01);
}

TEST(LayoutFile, LinearGradientSpansTheBoxLikeCss) {
  Layout l = parse(R"(
elements:
  - name: wash
    type: rect
    area: canvas
    box: [0, 0, 1, 1]
    fill: {gradient: linear, angle: 180, stops: [[0, primary], [1, paper, 0.5]]}
)");
  Card c = card_for(l, "og");
  const auto& g = std::get<ShapeItem>(c.items.at(0)).gradient;
  ASSERT_EQ(g.kind, Gradient::Kind::linear);
  EXPECT_NEAR(g.x0, 600, 1e-6);  // 180deg: straight down the middle
  EXPECT_NEAR(g.y0, 0, 1e-6);
  EXPECT_NEAR(g.y1, 630, 1e-6);
  ASSERT_EQ(g.stops.size(), 2u);
  EXPECT_DOUBLE_EQ(g.stops[1].color.a, 0.5);
  EXPECT_DOUBLE_EQ(g.stops[1].color.r, 1.0);  // paper, white
}

TEST(LayoutFile, RadialGradientReachesTheFarthestCorner) {
  Layout l = parse(R"(
elements:
  - name: glow
    type: rect
    area: canvas
    box: [0, 0, 1, 1]
    fill: {gradient: radial, center: [1, 0], stops: [[0, accent], [1, accent, 0]]}
)");
  const Card card = card_for(l, "og");
  const auto& g = std::get<ShapeItem>(card.items.at(0)).gradient;
  EXPECT_EQ(g.kind, Gradient::Kind::radial);
  EXPECT_NEAR(g.x0, 1200, 1e-6);
  EXPECT_NEAR(g.radius, std::hypot(1200, 630), 1e-6);
}

TEST(LayoutFile, LinesScaleTheirWidthAndDashes) {
  Layout l = parse(R"(
elements:
  - name: rule
    type: line
    from: [0.1, 0.5]
    to: [0.9, 0.5]
    width: 3
    dash: [10, 5]
    cap: round
)");
  const Card card = card_for(l, "story");
  const auto& line = std::get<LineItem>(card.items.at(0));
  // In the story safe area: x 65-880, y 288-1248.
  EXPECT_NEAR(line.x0, 65 + 0.1 * 815, 1e-6);
  EXPECT_NEAR(line.y0, 288 + 0.5 * 960, 1e-6);
  EXPECT_NEAR(line.width, 3 * std::sqrt(1080.0 * 1920) / 1080, 1e-6);
  EXPECT_EQ(line.dash.size(), 2u);
  EXPECT_EQ(line.cap, LineItem::Cap::round);
}

TEST(LayoutFile, OverridesApplyByOrientationThenBySize) {
  Layout l = parse(R"(
elements:
  - name: bar
    type: rect
    area: canvas
    box: [0, 0, 0.1, 1]
overrides:
  landscape:
    bar: {box: [0, 0, 0.2, 1]}
  x:
    bar: {fill: primary}
)");
  const Card og_card = card_for(l, "og"), x_card = card_for(l, "x"),
             sq_card = card_for(l, "square");
  const auto& og = std::get<ShapeItem>(og_card.items.at(0));
  const auto& x = std::get<ShapeItem>(x_card.items.at(0));
  const auto& sq = std::get<ShapeItem>(sq_card.items.at(0));
  EXPECT_DOUBLE_EQ(og.box.w, 240);
  EXPECT_DOUBLE_EQ(x.box.w, 320);  // x keeps the landscape box and adds its own fill
  EXPECT_NE(x.fill, og.fill);
  EXPECT_DOUBLE_EQ(sq.box.w, 108);
}

TEST(LayoutFile, HiddenElementsAppearOnlyWhereAnOverrideShowsThem) {
  Layout l = parse(R"(
elements:
  - name: bar
    type: rect
    hidden: true
    box: [0, 0, 0.1, 1]
overrides:
  story:
    bar: {hidden: false}
)");
  EXPECT_TRUE(card_for(l, "og").items.empty());
  EXPECT_EQ(card_for(l, "story").items.size(), 1u);
}

TEST(LayoutFile, ImageTintFollowsTheImage) {
  Layout l = parse(R"(
elements:
  - name: logo
    type: image
    source: logo
    box: [0, 0, 1, 1]
    fit: cover
    focus: [0.2, 0.8]
    tint: {color: primary, opacity: 0.6}
)");
  Brand b = brand();
  b.logo = "/tmp/logo.png";
  ContentCard c;
  c.headline.spans.push_back({"x", false, false});
  Card card = build_card(c, {}, l, b, size("og"));
  ASSERT_EQ(card.items.size(), 2u);
  const auto& img = std::get<ImageItem>(card.items[0]);
  EXPECT_EQ(img.fit, ImageFit::cover);
  EXPECT_DOUBLE_EQ(img.focus_x, 0.2);
  EXPECT_DOUBLE_EQ(std::get<ShapeItem>(card.items[1]).fill.a, 0.6);
}

TEST(LayoutFile, BrandDerivesTextColoursForFills) {
  Brand b = brand();
  // Ink (#111111) on yellow accent, paper (white) on navy primary.
  EXPECT_EQ(b.colors.at("on_accent"), b.colors.at("ink"));
  EXPECT_EQ(b.colors.at("on_primary"), b.colors.at("paper"));
  EXPECT_TRUE(b.colors.count("muted"));
}

TEST(LayoutFile, BrandFooterFromUrlAndHashtag) {
  Brand b = parse_brand(R"(
colors: {paper: "#FFFFFF", ink: "#111111", accent: "#FFCC00", primary: "#1E3A8A"}
fonts: {display: {family: Inter Display}, text: {family: Inter}}
footer: {url: example.org, hashtag: "#Go"}
)",
                        "/tmp/brand.yaml");
  EXPECT_EQ(b.footer, "example.org  \u00B7  #Go");
}

TEST(LayoutFile, EveryBuiltInLayoutIsListedWithADescription) {
  auto layouts = list_layouts();
  std::vector<std::string> names;
  for (const auto& [n, d] : layouts) {
    names.push_back(n);
    EXPECT_FALSE(d.empty()) << n;
  }
  for (const char* want : {"statement", "recommendation", "quote", "heading", "photo", "story"})
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
}
