#include "render/draw.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "content/content_deck.h"
#include "layout/sizes.h"
#include "render/build_card.h"
#include "render/contrast.h"
#include "render/pipeline.h"

namespace placard {
namespace {

// The example's first recommendation on a link card, laid out, with what
// drawing it recorded for the contrast check.
struct Drawn {
  Card card;
  CardLayout layout;
  Pixmap pixels;
  std::vector<TextBackdrop> backdrops;
};

Drawn draw_example(Renderer& renderer, bool band_under_text) {
  Content content = read_content(std::string(PLACARD_TEST_DIR) +
                                 "/../examples/transforming-the-system/campaign.md");
  Layout layout = resolve_layout("", content);
  Brand brand = resolve_brand("", content, renderer.fonts());
  Drawn d;
  d.card = build_card(content.cards[1], content.meta, layout, brand, parse_sizes({"og"}, {})[0]);
  if (band_under_text) {  // a pale band across the middle of the card, under the text
    ShapeItem band;
    band.box = {0, 250, 1200, 60};
    band.fill = {0.85, 0.9, 1.0, 1};
    d.card.items.insert(d.card.items.begin(), band);
  }
  PangoText& text = renderer.text_for(d.card.lang);
  d.layout = lay_out_card(d.card, text);
  load_images(d.card, renderer.images());
  draw_card_into(d.pixels, d.card, d.layout, text, renderer.images(), &d.backdrops);
  return d;
}

TEST(DrawCard, TextOnOneColourIsCheckedAgainstThatColour) {
  Renderer renderer;
  Drawn d = draw_example(renderer, false);
  ASSERT_FALSE(d.backdrops.empty());
  for (const TextBackdrop& b : d.backdrops) {
    ASSERT_EQ(b.background.width, 1);
    EXPECT_EQ(b.background.argb(0, 0), d.pixels.argb(600, 5));  // the paper
    EXPECT_EQ(b.mask, std::vector<uint8_t>{255});
    EXPECT_GT(b.area.w, 10);
  }
}

TEST(DrawCard, TextOnSeveralColoursIsMaskedWhereItsGlyphsAre) {
  Renderer renderer;
  Drawn d = draw_example(renderer, true);
  bool any_full = false;
  for (const TextBackdrop& b : d.backdrops) {
    if (b.background.width == 1) continue;
    any_full = true;
    ASSERT_EQ(b.mask.size(), size_t(b.background.width) * b.background.height);
    // Every pixel the text visibly changed lies inside the mask, and the
    // mask is a minority of its box (glyphs, not the whole rectangle).
    int changed = 0, masked = 0;
    for (int y = 0; y < b.background.height; ++y)
      for (int x = 0; x < b.background.width; ++x) {
        const Rgba before = b.background.rgba(x, y);
        const Rgba after = d.pixels.rgba(int(b.area.x) + x, int(b.area.y) + y);
        const bool inked = std::abs(before.r - after.r) + std::abs(before.g - after.g) +
                               std::abs(before.b - after.b) >
                           120;
        const bool in_mask = b.mask[size_t(y) * b.background.width + x] >= 128;
        changed += inked;
        masked += in_mask;
        EXPECT_TRUE(!inked || in_mask) << "inked pixel outside the mask at " << x << "," << y;
        if (inked && !in_mask) return;
      }
    EXPECT_GT(changed, 100);
    EXPECT_LT(masked, b.background.width * b.background.height * 3 / 4);
  }
  EXPECT_TRUE(any_full) << "the band should make some text's backdrop two-coloured";
}

// One buffer reused for card after card gives the same pixels as a fresh one.
TEST(DrawCard, ReusedCanvasGivesTheSamePixels) {
  Renderer renderer;
  Drawn banded = draw_example(renderer, true);
  Drawn plain = draw_example(renderer, false);
  PangoText& text = renderer.text_for(banded.card.lang);
  draw_card_into(plain.pixels, banded.card, banded.layout, text, renderer.images());
  EXPECT_EQ(plain.pixels.data, banded.pixels.data);
}

}  // namespace
}  // namespace placard
