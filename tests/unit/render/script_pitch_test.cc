// Line pitch per script, read from pixels: vocalised Arabic keeps its marks
// clear of the line above, and Devanagari is pitched like the Latin lines
// beside it rather than looking double-spaced (typesetting/scripts.yaml).
#include <glib.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "base/resources.h"
#include "image/pixmap.h"
#include "render/cairo_pixmap.h"
#include "text/fonts.h"
#include "text/pango_text.h"
#include "text/script_style.h"

using namespace placard;

namespace {

constexpr double kSize = 100;

// The headline's lines (joined by U+2028) drawn in black, as a card's
// headline in the built-in brand: whether each pixel row has ink.
std::vector<bool> ink_rows(const std::string& lang, const std::string& text) {
  Fonts fonts(fonts_dir());
  PangoText t(fonts, lang);
  TextBlock b;
  b.field = "headline";
  b.text.spans.push_back({text, false, false, false});
  b.style.font = {"Inter Display", 800, false, "", false, false};
  b.style.line_height = 1.08;
  b.style.hyphenate = false;
  b.style.balance = false;
  b.style.lang = lang;
  b.style.rtl = lang == "ar";
  b.style.color = {0, 0, 0, 1};
  const int w = 1400, h = 700;
  Pixmap pix = Pixmap::make(w, h);
  cairo_t* cr = draw_into(pix);
  t.draw(cr, b, kSize, 0, 20, 40, true);
  finish_drawing(cr, "a headline of the pitch test");
  std::vector<bool> rows(h, false);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w && !rows[y]; ++x) rows[y] = pix.row(y)[4 * x + 3] >= 32;
  return rows;
}

// The bands of rows with ink, as [top, bottom] pairs, top to bottom.
std::vector<std::pair<int, int>> bands(const std::vector<bool>& rows) {
  std::vector<std::pair<int, int>> out;
  for (int y = 0; y < static_cast<int>(rows.size()); ++y) {
    if (!rows[y]) continue;
    if (out.empty() || out.back().second != y - 1)
      out.push_back({y, y});
    else
      out.back().second = y;
  }
  return out;
}

std::string lines(const std::string& line, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? "\u2028" : "") + line;
  return out;
}

// The pitch of three lines of `text` (the same letters on each), as the
// distance of their ink tops; NaN, and a failure, when the ink does not show
// three lines apart.
double pitch_of(const std::string& lang, const std::string& text) {
  const auto b = bands(ink_rows(lang, lines(text, 3)));
  EXPECT_EQ(b.size(), 3u) << text;
  return b.size() == 3 ? (b[2].first - b[0].first) / 2.0 : std::nan("");
}

}  // namespace

TEST(ScriptPitch, VocalisedArabicMarksStayClearOfTheLineAbove) {
  // Full vocalisation: shadda and fatha over lam-alef and the tall
  // letters, kasra and tanwin under the deep tails of the line above.
  const std::string text = "وَلِلْمُسْتَأْجِرِينَ حَقٌّ\u2028فِي سَكَنٍ لَائِقٍ\u2028بِإِيجَارٍ عَادِلٍ";
  const auto b = bands(ink_rows("ar", text));
  // Three lines, each its own band of ink: a row of no ink between the
  // marks under one line and the marks over the next.
  ASSERT_EQ(b.size(), 3u) << "the marks of one line touch the line above";
  for (size_t i = 1; i < b.size(); ++i) EXPECT_GE(b[i].first - b[i - 1].second, 2);
}

TEST(ScriptPitch, UnvocalisedArabicKeepsItsTighterPitch) {
  const ScriptStyle* arabic = script_style(G_UNICODE_SCRIPT_ARABIC);
  ASSERT_NE(arabic, nullptr);
  ASSERT_GT(arabic->leading_marked, arabic->leading);
  // The same lines without their marks are as tight as before; the pitch
  // is the band tops' distance, lines of the same letters.
  const double plain_pitch = pitch_of("ar", "سكن سكن");
  const double marked_pitch = pitch_of("ar", "سَكَنٌ سَكَنٌ");
  EXPECT_NEAR(marked_pitch / plain_pitch, arabic->leading_marked / arabic->leading, 0.03);
}

TEST(ScriptPitch, DevanagariIsPitchedLikeLatinNotDoubleSpaced) {
  // Lines of the same letters, so the distance of their tops is the pitch.
  const double latin_pitch = pitch_of("en", "Hxkp Hxkp");
  const double deva_pitch = pitch_of("hi", "कमल कमल");
  // The range typesetting/scripts.yaml gives, with its reason: its body is
  // the Latin x-height, and its vowel signs above and below reach about as
  // far as Latin ascenders and descenders.
  EXPECT_GE(deva_pitch / latin_pitch, 0.99);
  EXPECT_LE(deva_pitch / latin_pitch, 1.07);
  // And that pitch still keeps the signs above one line (ि ी ै and the
  // reph) clear of the signs below the line above (ु ू ृ).
  const auto signs = bands(ink_rows("hi", "पुरुषों की शक्ति\u2028सूर्य और कृषि\u2028किसी दूसरे की"));
  EXPECT_EQ(signs.size(), 3u) << "the vowel signs of one line touch the line above";
}
