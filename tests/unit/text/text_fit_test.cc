// Fitting logic over a fake measurer: monospace words, greedy wrapping.
#include "text/text_fit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "base/resources.h"
#include "test_blocks.h"
#include "text/fonts.h"

using namespace placard;

namespace {

// Every character is 0.5em wide; lines wrap greedily at spaces. With
// `italic`, a J's ink reaches 0.15em left of its advance and an f's 0.2em
// right of it, as in an italic face.
class FakeMeasurer : public TextMeasurer {
 public:
  int calls = 0;
  bool italic = false;
  double left_of(char c, double size) const { return italic && c == 'J' ? 0.15 * size : 0; }
  double right_of(char c, double size) const { return italic && c == 'f' ? 0.2 * size : 0; }
  // The ink of left-aligned lines at the origin.
  Rect ink_of(const std::vector<std::string>& lines, double size, double height) const {
    double left = 0, right = 0;
    for (const std::string& l : lines) {
      if (l.empty()) continue;
      left = std::min(left, -left_of(l.front(), size));
      right = std::max(right, l.size() * size * 0.5 + right_of(l.back(), size));
    }
    return {left, 0, right - left, height};
  }
  TextMeasure measure(const TextBlock& b, double size, double width) override {
    ++calls;
    const std::string text = b.text.plain();
    if (text.find("\u2028") != std::string::npos) {
      // Breaks chosen by fitting: a line at each separator.
      TextMeasure m;
      std::vector<std::string> lines;
      size_t start = 0;
      while (true) {
        const size_t end = text.find("\u2028", start);
        const std::string line = text.substr(start, end == std::string::npos ? end : end - start);
        lines.push_back(line);
        m.line_widths.push_back(line.size() * size * 0.5);
        m.line_words.push_back(1 + static_cast<int>(std::count(line.begin(), line.end(), ' ')));
        m.width = std::max(m.width, m.line_widths.back());
        if (end == std::string::npos) break;
        start = end + 3;
      }
      m.lines = static_cast<int>(m.line_widths.size());
      m.height = m.lines * size * b.style.line_height;
      m.ink = ink_of(lines, size, m.height);
      return m;
    }
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    const double cw = size * 0.5;
    TextMeasure m;
    std::vector<std::string> lines(1);
    double line = 0;
    int line_words = 0;
    auto end_line = [&] {
      m.line_widths.push_back(line);
      m.line_words.push_back(line_words);
      m.width = std::max(m.width, line);
      line = 0;
      line_words = 0;
      lines.emplace_back();
    };
    for (const auto& w : words) {
      double ww = w.size() * cw;
      if (line_words > 0 && line + cw + ww > width) end_line();
      line += (line_words ? cw : 0) + ww;
      lines.back() += (line_words ? " " : "") + w;
      ++line_words;
    }
    end_line();
    m.lines = static_cast<int>(m.line_widths.size());
    m.height = m.lines * size * b.style.line_height;
    m.ink = ink_of(lines, size, m.height);
    return m;
  }
  // The same text on one line: each character 0.5em, a break after each space.
  ShapedText shape(const TextBlock& b, double size) override {
    ShapedText s;
    s.size = size;
    s.text = b.text.plain();
    for (size_t i = 0; i <= s.text.size(); ++i) {
      ShapedText::Char c;
      c.byte = i;
      c.x = i * size * 0.5;
      c.break_before = i > 0 && s.text[i - 1] == ' ' && i < s.text.size();
      c.grapheme = true;
      c.white = i < s.text.size() && s.text[i] == ' ';
      c.word_start = i < s.text.size() && s.text[i] != ' ' && (i == 0 || s.text[i - 1] == ' ');
      c.ascent = static_cast<float>(size * b.style.line_height * 0.8);
      c.descent = static_cast<float>(size * b.style.line_height * 0.2);
      if (i < s.text.size()) {
        c.ink_left = static_cast<float>(left_of(s.text[i], size));
        c.ink_right = static_cast<float>(right_of(s.text[i], size));
      }
      s.chars.push_back(c);
    }
    s.hyphen = size * 0.5;
    return s;
  }
};

TextBlock block(const std::string& field, const std::string& text, double min, double max,
                int max_lines = 0) {
  TextBlock b;
  b.field = field;
  b.text.spans.push_back({text, false, false});
  b.style.size_min = min;
  b.style.size_max = max;
  b.style.line_height = 1.0;
  b.style.max_lines = max_lines;
  return b;
}

Card card_with(TextFrame& frame) {
  frame.costs = costs();
  Card c;
  c.id = "end-287g";
  c.size_name = "og";
  c.width = 1200;
  c.height = 630;
  c.loc = {"campaign.md", 12, 3};
  c.items.push_back(frame);
  return c;
}

}  // namespace

TEST(TextFit, ShortTextGrowsToTheMaximumSize) {
  TextFrame f{"main", {0, 0, 1000, 400}, VAlign::top, {block("headline", "Hi there", 20, 80)}};
  FakeMeasurer m;
  PlacedFrame p = fit_frame(card_with(f), f, m);
  EXPECT_DOUBLE_EQ(p.blocks[0].size, 80);
}

TEST(TextFit, LongTextShrinksUntilItFitsTheBox) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "word ";
  TextFrame f{"main", {0, 0, 1000, 400}, VAlign::top, {block("headline", text, 10, 100)}};
  FakeMeasurer m;
  PlacedFrame p = fit_frame(card_with(f), f, m);
  const double s = p.blocks[0].size;
  EXPECT_LT(s, 100);
  EXPECT_GT(s, 10);
  EXPECT_LE(p.blocks[0].measure.height, 400.5);
  // The largest size that fits: one more pixel would not.
  TextMeasure bigger = m.measure(f.blocks[0], s + 1, 1000);
  EXPECT_GT(bigger.height, 400);
}

TEST(TextFit, LineLimitIsRespected) {
  TextFrame f{"main",
              {0, 0, 600, 4000},
              VAlign::top,
              {block("headline", "one two three four five six seven eight", 10, 100, 2)}};
  FakeMeasurer m;
  PlacedFrame p = fit_frame(card_with(f), f, m);
  EXPECT_LE(p.blocks[0].measure.lines, 2);
}

TEST(TextFit, TextThatCannotFitNamesCardFieldAndShortfall) {
  // Four 29-character words: one per line at 40px (20px per character).
  TextFrame f{"main",
              {0, 0, 600, 4000},
              VAlign::top,
              {block("headline",
                     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbb "
                     "ccccccccccccccccccccccccccccc ddddddddddddddddddddddddddddd",
                     40, 60, 3)}};
  FakeMeasurer m;
  try {
    fit_frame(card_with(f), f, m);
    FAIL() << "expected a misfit error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().message,
              "card 'end-287g' (og 1200x630): headline does not fit in 3 lines at 40px (needs 4)");
    EXPECT_EQ(e.diagnostic().loc.line, 12);
  }
}

TEST(TextFit, HeightShortfallIsReportedInPixels) {
  TextFrame f{"main",
              {0, 0, 600, 100},
              VAlign::top,
              {block("headline",
                     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbb "
                     "ccccccccccccccccccccccccccccc ddddddddddddddddddddddddddddd",
                     40, 60)}};
  FakeMeasurer m;
  try {
    fit_frame(card_with(f), f, m);
    FAIL() << "expected a misfit error";
  } catch (const DiagnosticError& e) {
    EXPECT_NE(e.diagnostic().message.find("headline does not fit the 'main' box at headline 40px"),
              std::string::npos)
        << e.diagnostic().message;
    EXPECT_NE(e.diagnostic().message.find("needs 160px of height, has 100px (60px short)"),
              std::string::npos)
        << e.diagnostic().message;
  }
}

TEST(TextFit, BlocksInAStackScaleTogetherAndStayInTheBox) {
  TextFrame f{
      "main",
      {100, 50, 800, 500},
      VAlign::center,
      {block("kicker", "Recommendation 2 of 4", 20, 30),
       block("headline", "Continue demanding law enforcement to work with the community", 30, 90)}};
  f.blocks[1].gap_before = 20;
  FakeMeasurer m;
  PlacedFrame p = fit_frame(card_with(f), f, m);
  ASSERT_EQ(p.blocks.size(), 2u);
  // Same position in both ranges.
  double t0 = (p.blocks[0].size - 20) / 10, t1 = (p.blocks[1].size - 30) / 60;
  EXPECT_NEAR(t0, t1, 0.05);
  // Stacked in order, inside the box.
  EXPECT_GE(p.blocks[0].y, 50 - 0.5);
  EXPECT_GT(p.blocks[1].y, p.blocks[0].y);
  EXPECT_LE(p.blocks[1].y + p.blocks[1].measure.height, 550.5);
}

TEST(TextFit, BalancingNarrowsTheWrapWithoutAddingLines) {
  // At 40px (20px per char) in 1000px: greedy gives a full first line and a stub.
  TextFrame f{
      "main",
      {0, 0, 1000, 90},
      VAlign::top,
      {block("headline", "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll", 40, 40)}};
  FakeMeasurer m;
  PlacedFrame p = fit_frame(card_with(f), f, m);
  const auto& b = p.blocks[0];
  EXPECT_EQ(b.measure.lines, 2);
  EXPECT_LT(b.wrap, 1000);
  ASSERT_EQ(b.measure.line_widths.size(), 2u);
  EXPECT_LE(std::abs(b.measure.line_widths[0] - b.measure.line_widths[1]), 200);
  EXPECT_GE(b.measure.line_words.back(), 2);
}

TEST(TextFit, CenteredBlockIsCenteredInItsBox) {
  TextFrame f{"main", {100, 0, 1000, 400}, VAlign::top, {block("headline", "Hello", 40, 40)}};
  f.blocks[0].style.align = Align::center;
  FakeMeasurer m;
  PlacedFrame p = fit_frame(card_with(f), f, m);
  // One line is set as it is, as wide as itself, and placed with its centre
  // on the box's.
  EXPECT_TRUE(p.blocks[0].block.set_lines);
  EXPECT_NEAR(p.blocks[0].wrap, p.blocks[0].measure.width, 1e-9);
  EXPECT_NEAR(p.blocks[0].x + p.blocks[0].wrap / 2, 600, 0.5);
}

TEST(TextFit, NoLineIsAStubAgainstTheOthers) {
  // Greedy filling at this width leaves "ICE" alone on the last line, and
  // balancing leaves "community, not" alone in the middle; the whole
  // paragraph is weighed at once instead.
  TextFrame f{
      "main",
      {0, 0, 560, 2000},
      VAlign::top,
      {block("headline", "Continue demanding law enforcement to work with the community, not ICE",
             40, 40)}};
  FakeMeasurer m;
  PlacedFrame p = fit_frame(card_with(f), f, m);
  const auto& w = p.blocks[0].measure.line_widths;
  ASSERT_GE(w.size(), 3u);
  EXPECT_GE(*std::min_element(w.begin(), w.end()), 0.6 * *std::max_element(w.begin(), w.end()));
}

TEST(TextFit, AWordWiderThanTheBoxAtTheMinimumSizeIsCutWithAHyphen) {
  // 34 letters at 20px each are 680px; the box is 500px wide.
  TextFrame f{"main",
              {0, 0, 500, 2000},
              VAlign::top,
              {block("headline", "Supercalifragilisticexpialidocious rules", 40, 60)}};
  FakeMeasurer m;
  PlacedFrame p = fit_frame(card_with(f), f, m);
  const PlacedBlock& b = p.blocks[0];
  EXPECT_DOUBLE_EQ(b.size, 40);
  EXPECT_TRUE(b.break_aids);
  ASSERT_FALSE(b.hyphen_lines.empty());
  EXPECT_NE(b.block.text.plain().find("-\u2028"), std::string::npos) << b.block.text.plain();
  for (double w : b.measure.line_widths) EXPECT_LE(w, 500.5);
  // Every letter is still there.
  std::string letters;
  for (char c : b.block.text.plain())
    if (std::isalpha(static_cast<unsigned char>(c))) letters += c;
  EXPECT_EQ(letters, "Supercalifragilisticexpialidociousrules");
}

TEST(TextFit, ALineDoesNotEndInAShortWordWhenAnotherBreakIsAsEven) {
  TextFrame f{"main",
              {0, 0, 700, 2000},
              VAlign::top,
              {block("headline", "Fund the schools and the clinics of the city", 40, 40)}};
  FakeMeasurer m;
  Card c = card_with(f);
  c.lang = "en";
  PlacedFrame p = fit_frame(c, f, m);
  const std::string text = p.blocks[0].block.text.plain();
  for (const char* w : {" the\u2028", " of\u2028", " and\u2028"})
    EXPECT_EQ(text.find(w), std::string::npos) << text;
}

// "Jeff staff" in the fake italic, in a frame on a 1200x630 card: 10
// characters, 400px at 80px; the J hangs 0.15em left, the f 0.2em right.
// With `ink_area`, ink may reach the card's edges; without, it keeps to the box.
namespace {
PlacedBlock fit_italic(const Rect& box, int max_lines, bool ink_area = true) {
  TextFrame f{"quote", box, VAlign::top, {block("headline", "Jeff staff", 40, 80, max_lines)}};
  if (ink_area) f.ink_area = {0, 0, 1200, 630};
  FakeMeasurer m;
  m.italic = true;
  return fit_frame(card_with(f), f, m).blocks.at(0);
}
}  // namespace

// An italic's overhang is ink, not overflow: a line whose advance fits the box
// is set at that size on that line, its J and f hanging into the room beside
// the box, as long as the ink stays inside the ink area (the safe area).
TEST(TextFit, AnItalicLineFitsABoxItsAdvanceFitsWithItsOverhangBesideIt) {
  const PlacedBlock b = fit_italic({100, 100, 400, 300}, 0);
  EXPECT_DOUBLE_EQ(b.size, 80);
  EXPECT_EQ(b.measure.lines, 1);
  EXPECT_NEAR(b.x + b.measure.ink.x, 100 - 12, 0.01);
  EXPECT_NEAR(b.x + b.measure.ink.right(), 500 + 16, 0.01);
}

TEST(TextFit, OverhangThatWouldLeaveTheInkAreaComesOutOfTheBox) {
  // The box ends at the card's right edge: no room for the f there, so the
  // one line it may have is set smaller, and every bit of ink stays on the
  // card.
  const PlacedBlock b = fit_italic({800, 100, 400, 300}, 1);
  EXPECT_LT(b.size, 80);
  EXPECT_GT(b.size, 75);  // 5.2em wide with the f: 76.9px would just fit
  EXPECT_LE(b.x + b.measure.ink.right(), 1200.5);
  EXPECT_GE(b.x + b.measure.ink.x, 0);
  // Without an ink area (text that must keep inside its box) the same holds
  // at both sides.
  const PlacedBlock c = fit_italic({100, 100, 400, 300}, 1, false);
  EXPECT_GE(c.x + c.measure.ink.x, 100 - 0.5);
  EXPECT_LE(c.x + c.measure.ink.right(), 500.5);
}

// The same with the real italic of the display face: "just stuff" in Inter
// Display ExtraBold Italic inks left of its first advance (the j's tail,
// 12% of the size) and right of its last (the f's terminal, 5%).
TEST(TextFit, ARealItalicLineFitsTheBoxItsAdvanceFits) {
  Fonts fonts(fonts_dir());
  PangoText text(fonts, "en");
  TextBlock b = block("headline", "just stuff", 80, 80);
  b.style.font = {"Inter Display", 800, true, "", false, false};
  const TextMeasure alone = text.measure(b, 80, 0);
  ASSERT_EQ(alone.lines, 1);
  const double left = -alone.ink.x, right = alone.ink.right() - alone.width;
  ASSERT_GT(left, 5) << "the j should ink past the line's start";
  ASSERT_GT(right, 2) << "the f should ink past the line's end";
  // A box as wide as the advance, with room beside it: one line, at 80px.
  TextFrame f{"quote", {100, 100, alone.width + 0.25, 300}, VAlign::top, {b}};
  f.ink_area = {0, 0, 1200, 630};
  PlacedFrame p = fit_frame(card_with(f), f, text);
  const PlacedBlock& placed = p.blocks[0];
  EXPECT_EQ(placed.measure.lines, 1);
  EXPECT_DOUBLE_EQ(placed.size, 80);
  const Rect ink{placed.x + placed.measure.ink.x, placed.y + placed.measure.ink.y,
                 placed.measure.ink.w, placed.measure.ink.h};
  EXPECT_NEAR(ink.x, f.box.x - left, 0.5);  // hanging into the margin
  EXPECT_NEAR(ink.right(), f.box.x + alone.width + right, 0.5);
  EXPECT_GE(ink.x, 0);  // and on the card
  EXPECT_LE(ink.right(), 1200);
  // Against the card's right edge the f has no room: two lines, each inside.
  f.box.x = 1200 - f.box.w;
  PlacedFrame edge = fit_frame(card_with(f), f, text);
  const PlacedBlock& e = edge.blocks[0];
  EXPECT_EQ(e.measure.lines, 2);
  EXPECT_LE(e.x + e.measure.ink.right(), 1200.5);
  // Against its left edge the j has none: the line moves in by its tail.
  f.box.x = 0;
  f.box.w = alone.width + left + 0.25;
  PlacedFrame left_edge = fit_frame(card_with(f), f, text);
  const PlacedBlock& l = left_edge.blocks[0];
  EXPECT_EQ(l.measure.lines, 1);
  EXPECT_NEAR(l.x + l.measure.ink.x, 0, 0.5);
  EXPECT_NEAR(l.x, left, 0.5);
}

namespace {

// A text that opens with a quotation mark, set flush at its start edge.
struct HangCase {
  std::string name, lang, text;
  Align align = Align::start;
  bool hangs = true;
};

class Hanging : public ::testing::TestWithParam<HangCase> {};

// The first line's mark is set outside the box, the other lines' first
// letters on its edge: "“Housing" lines up with "is a right" by its letters.
TEST_P(Hanging, TheOpeningMarkHangsOutsideTheStartEdge) {
  const HangCase& c = GetParam();
  Fonts fonts(fonts_dir());
  PangoText text(fonts, c.lang);
  TextBlock b = block("quote", c.text, 40, 64);
  b.style.font = {"Inter Display", 800, false, "", false, false};
  b.style.lang = c.lang;
  b.style.rtl = c.lang == "ar";
  b.style.align = c.align;
  TextFrame f{"main", {150, 60, 600, 500}, VAlign::top, {b}};
  f.ink_area = {0, 0, 1200, 630};
  f.costs = costs();
  const PlacedFrame p = fit_frame(card_with(f), f, text);
  const PlacedBlock& pb = p.blocks.at(0);
  const TextMeasure& m = pb.measure;
  ASSERT_GE(m.lines, 2) << "a case needs a second line to align with";
  const Rect first = m.line_boxes[0], second = m.line_boxes[1];
  if (!c.hangs) {
    EXPECT_EQ(m.hang, 0);
    return;
  }
  EXPECT_GT(m.hang, 0.15 * pb.size) << "the mark's advance";
  EXPECT_LT(m.hang, 1.1 * pb.size);
  if (!m.rtl) {
    // The second line starts on the box's left edge, the first a mark further out.
    EXPECT_NEAR(pb.x + second.x, f.box.x, 0.5);
    EXPECT_NEAR(pb.x + first.x, f.box.x - m.hang, 0.5);
  } else {
    EXPECT_NEAR(pb.x + second.right(), f.box.right(), 0.5);
    EXPECT_NEAR(pb.x + first.right(), f.box.right() + m.hang, 0.5);
  }
  // No line is wider than the box without its hanging mark.
  for (size_t i = 0; i < m.line_boxes.size(); ++i)
    EXPECT_LE(m.line_boxes[i].w - (i == 0 ? m.hang : 0), f.box.w + 0.5) << m.line_texts[i];
}

INSTANTIATE_TEST_SUITE_P(
    Quotes, Hanging,
    ::testing::Values(
        HangCase{"english", "en", "\u201CHousing is a right, not a privilege for the few.\u201D"},
        HangCase{"german", "de",
                 "\u201EWohnen ist ein Menschenrecht, kein Luxus f\u00FCr wenige.\u201C"},
        HangCase{"french_with_its_space", "fr",
                 "\u00AB\u202FLe logement est un droit, pas un privil\u00E8ge pour "
                 "quelques-uns.\u202F\u00BB"},
        HangCase{
            "japanese_kagi", "ja",
            "\u300C\u4F4F\u307E\u3044\u306F\u6A29\u5229\u3067\u3042\u308A\u3001\u5C11\u6570\u306E"
            "\u7279\u6A29\u3067\u306F\u3042\u308A\u307E\u305B\u3093\u3002\u300D"},
        HangCase{
            "arabic_at_the_right", "ar",
            "\u201D\u0627\u0644\u0633\u0643\u0646 \u062D\u0642 \u0644\u0644\u062C\u0645\u064A\u0639"
            "\u060C \u0648\u0644\u064A\u0633 \u0627\u0645\u062A\u064A\u0627\u0632\u064B\u0627 "
            "\u0644\u0644\u0642\u0644\u0629.\u201C"},
        HangCase{"centred_text_does_not_hang", "en",
                 "\u201CHousing is a right, not a privilege for the few.\u201D", Align::center,
                 false},
        HangCase{"no_mark_no_hang", "en", "Housing is a right, not a privilege for the few.",
                 Align::start, false}),
    [](const auto& info) { return info.param.name; });

}  // namespace

// With no room beside the box (its edge on the safe area's), the mark is
// set inside it as any letter, and every line starts on the edge.
TEST(TextFit, AnOpeningMarkWithNoRoomToHangIsSetInside) {
  Fonts fonts(fonts_dir());
  PangoText text(fonts, "en");
  TextBlock b =
      block("quote", "\u201CHousing is a right, not a privilege for the few.\u201D", 40, 64);
  b.style.font = {"Inter Display", 800, false, "", false, false};
  TextFrame f{"main", {150, 60, 600, 500}, VAlign::top, {b}};
  f.ink_area = {150, 0, 1050, 630};
  const PlacedFrame p = fit_frame(card_with(f), f, text);
  const PlacedBlock& pb = p.blocks.at(0);
  ASSERT_GE(pb.measure.lines, 2);
  EXPECT_EQ(pb.measure.hang, 0);
  EXPECT_NEAR(pb.x + pb.measure.line_boxes[0].x, f.box.x, 0.5);
  EXPECT_NEAR(pb.x + pb.measure.line_boxes[1].x, f.box.x, 0.5);
}
