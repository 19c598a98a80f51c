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

}  // namespace
}  // namespace placard
