// Every script at the same optical size: measured from glyph extents of the
// text as Pango lays it out, not from the numbers the code used.
#include "text/script_style.h"

#include <glib.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "base/resources.h"
#include "test_blocks.h"
#include "text/fonts.h"
#include "text/pango_text.h"

using namespace placard;

namespace {

TextBlock block(const std::string& text, const std::string& family, int weight,
                const std::string& lang) {
  return headline_block(text, family, weight, lang);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The main body of the script's letters in `text` against the x-height of
// the 'x' that opens it, on the same line at the same size: the script's
// median ink height above the baseline (the bottom of the x) over the
// x's height.
double body_over_x_height(PangoText& t, const std::string& letters, const std::string& family,
                          int weight, const std::string& lang) {
  const std::string text = "x " + letters;
  TextBlock b = block(text, family, weight, lang);
  const std::vector<Rect> ink = t.char_ink(b, 100, 0);
  const Rect x = ink.at(0);
  const double baseline = x.bottom(), x_height = x.h;
  std::vector<double> tops;
  long i = 0;
  for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p), ++i) {
    const gunichar c = g_utf8_get_char(p);
    if (c < 0x80 || ink[i].w == 0) continue;
    tops.push_back(baseline - ink[i].y);
  }
  EXPECT_GT(tops.size(), 3u);
  return median(tops) / x_height;
}

}  // namespace

TEST(ScriptStyle, ArabicAndDevanagariBodiesMatchTheLatinXHeightWithinTenPercent) {
  Fonts fonts(fonts_dir());
  PangoText ar(fonts, "ar"), hi(fonts, "hi");
  for (const auto& [family, weight] :
       std::vector<std::pair<std::string, int>>{{"Inter Display", 800}, {"Inter", 400}}) {
    SCOPED_TRACE(family + " " + std::to_string(weight));
    // Body-zone letters in running words: the teeth of seen and sad, the
    // bowls of meem, ain and heh.
    const double arabic = body_over_x_height(ar, "سمس صمص عمع سهس", family, weight, "ar");
    EXPECT_NEAR(arabic, 1.0, 0.10) << "Arabic body / Latin x-height";
    // From the headline (shirorekha) to the baseline.
    const double devanagari = body_over_x_height(hi, "कमन तबक", family, weight, "hi");
    EXPECT_NEAR(devanagari, 1.0, 0.10) << "Devanagari body / Latin x-height";
  }
}

TEST(ScriptStyle, TheRecordedMeasurementsAreTheFontsOwn) {
  Fonts fonts(fonts_dir());
  PangoText t(fonts, "");
  ASSERT_FALSE(script_styles().empty());
  for (const ScriptStyle& s : script_styles()) {
    SCOPED_TRACE(s.name);
    EXPECT_NEAR(t.ink_height_em(s.font, 400, s.sample), s.body_em, 0.005);
    EXPECT_NEAR(t.ink_height_em(s.font, 700, s.sample), s.body_em_bold, 0.005);
    for (const auto& [weight, em] : s.body_by_weight)
      EXPECT_NEAR(t.ink_height_em(s.font, weight, s.sample), em, 0.005) << weight;
    // Every weight the script is set in was measured.
    for (const auto& [brand, weight] : s.weights)
      EXPECT_TRUE(s.body_by_weight.contains(weight)) << brand << " → " << weight;
  }
}

TEST(ScriptStyle, ArabicLinesArePitchedLikeLatinOnesNotByTheArabicFontsBox) {
  Fonts fonts(fonts_dir());
  PangoText ar(fonts, "ar"), en(fonts, "en");
  // Two lines of each at the same size: the Arabic line pitch is the Latin
  // one with the room its marks need (the data file's leading), where it
  // was once half as tall again.
  const TextMeasure a =
      ar.measure(block("مواصلة مطالبة\u2028أجهزة إنفاذ", "Inter Display", 800, "ar"), 100, 2000);
  const TextMeasure l = en.measure(
      block("Continue demanding\u2028law enforcement", "Inter Display", 800, "en"), 100, 2000);
  ASSERT_EQ(a.lines, 2);
  ASSERT_EQ(l.lines, 2);
  const ScriptStyle* arabic = script_style(G_UNICODE_SCRIPT_ARABIC);
  ASSERT_NE(arabic, nullptr);
  EXPECT_NEAR(a.height / l.height, arabic->leading, 0.03);
}

TEST(ScriptStyle, ShortWordsComeFromTheDataFilePerLanguage) {
  const auto& en = short_words("en");
  const auto& es = short_words("es-MX");
  EXPECT_NE(std::find(en.begin(), en.end(), "the"), en.end());
  EXPECT_NE(std::find(es.begin(), es.end(), "de"), es.end());
  EXPECT_TRUE(short_words("zz").empty());
}

TEST(ScriptStyle, EachBrandWeightTakesTheScriptWeightWhoseStemsMatch) {
  const ScriptStyle* hebrew = script_style(G_UNICODE_SCRIPT_HEBREW);
  const ScriptStyle* devanagari = script_style(G_UNICODE_SCRIPT_DEVANAGARI);
  ASSERT_NE(hebrew, nullptr);
  ASSERT_NE(devanagari, nullptr);
  // The built-in brand's headline (800) and body (400).
  EXPECT_EQ(hebrew->weight_for(800), 900);
  EXPECT_EQ(hebrew->weight_for(400), 400);
  EXPECT_EQ(devanagari->weight_for(400), 500);
  // Between two entries, the lower one's; below the first, the brand's own.
  EXPECT_EQ(devanagari->weight_for(650), devanagari->weight_for(600));
  EXPECT_EQ(hebrew->weight_for(300), 300);
  // A script without the entry keeps the brand's weight.
  const ScriptStyle* thai = script_style(G_UNICODE_SCRIPT_THAI);
  ASSERT_NE(thai, nullptr);
  EXPECT_EQ(thai->weight_for(800), 800);
}
