// Line breaking over a hand-made shaped text: every character 10 px wide, so
// widths are easy to follow, with the ink overhang of an italic J (its hook
// reaches left of its advance) and f (its terminal reaches right).
#include "text/line_break.h"

#include <gtest/gtest.h>

using namespace placard;

namespace {

constexpr double kAdvance = 10;
constexpr float kJ = 3, kF = 4;  // px of ink past the advance: J to the left, f to the right

ShapedText shaped(const std::string& text, bool rtl = false) {
  ShapedText s;
  s.size = 20;
  s.text = text;
  s.rtl = rtl;
  for (size_t i = 0; i <= text.size(); ++i) {
    ShapedText::Char c;
    c.byte = i;
    c.x = i * kAdvance;
    c.break_before = i > 0 && i < text.size() && text[i - 1] == ' ';
    c.grapheme = true;
    c.white = i < text.size() && text[i] == ' ';
    c.word_start = i < text.size() && text[i] != ' ' && (i == 0 || text[i - 1] == ' ');
    if (i < text.size() && text[i] == 'J') c.ink_left = kJ;
    if (i < text.size() && text[i] == 'f') c.ink_right = kF;
    s.chars.push_back(c);
  }
  s.hyphen = kAdvance;
  return s;
}

}  // namespace

TEST(LineBreak, AnItalicsOverhangIsMeasuredAtTheSideItInksOn) {
  const ShapedText s = shaped("Jeff");
  const LineSpan line{0, 4, BreakKind::end};
  EXPECT_DOUBLE_EQ(line_width(s, line), 40);
  const Overhang o = line_overhang(s, line);
  EXPECT_FLOAT_EQ(o.left, kJ);
  EXPECT_FLOAT_EQ(o.right, kF);
  // Right to left, the first character is at the right end of the line.
  const ShapedText r = shaped("Jeff", true);
  const Overhang ro = line_overhang(r, line);
  EXPECT_FLOAT_EQ(ro.left, 0);   // the f's ink reaches right, inside the line
  EXPECT_FLOAT_EQ(ro.right, 0);  // the J's reaches left, inside it too
}

TEST(LineBreak, OverhangIntoTheRoomBesideTheBoxIsInkNotOverflow) {
  const ShapedText s = shaped("Jeff");
  const LineSpan line{0, 4, BreakKind::end};
  // The advance fills the measure exactly; the J and the f hang outside it.
  EXPECT_TRUE(line_fits(s, line, 40, {kJ, kF}));
  EXPECT_TRUE(line_fits(s, line, 40, {100, 100}));
  // Where there is no room (the box at the card's edge), the overhang has to
  // come out of the measure, as before.
  EXPECT_FALSE(line_fits(s, line, 40, {0, 0}));
  EXPECT_FALSE(line_fits(s, line, 40, {kJ, kF - 1}));
  EXPECT_TRUE(line_fits(s, line, 40 + kJ + kF, {0, 0}));
  EXPECT_DOUBLE_EQ(fitting_width(s, line, 40, {0, 1}), 40 + kJ + kF - 1);
  // A logical width over the measure never fits, whatever the room.
  EXPECT_FALSE(line_fits(s, line, 39.9, {100, 100}));
}

TEST(LineBreak, BreaksAreChosenWithTheOverhangInTheRoomBesideTheBox) {
  const ShapedText s = shaped("Jeff staff");  // 100 px on one line
  const BreakCosts costs{1,   0.5, 6,    0.7, 0.6,  0.55, 0.12, 0.3,
                         0.1, 4,   0.04, 0.3, 0.08, 0.6,  1.5,  0.35};
  const auto points = breakpoints(s, {}, false, 0);
  // With room beside the box, the line its advance fits is one line.
  EXPECT_EQ(fewest_lines(s, points, 100, {10, 10}), 1);
  auto one = choose_breaks(s, points, 100, {10, 10}, 1, 1, costs);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->lines.size(), 1u);
  // At the card's edge the f would ink past it: two lines.
  EXPECT_EQ(fewest_lines(s, points, 100, {10, 0}), 2);
  EXPECT_FALSE(choose_breaks(s, points, 100, {10, 0}, 1, 2, costs));
  auto two = choose_breaks(s, points, 100, {10, 0}, 2, 2, costs);
  ASSERT_TRUE(two);
  ASSERT_EQ(two->lines.size(), 2u);
  EXPECT_EQ(two->lines[0].end, 5);  // "Jeff / staff"
  // A line filled greedily keeps to the same rule.
  auto greedy = greedy_breaks(s, points, 100, {0, 0});
  ASSERT_TRUE(greedy);
  EXPECT_EQ(greedy->lines.size(), 2u);
}

TEST(LineBreak, AChooserAskedAtManyWidthsAnswersAsAFreshSearchWould) {
  // Fitting asks one chooser at every size it tries (a size is a width in
  // shaped px); what it keeps from one width must not leak into the next.
  const ShapedText s = shaped("we demand an end to every agreement of this kind now");
  const BreakCosts costs{1,   0.5, 6,    0.7, 0.6,  0.55, 0.12, 0.3,
                         0.1, 4,   0.04, 0.3, 0.08, 0.6,  1.5,  0.35};
  const auto points = breakpoints(s, {}, false, 0);
  BreakChooser chooser(s, points, costs);
  int answered = 0;
  for (double width : {520.0, 300.0, 180.0, 260.0, 300.0, 140.0, 520.0, 90.0}) {
    const int fewest = fewest_lines(s, points, width, {});
    for (int lines = std::max(1, fewest); lines <= fewest + 2; ++lines) {
      SCOPED_TRACE("width " + std::to_string(width) + ", " + std::to_string(lines) + " lines");
      const auto fresh = choose_breaks(s, points, width, {}, lines, fewest, costs);
      const auto kept = chooser.choose(width, {}, lines, fewest);
      ASSERT_EQ(fresh.has_value(), kept.has_value());
      if (!fresh) continue;
      ++answered;
      EXPECT_DOUBLE_EQ(fresh->cost, kept->cost);
      ASSERT_EQ(fresh->lines.size(), kept->lines.size());
      for (size_t i = 0; i < fresh->lines.size(); ++i)
        EXPECT_EQ(fresh->lines[i].end, kept->lines[i].end);
      for (const LineSpan& l : kept->lines) EXPECT_LE(line_width(s, l), width);
    }
  }
  EXPECT_GT(answered, 10);
}
