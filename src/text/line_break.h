// Whole-paragraph line breaking: the breaks of a block are chosen together,
// by dynamic programming over its break opportunities (Knuth–Plass, set for
// display type: even lines rather than full ones), with a cost for every line
// and not only the last. No Pango here: widths come from a ShapedText.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "model/card.h"
#include "text/shaped_text.h"

namespace placard {

// What kind of place a line ends at; the kind decides what is drawn there
// and what the break costs.
enum class BreakKind : uint8_t {
  space,     // between words: the space is dropped
  natural,   // after a dash or slash, between CJK characters: nothing added
  hyphen,    // at a dictionary hyphenation point: a hyphen is drawn
  url,       // inside a URL, handle or long token: nothing added
  grapheme,  // a last resort inside a word too wide for the line: a hyphen is drawn
  cut,       // the same inside a Chinese or Japanese phrase: nothing added
  end,       // the end of the text
};

bool draws_hyphen(BreakKind k);

struct Breakpoint {
  int at = 0;  // character index where the next line starts
  BreakKind kind = BreakKind::space;
  bool short_word = false;  // the word before it is a short word ("a", "the", "de", …)
  // A hyphenation point: the width of the whole word it is in (px at the
  // shaped size). Display type hyphenates only a word wider than the box.
  double word_width = 0;
  bool syllable = false;  // a hyphenation point inside one part of a known compound
};

// Whether a hyphenation point may end a line when no word narrower than
// `min_word` (px at the shaped size; 0: any word) is to be hyphenated.
inline bool usable(const Breakpoint& p, double min_word) {
  return p.kind != BreakKind::hyphen || p.word_width > min_word;
}

// The break opportunities of a shaped text, in order, the end of the text
// last. `grapheme_width` > 0 adds breaks between the graphemes of any word
// wider than that (px at the shaped size); `aids` keeps hyphenation points
// and breaks inside long tokens, and the breaks inside a URL or hashtag
// wider than `atom_width` (none when 0). No other break falls inside an
// atom, a number with its unit or a CJK phrase (s.keeps).
std::vector<Breakpoint> breakpoints(const ShapedText& s,
                                    const std::vector<std::string>& short_words, bool aids,
                                    double grapheme_width, double atom_width = 0);

// One line: characters [start, end) with its trailing white space dropped.
struct LineSpan {
  int start = 0, end = 0;  // characters; end is where the next line starts
  BreakKind kind = BreakKind::end;
  bool one_word = false;    // no space between words inside it
  bool short_word = false;  // it ends in a short word
  bool strong = false;      // it is one strong token (strong_token()): never a stub
  bool syllable = false;    // it ends at a hyphenation point inside a compound's part
};

// Whether characters [from, to) are one strong token, which a line may hold
// alone without being a stub, in any script: a number ("287(g).", "2030",
// "١٢"), an acronym ("NYPD", "ICE"), a parenthesised reference ("(SB 1047)"
// without its spaces), or a word of six letters or more (a vowel sign or
// other mark counts as one: "समझौते" has six). Punctuation around it does
// not count.
bool strong_token(const ShapedText& s, int from, int to);
// A line of one strong token this long against the longest or longer is
// no stub.
constexpr double kStrongRatio = 0.4;
// A text of this many words or fewer may be set one word a line (a stack),
// each line a word and none under kStrongRatio of the longest: no stub.
constexpr int kStackWords = 4;

// Logical width of a line (px at the shaped size), hyphen included.
double line_width(const ShapedText& s, const LineSpan& l);

// Ink beyond a line's logical box on its left and right (>= 0, px at the
// shaped size): an italic's f or J, a swash.
struct Overhang {
  double left = 0, right = 0;
};
Overhang line_overhang(const ShapedText& s, const LineSpan& l);

// How far ink may reach past the measure on the left and right (px at the
// shaped size): the room between the box and the edge of the safe area.
// Overhang there is ink, as a descender below the baseline is, and not
// overflow: a line fits when its logical width fits the measure and its
// overhang fits this room; overhang beyond the room comes out of the measure.
struct Hang {
  double left = 0, right = 0;
};
bool line_fits(const ShapedText& s, const LineSpan& l, double measure, const Hang& hang);
// The width a line needs of the measure: its logical width `w`, plus any
// overhang the room beside the measure cannot take.
double fitting_width(const ShapedText& s, const LineSpan& l, double w, const Hang& hang);

struct LineSet {
  std::vector<LineSpan> lines;
  double cost = 0;
};

// The fewest lines the text can be set in at `width` (px at the shaped
// size), filling each line greedily; 0 when some piece does not fit.
// Hyphenation points in words up to `min_word` wide are not used.
int fewest_lines(const ShapedText& s, const std::vector<Breakpoint>& points, double width,
                 const Hang& hang, double min_word = 0);

// Lines filled one after another, as a text engine wraps (for blocks that
// are not balanced); nullopt when some piece is wider than `width`.
std::optional<LineSet> greedy_breaks(const ShapedText& s, const std::vector<Breakpoint>& points,
                                     double width, const Hang& hang);

// The cheapest way to set the text in exactly `lines` lines, none wider than
// `measure`, costed against it; nullopt when there is none. `fewest` is
// fewest_lines() at the box width (extra lines cost more). Hyphenation
// points in words up to `min_word` wide are not used.
std::optional<LineSet> best_breaks(const ShapedText& s, const std::vector<Breakpoint>& points,
                                   double measure, const Hang& hang, int lines, int fewest,
                                   const BreakCosts& costs, double min_word = 0);

// The cheapest breaks into `lines` lines over a few measures, from the
// narrowest that keeps the line count up to `width` (the box); `fewest` is
// fewest_lines() at `width`.
std::optional<LineSet> choose_breaks(const ShapedText& s, const std::vector<Breakpoint>& points,
                                     double width, const Hang& hang, int lines, int fewest,
                                     const BreakCosts& costs, double min_word = 0);

// choose_breaks() for one shaped text and one set of break points, asked
// again and again as fitting tries sizes. At every size the text is the
// shaped one scaled, so the box is just another width in shaped px; what
// does not depend on it (the narrowest measure of each line count, the
// cheapest breaks at each measure) is worked out once and kept. `s`,
// `points` and `costs` must outlive the chooser.
class BreakChooser {
 public:
  BreakChooser(const ShapedText& s, const std::vector<Breakpoint>& points, const BreakCosts& costs);
  // `fewest` is fewest_lines() at `width`, `hang` and `min_word`, as the
  // caller has it; hyphenation points in words up to `min_word` wide are
  // not used (display type: the box width, so a word that fits it whole is
  // never hyphenated for balance).
  std::optional<LineSet> choose(double width, const Hang& hang, int lines, int fewest,
                                double min_word = 0);

 private:
  double narrowest(const Hang& hang, int lines, double min_word, int words);
  // How many of the hyphenated words are no wider than `min_word`: the
  // answers for two such widths with the same count are the same.
  int hyphen_class(double min_word) const;

  const ShapedText& s_;
  const std::vector<Breakpoint>& points_;
  const BreakCosts& costs_;
  // Kept answers, searched in order: a block meets a few dozen at most.
  std::vector<double> word_widths_;                          // of the hyphenated words, ascending
  LineSet stack_;                                            // one word a line
  using Key = std::tuple<int, double, double, double, int>;  // lines, hang, measure, class
  std::vector<std::pair<Key, double>> narrowest_;            // measure 0
  std::vector<std::pair<Key, std::optional<LineSet>>> sets_;
};

// Every line count's cheapest breaks among those that keep each line at
// `ratio` of the longest or more (a line of one strong token, or each line
// of a stack, at kStrongRatio), none wider than `width`: found by trying each
// possible longest line, not by costing, so when the cheapest breaks of the
// text leave a stub this says whether any breaks do not. Indexed by line
// count (empty sets where there are none); costed by set_cost(). Lines up to
// `most` only. Hyphenation points in words up to `min_word` wide are not used.
// Without `exempt`, no line is excepted: each at `ratio` of the longest.
std::vector<LineSet> even_breaks(const ShapedText& s, const std::vector<Breakpoint>& points,
                                 double width, const Hang& hang, int fewest, int most, double ratio,
                                 const BreakCosts& costs, double min_word = 0, bool exempt = true);

// Whether `set` is one word a line, none under kStrongRatio of the longest.
bool is_stack(const ShapedText& s, const LineSet& set);

// What a set of lines costs against its own longest line.
double set_cost(const ShapedText& s, const LineSet& set, int fewest, const BreakCosts& costs);

}  // namespace placard
