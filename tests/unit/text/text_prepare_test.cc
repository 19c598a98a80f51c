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

TEST(BreakAids, LongUrlsAndHashtagsGetBreakPointsBeforeLetters) {
  RichText t;
  t.spans = {{"see https://example.org/get-involved #EndTheCollaboration now", false, false}};
  const std::string z = "\u200B";
  EXPECT_EQ(with_break_aids(t, "").plain(), "see https://" + z + "example." + z + "org/" + z +
                                                "get-" + z + "involved #End" + z + "The" + z +
                                                "Collaboration now");
}

TEST(BreakAids, ShortTokensAreLeftWhole) {
  RichText t;
  t.spans = {{"example.org and @placard", false, false}};
  EXPECT_EQ(with_break_aids(t, "").plain(), "example.org and @placard");
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
