#include "text/hyphenate.h"

#include <gtest/gtest.h>

using namespace placard;

namespace {
// Soft hyphens shown as "-" so expectations read naturally.
std::string show(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 2, "\u00AD") == 0) {
      out += '-';
      i += 2;
    } else {
      out += s[i++];
    }
  }
  return out;
}
}  // namespace

TEST(Hyphenate, EnglishLongWordsGetDictionaryBreakPoints) {
  ASSERT_TRUE(can_hyphenate("en"));
  EXPECT_EQ(show(hyphenate("internationalization", "en")), "inter-na-tion-al-iza-tion");
  // Short words and the three letters at either end stay whole.
  EXPECT_EQ(show(hyphenate("End unfair raids", "en")), "End unfair raids");
}

TEST(Hyphenate, SpanishUsesItsOwnPatternsAndKeepsAccents) {
  ASSERT_TRUE(can_hyphenate("es-MX"));
  EXPECT_EQ(show(hyphenate("organización comunitaria", "es")), "orga-ni-za-ción comu-ni-ta-ria");
}

TEST(Hyphenate, UnknownLanguageLeavesTextAlone) {
  EXPECT_FALSE(can_hyphenate("xx"));
  EXPECT_FALSE(can_hyphenate(""));
  EXPECT_EQ(hyphenate("internationalization", "xx"), "internationalization");
}

TEST(Hyphenate, PunctuationAndNumbersAreNotTouched) {
  EXPECT_EQ(show(hyphenate("287(g) agreements, internationally.", "en")),
            "287(g) agree-ments, inter-na-tion-ally.");
}
