// Italic type as the text engine sets it, with the fonts in fonts/: the
// family's own italic face where there is one, never a slanted copy of the
// upright (Arabic has no italic, and stays upright), and emphasis inside
// italic type set upright.
#include "text/pango_text.h"

#include <glib.h>
#include <gtest/gtest.h>
#include <hb.h>
#include <pango/pangocairo.h>

#include "base/resources.h"
#include "test_blocks.h"
#include "text/fonts.h"

using namespace placard;

namespace {

TextBlock block(const std::string& text, const std::string& family, int weight, bool italic,
                const std::string& lang = "en") {
  return headline_block(text, family, weight, lang, italic);
}

// The italic axis and weight of the face fontconfig and Pango give a family
// at a weight, read from the font file itself (OS/2 and STAT tables).
struct Face {
  float italic = 0, weight = 0;
};

Face face_for(Fonts& fonts, const std::string& family, int weight, bool italic) {
  PangoContext* context = pango_font_map_create_context(fonts.font_map());
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, family.c_str());
  pango_font_description_set_weight(desc, static_cast<PangoWeight>(weight));
  pango_font_description_set_style(desc, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(desc, 100 * PANGO_SCALE);
  PangoFont* font = pango_context_load_font(context, desc);
  Face f;
  if (font) {
    hb_font_t* hb = pango_font_get_hb_font(font);
    f.italic = hb_style_get_value(hb, HB_STYLE_TAG_ITALIC);
    f.weight = hb_style_get_value(hb, HB_STYLE_TAG_WEIGHT);
    g_object_unref(font);
  }
  pango_font_description_free(desc);
  g_object_unref(context);
  return f;
}

}  // namespace

TEST(PangoText, TheBrandsItalicsAreRealItalicFacesAtTheirOwnWeight) {
  Fonts fonts(fonts_dir());
  // The display and text faces of the built-in and example brands.
  for (const auto& [family, weight] : std::vector<std::pair<std::string, int>>{
           {"Inter Display", 800}, {"Vollkorn", 700}, {"Inter", 400}}) {
    SCOPED_TRACE(family + " " + std::to_string(weight));
    const Face italic = face_for(fonts, family, weight, true);
    EXPECT_EQ(italic.italic, 1) << "no italic face: Pango would slant the upright";
    EXPECT_EQ(italic.weight, weight);
    EXPECT_EQ(face_for(fonts, family, weight, false).italic, 0);
  }
}

TEST(PangoText, ArabicInAnItalicBlockIsSetUprightNotSlanted) {
  Fonts fonts(fonts_dir());
  PangoText text(fonts, "ar");
  // A Latin word and an Arabic phrase in one italic block: the Latin letters
  // change shape, the Arabic ones (Noto Sans Arabic has no italic) do not.
  const std::string s = "Jeff \u0645\u062F\u0646\u064A \u0625\u0646\u0641\u0627\u0630";
  const std::vector<Rect> upright =
      text.char_ink(block(s, "Inter Display", 800, false, "ar"), 100, 0);
  const std::vector<Rect> italic =
      text.char_ink(block(s, "Inter Display", 800, true, "ar"), 100, 0);
  ASSERT_EQ(upright.size(), italic.size());
  int latin_changed = 0, arabic = 0;
  long i = 0;
  for (const char* p = s.c_str(); *p; p = g_utf8_next_char(p), ++i) {
    const gunichar c = g_utf8_get_char(p);
    if (upright[i].w == 0) continue;  // spaces
    // Ink relative to the character's own box: the same shape at any x.
    const double uw = upright[i].w, iw = italic[i].w, uh = upright[i].h, ih = italic[i].h;
    if (c < 0x80) {
      latin_changed += std::abs(uw - iw) > 0.5 || std::abs(uh - ih) > 0.5;
    } else {
      ++arabic;
      EXPECT_NEAR(iw, uw, 0.01) << "U+" << std::hex << c << " is slanted or replaced";
      EXPECT_NEAR(ih, uh, 0.01) << "U+" << std::hex << c;
      EXPECT_NEAR(italic[i].y, upright[i].y, 0.01) << "U+" << std::hex << c;
    }
  }
  EXPECT_GE(arabic, 8);
  EXPECT_GE(latin_changed, 2) << "the Latin letters should be italic";
}

TEST(PangoText, EmphasisInsideItalicTypeIsSetUpright) {
  Fonts fonts(fonts_dir());
  PangoText text(fonts, "en");
  TextBlock emphasised = block("", "Inter Display", 800, true);
  emphasised.text.spans = {{"enforcement", false, true, false}};
  // The slant shows in the ink: an italic's reaches further right at the
  // top of the letters.
  const Rect em_in_italic = text.measure(emphasised, 100, 0).ink;
  const Rect upright = text.measure(block("enforcement", "Inter Display", 800, false), 100, 0).ink;
  const Rect italic = text.measure(block("enforcement", "Inter Display", 800, true), 100, 0).ink;
  ASSERT_GT(std::abs(upright.right() - italic.right()), 2) << "the italic should be slanted";
  EXPECT_NEAR(em_in_italic.x, upright.x, 0.01);
  EXPECT_NEAR(em_in_italic.w, upright.w, 0.01);
}

namespace {

// The block set on one line: its direction, and each character's ink.
struct SetLine {
  bool rtl = false;
  std::vector<Rect> ink;
};

SetLine set_line(const std::string& text, const std::string& lang, bool card_rtl) {
  Fonts fonts(fonts_dir());
  PangoText pango(fonts, lang);
  TextBlock b = block(text, "Inter Display", 800, false, lang);
  b.style.rtl = card_rtl;
  return {pango.measure(b, 74, 0).rtl, pango.char_ink(b, 74, 0)};
}

// The character index (not byte) of the first `what` in `text`.
size_t char_index(const std::string& text, const std::string& what) {
  return g_utf8_pointer_to_offset(text.c_str(), text.c_str() + text.find(what));
}

// Whether the ink of character `i` lies left of every other inked character.
bool leftmost(const std::vector<Rect>& ink, size_t i) {
  for (size_t j = 0; j < ink.size(); ++j)
    if (j != i && ink[j].w > 0 && ink[j].x < ink[i].x) return false;
  return ink[i].w > 0;
}

bool rightmost(const std::vector<Rect>& ink, size_t i) {
  for (size_t j = 0; j < ink.size(); ++j)
    if (j != i && ink[j].w > 0 && ink[j].right() > ink[i].right()) return false;
  return ink[i].w > 0;
}

}  // namespace

TEST(PangoText, AnArabicSentenceStartingWithABrandReadsRightToLeft) {
  const std::string s =
      "Google \u0648Meta \u0648Amazon \u064A\u062C\u0628 \u0623\u0646 \u062A\u062F\u0641\u0639 "
      "\u0636\u0631\u0627\u0626\u0628 \u0639\u0627\u062F\u0644\u0629.";
  for (const char* lang : {"ar", "ar-EG", "ar_EG"}) {
    SCOPED_TRACE(lang);
    const SetLine line = set_line(s, lang, true);
    EXPECT_TRUE(line.rtl);
    // The full stop ends the sentence at its left; the names read from the
    // right: Google, then Meta, then Amazon.
    EXPECT_TRUE(leftmost(line.ink, line.ink.size() - 1)) << "the full stop is not at the left end";
    EXPECT_TRUE(rightmost(line.ink, char_index(s, "e ")));  // Google's last letter
    EXPECT_GT(line.ink[char_index(s, "M")].x, line.ink[char_index(s, "A")].x);
    EXPECT_GT(line.ink[char_index(s, "A")].x, line.ink[char_index(s, "\u064A\u062C\u0628")].x);
  }
}

TEST(PangoText, AHebrewSentenceStartingWithABrandReadsRightToLeft) {
  const std::string s =
      "Google \u05D5-Meta \u05E6\u05E8\u05D9\u05DB\u05D5\u05EA \u05DC\u05E9\u05DC\u05DD "
      "\u05DE\u05E1 \u05D4\u05D5\u05D2\u05DF.";
  const SetLine line = set_line(s, "he", true);
  EXPECT_TRUE(line.rtl);
  EXPECT_TRUE(leftmost(line.ink, line.ink.size() - 1)) << "the full stop is not at the left end";
  EXPECT_TRUE(rightmost(line.ink, char_index(s, "e ")));  // Google's last letter
  EXPECT_GT(line.ink[char_index(s, "M")].x, line.ink[char_index(s, "\u05E6")].x);
}

TEST(PangoText, AnEnglishSentenceStartingWithAnArabicNameReadsLeftToRight) {
  const std::string s = "\u0639\u0644\u064A says: tax the giants fairly.";
  const SetLine line = set_line(s, "en", false);
  EXPECT_FALSE(line.rtl);
  EXPECT_TRUE(leftmost(line.ink, 0) || leftmost(line.ink, 2)) << "the name does not start the line";
  EXPECT_TRUE(rightmost(line.ink, line.ink.size() - 1)) << "the full stop is not at the right end";
  EXPECT_LT(line.ink[char_index(s, "s")].x, line.ink[char_index(s, "t")].x);
}
