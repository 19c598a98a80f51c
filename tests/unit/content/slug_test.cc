#include "content/slug.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

TEST(Slugify, JoinsLowercaseWordsWithDashes) {
  EXPECT_EQ(slugify("Terminate the Priority Enforcement Program"),
            "terminate-the-priority-enforcement-program");
  EXPECT_EQ(slugify("  Stop   the raids!  "), "stop-the-raids");
}

TEST(Slugify, DropsBracketsAndApostrophesInsideWords) {
  EXPECT_EQ(slugify("End 287(g) agreements."), "end-287g-agreements");
  EXPECT_EQ(slugify("Protect every individual’s rights"), "protect-every-individuals-rights");
  EXPECT_EQ(slugify("Don't wait"), "dont-wait");
  EXPECT_EQ(slugify("Arrests of U.S. citizens"), "arrests-of-us-citizens");
}

TEST(Slugify, OtherPunctuationSeparatesWords) {
  EXPECT_EQ(slugify("Black & Brown—together/now: “PEP”"), "black-brown-together-now-pep");
  EXPECT_EQ(slugify("2.5 million people"), "2-5-million-people");
}

TEST(Slugify, TransliteratesLatinLetters) {
  EXPECT_EQ(slugify("Café Niño Über Façade Straße"), "cafe-nino-uber-facade-strasse");
  EXPECT_EQ(slugify("ÆSIR Søren Ørsted þorn"), "aesir-soren-orsted-thorn");
  EXPECT_EQ(slugify("Łódź Œuvre Ĳssel Šťastný"), "lodz-oeuvre-ijssel-stastny");
  EXPECT_EQ(slugify("Reforma migratoria ¡ya!"), "reforma-migratoria-ya");
  // A decomposed accent (e + U+0301) folds like the composed letter.
  EXPECT_EQ(slugify("Cafe\xCC\x81 abierto"), "cafe-abierto");
}

TEST(Slugify, NonLatinTextGivesEmptySlug) {
  EXPECT_EQ(slugify("إنهاء التعاون مع الهجرة"), "");
  EXPECT_EQ(slugify("终止合作"), "");
  EXPECT_EQ(slugify("!!! ... ???"), "");
  EXPECT_EQ(slugify(""), "");
  EXPECT_EQ(slugify("ICE الهجرة out"), "ice-out");
}

TEST(Slugify, CutsAtWordBoundaryWithinFortyEightCharacters) {
  std::string slug = slugify("Prohibit local law enforcement from collaborating with ICE");
  EXPECT_EQ(slug, "prohibit-local-law-enforcement");  // no dangling "-from"
  EXPECT_EQ(slugify("Continue demanding law enforcement to work with the community"),
            "continue-demanding-law-enforcement-to-work");
  // Exactly 48 characters is kept whole.
  EXPECT_EQ(slugify("criminalizing immigration exposes it to the many biases"),
            "criminalizing-immigration-exposes-it-to-the-many");
  // A single over-long word is cut hard.
  EXPECT_EQ(slugify(std::string(60, 'x')), std::string(48, 'x'));
  // A short text ending in a filler word keeps it: only cuts are tidied.
  EXPECT_EQ(slugify("What we stand for"), "what-we-stand-for");
}

TEST(IsValidId, AcceptsLowercaseLettersDigitsDashUnderscore) {
  EXPECT_TRUE(is_valid_id("pep"));
  EXPECT_TRUE(is_valid_id("end-287g_agreements"));
  EXPECT_TRUE(is_valid_id("9"));
  EXPECT_TRUE(is_valid_id(std::string(64, 'a')));
}

TEST(IsValidId, RejectsAnythingUnsafeAsAFileName) {
  EXPECT_FALSE(is_valid_id(""));
  EXPECT_FALSE(is_valid_id(std::string(65, 'a')));
  EXPECT_FALSE(is_valid_id("-pep"));
  EXPECT_FALSE(is_valid_id("_pep"));
  EXPECT_FALSE(is_valid_id("PEP"));
  EXPECT_FALSE(is_valid_id("a.png"));
  EXPECT_FALSE(is_valid_id("../etc"));
  EXPECT_FALSE(is_valid_id("a b"));
  EXPECT_FALSE(is_valid_id("café"));
}

TEST(Slugify, NonEmptySlugsAreValidIds) {
  for (const char* text :
       {"End 287(g) agreements", "Çà et là — ¿qué?", "a", "Ñ", "The U.S. & the E.U.", "100%"}) {
    std::string slug = slugify(text);
    EXPECT_TRUE(is_valid_id(slug)) << text << " -> " << slug;
  }
}

}  // namespace
}  // namespace placard
