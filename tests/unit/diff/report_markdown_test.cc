#include "diff/report_markdown.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

CardDiff changed(std::string id, double share) {
  CardDiff c{Change::changed, std::move(id)};
  OutputDiff o;
  o.size = "og";
  o.change = Change::changed;
  o.changed_share = share;
  o.after = ManifestOutput{"og", 1200, 630, "x/og.png"};
  o.notes = {"bytes 50.0 kB → 51.0 kB"};
  c.outputs = {o};
  return c;
}

TEST(ReportMarkdown, TableBiggestFirstWithTheLink) {
  FolderDiff d;
  CardDiff a = changed("a", 0.01);
  a.text = {
      {WordEdit::Op::same, "Fund"}, {WordEdit::Op::removed, "a|b"}, {WordEdit::Op::added, "c"}};
  d.cards = {a, changed("b", 0.3)};
  const std::string md = report_markdown(d, "https://example.org/run/1");
  EXPECT_LT(md.find("| `b` |"), md.find("| `a` |"));
  EXPECT_NE(md.find("| `a` | changed | 1.0% | og 1.0% | Fund ~~a\\|b~~ **c**; og: bytes 50.0 kB → "
                    "51.0 kB |"),
            std::string::npos);
  EXPECT_NE(md.find("[https://example.org/run/1](https://example.org/run/1)"), std::string::npos);
}

TEST(ReportMarkdown, StaysUnderTheLimitAndSaysWhatIsLeftOut) {
  FolderDiff d;
  for (int i = 0; i < 3000; ++i) d.cards.push_back(changed("card-" + std::to_string(i), 0.1));
  const std::string md = report_markdown(d, "");
  EXPECT_LE(md.size(), kSummaryMaxBytes);
  EXPECT_NE(md.find("more cards, in the full report."), std::string::npos);
  EXPECT_NE(md.find("[index.html](index.html)"), std::string::npos);
}

// A card drawn on another layout, re-broken with the same words: the row
// says both, the size before the output's note, and stays one table row.
TEST(ReportMarkdown, LayoutAndBreaksInTheRow) {
  FolderDiff d;
  CardDiff c = changed("end-287g", 0.2);
  c.notes = {"layout: standard → heading"};
  c.outputs[0].notes = {
      R"(headline breaks: "End 287(g) / agreements." → "End 287(g) agreements.")"};
  d.cards = {c};
  const std::string md = report_markdown(d, "");
  EXPECT_NE(
      md.find("| `end-287g` | changed | 20.0% | og 20.0% | layout: standard → heading; og: "
              "headline breaks: \"End 287(g) / agreements.\" → \"End 287(g) agreements.\" |\n"),
      std::string::npos)
      << md;
}
}  // namespace
}  // namespace placard
