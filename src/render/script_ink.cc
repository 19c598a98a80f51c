#include "render/script_ink.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "base/diagnostics.h"
#include "image/pixmap.h"
#include "render/cairo_pixmap.h"
#include "text/pango_text.h"

namespace placard {

namespace {

// One piece of text drawn in black on a clear square: each pixel's alpha.
struct Ink {
  int w = 0, h = 0;
  std::vector<uint8_t> a;
  uint8_t at(int x, int y) const { return a[static_cast<size_t>(y) * w + x]; }
  // Rows with at least half-covered pixels: the edge of the outline.
  bool row(int y) const {
    for (int x = 0; x < w; ++x)
      if (at(x, y) >= 128) return true;
    return false;
  }
  int top() const {
    for (int y = 0; y < h; ++y)
      if (row(y)) return y;
    return -1;
  }
  int bottom() const {
    for (int y = h - 1; y >= 0; --y)
      if (row(y)) return y;
    return -1;
  }
  // The rightmost run of ink on row y, as its coverage in pixels (a stem
  // 10.4 px wide covers ten pixels and four tenths of another).
  double rightmost_run(int y) const {
    int x = w - 1;
    while (x >= 0 && at(x, y) < 128) --x;
    if (x < 0) return 0;
    while (x + 1 < w && at(x + 1, y) > 0) ++x;  // the fringe on the right
    double cover = 0;
    for (; x >= 0 && at(x, y) > 0; --x) cover += at(x, y) / 255.0;
    return cover;
  }
};

Ink draw(PangoText& text, const FontSpec& face, const std::string& lang, const std::string& utf8,
         double size) {
  TextBlock b;
  b.field = "headline";
  b.text.spans.push_back({utf8, false, false, false});
  b.style.font = face;
  b.style.line_height = 1.2;
  b.style.hyphenate = false;
  b.style.balance = false;
  b.style.lang = lang;
  b.style.color = {0, 0, 0, 1};
  const int side = static_cast<int>(size * 2.5);
  Pixmap pix = Pixmap::make(side, side);
  cairo_t* cr = draw_into(pix);
  text.draw(cr, b, size, 0, size * 0.5, size * 0.5, true);
  finish_drawing(cr, "a letter of the script measure");
  Ink ink{side, side, std::vector<uint8_t>(static_cast<size_t>(side) * side)};
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) ink.a[static_cast<size_t>(y) * side + x] = pix.row(y)[4 * x + 3];
  return ink;
}

struct Sample {
  const char* lang;
  std::vector<const char*> body;
  const char* stem;
  double stem_row;  // where the stem is read, as a fraction of the ink's height from its top
};

const Sample* sample_of(const std::string& script) {
  static const Sample latin{"en", {"x", "z", "v", "w"}, "l", 0.5};
  static const Sample hebrew{"he", {"ה", "ם", "ב", "ש"}, "ו", 0.6};
  static const Sample devanagari{"hi", {"क", "म", "न", "त", "ब"}, "का", 0.6};
  static const Sample arabic{"ar", {}, "ا", 0.5};
  if (script == "latin") return &latin;
  if (script == "hebrew") return &hebrew;
  if (script == "devanagari") return &devanagari;
  if (script == "arabic") return &arabic;
  return nullptr;
}

}  // namespace

ScriptInk measure_script_ink(Fonts& fonts, const FontSpec& face, const std::string& script,
                             double size) {
  const Sample* s = sample_of(script);
  if (!s) fail({}, "no ink sample for the script '" + script + "'");
  PangoText text(fonts, s->lang);
  ScriptInk out;
  std::vector<double> heights;
  for (const char* letter : s->body) {
    const Ink ink = draw(text, face, s->lang, letter, size);
    if (ink.top() >= 0) heights.push_back(ink.bottom() - ink.top() + 1);
  }
  if (!heights.empty()) {
    std::sort(heights.begin(), heights.end());
    out.body = heights[heights.size() / 2];
  }
  const Ink stem = draw(text, face, s->lang, s->stem, size);
  const int top = stem.top(), bottom = stem.bottom();
  if (top >= 0) out.stem = stem.rightmost_run(top + static_cast<int>((bottom - top) * s->stem_row));
  return out;
}

}  // namespace placard
