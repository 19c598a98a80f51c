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
