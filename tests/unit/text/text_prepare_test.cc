#include "text/text_prepare.h"

#include <gtest/gtest.h>

using namespace placard;

TEST(CleanText, StrayWhitespaceControlsAndByteOrderMarksGo) {
  EXPECT_EQ(clean_text("  Stray\twhitespace \uFEFFand\n  more  "), "Stray whitespace and more");
  EXPECT_EQ(clean_text("bell\x07 and\r\nreturn"), "bell and return");
  // A no-break space is meant: it stays.
  EXPECT_EQ(clean_text("287\u00A0g"), "287\u00A0g");
}

TEST(CleanText, DecomposedAccentsAreComposed) {
  // "e" + combining acute, Vietnamese "ệ" as base + two marks.
  EXPECT_EQ(clean_text("Cafe\u0301"), "Caf\u00E9");
  EXPECT_EQ(clean_text("Vie\u0323\u0302t"), "Vi\u1EC7t");
}

TEST(CleanText, SpacesBetweenSpansStayOutsideEmphasis) {
  RichText t;
  t.spans = {{"We demand ", false, false, false},
             {" civil rights ", false, false, true},
             {" now", true, false, false}};
  RichText c = clean_text(t);
  ASSERT_EQ(c.spans.size(), 3u);
  EXPECT_EQ(c.spans[0].text, "We demand ");
  EXPECT_EQ(c.spans[1].text, "civil rights ");
  EXPECT_TRUE(c.spans[1].mark);
  EXPECT_EQ(c.spans[2].text, "now");
  EXPECT_EQ(c.plain(), "We demand civil rights now");
}

TEST(BreakAids, UrlsGetBreakPointsAfterSeparatorsAndHashtagsAtTheirHumps) {
  RichText t;
  t.spans = {{"see https://example.org/get-involved #EndTheCollaboration now", false, false}};
  const std::string z = "\u200B";
  EXPECT_EQ(with_break_aids(t, "").plain(), "see https://" + z + "example." + z + "org/" + z +
                                                "get-" + z + "involved #End" + z + "The" + z +
                                                "Collaboration now");
}

TEST(BreakAids, NoDictionaryHyphenInsideAnAddressHandleOrHashtag) {
  RichText t;
  t.spans = {
      {"Governor @GovernorNewsom #Accountability at act.example.org or "
       "organizing@example.org",
       false, false}};
  const std::string aided = with_break_aids(t, "en").plain();
  // The words around are hyphenated: the dictionary is there.
  EXPECT_NE(aided.find("Gov\u00ADer\u00ADnor @"), std::string::npos) << aided;
  EXPECT_NE(aided.find("@GovernorNewsom #Accountability at act."), std::string::npos) << aided;
  EXPECT_NE(aided.find(" organizing@example.org"), std::string::npos) << aided;
}

TEST(BreakAids, ShortTokensOutsideAddressesAreLeftWhole) {
  RichText t;
  t.spans = {{"example.org and @placard and Wilkommenskultur", false, false}};
  // A URL's break points are there however short it is (line breaking
  // takes one only when the URL cannot fit whole).
  EXPECT_EQ(with_break_aids(t, "").plain(), "example.\u200Borg and @placard and Wilkommenskultur");
}

TEST(Direction, DetectedFromTheFirstStrongCharacter) {
  EXPECT_TRUE(is_rtl("  \"مرحبا\" hello"));
  EXPECT_TRUE(is_rtl("שלום Placard"));
  EXPECT_FALSE(is_rtl("287 Placard مرحبا"));
  EXPECT_FALSE(is_rtl("123 !?"));
  EXPECT_TRUE(is_rtl_language("ar"));
  EXPECT_TRUE(is_rtl_language("fa-IR"));
  EXPECT_FALSE(is_rtl_language("es"));
}

TEST(Direction, IsolatedRunsAreSkippedAndMarksAreStrong) {
  // A supporter's Arabic name, isolated, at the start of an English line.
  EXPECT_FALSE(is_rtl("\u2068\u0639\u0644\u064A\u2069 \u00B7 Houston"));
  EXPECT_TRUE(is_rtl("\u2068Ana\u2069 \u064A\u0642\u0648\u0644"));
  EXPECT_FALSE(is_rtl("\u200E\u2068\u0639\u0644\u064A\u2069"));
  EXPECT_TRUE(is_rtl("\u200F\u2068Ana\u2069"));
}

TEST(Direction, AParagraphTakesItsLanguagesDirectionWhateverItsFirstLetter) {
  // A brand name first does not turn an Arabic or Hebrew sentence around.
  const std::string arabic =
      "Google \u0648Meta \u064A\u062C\u0628 \u0623\u0646 \u062A\u062F\u0641\u0639.";
  const std::string hebrew =
      "Google \u05D5-Meta \u05E6\u05E8\u05D9\u05DB\u05D5\u05EA \u05DC\u05E9\u05DC\u05DD.";
  for (const char* lang : {"ar", "ar-EG", "ar_EG", "AR", "he", "he-IL", "iw", "fa", "fa-IR", "ur",
                           "ur-PK", "ps", "ckb", "ckb-IQ", "yi", "ar-Arab-EG"}) {
    SCOPED_TRACE(lang);
    EXPECT_EQ(paragraph_rtl(arabic, lang), true);
    EXPECT_EQ(paragraph_rtl(hebrew, lang), true);
    EXPECT_EQ(paragraph_rtl("2030!", lang), true) << "digits and marks take the language's";
  }
  // An Arabic name first does not turn an English or French sentence around.
  for (const char* lang : {"en", "en-GB", "fr", "de", "und"}) {
    SCOPED_TRACE(lang);
    EXPECT_EQ(paragraph_rtl("\u0639\u0644\u064A says: pay your taxes.", lang), false);
    EXPECT_EQ(paragraph_rtl("\u05E9\u05DC\u05D5\u05DD, Placard!", lang), false);
    EXPECT_EQ(paragraph_rtl("2030!", lang), false);
  }
}

TEST(Direction, ATextAllInTheOtherDirectionKeepsItsOwn) {
  // A URL or an English footer on an Arabic card; an Arabic quotation on an
  // English one.
  EXPECT_EQ(paragraph_rtl("act.example.org/join", "ar"), false);
  EXPECT_EQ(paragraph_rtl("@JusticeNow", "he"), false);
  EXPECT_EQ(
      paragraph_rtl("\u0627\u0644\u0639\u062F\u0627\u0644\u0629 \u0627\u0644\u0622\u0646!", "en"),
      true);
  // A supporter's isolated name does not count: its line takes the language's.
  EXPECT_EQ(paragraph_rtl("\u2068Ana\u2069 \u00B7 \u2068Houston\u2069", "ar"), true);
  EXPECT_EQ(paragraph_rtl("\u2068\u0639\u0644\u064A\u2069 \u00B7 Houston", "en"), false);
}

TEST(Direction, WithNoLanguageTheFirstStrongLetterDecides) {
  EXPECT_EQ(paragraph_rtl("Google \u0648Meta \u064A\u062C\u0628", ""), std::nullopt);
  EXPECT_EQ(paragraph_rtl("\u0639\u0644\u064A says", ""), std::nullopt);
}

TEST(LanguageTags, CasedAsBcp47WritesThemWithExtensionsInLowerCase) {
  EXPECT_EQ(canonical_lang("ES-mx"), "es-MX");
  EXPECT_EQ(canonical_lang("zh_hant_tw"), "zh-Hant-TW");
  // After the singleton "u", "nu" is a key and "latn" its value, not a
  // region and a script.
  EXPECT_EQ(canonical_lang("AR-EG-U-NU-LATN"), "ar-EG-u-nu-latn");
  EXPECT_EQ(lang_without_extensions("ar-EG-u-nu-latn"), "ar-EG");
  EXPECT_EQ(lang_without_extensions("de-x-campaign"), "de");
  EXPECT_EQ(lang_without_extensions("fr"), "fr");
  EXPECT_EQ(unicode_keyword("ar-u-nu-latn", "nu"), "latn");
  EXPECT_EQ(unicode_keyword("ar-u-ca-islamic-nu-arab", "nu"), "arab");
  EXPECT_EQ(unicode_keyword("ar-u-ca-islamic", "nu"), "");
  // A private-use "nu" is not the keyword.
  EXPECT_EQ(unicode_keyword("ar-x-nu-latn", "nu"), "");
  EXPECT_EQ(unicode_keyword("ar", "nu"), "");
}
