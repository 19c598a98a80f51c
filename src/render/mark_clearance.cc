#include "render/mark_clearance.h"

#include <glib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "render/letter_ink.h"
#include "text/font_faces.h"
#include "text/pango_text.h"

namespace placard {

namespace {

constexpr int kAbove = 230;  // Unicode's canonical combining class "above"

std::string utf8_of(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    char buf[8];
    out.append(buf, static_cast<size_t>(g_unichar_to_utf8(static_cast<gunichar>(c), buf)));
  }
  return out;
}

std::string nfc(const std::u32string& s) {
  const std::string u = utf8_of(s);
  char* n = g_utf8_normalize(u.c_str(), -1, G_NORMALIZE_NFC);
  std::string out = n ? n : u;
  g_free(n);
  return out;
}

// One letter drawn in black on a clear square: the alpha of each pixel.
struct Ink {
  int w = 0, h = 0;
  std::vector<uint8_t> a;
  // Antialiasing's faintest fringe is not ink: a gap a reader sees between
  // a mark and its letter survives it.
  static constexpr uint8_t kInk = 48;
  bool at(int x, int y) const { return a[static_cast<size_t>(y) * w + x] >= kInk; }
  bool row(int y) const {
    for (int x = 0; x < w; ++x)
      if (at(x, y)) return true;
    return false;
  }
  int top() const {
    for (int y = 0; y < h; ++y)
      if (row(y)) return y;
    return -1;
  }
  // The columns with ink in rows [y0, y1).
  std::pair<int, int> columns(int y0, int y1) const {
    int x0 = w, x1 = -1;
    for (int y = y0; y < y1; ++y)
      for (int x = 0; x < w; ++x)
        if (at(x, y)) x0 = std::min(x0, x), x1 = std::max(x1, x);
    return {x0, x1};
  }
};

// `ink` moved right by dx pixels.
Ink shifted(const Ink& ink, int dx) {
  Ink out{ink.w, ink.h, std::vector<uint8_t>(ink.a.size())};
  for (int y = 0; y < ink.h; ++y)
    for (int x = std::max(0, dx); x < std::min(ink.w, ink.w + dx); ++x)
      out.a[static_cast<size_t>(y) * ink.w + x] = ink.a[static_cast<size_t>(y) * ink.w + x - dx];
  return out;
}

Ink draw_letter(PangoText& text, const FontSpec& face, const std::string& utf8, double size) {
  AlphaMap m = draw_letter_alpha(text, face, "", utf8, size, 2.2, "a letter of the mark check");
  return {m.w, m.h, std::move(m.a)};
}

}  // namespace

const std::vector<MarkedLetter>& letters_with_marks_above() {
  static const std::vector<MarkedLetter> letters = [] {
    std::vector<MarkedLetter> out;
    const auto add_range = [&](char32_t first, char32_t last) {
      for (char32_t c = first; c <= last; ++c) {
        if (c == 0x010F || c == 0x013D || c == 0x013E || c == 0x0165) continue;
        gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
        const gsize n = g_unichar_fully_decompose(static_cast<gunichar>(c), FALSE, d,
                                                  G_UNICHAR_MAX_DECOMPOSITION_LENGTH);
        if (n < 2 || g_unichar_combining_class(d[0]) != 0) continue;
        std::u32string base(1, d[0]);
        bool above = false;
        for (gsize i = 1; i < n; ++i) {
          if (g_unichar_combining_class(d[i]) == kAbove)
            above = true;
          else
            base += d[i];
        }
        if (!above) continue;
        // A mark above i or j replaces its dot.
        if (base[0] == U'i') base[0] = U'\u0131';
        if (base[0] == U'j') base[0] = U'\u0237';
        out.push_back({c, utf8_of(std::u32string(1, c)), nfc(base)});
      }
    };
    add_range(0x00C0, 0x024F);
    add_range(0x1EA0, 0x1EF9);
    return out;
  }();
  return letters;
}

MarkCheck check_mark_clearance(Fonts& fonts, const FontSpec& face, double size,
                               std::u32string_view only) {
  MarkCheck check;
  PangoText latin(fonts, "en"), vietnamese(fonts, "vi");
  for (const MarkedLetter& l : letters_with_marks_above()) {
    if (!only.empty() && only.find(l.letter) == std::u32string_view::npos) continue;
    if (!face_draws(fonts, face, l.letter)) continue;
    bool base_drawn = true;
    for (const char* p = l.base.c_str(); *p; p = g_utf8_next_char(p))
      base_drawn = base_drawn && face_draws(fonts, face, g_utf8_get_char(p));
    if (!base_drawn) continue;
    ++check.letters;
    PangoText& text = l.letter >= 0x1EA0 ? vietnamese : latin;
    Ink base = draw_letter(text, face, l.base, size);
    const Ink letter = draw_letter(text, face, l.utf8, size);
    const auto fault = [&](const std::string& why) { check.faults.push_back({l.letter, why}); };
    if (base.top() < 0 || letter.top() < 0) {
      fault("nothing is drawn");
      continue;
    }
    // A wide mark widens the letter, so the base may sit further right in
    // it: line the base up with the letter by the lower half of its ink.
    int base_bottom = base.top();
    for (int y = base_bottom; y < base.h; ++y)
      if (base.row(y)) base_bottom = y;
    const int half = (base.top() + base_bottom) / 2;
    base = shifted(base, letter.columns(half, base_bottom + 1).first -
                             base.columns(half, base_bottom + 1).first);
    // The mark is the ink the letter has away from its base's (antialiased
    // edges may differ by a pixel); ink the base has and the letter lacks
    // was cut away by a mark sunk into it.
    Ink mark{base.w, base.h, std::vector<uint8_t>(base.a.size())};
    int lost = 0, base_ink = 0;
    for (int y = 1; y + 1 < base.h; ++y)
      for (int x = 1; x + 1 < base.w; ++x) {
        const size_t i = static_cast<size_t>(y) * base.w + x;
        base_ink += base.a[i] >= Ink::kInk;
        lost += base.a[i] == 255 && letter.a[i] < Ink::kInk;
        if (letter.a[i] < Ink::kInk) continue;
        bool near_base = false;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) near_base = near_base || base.a[i + dy * base.w + dx];
        if (!near_base) mark.a[i] = letter.a[i];
      }
    const int mark_top = mark.top();
    if (mark_top < 0) {
      fault("no mark is drawn");
      continue;
    }
    if (lost > base_ink / 200 + 2) {
      fault("a mark is cut into the letter");
      continue;
    }
    // Column by column, the mark's lowest ink must be above the base's
    // highest, with a row of no ink between them.
    std::string problem;
    for (int x = 0; x < mark.w && problem.empty(); ++x) {
      int mark_low = -1, base_high = -1;
      for (int y = 0; y < mark.h; ++y)
        if (mark.at(x, y)) mark_low = y;
      if (mark_low < 0) continue;
      for (int y = 0; y < base.h && base_high < 0; ++y)
        if (base.at(x, y) || (letter.at(x, y) && !mark.at(x, y) && y > mark_low)) base_high = y;
      if (base_high < 0) continue;
      if (mark_low >= base_high)
        problem = "a mark is drawn into the letter";
      else if (mark_low >= base_high - 1 || letter.at(x, mark_low + 1))
        problem = "the mark touches the letter";
    }
    if (!problem.empty()) {
      fault(problem);
      continue;
    }
    // Over the letter: the mark's middle within the upper half of the base's ink
    // (an italic's top is further right than its foot), give or take
    // a quarter of the mark's width (an acute leans right; a circumflex half
    // over the next letter does not).
    const auto [mx0, mx1] = mark.columns(mark_top, mark.h);
    const int base_top = base.top();
    const auto [bx0, bx1] = base.columns(base_top, (base_top + base_bottom) / 2);
    const double middle = 0.5 * (mx0 + mx1), slack = 0.25 * (mx1 - mx0);
    if (middle < bx0 - slack || middle > bx1 + slack) fault("the mark is not over the letter");
  }
  return check;
}

std::string describe(const MarkFault& fault) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X ", static_cast<unsigned>(fault.letter));
  return code + utf8_of(std::u32string(1, fault.letter)) + ": " + fault.problem;
}

}  // namespace placard
