// Decoration yields to text (issue 23): in every built-in layout, for every
// card of the example (en, es, ar) at every size preset, no pixel of a
// decoration's ink lies on a pixel of a text's ink. Read from the drawn
// pixels of three renders of the card as the pipeline lays it out: whole;
// with its text transparent (the decorations as drawn around it); and with
// the decorations transparent too. Text ink is where the first two differ,
// decorative ink where the last two do.
#include <gtest/gtest.h>

#include <cstdlib>

#include "content/content_markdown.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/anchor.h"
#include "render/build_card.h"
#include "render/decoration.h"
#include "render/draw.h"
#include "render/pipeline.h"
#include "text/text_fit.h"

using namespace placard;

namespace {

// The largest difference of one channel between two pixels.
int channel_difference(uint32_t a, uint32_t b) {
  int most = 0;
  for (int shift = 0; shift < 32; shift += 8)
    most = std::max(most, std::abs(int((a >> shift) & 0xFF) - int((b >> shift) & 0xFF)));
  return most;
}

bool has_decoration(const Card& card) {
  for (const CardItem& item : card.items) {
    if (const auto* s = std::get_if<ShapeItem>(&item); s && s->decoration.on) return true;
    if (const auto* l = std::get_if<LineItem>(&item); l && l->decoration.on) return true;
    if (const auto* i = std::get_if<ImageItem>(&item); i && i->decoration.on) return true;
  }
  return false;
}

void hide_text(CardLayout& laid) {
  for (PlacedFrame& f : laid.frames)
    for (PlacedBlock& b : f.blocks) {
      TextStyle& s = b.block.style;
      for (Color* c : {&s.color, &s.strong_color, &s.em_color, &s.mark_color, &s.mark_text_color})
        c->a = 0;
    }
}

void hide_decorations(Card& card) {
  for (CardItem& item : card.items) {
    if (auto* s = std::get_if<ShapeItem>(&item); s && s->decoration.on) {
      s->fill.a = 0;
      for (GradientStop& st : s->gradient.stops) st.color.a = 0;
    }
    if (auto* l = std::get_if<LineItem>(&item); l && l->decoration.on) l->color.a = 0;
    if (auto* i = std::get_if<ImageItem>(&item); i && i->decoration.on) i->opacity = 0;
  }
}

}  // namespace

class DecorationYields : public testing::TestWithParam<const char*> {};

INSTANTIATE_TEST_SUITE_P(Languages, DecorationYields,
                         testing::Values("campaign.md", "campaign.es.md", "campaign.ar.md"));

TEST_P(DecorationYields, NoDecorativeInkLiesOnTextInk) {
  const std::string path =
      std::string(PLACARD_TEST_DIR) + "/../examples/transforming-the-system/" + GetParam();
  Content content = read_markdown(path);
  Renderer renderer;
  Brand brand = resolve_brand("", content, renderer.fonts());
  int checked = 0;
  for (const auto& [name, description] : list_layouts()) {
    Layout layout = load_layout(name);
    for (const ContentCard& c : content.cards) {
      for (const SizePreset& size : size_presets()) {
        SCOPED_TRACE(c.id + " in " + name + " at " + size.name);
        Card card = build_card(c, content.meta, layout, brand, size);
        if (!has_decoration(card)) continue;
        PangoText& text = renderer.text_for(card.lang);
        CardLayout laid = lay_out_card(card, text);
        place_anchored(card, laid);
        yield_decorations(card, laid);
        load_images(card, renderer.images());
        const Pixmap whole = draw_card(card, laid, text, renderer.images());
        CardLayout no_text = laid;
        hide_text(no_text);
        const Pixmap decorated = draw_card(card, no_text, text, renderer.images());
        Card bare = card;
        hide_decorations(bare);
        const Pixmap plain = draw_card(bare, no_text, text, renderer.images());
        int overlaps = 0, text_ink = 0, deco_ink = 0, first_x = -1, first_y = -1;
        for (int y = 0; y < whole.height; ++y)
          for (int x = 0; x < whole.width; ++x) {
            const bool is_text = channel_difference(whole.argb(x, y), decorated.argb(x, y)) > 24;
            const bool is_deco = channel_difference(decorated.argb(x, y), plain.argb(x, y)) > 2;
            text_ink += is_text;
            deco_ink += is_deco;
            if (is_text && is_deco && overlaps++ == 0) {
              first_x = x;
              first_y = y;
            }
          }
        EXPECT_GT(text_ink, 0);
        EXPECT_EQ(overlaps, 0) << "decoration on text, first at (" << first_x << ", " << first_y
                               << ")";
        checked += deco_ink > 0;
      }
    }
  }
  // Most cards have a bar, a band, a rule or a ring to check.
  EXPECT_GT(checked, 100);
}
