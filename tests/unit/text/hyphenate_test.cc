#include "text/hyphenate.h"

#include <gtest/gtest.h>

#include <vector>

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

TEST(Hyphenate, ALegacyEncodedDictionaryGetsItsPointsWhereItSaysThem) {
  // Debian's German patterns are ISO 8859-1: read as UTF-8, every umlaut
  // shifted the points by a letter ("kapitänsw-itwe", "überw-ac-hungsa").
  ASSERT_TRUE(can_hyphenate("de"));
  EXPECT_EQ(show(hyphenate("Donaudampfschifffahrtsgesellschaftskapitänswitwe", "de")),
            "Donau-dampf-schiff-fahrts-ge-sell-schafts-kapi-täns-witwe");
  EXPECT_EQ(show(hyphenate("Überwachungsaufgabenübertragungsgesetz", "de")),
            "Über-wachungs-auf-gaben-über-tra-gungs-ge-setz");
  // A letter the dictionary's encoding lacks leaves the word whole.
  EXPECT_EQ(show(hyphenate("Großstadtőrganisation", "de")), "Großstadtőrganisation");
}

TEST(Hyphenate, CompoundJointsAreTheDictionarysFirstLevel) {
  const std::string text = hyphenate("Mietpreisbremse und Kapitänswitwe", "de");
  ASSERT_EQ(show(text), "Miet-preis-bremse und Kapi-täns-witwe");
  // Of the soft hyphens, those between two parts, as the dictionary's word
  // list has them: Miet|preisbremse, Kapitäns|witwe.
  std::string joints = text;
  const std::vector<size_t> at = compound_points(text, "de");
  for (auto it = at.rbegin(); it != at.rend(); ++it) joints.replace(*it, 2, "|");
  EXPECT_EQ(show(joints), "Miet|preis-bremse und Kapi-täns|witwe");
  // A language whose dictionary has no compound level has none.
  EXPECT_TRUE(compound_points(hyphenate("internationalization", "en"), "en").empty());
}
