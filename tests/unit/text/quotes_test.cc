// Quotation marks by language, and the marks a text already has.
#include "text/quotes.h"

#include <gtest/gtest.h>

using namespace placard;

TEST(Quotes, EachLanguageOpensWithItsOwnMark) {
  EXPECT_EQ(quote_marks("de").open, "\u201E");
  EXPECT_EQ(quote_marks("de").close, "\u201C");
  EXPECT_EQ(quote_marks("de-CH").open, "\u00AB");
  EXPECT_EQ(quote_marks("de-AT").open, "\u201E");  // by the shortened tag
  EXPECT_EQ(quote_marks("FR-ca").open, "\u00AB");  // tags ignore case
  EXPECT_EQ(quote_marks("pt-PT").open, "\u00AB");
  EXPECT_EQ(quote_marks("pt-BR").open, "\u201C");
  EXPECT_EQ(quote_marks("ja").open, "\u300C");
  EXPECT_EQ(quote_marks("zh_Hant").open, "\u300C");
  EXPECT_EQ(quote_marks("ru").open, "\u00AB");
  EXPECT_EQ(quote_marks("").open, "\u201C");
  EXPECT_EQ(quote_marks("tlh").open, "\u201C");
}

TEST(Quotes, ALeadingQuoteIsFoundPastBidiMarks) {
  EXPECT_EQ(leading_quote("\u201EJetzt\u201C"), "\u201E");
  EXPECT_EQ(leading_quote("\u200F\u00ABنعم\u00BB"), "\u00AB");
  EXPECT_EQ(leading_quote("\u300C原発ゼロへ\u300D"), "\u300C");
  EXPECT_EQ(leading_quote("\"Now\""), "\"");
  EXPECT_EQ(leading_quote("Now \u201Cor\u201D never"), "");
}

TEST(Quotes, OnlyAWholeQuotationIsEnclosed) {
  const std::string de = "\u201EMieten runter!\u201C";
  const auto in = enclosed_quotation(de);
  ASSERT_TRUE(in);
  EXPECT_EQ(de.substr(in->first, in->second - in->first), "Mieten runter!");
  const std::string ja = "\u300C原発ゼロへ。\u300D";
  const auto ja_in = enclosed_quotation(ja);
  ASSERT_TRUE(ja_in);
  EXPECT_EQ(ja.substr(ja_in->first, ja_in->second - ja_in->first), "原発ゼロへ。");
  EXPECT_FALSE(enclosed_quotation("\u201CA\u201D and \u201CB\u201D"));
  EXPECT_FALSE(enclosed_quotation("\u00ABNo\u00BB, dijo."));
  EXPECT_FALSE(enclosed_quotation("Plain text"));
  EXPECT_FALSE(enclosed_quotation("\u201C\u201D"));
}

TEST(Quotes, AnAttributionsOwnDashIsFound) {
  EXPECT_EQ(leading_dash("\u2014 Ana"), "\u2014");
  EXPECT_EQ(leading_dash("\u2013Ana"), "\u2013");
  EXPECT_EQ(leading_dash("-- Ana"), "--");
  EXPECT_EQ(leading_dash("Ana-Maria"), "");
}

TEST(Quotes, TheMarkATextOpensWithHangsWithTheSpaceSetAfterIt) {
  const auto bytes = [](const std::string& t) {
    const auto [from, to] = hanging_punctuation(t);
    return t.substr(from, to - from);
  };
  EXPECT_EQ(bytes("\u201CHousing is a right.\u201D"), "\u201C");
  EXPECT_EQ(bytes("\u00AB\u202FLe logement est un droit\u202F\u00BB"), "\u00AB\u202F");
  EXPECT_EQ(bytes("\u2067\u201D\u0627\u0644\u0633\u0643\u0646\u201C\u2069"), "\u201D");
  EXPECT_EQ(bytes("\u300C\u4F4F\u307E\u3044\u300D"), "\u300C");
  EXPECT_EQ(bytes("Housing is a right."), "");
  // The quote layout's decorative mark alone does not hang.
  EXPECT_EQ(bytes("\u201C"), "");
}
