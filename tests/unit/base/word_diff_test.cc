#include "base/word_diff.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

using Op = WordEdit::Op;

TEST(WordDiff, OneWordReplacedIsOneRemovedThenOneAdded) {
  auto d = word_diff("End 287(g) agreements now", "End every 287(g) agreement now");
  std::vector<WordEdit> want = {{Op::same, "End"},        {Op::added, "every"},
                                {Op::same, "287(g)"},     {Op::removed, "agreements"},
                                {Op::added, "agreement"}, {Op::same, "now"}};
  EXPECT_EQ(d, want);
}

TEST(WordDiff, SpacesAndLineBreaksDoNotCount) {
  EXPECT_EQ(word_diff("a  b\nc", "a b c"), (std::vector<WordEdit>{{Op::same, "a b c"}}));
  EXPECT_EQ(split_words("  one\ttwo\r\nthree "), (std::vector<std::string>{"one", "two", "three"}));
}

TEST(WordDiff, SharedShareIsOfTheLongerText) {
  EXPECT_DOUBLE_EQ(shared_word_share("a b c d", "a b c d"), 1.0);
  EXPECT_DOUBLE_EQ(shared_word_share("a b c d", "a b"), 0.5);
  EXPECT_DOUBLE_EQ(shared_word_share("a b", "x y"), 0.0);
  EXPECT_DOUBLE_EQ(shared_word_share("", ""), 1.0);
}

TEST(WordDiff, LineShortensLongUnchangedRuns) {
  auto d = word_diff("one two three four five six seven eight nine ten",
                     "one two three four five six seven eight nine eleven");
  EXPECT_EQ(word_diff_line(d, 2), "… eight nine [-ten-] {+eleven+}");
  EXPECT_EQ(word_diff_line(word_diff("a", "b")), "[-a-] {+b+}");
}

TEST(WordDiff, VeryLongTextsAreOneRemovedAndOneAddedRun) {
  std::string a, b;
  for (int i = 0; i < 4500; ++i) {
    a += "w" + std::to_string(i) + " ";
    b += "w" + std::to_string(i + 1) + " ";
  }
  auto d = word_diff(a, b);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].op, Op::removed);
  EXPECT_EQ(d[1].op, Op::added);
}

}  // namespace
}  // namespace placard
