// A headline block set in one family, for the tests that lay out real text.
#pragma once

#include <string>
#include <vector>

#include "base/resources.h"
#include "model/card.h"
#include "text/fonts.h"
#include "text/pango_text.h"
#include "text/text_fit.h"

namespace placard {

inline TextBlock headline_block(const std::string& text, const std::string& family, int weight,
                                const std::string& lang, bool italic = false) {
  TextBlock b;
  b.field = "headline";
  b.text.spans.push_back({text, false, false, false});
  b.style.font = {family, weight, italic, "", false, false};
  b.style.line_height = 1.08;
  b.style.lang = lang;
  b.style.rtl = lang == "ar";
  return b;
}

// The weights of typesetting/breaking.yaml (the layout layer reads them).
inline BreakCosts costs() {
  BreakCosts c;
  c.ragged = 1;
  c.last_line = 0.5;
  c.short_line = 6;
  c.short_ratio = 0.7;
  c.stub = 0.6;
  c.stub_ratio = 0.55;
  c.short_word_end = 0.12;
  c.hyphen = 0.3;
  c.syllable_hyphen = 0.3;
  c.url_break = 0.1;
  c.grapheme_break = 4;
  c.extra_line = 0.04;
  c.size_drop = 0.3;
  c.size_range = 0.08;
  c.min_ratio = 0.6;
  c.under_min = 1.5;
  c.rescue_range = 0.2;
  c.hyphen_gain = 0.12;
  return c;
}

// The lines of `text` as fitting sets them in a box `width` px wide, at a
// size between `min` and `max` px.
inline std::vector<std::string> lines_of(const std::string& text, const std::string& lang,
                                         double width, double min, double max) {
  Fonts fonts(fonts_dir());
  PangoText pango(fonts, lang);
  TextBlock b = headline_block(text, "Inter Display", 800, lang);
  b.style.size_min = min;
  b.style.size_max = max;
  TextFrame f{"main", {0, 0, width, 4000}, VAlign::top, {b}};
  f.costs = costs();
  Card card;
  card.id = "lines";
  card.size_name = "og";
  card.width = 1200;
  card.height = 630;
  card.lang = lang;
  card.items.push_back(f);
  return fit_frame(card, f, pango).blocks.at(0).measure.line_texts;
}

}  // namespace placard
