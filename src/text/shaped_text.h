// A block of text shaped once, on one line, at one size: everything line
// breaking and fitting need, without Pango. Outlines are unhinted and glyph
// positions unrounded, so every length scales linearly with the font size:
// at size s, a length here is worth `length * s / size`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace placard {

struct ShapedText {
  double size = 0;   // px the lengths below were measured at
  std::string text;  // what was shaped; `byte` offsets index it
  struct Char {
    size_t byte = 0;            // where the character starts in `text`
    double x = 0;               // logical advance of everything before it
    bool break_before = false;  // a line may start here (UAX #14, as Pango decides)
    bool grapheme = false;      // a grapheme cluster starts here
    bool white = false;         // white space: not drawn at the end of a line
    bool word_start = false;
    bool invisible = false;  // a hyphenation point or URL break: draws nothing
    // A hyphenation point between two parts of a compound
    // (text/hyphenate.h's compound_points); set by fitting.
    bool compound = false;
    // In a word whose compound parts the dictionary knows: a point that is
    // not between two of them costs more.
    bool syllable = false;
    // The line box above and below the baseline, line height applied, and
    // the ink above and below it (positive away from the baseline).
    float ascent = 0, descent = 0;
    float ink_top = 0, ink_bottom = 0;
    // Ink beyond the character's advance on its left and right (>= 0): an
    // italic's overhang, a swash, a mark that sticks out.
    float ink_left = 0, ink_right = 0;
  };
  // One entry per character, then one past the end (its x is the total width).
  std::vector<Char> chars;
  // Characters [start, end) no line breaks inside (text/atoms.h): an atom
  // (a URL or hashtag, which may break at its URL breaks when it cannot fit
  // whole; an address, handle or phone number, never cut) or a number with
  // its unit (no break between them; a word in it may still be cut).
  struct Keep {
    int start = 0, end = 0;
    bool atom = false, url = false;
  };
  std::vector<Keep> keeps;  // in order, not overlapping
  double hyphen = 0;        // advance of the hyphen drawn where a word is broken
  double edge = 0;          // what a line gains when set alone (letter spacing at its ends)
  bool rtl = false;         // the paragraph's base direction
  // The advance of the opening quotation mark the text starts with, when it
  // hangs outside the block's flush start edge (text/quotes.h): the first
  // line takes this much less of the measure, and its ink reaches this far
  // past the edge on the start side.
  double hang = 0;
  size_t length() const { return chars.empty() ? 0 : chars.size() - 1; }
};

}  // namespace placard
