// Lays out a card's text: picks the font sizes and the line breaks of each
// frame together (auto-fit, growing short texts and shrinking long ones,
// and trading a little size for clearly better lines), and places each
// block in its box. Works over a TextMeasurer, so it holds no Pango code.
#pragma once

#include <string>
#include <vector>

#include "model/card.h"
#include "text/pango_text.h"

namespace placard {

struct PlacedBlock {
  size_t index = 0;     // into TextFrame::blocks
  TextBlock block;      // what is drawn: the frame's block with its chosen breaks
  double size = 0;      // chosen font size, px
  double wrap = 0;      // wrap width, px: the widest line when breaks were chosen, else the box
  double x = 0, y = 0;  // top-left of the layout on the canvas
  TextMeasure measure;
  bool break_aids = false;        // a line ends at a hyphen, a URL break or a cut inside a word
  std::vector<int> hyphen_lines;  // lines (0-based) that end in a hyphen fitting added
  // Its shortest line is at min_ratio (breaking.yaml) of its longest or more,
  // as drawn; a line of one strong token ("287(g).") or a word of a stack
  // (one word a line) at kStrongRatio or more counts as no stub.
  bool even = true;
};

struct PlacedFrame {
  std::string name;
  std::vector<PlacedBlock> blocks;
};

struct CardLayout {
  std::vector<PlacedFrame> frames;  // one per TextFrame item, in item order
  // Each names the card and size ("card 'x' og: headline: ..."), at the card.
  std::vector<Diagnostic> warnings;
};

// Fits one frame; fails naming the card, the field and the shortfall when the
// text cannot fit even at its minimum size.
PlacedFrame fit_frame(const Card& card, const TextFrame& frame, TextMeasurer& measurer);

// How even a frame's lead block (its largest, the headline) can be within the
// size budget (breaking.yaml's size_budget): the largest size at which the
// frame fits (no size traded for lines), the budget's smallest size, and
// whether at that size any breaks of the lead block, not only the cheapest,
// keep every line at min_ratio of the longest (today's rule: no line
// excepted) with the frame still fitting; and whether any keep every line
// at kStrongRatio (40%) at least, display type hyphenated in any word if
// need be (the last resort fitting takes against a stub). Even lines that
// fit at one size fit at every smaller one, so this says whether they are
// possible anywhere within the budget. For tests and placard_bench, which
// hold fitting to it.
struct RagReach {
  std::string field;  // the lead block's
  double largest = 0, floor = 0;
  bool even = false;     // lines at min_ratio, none excepted, with the text's own breaks
  bool no_stub = false;  // lines at kStrongRatio, with a hyphen if need be
};
RagReach rag_reach(const Card& card, const TextFrame& frame, TextMeasurer& measurer);

// Fits every text frame of the card.
CardLayout lay_out_card(const Card& card, TextMeasurer& measurer);

}  // namespace placard
