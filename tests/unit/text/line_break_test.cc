// Line breaking over a hand-made shaped text: every character 10 px wide, so
// widths are easy to follow, with the ink overhang of an italic J (its hook
// reaches left of its advance) and f (its terminal reaches right).
#include "text/line_break.h"

#include <gtest/gtest.h>

#include "test_blocks.h"

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

namespace {

// As shaped(), over UTF-8: one entry per code point, each 10 px wide but
// a soft hyphen (a hyphenation point: invisible, no width, a break after).
ShapedText shaped_utf8(const std::string& text) {
  ShapedText s;
  s.size = 20;
  s.text = text;
  double x = 0;
  bool after_break = false;
  for (size_t i = 0; i <= text.size();) {
    ShapedText::Char c;
    c.byte = i;
    c.x = x;
    c.grapheme = true;
    const bool end = i == text.size();
    const bool shy = !end && text.compare(i, 2, "\u00AD") == 0;
    c.white = !end && text[i] == ' ';
    c.invisible = shy;
    c.break_before = !end && after_break;
    s.chars.push_back(c);
    if (end) break;
    after_break = c.white || shy;
    x += shy ? 0 : kAdvance;
    size_t n = 1;
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
    i += n;
  }
  s.hyphen = kAdvance;
  return s;
}

std::string lines_of(const ShapedText& s, const LineSet& set) {
  std::string out;
  for (const LineSpan& l : set.lines) {
    if (!out.empty()) out += " / ";
    out += s.text.substr(s.chars[l.start].byte, s.chars[l.end].byte - s.chars[l.start].byte);
  }
  return out;
}

}  // namespace

TEST(LineBreak, StrongTokensAreNumbersAcronymsReferencesAndLongWordsInAnyScript) {
  auto strong = [](const std::string& word) {
    const ShapedText s = shaped_utf8(word);
    return strong_token(s, 0, static_cast<int>(s.length()));
  };
  EXPECT_TRUE(strong("287(g)."));
  EXPECT_TRUE(strong("2030"));
  EXPECT_TRUE(strong("\u0661\u0662"));  // Arabic-Indic digits
  EXPECT_TRUE(strong("NYPD,"));
  EXPECT_TRUE(strong("(g)"));
  EXPECT_TRUE(strong("agreements."));
  EXPECT_TRUE(strong("اتفاقيات"));  // eight letters
  EXPECT_TRUE(strong("समझौते"));     // six letters with its vowel signs
  EXPECT_FALSE(strong("the"));
  EXPECT_FALSE(strong("jetzt!"));
  EXPECT_FALSE(strong("إنهاء"));    // five letters
  EXPECT_FALSE(strong("not ICE"));  // two words
}

TEST(LineBreak, ALineOfOneStrongTokenIsNoStub) {
  // "abcdefgh abcdefgh" over "287(g)." or over "abcd.": both last lines are
  // 7 and 5 of 17, under the 60% rule; the number pays only its length.
  const BreakCosts c = costs();
  const ShapedText number = shaped_utf8("abcdefgh abcdefgh 287(g).");
  const ShapedText word = shaped_utf8("abcdefgh abcdefgh abcdefg");
  LineSet n{{{0, 18, BreakKind::space}, {18, 25, BreakKind::end, true}}, 0};
  LineSet w = n;
  n.lines[1].strong = strong_token(number, 18, 25);
  w.lines[1].strong = false;  // as a word of the same length that were weak
  EXPECT_TRUE(n.lines[1].strong);
  EXPECT_NEAR(set_cost(word, w, 2, c) - set_cost(number, n, 2, c), c.under_min + c.stub, 1e-9);
}

TEST(LineBreak, AFewWordsMayStandOneToALine) {
  // Three words, the shortest at half the longest: stacked one a line, and
  // the short one is no stub (it would be under the 60% rule).
  const ShapedText s = shaped_utf8("abcd abcdefgh abcdefg");
  std::vector<Breakpoint> points = breakpoints(s, {}, false, 0);
  const BreakCosts c = costs();
  BreakChooser chooser(s, points, c);
  const std::optional<LineSet> three = chooser.choose(100, {}, 3, 3);
  ASSERT_TRUE(three);
  EXPECT_EQ(lines_of(s, *three), "abcd  / abcdefgh  / abcdefg");
  EXPECT_TRUE(is_stack(s, *three));
  // The same lines, were the last not a word alone, would make no stack:
  // the short first line would pay as a stub.
  LineSet not_stack = *three;
  not_stack.lines[2].one_word = false;
  EXPECT_FALSE(is_stack(s, not_stack));
  EXPECT_NEAR(set_cost(s, not_stack, 3, c) - set_cost(s, *three, 3, c), c.under_min + c.stub, 1e-9);
}

TEST(LineBreak, DisplayTypeDoesNotHyphenateAWordThatFitsTheBox) {
  // "aaaa-bbbb cc" evens two lines with a hyphen (50 and 70 px) where the
  // text's own break leaves a stub (80 and 20): in a 100 px box the word
  // fits whole, so display type sets it whole.
  const ShapedText s = shaped_utf8("aaaa\u00ADbbbb cc");
  const std::vector<Breakpoint> points = breakpoints(s, {}, true, 0);
  const BreakCosts c = costs();
  const std::optional<LineSet> body = best_breaks(s, points, 100, {}, 2, 2, c);
  ASSERT_TRUE(body);
  EXPECT_EQ(body->lines[0].kind, BreakKind::hyphen) << lines_of(s, *body);
  const std::optional<LineSet> display = best_breaks(s, points, 100, {}, 2, 2, c, 100);
  ASSERT_TRUE(display);
  EXPECT_EQ(display->lines[0].kind, BreakKind::space) << lines_of(s, *display);
  // In a 70 px line the word is cut only when it is wider than the box.
  EXPECT_EQ(fewest_lines(s, points, 70, {}, 70), 2);  // "aaaa-" / "bbbb cc"
  EXPECT_EQ(fewest_lines(s, points, 70, {}, 90), 0);  // it would fit a 90 px box whole
}

TEST(LineBreak, ALongCompoundIsCutAtEachOfItsPointsRatherThanFail) {
  // Three parts of one word, 40 px each, in a 50 px box: two hyphens in a
  // row are the only way, and they are taken.
  const ShapedText s = shaped_utf8("aaaa\u00ADbbbb\u00ADcccc");
  const std::vector<Breakpoint> points = breakpoints(s, {}, true, 0);
  ASSERT_EQ(fewest_lines(s, points, 50, {}), 3);
  const std::optional<LineSet> set = best_breaks(s, points, 50, {}, 3, 3, costs());
  ASSERT_TRUE(set);
  EXPECT_EQ(set->lines[0].kind, BreakKind::hyphen);
  EXPECT_EQ(set->lines[1].kind, BreakKind::hyphen);
}

TEST(LineBreak, EvenBreaksAreFoundWhereTheCheapestAreNot) {
  const BreakCosts c = costs();
  // "aaaaaaaa bbbbbbbb cc" (80 + 80 + 20 px) in a 170 px box: of the two
  // ways to set it in two lines, only "aaaaaaaa / bbbbbbbb cc" (80 of 110)
  // keeps 60%; three lines leave "cc" at a quarter of the longest, and that
  // is a stub, not a strong token.
  const ShapedText s = shaped_utf8("aaaaaaaa bbbbbbbb cc");
  const std::vector<Breakpoint> points = breakpoints(s, {}, false, 0);
  std::vector<LineSet> even = even_breaks(s, points, 170, {}, 2, 3, 0.6, c);
  ASSERT_EQ(even.size(), 4u);
  EXPECT_TRUE(even[1].lines.empty());  // one line is 200 px
  EXPECT_EQ(lines_of(s, even[2]), "aaaaaaaa  / bbbbbbbb cc");
  EXPECT_TRUE(even[3].lines.empty()) << lines_of(s, even[3]);
  // Where the box is wide enough, one line is even by itself.
  even = even_breaks(s, points, 200, {}, 1, 2, 0.6, c);
  EXPECT_EQ(lines_of(s, even[1]), "aaaaaaaa bbbbbbbb cc");
  // A number alone on its line at 40% of the longest or more is no stub:
  // "abcdefghijklmn / 287(g)." (140 and 70 px: 50%) counts as even.
  const ShapedText n = shaped_utf8("abcdefghijklmn 287(g).");
  even = even_breaks(n, breakpoints(n, {}, false, 0), 150, {}, 2, 2, 0.6, c);
  EXPECT_EQ(lines_of(n, even[2]), "abcdefghijklmn  / 287(g).");
  // Were it a plain word of four letters, it would be a stub: none.
  const ShapedText w = shaped_utf8("abcdefghijklmn wxyz");
  even = even_breaks(w, breakpoints(w, {}, false, 0), 150, {}, 2, 2, 0.6, c);
  EXPECT_TRUE(even[2].lines.empty()) << lines_of(w, even[2]);
}
