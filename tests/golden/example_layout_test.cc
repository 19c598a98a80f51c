// The example campaign laid out at every preset: no one-word last lines,
// balanced line widths, and every block inside its box and the safe area.
#include <gtest/gtest.h>

#include <algorithm>

#include "content/content_markdown.h"
#include "layout/sizes.h"
#include "render/build_card.h"
#include "render/pipeline.h"
#include "text/text_fit.h"

using namespace placard;

class ExampleLayout : public testing::TestWithParam<const char*> {};

INSTANTIATE_TEST_SUITE_P(Languages, ExampleLayout,
                         testing::Values("campaign.md", "campaign.es.md", "campaign.ar.md"));

TEST_P(ExampleLayout, EveryCardIsBalancedWithoutWidowsAndInsideItsBox) {
  const std::string path =
      std::string(PLACARD_TEST_DIR) + "/../examples/transforming-the-system/" + GetParam();
  Content content = read_markdown(path);
  Renderer renderer;
  Layout layout = resolve_layout("", content);
  Brand brand = resolve_brand("", content, renderer.fonts());
  int blocks = 0;
  for (const ContentCard& c : content.cards) {
    for (const SizePreset& size : size_presets()) {
      SCOPED_TRACE(c.id + " at " + size.name);
      Card card = build_card(c, content.meta, layout, brand, size);
      CardLayout laid = lay_out_card(card, renderer.text_for(card.lang));
      size_t fi = 0;
      for (const CardItem& item : card.items) {
        const auto* frame = std::get_if<TextFrame>(&item);
        if (!frame) continue;
        for (const PlacedBlock& b : laid.frames[fi].blocks) {
          const TextBlock& tb = frame->blocks[b.index];
          const TextMeasure& m = b.measure;
          SCOPED_TRACE(tb.field);
          ++blocks;
          // Inside the frame's box, and text inside the safe area.
          const Rect ink{b.x + m.ink.x, b.y + m.ink.y, m.ink.w, m.ink.h};
          EXPECT_GE(ink.x, frame->box.x - 0.5);
          EXPECT_LE(ink.right(), frame->box.right() + 0.5);
          EXPECT_GE(ink.y, frame->box.y - 0.5);
          EXPECT_LE(ink.bottom(), frame->box.bottom() + 0.5);
          EXPECT_GE(ink.y, card.safe.y - 0.5);
          EXPECT_LE(ink.bottom(), card.safe.bottom() + 0.5);
          if (m.lines < 2 || !tb.style.balance) continue;
          // A text of three words or fewer may break as 2 + 1 ("End 287(g) /
          // agreements."); longer ones never leave a word alone.
          const std::string text = tb.text.plain();
          int words = 0;
          for (size_t i = 0; i < text.size(); ++i)
            words += text[i] != ' ' && (i == 0 || text[i - 1] == ' ');
          if (words >= 4)
            EXPECT_GE(m.line_words.back(), 2) << "one-word last line in '" << tb.text.plain() << "'";
          const double widest = *std::max_element(m.line_widths.begin(), m.line_widths.end());
          EXPECT_GE(m.line_widths.back(), 0.4 * widest) << "ragged last line";
        }
        ++fi;
      }
    }
  }
  EXPECT_GT(blocks, 5 * 6 * 2);
}
