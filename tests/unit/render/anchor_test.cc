// Anchored elements follow the text: a bar above a headline that is centred
// in its box sits `gap` above the ink of its first line, short headline or
// long, and a rule below it `gap` under its last line. Read off the pixels
// as well as the card model, and mirrored on a right-to-left card.
#include "render/anchor.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "image/png_read.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/layout_dump.h"
#include "render/pipeline.h"

namespace placard {
namespace {

const char* kLayout = R"(name: anchored
background: paper
elements:
  - name: bar
    type: rect
    box: [0.1, 0.1, 0.2, 20px]
    fill: "#FF0000"
    anchor: {to: main, edge: top, gap: 18px}
  - name: main
    type: text
    field: headline
    box: [0.1, 0.2, 0.8, 0.6]
    valign: center
    font: display
    size: [40, 90]
    max_lines: 6
    color: ink
  - name: rule
    type: line
    from: [0.1, 0.95]
    to: [0.3, 0.95]
    width: 4
    color: "#0000FF"
    anchor: {to: main, edge: bottom, gap: 24px}
)";

struct Anchored {
  Rendered r;
  Rect bar, frame;
  LineItem rule;
  double first_ink_top = 0, last_ink_bottom = 0, gap_px = 0;
};

Anchored render(const std::string& headline, const std::string& lang, Renderer& renderer) {
  Layout layout = parse_layout(kLayout, "anchored.yaml");
  Content content;
  content.meta.lang = lang;
  Brand brand = resolve_brand("", content, renderer.fonts());
  const SizePreset size = parse_sizes({"og"}, {})[0];
  Anchored a;
  a.r = render_one(make_render_job(statement_card(headline), content.meta, layout, brand, size),
                   renderer);
  a.bar = std::get<ShapeItem>(a.r.card.items.at(0)).box;
  a.frame = std::get<TextFrame>(a.r.card.items.at(1)).box;
  a.rule = std::get<LineItem>(a.r.card.items.at(2));
  const PlacedBlock& b = a.r.layout.frames.at(0).blocks.at(0);
  a.first_ink_top = b.y + b.measure.line_inks.front().y;
  a.last_ink_bottom = b.y + b.measure.line_inks.back().bottom();
  a.gap_px = 18 * std::sqrt(1200.0 * 630) / 1080;  // px on a 1080 canvas, scaled to og
  return a;
}

// The first pixel row at or below `from`, within columns [x0, x1), that is
// neither the paper nor the bar: where the drawn text begins.
int first_text_row(const Pixmap& p, int from, int x0, int x1) {
  const uint32_t paper = p.argb(0, 0);
  for (int y = std::max(from, 0); y < p.height; ++y)
    for (int x = x0; x < x1; ++x) {
      const uint32_t v = p.argb(x, y);
      const int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;
      // Text is dark ink on white; antialiased edges count from half coverage.
      if (v != paper && r < 128 && g < 128 && b < 128) return y;
    }
  return -1;
}

TEST(Anchor, TheBarSitsItsGapAboveTheFirstLineOfAShortOrALongHeadline) {
  Renderer renderer;
  const Anchored shrt = render("Fund clinics", "en", renderer);
  const Anchored lng = render(
      "Continue demanding law enforcement to work with the community, "
      "not with immigration enforcement agencies",
      "en", renderer);
  for (const Anchored* a : {&shrt, &lng}) {
    SCOPED_TRACE(a->r.card.title);
    // The bar's bottom is the gap above the ink of the first line.
    EXPECT_NEAR(a->bar.bottom(), a->first_ink_top - a->gap_px, 0.01);
    // It keeps its x, width and height.
    EXPECT_NEAR(a->bar.x, 120, 0.01);
    EXPECT_NEAR(a->bar.w, 240, 0.01);
    EXPECT_NEAR(a->bar.h, 20 * std::sqrt(1200.0 * 630) / 1080, 0.01);
    // The rule's stroke starts the gap below the ink of the last line.
    EXPECT_NEAR(a->rule.y0 - a->rule.width / 2, a->last_ink_bottom + 24 * a->gap_px / 18, 0.01);
    EXPECT_DOUBLE_EQ(a->rule.y0, a->rule.y1);
    // In the pixels: the first text row below the bar is the gap below it.
    const Pixmap pixels = decode_png(a->r.bytes, "card");
    const int row =
        first_text_row(pixels, static_cast<int>(a->bar.bottom()) + 1, static_cast<int>(a->frame.x),
                       static_cast<int>(a->frame.right()));
    ASSERT_GE(row, 0);
    EXPECT_NEAR(row - a->bar.bottom(), a->gap_px, 1.5);
  }
  // The short headline is centred lower in its box, and the bar came with it.
  EXPECT_GT(shrt.bar.y, lng.bar.y + 50);
  EXPECT_LT(shrt.rule.y0, lng.rule.y0 - 50);
}

TEST(Anchor, OnARightToLeftCardTheBarIsMirroredAndStillFollowsTheText) {
  Renderer renderer;
  const Anchored a = render(
      "\u0625\u0646\u0647\u0627\u0621 \u0627\u062A\u0641\u0627\u0642\u064A"
      "\u0627\u062A 287(g)",
      "ar", renderer);
  ASSERT_TRUE(a.r.card.rtl);
  EXPECT_NEAR(a.bar.x, 1200 - 120 - 240, 0.01);  // mirrored: at the right
  EXPECT_NEAR(a.bar.bottom(), a.first_ink_top - a.gap_px, 0.01);
  EXPECT_GT(a.rule.x0, a.rule.x1);  // the rule runs from the right, as the text does
}

TEST(Anchor, TheLayoutDumpShowsWhereAnAnchoredElementEndedUp) {
  Renderer renderer;
  const Anchored a = render("Fund clinics", "en", renderer);
  const auto j = nlohmann::json::parse(dump_layout(a.r.card, a.r.layout));
  ASSERT_EQ(j["anchored"].size(), 2u);
  EXPECT_EQ(j["anchored"][0]["name"], "bar");
  EXPECT_EQ(j["anchored"][0]["to"], "main");
  EXPECT_EQ(j["anchored"][0]["edge"], "top");
  EXPECT_NEAR(j["anchored"][0]["box"][1].get<double>(), a.bar.y, 0.01);
  EXPECT_NEAR(j["anchored"][0]["box"][3].get<double>(), a.bar.h, 0.01);
  EXPECT_EQ(j["anchored"][1]["name"], "rule");
  EXPECT_EQ(j["anchored"][1]["edge"], "bottom");
}

TEST(Anchor, AnAnchoredTextThatWouldLeaveTheSafeAreaFailsTheCard) {
  // A quotation mark anchored far above a story's quote would land in the
  // top band the app covers.
  Layout layout = parse_layout(R"(name: t
elements:
  - name: mark
    type: text
    text: "\u201C"
    box: [0.1, 0.0, 0.3, 0.25]
    size: 120
    color: ink
    anchor: {to: quote, gap: 0.5}
  - name: quote
    type: text
    field: headline
    box: [0.1, 0.3, 0.8, 0.4]
    size: [40, 90]
    color: ink
)",
                               "t.yaml");
  Renderer renderer;
  Content content;
  Brand brand = resolve_brand("", content, renderer.fonts());
  const SizePreset story = parse_sizes({"story"}, {})[0];
  try {
    render_one(make_render_job(statement_card("Fund clinics"), content.meta, layout, brand, story),
               renderer);
    FAIL() << "expected the card to fail";
  } catch (const DiagnosticError& e) {
    EXPECT_NE(e.diagnostic().message.find("text 'mark', anchored above 'quote', lands at"),
              std::string::npos)
        << e.diagnostic().message;
    EXPECT_EQ(e.diagnostic().loc.file, "t.yaml");
    EXPECT_EQ(e.diagnostic().loc.line, 9);
  }
}

}  // namespace
}  // namespace placard
