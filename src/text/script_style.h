// How the scripts other than Latin are set beside a brand's Latin font: the
// optical size (a scale that makes the script's main body as large as the
// Latin x-height, or the CJK face as large as the cap height) and the line
// pitch. Read from typesetting/scripts.yaml, which records the measurement
// each number comes from.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace placard {

struct ScriptStyle {
  std::string name;                      // "arabic", "devanagari", …
  std::vector<int> scripts;              // GUnicodeScript values it covers
  std::string font;                      // the bundled family its text is set in
  std::string sample;                    // characters whose ink height is the script's main body
  bool against_caps = false;             // matched to the Latin cap height, else the x-height
  double body_em = 0;                    // measured: that ink height above the baseline, in em,
  double body_em_bold = 0;               // in the regular and the bold font,
  std::map<int, double> body_by_weight;  // and in every weight measured (400 → …)
  // The body at the font weight nearest `weight` that was measured.
  double body(int weight) const;
  // The bundled font's weight set beside a brand weight, so that its stems
  // are as heavy as the brand's (`weights:`, measured); the brand weight
  // itself for a script without the entry. Between two entries the lower
  // one's.
  std::map<int, int> weights;
  int weight_for(int brand_weight) const;
  double leading = 1;         // line pitch as a multiple of a Latin line's
  double leading_marked = 0;  // the same for text with vowel marks (harakat); 0 = leading
  std::vector<std::pair<int, int>> marks;  // the code point ranges of those marks
};

// Every script with a style; loaded once. Fails with the file's place when
// the file is malformed.
const std::vector<ScriptStyle>& script_styles();

// The style for a Unicode script (a GUnicodeScript value), or nullptr: Latin,
// Greek, Cyrillic and the common characters are set as they are.
const ScriptStyle* script_style(int script);

// Short words per language (typesetting/short-words.yaml): a line should
// not end in one. Empty for languages without a list.
const std::vector<std::string>& short_words(const std::string& lang);

}  // namespace placard
