#include "diff/diff_model.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

OutputDiff out(Change change, double share = 0) {
  OutputDiff o;
  o.size = "og";
  o.change = change;
  o.changed_share = share;
  return o;
}

TEST(DiffModel, SettleCountsWhatDidNotChangeAndListsTheRest) {
  FolderDiff d;
  CardDiff same{Change::changed, "same"};
  same.outputs = {out(Change::unchanged), out(Change::unchanged)};
  CardDiff one{Change::changed, "one"};
  one.outputs = {out(Change::unchanged), out(Change::changed, 0.1)};
  CardDiff words{Change::changed, "words"};
  words.text = {{WordEdit::Op::added, "x"}};
  words.outputs = {out(Change::unchanged)};
  CardDiff broken{Change::changed, "broken"};
  broken.outputs = {out(Change::unchanged)};
  broken.outputs[0].problems = {"cannot read 'x'"};
  d.cards = {same, one, words, broken};
  settle(d);
  ASSERT_EQ(d.cards.size(), 3u);
  EXPECT_EQ(d.cards[0].id, "one");
  EXPECT_EQ(d.cards[0].outputs.size(), 1u);
  EXPECT_EQ(d.cards[1].id, "words");
  EXPECT_EQ(d.cards[2].id, "broken");  // a problem is never hidden
  EXPECT_EQ(d.unchanged_cards, 1);
  EXPECT_EQ(d.unchanged_outputs, 4);
  EXPECT_TRUE(d.changed());
}

TEST(DiffModel, MostChangedFirstAddedAndRemovedCountAsWhole) {
  FolderDiff d;
  CardDiff small{Change::changed, "small"};
  small.outputs = {out(Change::changed, 0.02)};
  CardDiff big{Change::changed, "big"};
  big.outputs = {out(Change::changed, 0.02), out(Change::changed, 0.4)};
  CardDiff added{Change::added, "added"};
  d.cards = {small, big, added};
  auto sorted = by_change(d);
  EXPECT_EQ(sorted[0]->id, "added");
  EXPECT_EQ(sorted[1]->id, "big");
  EXPECT_DOUBLE_EQ(sorted[1]->score(), 0.4);
  EXPECT_EQ(sorted[2]->id, "small");
  EXPECT_STREQ(change_name(Change::renamed), "renamed");
}

}  // namespace
}  // namespace placard
