// Atoms (URLs, addresses, handles, hashtags, phone numbers) and numbers with
// their units: found in the text, kept whole by line breaking with the real
// fonts, and isolated in right-to-left paragraphs so they read as typed.
#include "text/atoms.h"

#include <glib.h>
#include <gtest/gtest.h>

#include "base/resources.h"
#include "test_blocks.h"
#include "text/fonts.h"
#include "text/text_fit.h"
#include "text/text_prepare.h"

using namespace placard;

namespace {

// Each range as its text and kind letter: "u:act.example.org".
std::vector<std::string> show(const std::string& text, const std::vector<KeepRange>& ranges) {
  std::vector<std::string> out;
  for (const KeepRange& r : ranges)
    out.push_back(std::string(r.kind == KeepKind::url    ? "u"
                              : r.kind == KeepKind::tag  ? "t"
                              : r.kind == KeepKind::atom ? "a"
                              : r.kind == KeepKind::unit ? "n"
                                                         : "p") +
                  ":" + text.substr(r.start, r.end - r.start));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST(Atoms, UrlsAddressesHandlesHashtagsAndPhoneNumbersAreFound) {
  const std::string t =
      "Go to act.example.org/join, https://example.org/a?b=c&d=e or www.example.com; write "
      "(team@example.org), tell @GovernorNewsom and @ana@social.example, share #平等权利 and "
      "#TransformarElSistema, call +1 555 123 4567 or (555) 123-4567.";
  EXPECT_EQ(show(t, find_atoms(t)),
            (V{"u:act.example.org/join", "u:https://example.org/a?b=c&d=e", "u:www.example.com",
               "a:team@example.org", "a:@GovernorNewsom", "a:@ana@social.example", "t:#平等权利",
               "t:#TransformarElSistema", "a:+1 555 123 4567", "a:(555) 123-4567"}));
}

TEST(Atoms, AbbreviationsNumbersAndYearsAreNotAtoms) {
  for (const std::string t : {"e.g. the U.S. plan", "Sept. 30", "1.2 million", "2020-2030",
                              "1.234.567.890 people", "#1 priority", "a @ b", "Mr. Smith"})
    EXPECT_EQ(show(t, find_atoms(t)), V{}) << t;
}

TEST(Atoms, BreakAidsInsideAnAtomAreSkippedOver) {
  const std::string t = "see act.\u200Bexample.\u200Borg/\u200Bjoin now";
  EXPECT_EQ(show(t, find_atoms(t)), V{"u:act.\u200Bexample.\u200Borg/\u200Bjoin"});
}

TEST(Atoms, NumbersKeepTheirUnitsByLanguage) {
  const std::string en = "SB 1047 and 1.2 million people, 15 % more by Sept. 30, in 2030, millions";
  EXPECT_EQ(show(en, keep_ranges(en, "en")),
            (V{"n:SB 1047", "n:1.2 million", "n:15 %", "n:Sept. 30", "n:2030"}));
  const std::string es = "el 15 por ciento de 3 millones.";
  EXPECT_EQ(show(es, keep_ranges(es, "es")), (V{"n:15 por ciento", "n:3 millones"}));
  // English words are not Spanish rules.
  const std::string en_in_es = "1.2 million";
  EXPECT_EQ(show(en_in_es, keep_ranges(en_in_es, "es")), V{"n:1.2"});
  const std::string zh = "我们要在２０３０年前实现";
  // The number is kept with its unit, and with the rest of its word.
  EXPECT_EQ(show(zh, keep_ranges(zh, "zh")), (V{"p:我们", "n:２０３０年前", "p:实现"}));
  const std::string ja = "2030年までに原発ゼロへ。";
  EXPECT_EQ(show(ja, keep_ranges(ja, "ja")), (V{"n:2030年までに", "p:原発ゼロへ。"}));
  // A number inside an address is the address's.
  const std::string url = "example.org/2030 now";
  EXPECT_EQ(show(url, keep_ranges(url, "en")), V{"u:example.org/2030"});
}

TEST(Atoms, UrlBreaksFollowTheSeparatorsBeforeALetterOrDigit) {
  EXPECT_EQ(url_breaks("https://example.org/a?b=c&d"),
            "https://\u200Bexample.\u200Borg/\u200Ba?\u200Bb=\u200Bc&\u200Bd");
  EXPECT_EQ(url_breaks("example.org/"), "example.\u200Borg/");
  EXPECT_EQ(tag_breaks("#EndThe_Collaboration2030"), "#End\u200BThe_\u200BCollaboration2030");
}

TEST(Atoms, InARightToLeftParagraphAtomsAndLatinReferencesAreIsolated) {
  EXPECT_EQ(isolate_ltr("إنهاء اتفاقيات 287(g)."), "إنهاء اتفاقيات \u2066287(g)\u2069.");
  EXPECT_EQ(isolate_ltr("تابعوا @JusticeNow اليوم"), "تابعوا \u2066@JusticeNow\u2069 اليوم");
  EXPECT_EQ(isolate_ltr("زوروا act.example.org/join."), "زوروا \u2066act.example.org/join\u2069.");
  // A Latin word alone, and a number, keep their order without help.
  EXPECT_EQ(isolate_ltr("Google وMeta و2030"), "Google وMeta و2030");
  // An Arabic hashtag reads right to left: its direction is its own.
  EXPECT_EQ(isolate_ltr("شاركوا #العدالة_الآن"), "شاركوا \u2068#العدالة_الآن\u2069");
  // Isolating twice changes nothing.
  const std::string once = isolate_ltr("إنهاء اتفاقيات 287(g).");
  EXPECT_EQ(isolate_ltr(once), once);
}

namespace {

// The x of the ink of each character of `text` set in an Arabic card.
std::vector<Rect> arabic_ink(const std::string& text) {
  Fonts fonts(fonts_dir());
  PangoText pango(fonts, "ar");
  TextBlock b = headline_block(text, "Inter Display", 800, "ar");
  return pango.char_ink(b, 74, 0);
}

size_t at(const std::string& text, const std::string& what) {
  return g_utf8_pointer_to_offset(text.c_str(), text.c_str() + text.find(what));
}

}  // namespace

// «إنهاء اتفاقيات 287(g).» reads "287(g)" left to right inside the Arabic
// line, the full stop at the sentence's end, the left; without isolation
// it is drawn ".(g)287".
TEST(Atoms, AnIsolatedReferenceReadsAsTypedInsideTheRightToLeftLine) {
  const std::string text = isolate_ltr("إنهاء اتفاقيات 287(g).");
  const std::vector<Rect> ink = arabic_ink(text);
  const size_t two = at(text, "2"), seven = at(text, "7"), open = at(text, "("), g = at(text, "g"),
               close = at(text, ")"), stop = at(text, "."),
               arabic = at(text, "ت ");  // the last letter of the word before it
  EXPECT_LT(ink[two].x, ink[seven].x);
  EXPECT_LT(ink[seven].x, ink[open].x);
  EXPECT_LT(ink[open].x, ink[g].x);
  EXPECT_LT(ink[g].x, ink[close].x);
  EXPECT_LT(ink[close].right(), ink[arabic].x) << "the Arabic words are right of the reference";
  EXPECT_LT(ink[stop].right(), ink[two].x) << "the full stop ends the sentence, on the left";
}

namespace {

bool one_line_has(const std::vector<std::string>& lines, const std::string& what) {
  for (const std::string& l : lines)
    if (l.find(what) != std::string::npos) return true;
  return false;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += "[" + l + "] ";
  return s;
}

}  // namespace

TEST(Atoms, NoHyphenOrBreakInsideAnAddressHandleOrHashtag) {
  // Narrow enough that the dictionary is asked for hyphens.
  const std::vector<std::string> lines = lines_of(
      "Tell @GovernorNewsom and #Accountability: act.example.org or organizing@example.org", "en",
      560, 40, 90);
  for (const std::string atom :
       {"@GovernorNewsom", "#Accountability", "act.example.org", "organizing@example.org"})
    EXPECT_TRUE(one_line_has(lines, atom)) << atom << " is broken: " << joined(lines);
}

TEST(Atoms, AUrlBreaksOnlyWhenItCannotFitWholeAndWithNoHyphen) {
  const std::string url = "act.example.org/join-the-campaign-for-fair-housing";
  // Fits a line whole at the largest size: whole, even where breaking it
  // would make more even lines.
  for (double width = 1150; width <= 1400; width += 50) {
    const std::vector<std::string> lines =
        lines_of("Join the campaign for fair housing today at " + url, "en", width, 30, 40);
    EXPECT_TRUE(one_line_has(lines, url)) << width << ": " << joined(lines);
  }
  // Wider than the line: broken after a separator, no hyphen added, every
  // character kept.
  const std::vector<std::string> cut = lines_of("Join at " + url, "en", 500, 30, 60);
  ASSERT_GT(cut.size(), 1u);
  std::string all;
  for (size_t i = 0; i < cut.size(); ++i) {
    // Each line but the last ends before the URL or at one of its breaks.
    const std::string& l = cut[i];
    if (i + 1 < cut.size() && l != "Join at") {
      EXPECT_NE(std::string("/.-_?&=").find(l.back()), std::string::npos) << joined(cut);
    }
    all += l;
  }
  EXPECT_NE(all.find(url), std::string::npos)
      << "a hyphen was drawn or a letter lost: " << joined(cut);
}

TEST(Atoms, NumbersStayWithTheirUnitsWhenLinesBreak) {
  const std::string text =
      "SB 1047 passed with 1.2 million signatures, 15 % more than planned, by Sept. 30";
  // Across many measures, none splits a number from its unit.
  for (double width = 420; width <= 1000; width += 45) {
    const std::vector<std::string> lines = lines_of(text, "en", width, 36, 72);
    for (const std::string unit : {"SB 1047", "1.2 million", "15 %", "Sept. 30"})
      EXPECT_TRUE(one_line_has(lines, unit)) << width << ": " << joined(lines);
  }
}

TEST(Atoms, AChineseNumberAndItsUnitStayTogether) {
  const std::string text = "我们要在２０３０年前实现平等权利";
  for (double width = 300; width <= 700; width += 40) {
    const std::vector<std::string> lines = lines_of(text, "zh", width, 40, 80);
    EXPECT_TRUE(one_line_has(lines, "２０３０年")) << width << ": " << joined(lines);
  }
}
