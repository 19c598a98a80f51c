#include "content/csv_reader.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

std::string error_of(std::string_view text) {
  try {
    parse_csv(text, "deck.csv");
  } catch (const DiagnosticError& e) {
    return format_diagnostic(e.diagnostic());
  }
  return "no error";
}

std::vector<std::vector<std::string>> texts(const std::vector<CsvRow>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : rows) {
    out.emplace_back();
    for (const auto& c : r) out.back().push_back(c.text);
  }
  return out;
}

TEST(CsvReader, ReadsQuotedCellsWithCommasQuotesAndLineBreaks) {
  auto rows =
      parse_csv("headline,body\n\"One, two\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\n", "deck.csv");
  using V = std::vector<std::vector<std::string>>;
  EXPECT_EQ(texts(rows),
            (V{{"headline", "body"}, {"One, two", "say \"hi\""}, {"multi\nline", "x"}}));
}

TEST(CsvReader, PlacesEveryCell) {
  auto rows = parse_csv("a,b\n\n\"x\ny\",zz\nlast,\n", "deck.csv");
  ASSERT_EQ(rows.size(), 3u);  // the blank line is skipped
  EXPECT_EQ(rows[1][0].loc.line, 3);
  EXPECT_EQ(rows[1][0].loc.col, 1);
  EXPECT_EQ(rows[1][1].loc.line, 4);  // after the quoted line break
  EXPECT_EQ(rows[1][1].loc.col, 4);
  EXPECT_EQ(rows[2][1].text, "");
  EXPECT_EQ(rows[2][1].loc.line, 5);
}

TEST(CsvReader, CrlfLastLineWithoutNewlineAndBom) {
  auto rows = parse_csv("\xEF\xBB\xBFheadline,kind\r\nHello,quote", "deck.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0].text, "headline");  // no BOM left in the first name
  EXPECT_EQ(rows[1][1].text, "quote");
}

TEST(CsvReader, DetectsSemicolonAndTabDelimiters) {
  EXPECT_EQ(texts(parse_csv("headline;kind\nA, b;quote\n", "d.csv"))[1],
            (std::vector<std::string>{"A, b", "quote"}));
  EXPECT_EQ(texts(parse_csv("headline\tkind\nA; b\tquote\n", "d.tsv"))[1],
            (std::vector<std::string>{"A; b", "quote"}));
}

TEST(CsvReader, MarkupIsKeptAsTyped) {
  auto rows = parse_csv("headline\n<b>bold</b> & **not bold**\n", "deck.csv");
  EXPECT_EQ(rows[1][0].text, "<b>bold</b> & **not bold**");
}

TEST(CsvReader, StrayQuotesFailWithThePlace) {
  EXPECT_EQ(error_of("headline\nsay \"hi\"\n").substr(0, 55),
            "deck.csv:2:5: error: malformed CSV: stray '\"' in a cell");
  EXPECT_NE(error_of("a,b\n\"x\"y,z\n")
                .find("deck.csv:2:4: error: malformed CSV: text after a "
                      "closing '\"'"),
            std::string::npos);
  EXPECT_NE(error_of("a,b\nx,\"never closed\n")
                .find("deck.csv:2:3: error: malformed CSV: quoted cell is never closed"),
            std::string::npos);
}

}  // namespace
}  // namespace placard
