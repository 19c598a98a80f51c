#include "render/layout_dump.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "content/content_deck.h"
#include "layout/sizes.h"
#include "render/pipeline.h"

namespace placard {
namespace {

// The preview draws its overlays from these boxes, so they must describe the
// lines as drawn: one box and one baseline per line, each box as wide as
// the line, inside its frame, with the baseline inside the box.
TEST(LayoutDump, LineGeometryDescribesEveryPlacedLine) {
  Renderer renderer;
  Content content = read_content(std::string(PLACARD_TEST_DIR) +
                                 "/../examples/transforming-the-system/campaign.md");
  Layout layout = resolve_layout("", content);
  Brand brand = resolve_brand("", content, renderer.fonts());
  for (const char* size_name : {"og", "story"}) {
    const SizePreset size = parse_sizes({size_name}, {})[0];
    Rendered r =
        render_one(make_render_job(content.cards[1], content.meta, layout, brand, size), renderer);
    EXPECT_EQ(dump_layout(r.card, r.layout).find("line_boxes"), std::string::npos)
        << "--dump-layout is unchanged";
    auto j = nlohmann::json::parse(dump_layout(r.card, r.layout, true));
    int blocks = 0;
    for (const auto& f : j["frames"]) {
      const double fx = f["box"][0], fy = f["box"][1], fw = f["box"][2], fh = f["box"][3];
      for (const auto& b : f["blocks"]) {
        ++blocks;
        const int lines = b["lines"];
        ASSERT_EQ(b["line_boxes"].size(), static_cast<size_t>(lines));
        ASSERT_EQ(b["baselines"].size(), static_cast<size_t>(lines));
        EXPECT_LE(b["size_range"][0].get<double>(), b["font_size"].get<double>());
        EXPECT_GE(b["size_range"][1].get<double>(), b["font_size"].get<double>());
        for (int i = 0; i < lines; ++i) {
          const auto& l = b["line_boxes"][i];
          const double x = l[0], y = l[1], w = l[2], h = l[3], base = b["baselines"][i];
          EXPECT_NEAR(w, b["line_widths"][i].get<double>(), 0.02);
          EXPECT_GE(x, fx - 1);
          EXPECT_LE(x + w, fx + fw + 1);
          EXPECT_GE(y, fy - 1);
          EXPECT_LE(y + h, fy + fh + 1);
          EXPECT_GT(base, y);
          EXPECT_LT(base, y + h);
          if (i > 0) {
            EXPECT_GT(y, b["line_boxes"][i - 1][1].get<double>());
          }
        }
      }
    }
    EXPECT_GE(blocks, 3) << size_name;  // kicker, headline, body, footer
  }
}

// The preview's platform views come from the dump: each surface of the size
// with the areas it covers and what the check found under them, the same
// findings render_one() warns about.
TEST(LayoutDump, SurfacesCarryTheCheckFindings) {
  Renderer renderer;
  Content content = read_content(std::string(PLACARD_TEST_DIR) +
                                 "/../examples/transforming-the-system/campaign.md");
  Layout layout = resolve_layout("", content);
  Brand brand = resolve_brand("", content, renderer.fonts());
  SizePreset size = parse_sizes({"og"}, {})[0];
  // A surface whose bar covers the lower half of the card.
  Surface half;
  half.name = "half";
  half.platform = "Half";
  half.frame_w = 1200;
  half.frame_h = 630;
  half.covers = {{"lower half", SurfaceCover::Edge::bottom, 315, {}}};
  size.surfaces = {half};
  Rendered r =
      render_one(make_render_job(content.cards[1], content.meta, layout, brand, size), renderer);
  ASSERT_FALSE(r.platforms.empty());
  EXPECT_FALSE(nlohmann::json::parse(dump_layout(r.card, r.layout, true)).contains("surfaces"));
  auto j = nlohmann::json::parse(dump_layout(r.card, r.layout, true, size.surfaces, r.platforms));
  ASSERT_EQ(j["surfaces"].size(), 1u);
  const auto& s = j["surfaces"][0];
  EXPECT_EQ(s["covered"][0]["area"], nlohmann::json::array({0, 315, 1200, 315}));
  ASSERT_EQ(s["issues"].size(), r.platforms.size());
  for (size_t i = 0; i < r.platforms.size(); ++i) {
    EXPECT_EQ(s["issues"][i]["text"], describe(r.platforms[i]));
    // Under the bar: the element's box reaches below y 315.
    EXPECT_GT(s["issues"][i]["box"][1].get<double>() + s["issues"][i]["box"][3].get<double>(), 315);
  }
  // The footer sits at the bottom of every og card: the check names it.
  bool footer = false;
  for (const auto& i : s["issues"]) footer |= i["element"] == "footer";
  EXPECT_TRUE(footer);
}

}  // namespace
}  // namespace placard
