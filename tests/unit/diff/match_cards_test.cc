#include "diff/match_cards.h"

#include <gtest/gtest.h>

#include "diff_test_data.h"

namespace placard {
namespace {

using namespace placard::test;

TEST(MatchCards, SameDigestsAreCountedNotListed) {
  Manifest m = manifest({card("a", "A", {output("og", "h1"), output("x", "h2")})});
  FolderDiff d = match_cards(m, m, true);
  EXPECT_FALSE(d.changed());
  EXPECT_EQ(d.unchanged_cards, 1);
  EXPECT_EQ(d.unchanged_outputs, 2);
}

TEST(MatchCards, WithoutTrustedDigestsEveryPairIsToCompare) {
  Manifest m = manifest({card("a", "A", {output("og", "h1")})});
  FolderDiff d = match_cards(m, m, false);
  ASSERT_EQ(d.cards.size(), 1u);
  EXPECT_EQ(d.cards[0].outputs[0].change, Change::changed);
}

TEST(MatchCards, OneWordChangedListsOnlyThatCardWithItsWords) {
  Manifest a = manifest({card("a", "Fund schools now", {output("og", "1"), output("x", "2")}),
                         card("b", "Other", {output("og", "3")})});
  Manifest b = manifest({card("a", "Fund clinics now", {output("og", "4"), output("x", "5")}),
                         card("b", "Other", {output("og", "3")})});
  FolderDiff d = match_cards(a, b, true);
  ASSERT_EQ(d.cards.size(), 1u);
  EXPECT_EQ(d.cards[0].id, "a");
  EXPECT_EQ(d.cards[0].change, Change::changed);
  EXPECT_EQ(word_diff_line(d.cards[0].text), "Fund [-schools-] {+clinics+} now");
  EXPECT_EQ(d.cards[0].outputs.size(), 2u);
  EXPECT_EQ(d.unchanged_cards, 1);
}

TEST(MatchCards, AddedRemovedAndRenamed) {
  Manifest a = manifest({card("end-287g-agreemnts", "End 287(g) agreemnts and more words here",
                              {output("og", "1")}, "campaign.md:26:1"),
                         card("gone", "Gone", {output("og", "2")}, "campaign.md:40:1")});
  Manifest b = manifest({card("end-287g-agreements", "End 287(g) agreements and more words here",
                              {output("og", "3")}, "campaign.md:26:1"),
                         card("new", "New", {output("og", "4")}, "campaign.md:50:1")});
  FolderDiff d = match_cards(a, b, true);
  ASSERT_EQ(d.cards.size(), 3u);
  EXPECT_EQ(d.cards[0].change, Change::renamed);
  EXPECT_EQ(d.cards[0].id, "end-287g-agreements");
  EXPECT_EQ(d.cards[0].old_id, "end-287g-agreemnts");
  EXPECT_EQ(d.cards[0].outputs.at(0).change, Change::changed);
  EXPECT_EQ(d.cards[1].change, Change::added);
  EXPECT_EQ(d.cards[1].outputs.at(0).change, Change::added);
  EXPECT_EQ(d.cards[2].change, Change::removed);
  EXPECT_EQ(d.cards[2].id, "gone");
}

TEST(MatchCards, FormatChangeIsOneOutputWithNotes) {
  Manifest a = manifest({card("a", "A", {output("og", "1", 50000, "png")})});
  Manifest b = manifest({card("a", "A", {output("og", "2", 30000, "jpeg")})});
  FolderDiff d = match_cards(a, b, true);
  ASSERT_EQ(d.cards.size(), 1u);
  const OutputDiff& o = d.cards[0].outputs.at(0);
  EXPECT_EQ(o.change, Change::changed);
  EXPECT_EQ(o.before->file, "a/og.png");
  EXPECT_EQ(o.after->file, "a/og.jpg");
  EXPECT_EQ(o.notes.at(0), "format png → jpeg");
  EXPECT_EQ(o.notes.at(1), "file a/og.png → a/og.jpg");
  EXPECT_EQ(o.notes.at(2).rfind("bytes ", 0), 0u);
}

TEST(MatchCards, WarningsNewAndGoneAndBrandColours) {
  Manifest a = manifest({card("a", "A", {output("og", "1")})});
  Manifest b = a;
  b.cards[0].outputs[0].hash = "2";
  b.cards[0].outputs[0].warnings = {{"contrast", "too faint", {}}};
  b.cards[0].warnings = b.cards[0].outputs[0].warnings;
  a.editions = {{"", "T", "", "", "", {{"accent", "#112233"}}}};
  b.editions = {{"", "T", "", "", "", {{"accent", "#445566"}}}};
  FolderDiff d = match_cards(a, b, true);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0], "brand colour accent: #112233 → #445566");
  ASSERT_EQ(d.cards.size(), 1u);
  EXPECT_EQ(d.cards[0].notes.at(0), "new warning (contrast): too faint");
  FolderDiff back = match_cards(b, a, true);
  EXPECT_EQ(back.cards.at(0).notes.at(0), "gone warning (contrast): too faint");
}

}  // namespace
}  // namespace placard

namespace placard {
namespace {

TEST(MatchCards, HeadlineSizeAndLinesAsTheManifestsRecordThem) {
  ManifestOutput b = test::output("og", "1");
  ManifestOutput a = test::output("og", "2");
  b.text = {{"kicker", 24, 1}, {"headline", 92, 2}};
  a.text = {{"kicker", 24, 1}, {"headline", 84.5, 3}};
  const auto notes = output_notes(b, a);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0], "headline 92 → 84.5 px");
  EXPECT_EQ(notes[1], "headline 2 → 3 lines");
  a.text.clear();  // an older manifest: nothing to say
  EXPECT_TRUE(output_notes(b, a).empty());
}

// A brand font that sets the same words wider breaks them elsewhere: the
// text is the same, the lines are not.
TEST(MatchCards, TheSameTextBrokenElsewhereIsReportedAsBreaks) {
  Manifest a = manifest({card("a", "End 287(g) agreements.", {output("og", "1")})});
  Manifest b = manifest({card("a", "End 287(g) agreements.", {output("og", "2")})});
  a.cards[0].outputs[0].text = {{"kicker", 24, 1, {"Recommendation 1"}},
                                {"headline", 92, 2, {"End 287(g)", "agreements."}}};
  b.cards[0].outputs[0].text = {{"kicker", 24, 1, {"Recommendation 1"}},
                                {"headline", 92, 1, {"End 287(g) agreements."}}};
  FolderDiff d = match_cards(a, b, true);
  ASSERT_EQ(d.cards.size(), 1u);
  EXPECT_TRUE(d.cards[0].text.empty());  // no word changed
  const OutputDiff& o = d.cards[0].outputs.at(0);
  EXPECT_EQ(o.notes,
            (std::vector<std::string>{
                "headline 2 → 1 lines",
                R"(headline breaks: "End 287(g) / agreements." → "End 287(g) agreements.")"}))
      << ::testing::PrintToString(o.notes);
  ASSERT_EQ(o.breaks.size(), 1u);  // the kicker's line did not move
  EXPECT_EQ(o.breaks[0],
            (BreakChange{"headline", {"End 287(g)", "agreements."}, {"End 287(g) agreements."}}));
}

TEST(MatchCards, ALayoutOrBrandChangedIsACardNote) {
  Manifest a = manifest({card("a", "A", {output("og", "1")})});
  a.cards[0].layout = "standard";
  a.cards[0].brand = "brand.yaml";
  Manifest b = a;
  b.cards[0].outputs[0].hash = "2";
  b.cards[0].layout = "heading";
  FolderDiff d = match_cards(a, b, true);
  ASSERT_EQ(d.cards.size(), 1u);
  EXPECT_EQ(d.cards[0].notes, std::vector<std::string>{"layout: standard → heading"});
  EXPECT_EQ(d.cards[0].layout, (NameChange{"standard", "heading"}));
  EXPECT_FALSE(d.cards[0].brand);
  b.cards[0].layout = "standard";
  b.cards[0].brand = "brands/2026.yaml";
  d = match_cards(a, b, true);
  EXPECT_EQ(d.cards.at(0).notes, std::vector<std::string>{"brand: brand.yaml → brands/2026.yaml"});
  EXPECT_FALSE(d.cards[0].layout);
}

// A folder rendered before the manifest kept lines, layouts and brands: it
// is compared as before, and nothing is said of what it does not record.
TEST(MatchCards, AnOlderManifestSaysNothingOfBreaksLayoutOrBrand) {
  Manifest old = manifest({card("a", "End 287(g) agreements.", {output("og", "1")})});
  old.cards[0].outputs[0].text = {{"headline", 92, 2}};
  Manifest now = manifest({card("a", "End 287(g) agreements.", {output("og", "2")})});
  now.cards[0].layout = "heading";
  now.cards[0].brand = "brand.yaml";
  now.cards[0].outputs[0].text = {{"headline", 92, 2, {"End 287(g)", "agreements."}}};
  for (const FolderDiff& d : {match_cards(old, now, true), match_cards(now, old, true)}) {
    ASSERT_EQ(d.cards.size(), 1u);
    EXPECT_TRUE(d.cards[0].notes.empty()) << ::testing::PrintToString(d.cards[0].notes);
    EXPECT_FALSE(d.cards[0].layout);
    const OutputDiff& o = d.cards[0].outputs.at(0);
    EXPECT_EQ(o.change, Change::changed);  // still compared, by its pixels
    EXPECT_TRUE(o.breaks.empty());
    EXPECT_TRUE(o.notes.empty()) << ::testing::PrintToString(o.notes);
  }
}

}  // namespace
}  // namespace placard
