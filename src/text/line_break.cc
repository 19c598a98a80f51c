#include "text/line_break.h"

#include <glib.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace placard {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kMinGraphemes = 2;  // a cut word keeps at least this many at either side

gunichar char_at(const ShapedText& s, int i) {
  return g_utf8_get_char(s.text.c_str() + s.chars[i].byte);
}

std::string lower_word(const ShapedText& s, int from, int to) {
  const size_t a = s.chars[from].byte, b = s.chars[to].byte;
  gchar* lower = g_utf8_strdown(s.text.c_str() + a, static_cast<gssize>(b - a));
  std::string out = lower;
  g_free(lower);
  // Trailing punctuation is not part of the word ("a," is still "a").
  while (!out.empty() && g_ascii_ispunct(out.back())) out.pop_back();
  return out;
}

BreakKind kind_before(const ShapedText& s, int at) {
  const gunichar prev = char_at(s, at - 1);
  if (s.chars[at - 1].white) return BreakKind::space;
  if (prev == 0x00AD) return BreakKind::hyphen;
  if (prev == 0x200B) return BreakKind::url;
  return BreakKind::natural;
}

}  // namespace

bool draws_hyphen(BreakKind k) {
  return k == BreakKind::hyphen || k == BreakKind::grapheme;
}

std::vector<Breakpoint> breakpoints(const ShapedText& s,
                                    const std::vector<std::string>& short_words, bool aids,
                                    double grapheme_width, double atom_width) {
  std::vector<Breakpoint> out;
  const int n = static_cast<int>(s.length());
  int word_from = 0;  // where the current word began
  size_t keep = 0;    // the first range of s.keeps not ended before i
  // The range of s.keeps that character boundary i is strictly inside.
  const auto inside = [&](int i) -> const ShapedText::Keep* {
    while (keep < s.keeps.size() && s.keeps[keep].end <= i) ++keep;
    return keep < s.keeps.size() && s.keeps[keep].start < i ? &s.keeps[keep] : nullptr;
  };
  for (int i = 1; i <= n; ++i) {
    if (i < n && !s.chars[i].break_before) continue;
    Breakpoint p{i, i == n ? BreakKind::end : kind_before(s, i), false};
    if (!aids && (p.kind == BreakKind::hyphen || p.kind == BreakKind::url)) continue;
    // Nothing breaks an atom or a number and its unit; a URL or hashtag
    // only at its own breaks, and only when it is wider than the line.
    if (const ShapedText::Keep* k = inside(i)) {
      const bool url_break = k->url && p.kind == BreakKind::url && atom_width > 0 &&
                             s.chars[k->end].x - s.chars[k->start].x > atom_width;
      if (!url_break) continue;
    }
    if (p.kind == BreakKind::space || p.kind == BreakKind::end) {
      int e = i;
      while (e > word_from && s.chars[e - 1].white) --e;
      int b = e;
      while (b > word_from && !s.chars[b - 1].white) --b;
      if (b < e) {
        const std::string w = lower_word(s, b, e);
        p.short_word = std::find(short_words.begin(), short_words.end(), w) != short_words.end();
      }
    }
    // A piece wider than the line gets a break between any two graphemes,
    // keeping a few together at either end.
    const int from = out.empty() ? 0 : out.back().at;
    if (grapheme_width > 0 && s.chars[i].x - s.chars[from].x > grapheme_width) {
      std::vector<int> cuts;
      for (int c = from + 1; c < i; ++c) {
        if (!s.chars[c].grapheme || s.chars[c - 1].white || s.chars[c].white) continue;
        // Nor is a number ("1-00%" in a Japanese phrase too wide for the line).
        if (g_unichar_isdigit(char_at(s, c - 1)) && g_unichar_isdigit(char_at(s, c))) continue;
        bool in_atom = false;  // an address is never cut between its letters
        for (const ShapedText::Keep& k : s.keeps)
          in_atom = in_atom || (k.atom && k.start < c && c < k.end);
        if (!in_atom) cuts.push_back(c);
      }
      const int keep = kMinGraphemes;
      for (size_t k = keep - 1; k + keep <= cuts.size(); ++k) {
        // Ideographs and kana are cut with no hyphen.
        const bool wide =
            g_unichar_iswide(char_at(s, cuts[k] - 1)) || g_unichar_iswide(char_at(s, cuts[k]));
        out.push_back({cuts[k], wide ? BreakKind::cut : BreakKind::grapheme, false});
      }
    }
    if (p.kind == BreakKind::hyphen) {
      p.syllable = s.chars[i - 1].syllable;
      int b = i, e = i;  // the word around it, between white spaces
      while (b > 0 && !s.chars[b - 1].white) --b;
      while (e < n && !s.chars[e].white) ++e;
      p.word_width = s.chars[e].x - s.chars[b].x;
    }
    out.push_back(p);
    if (p.kind == BreakKind::space) word_from = i;
  }
  return out;
}

bool strong_token(const ShapedText& s, int from, int to) {
  // Punctuation and symbols around the token do not count ("«287(g).»").
  auto outer = [&](int i) {
    const gunichar c = char_at(s, i);
    const GUnicodeType t = g_unichar_type(c);
    return s.chars[i].white || s.chars[i].invisible || t == G_UNICODE_FORMAT ||
           (t != G_UNICODE_OPEN_PUNCTUATION && t != G_UNICODE_CLOSE_PUNCTUATION &&
            g_unichar_ispunct(c));
  };
  while (from < to && outer(from)) ++from;
  while (to > from && outer(to - 1)) --to;
  int letters = 0, upper = 0;
  bool digit = false, open = false, close = false;
  for (int i = from; i < to; ++i) {
    const gunichar c = char_at(s, i);
    if (s.chars[i].white) return false;  // two words
    if (g_unichar_isdigit(c)) digit = true;
    if (c == '(' || c == '[') open = true;
    if ((c == ')' || c == ']') && open) close = true;
    const GUnicodeType t = g_unichar_type(c);
    if (t == G_UNICODE_SPACING_MARK || t == G_UNICODE_NON_SPACING_MARK) ++letters;  // a vowel sign
    if (g_unichar_isalpha(c)) {
      ++letters;
      upper += g_unichar_isupper(c) ? 1 : 0;
    }
  }
  if (digit || (open && close)) return true;
  if (letters >= 2 && upper == letters) return true;  // an acronym
  return letters >= 6;
}

double line_width(const ShapedText& s, const LineSpan& l) {
  int e = l.end;
  while (e > l.start && s.chars[e - 1].white) --e;
  // A soft hyphen or break marker at the end draws nothing itself.
  while (e > l.start && s.chars[e - 1].invisible) --e;
  double w = s.chars[e].x - s.chars[l.start].x + s.edge;
  if (draws_hyphen(l.kind)) w += s.hyphen;
  if (l.start == 0) w -= s.hang;  // the opening mark hangs outside the measure
  return w;
}

namespace {

// A line's length as a reader sees it, for weighing how even the lines
// are: a hanging mark takes none of the measure but is still part of the line.
double drawn_width(const ShapedText& s, const LineSpan& l) {
  return line_width(s, l) + (l.start == 0 ? s.hang : 0);
}

}  // namespace

Overhang line_overhang(const ShapedText& s, const LineSpan& l) {
  int e = l.end;
  while (e > l.start && s.chars[e - 1].white) --e;
  if (e <= l.start) return {};
  const ShapedText::Char& first = s.chars[l.start];
  const ShapedText::Char& last = s.chars[e - 1];
  // The first character sits at the left of a left-to-right line and at the
  // right of a right-to-left one. Mixed-direction lines can put another
  // character at an end; the final layout is measured again, so this
  // estimate only has to be close.
  // A hanging opening mark is ink past the start edge.
  const double hang = l.start == 0 ? s.hang : 0;
  if (s.rtl) return {last.ink_left, std::max<double>(first.ink_right, hang)};
  return {std::max<double>(first.ink_left, hang), last.ink_right};
}

double fitting_width(const ShapedText& s, const LineSpan& l, double w, const Hang& hang) {
  // The room is taken as if the line touched both sides of the measure: a
  // shorter line has more on one side, but which side depends on alignment.
  const Overhang o = line_overhang(s, l);
  return w + std::max(0.0, o.left - hang.left) + std::max(0.0, o.right - hang.right);
}

bool line_fits(const ShapedText& s, const LineSpan& l, double measure, const Hang& hang) {
  return fitting_width(s, l, line_width(s, l), hang) <= measure;
}

namespace {

// Greedy breaking: each line as long as fits `width`, from the first
// breakpoint on. Calls take(line) for each line in order; false (having
// stopped) when the piece between two breakpoints does not fit on a line.
template <class Take>
bool each_greedy_line(const ShapedText& s, const std::vector<Breakpoint>& points, double width,
                      const Hang& hang, double min_word, Take take) {
  int start = 0;
  size_t p = 0;
  while (p < points.size()) {
    size_t best = points.size();
    for (size_t q = p; q < points.size(); ++q) {
      if (!usable(points[q], min_word)) continue;
      const LineSpan l{start, points[q].at, points[q].kind};
      if (!line_fits(s, l, width, hang)) break;
      best = q;
    }
    if (best == points.size()) return false;
    LineSpan line{start, points[best].at, points[best].kind};
    line.syllable = points[best].syllable;
    take(line);
    start = points[best].at;
    p = best + 1;
  }
  return true;
}

}  // namespace

std::optional<LineSet> greedy_breaks(const ShapedText& s, const std::vector<Breakpoint>& points,
                                     double width, const Hang& hang) {
  LineSet out;
  if (!each_greedy_line(s, points, width, hang, 0,
                        [&](const LineSpan& l) { out.lines.push_back(l); }))
    return std::nullopt;
  return out;
}

int fewest_lines(const ShapedText& s, const std::vector<Breakpoint>& points, double width,
                 const Hang& hang, double min_word) {
  int lines = 0;
  if (!each_greedy_line(s, points, width, hang, min_word, [&](const LineSpan&) { ++lines; }))
    return 0;
  return lines;
}

namespace {

// What one line costs against the measure (the width the block is set to,
// its longest line), weight by weight. Lengths are compared with the
// measure, so the numbers mean the same at every size and box. Display type
// wants even lines, not full ones: a headline set 3 + 3 + 3 words reads as
// one shape, 5 + 3 + 1 as a block with a tail. The weights live in
// typesetting/breaking.yaml (a layout may tune them); why each is what it is:
//
// - ragged (1.0): the unit. Each line pays ((measure - w) / measure)², so
//   a line at 80% of the measure costs 0.04, one at 60% 0.16. Squared, so
//   two lines at 90% (0.02) beat one at 80% (0.04): the rag is shared out.
// - last_line (0.5): the last line pays half that: a slightly short last
//   line is what readers expect of a paragraph.
// - short_line (6.0) under short_ratio (0.7): any line, the last included,
//   shorter than 70% of the measure pays 6 × the squared shortfall below
//   70% on top: a line at 50% costs 0.25 + 0.24. The lines around a short
//   one are evened out first, which keeps the shortest line above 60% of
//   the longest.
// - under_min (1.5) under min_ratio (0.6): a line shorter than 60% of the
//   measure is the stub a reader notices whatever its words; it costs more
//   than any other fault but a cut word, so a block is set that way only
//   when no other breaks (and, in text_fit.cc, no smaller size) avoid it.
// - stub (0.6) under stub_ratio (0.55): one word alone on a line that is
//   shorter than 55% of the measure ("Continue / demanding law / …") costs
//   as much as a line at 23%. A long word that fills the line alone is fine.
// - A line of one strong token (strong_token(): "287(g).", "NYPD", a word
//   of six letters or more) at 40% of the measure or more is not a stub,
//   in any script: it pays neither stub nor under_min, only its distance
//   from the measure (a lone "ICE." at 20% still does).
//   Setting "إنهاء اتفاقيات / 287(g)." large on two lines is what a designer
//   does; setting it on one line at 70% of that size is not.
// - short_word_end (0.12): a line ending in a short word from the
//   language's list ("… work with the / community") strands it from the
//   word it belongs to; as much as a line at 65%.
// - hyphen (0.3): a hyphen in display type is noticed, so it must buy a lot
//   of evenness. Two hyphenated lines in a row are never set.
// - syllable_hyphen (0.3 more): where the dictionary knows a compound's
//   parts (German), a hyphen between two of them reads as the word's own
//   joint ("Mietpreis- / bremse"); one inside a part ("Miet- / preisbremse"
//   is fine, "Mietpreisbrem- / se" is not) is taken only for clearly better lines.
// - url_break (0.1): breaking a URL after a '/' or '.' is expected, but the
//   whole URL on a line reads better.
// - grapheme_break (4.0): cutting a word where the dictionary has no
//   hyphen is a last resort, taken only when the word fits no line whole.
// - extra_line (0.04): each line more than the fewest that fit costs a
//   little: more lines only when they are clearly more even.
// The size weights (size_drop, size_range, rescue_range, hyphen_gain) are
// used by text_fit.cc.
double line_cost(const LineSpan& l, double w, double measure, bool last, int lines,
                 const BreakCosts& c) {
  const double r = (measure - w) / measure;
  double k = (last ? c.last_line : c.ragged) * r * r;
  const double floor = c.short_ratio * measure;
  if (w < floor) k += c.short_line * ((floor - w) / measure) * ((floor - w) / measure);
  if (!l.strong || w < kStrongRatio * measure) {
    if (lines > 1 && w < c.min_ratio * measure) k += c.under_min;
    if (l.one_word && lines > 1 && w < c.stub_ratio * measure) k += c.stub;
  }
  if (!last && l.short_word) k += c.short_word_end;
  switch (l.kind) {
    case BreakKind::hyphen:
      k += c.hyphen + (l.syllable ? c.syllable_hyphen : 0);
      break;
    case BreakKind::url:
      k += c.url_break;
      break;
    case BreakKind::grapheme:
    case BreakKind::cut:
      k += c.grapheme_break;
      break;
    default:
      break;
  }
  return k;
}

}  // namespace

bool is_stack(const ShapedText& s, const LineSet& set) {
  if (set.lines.size() < 2) return false;
  double longest = 0, shortest = 1e18;
  for (const LineSpan& l : set.lines) {
    if (!l.one_word) return false;
    longest = std::max(longest, drawn_width(s, l));
    shortest = std::min(shortest, drawn_width(s, l));
  }
  return shortest >= kStrongRatio * longest;
}

double set_cost(const ShapedText& s, const LineSet& set, int fewest, const BreakCosts& c) {
  double measure = 1e-6;
  for (const LineSpan& l : set.lines) measure = std::max(measure, drawn_width(s, l));
  const int n = static_cast<int>(set.lines.size());
  // One word a line: each word is its own line, none a stub.
  const bool stack = is_stack(s, set);
  double k = 0;
  for (int i = 0; i < n; ++i) {
    LineSpan l = set.lines[i];
    l.strong = l.strong || stack;
    k += line_cost(l, drawn_width(s, l), measure, i + 1 == n, n, c);
  }
  return k + c.extra_line * std::max(0, n - fewest);
}

std::optional<LineSet> best_breaks(const ShapedText& s, const std::vector<Breakpoint>& points,
                                   double measure, const Hang& hang, int lines, int fewest,
                                   const BreakCosts& c, double min_word) {
  const int P = static_cast<int>(points.size());
  if (lines < 1 || P == 0 || lines > P) return std::nullopt;
  measure = std::max(1e-6, measure);

  // cost[j][p][h]: the cheapest j lines ending at points[p], the last of them
  // hyphenated (h = 1) or not. from[] is the previous line's end and h.
  // Fitting runs this thousands of times a card: the tables are reused.
  const size_t cells = static_cast<size_t>(lines + 1) * P * 2;
  thread_local std::vector<double> cost;
  thread_local std::vector<int> from;
  thread_local std::vector<LineSpan> span;
  cost.assign(cells, kInfinity);
  from.assign(cells, -2);
  span.resize(cells);
  auto at = [&](int j, int p, int h) { return (static_cast<size_t>(j) * P + p) * 2 + h; };

  for (int j = 1; j <= lines; ++j) {
    for (int p = j - 1; p < P; ++p) {
      // The last line, and only the last, ends at the end of the text.
      if ((j == lines) != (p == P - 1)) continue;
      const Breakpoint& end = points[p];
      if (!usable(end, min_word)) continue;
      const bool last = j == lines;
      const int hyph = draws_hyphen(end.kind) ? 1 : 0;
      bool one_word = true;  // no space between words inside the line so far
      // Walk back over possible line starts (q = -1: the text's start)
      // while the line still fits; the first line starts the text.
      for (int q = p - 1; q >= -1; --q) {
        if (j == 1 && q >= 0) {
          if (points[q].kind == BreakKind::space) one_word = false;
          continue;
        }
        if (j > 1 && q < j - 2) break;  // too few points left for the lines before
        if (q >= 0 && !usable(points[q], min_word)) {
          if (points[q].kind == BreakKind::space) one_word = false;
          continue;
        }
        LineSpan l{q < 0 ? 0 : points[q].at, end.at, end.kind, one_word, end.short_word};
        l.syllable = end.syllable;
        const double w = line_width(s, l);
        if (w > measure) break;
        // Whether it is one strong token matters only to a short line.
        if (one_word && w < std::max(c.min_ratio, c.stub_ratio) * measure)
          l.strong = strong_token(s, l.start, l.end);
        // Ink past the room beside the box rules out this start only: a
        // longer line starts with another character.
        const bool ink_fits = fitting_width(s, l, w, hang) <= measure;
        const double k = line_cost(l, l.start == 0 ? w + s.hang : w, measure, last, lines, c);
        for (int h = 0; h < 2 && ink_fits; ++h) {
          const double prev = q < 0 ? (h == 0 ? 0 : kInfinity) : cost[at(j - 1, q, h)];
          if (prev == kInfinity) continue;
          // Never two hyphenated lines in a row, but for a word too long
          // for one line, cut again at its next hyphenation point (the line
          // between is all inside it): a long compound must still fit.
          if (h == 1 && end.kind == BreakKind::hyphen && !one_word) continue;
          const size_t cell = at(j, p, hyph);
          if (prev + k < cost[cell]) {
            cost[cell] = prev + k;
            from[cell] = q < 0 ? -1 : q * 2 + h;
            span[cell] = l;
          }
        }
        if (q >= 0 && points[q].kind == BreakKind::space) one_word = false;
      }
    }
  }
  const int h_end = cost[at(lines, P - 1, 0)] <= cost[at(lines, P - 1, 1)] ? 0 : 1;
  if (cost[at(lines, P - 1, h_end)] == kInfinity) return std::nullopt;
  LineSet out;
  int p = P - 1, h = h_end;
  for (int j = lines; j >= 1; --j) {
    const size_t cell = at(j, p, h);
    out.lines.push_back(span[cell]);
    const int f = from[cell];
    p = f < 0 ? -1 : f / 2;
    h = f < 0 ? 0 : f % 2;
  }
  std::reverse(out.lines.begin(), out.lines.end());
  out.cost = set_cost(s, out, fewest, c);
  return out;
}

std::vector<LineSet> even_breaks(const ShapedText& s, const std::vector<Breakpoint>& points,
                                 double width, const Hang& hang, int fewest, int most, double ratio,
                                 const BreakCosts& c, double min_word, bool exempt) {
  std::vector<LineSet> best(std::max(0, most) + 1);
  // The points a line may end at; node 0 is the text's start, node i + 1
  // the end of at[i].
  std::vector<int> at;
  for (int i = 0; i < static_cast<int>(points.size()); ++i)
    if (usable(points[i], min_word)) at.push_back(i);
  const int P = static_cast<int>(at.size());
  if (P == 0 || most < 1) return best;
  // Every line from one node to a later one whose ink fits `width`.
  struct Span {
    LineSpan line;
    double w = 0;
    bool fits = false;
  };
  std::vector<Span> spans(static_cast<size_t>(P + 1) * (P + 1));
  auto span = [&](int a, int b) -> Span& { return spans[static_cast<size_t>(a) * (P + 1) + b]; };
  std::vector<double> longest;
  for (int a = 0; a < P; ++a) {
    const int from = a == 0 ? 0 : points[at[a - 1]].at;
    bool one_word = true;
    int q = a == 0 ? 0 : at[a - 1] + 1;
    for (int b = a + 1; b <= P; ++b) {
      const Breakpoint& end = points[at[b - 1]];
      for (; q < at[b - 1]; ++q)
        if (points[q].kind == BreakKind::space) one_word = false;
      LineSpan l{from, end.at, end.kind, one_word, end.short_word};
      const double w = line_width(s, l);
      if (w > width) break;
      if (fitting_width(s, l, w, hang) > width) continue;
      l.strong = one_word && strong_token(s, l.start, l.end);
      span(a, b) = {l, w, true};
      longest.push_back(w);
    }
  }
  std::sort(longest.begin(), longest.end());
  longest.erase(std::unique(longest.begin(), longest.end()), longest.end());
  // cost[k][b][h]: the cheapest k lines from the start to node b, the last
  // of them hyphenated (h = 1) or not, every line between ratio x L and L
  // (any one-word line of a stack at kStrongRatio x L), for each L.
  const size_t cells = static_cast<size_t>(most + 1) * (P + 1) * 2;
  std::vector<double> cost(cells);
  std::vector<int> from(cells);
  auto cell = [&](int k, int b, int h) { return (static_cast<size_t>(k) * (P + 1) + b) * 2 + h; };
  for (const double L : longest) {
    for (const bool stack : {false, true}) {
      if (stack && !exempt) continue;
      std::fill(cost.begin(), cost.end(), kInfinity);
      for (int b = 1; b <= P; ++b) {
        const bool last = b == P;
        for (int a = 0; a < b; ++a) {
          const Span& sp = span(a, b);
          if (!sp.fits || sp.w > L) continue;
          const LineSpan& l = sp.line;
          const bool ok =
              stack ? l.one_word && sp.w >= kStrongRatio * L
                    : sp.w >= ratio * L || (exempt && l.strong && sp.w >= kStrongRatio * L);
          if (!ok) continue;
          const double r = (L - sp.w) / L;
          double k = (last ? c.last_line : c.ragged) * r * r;
          if (!last && l.short_word) k += c.short_word_end;
          if (l.kind == BreakKind::hyphen) k += c.hyphen;
          if (l.kind == BreakKind::url) k += c.url_break;
          if (l.kind == BreakKind::grapheme || l.kind == BreakKind::cut) k += c.grapheme_break;
          const int hy = draws_hyphen(l.kind) ? 1 : 0;
          if (a == 0) {
            if (k < cost[cell(1, b, hy)]) {
              cost[cell(1, b, hy)] = k;
              from[cell(1, b, hy)] = -1;
            }
            continue;
          }
          for (int j = 2; j <= most; ++j)
            for (int h = 0; h < 2; ++h) {
              const double prev = cost[cell(j - 1, a, h)];
              if (prev == kInfinity) continue;
              // Never two hyphenated lines in a row, but inside one long word.
              if (h == 1 && l.kind == BreakKind::hyphen && !l.one_word) continue;
              if (prev + k < cost[cell(j, b, hy)]) {
                cost[cell(j, b, hy)] = prev + k;
                from[cell(j, b, hy)] = a * 2 + h;
              }
            }
        }
      }
      for (int j = 1; j <= most; ++j)
        for (int h = 0; h < 2; ++h) {
          if (cost[cell(j, P, h)] == kInfinity) continue;
          LineSet set;
          int b = P, hh = h;
          for (int k = j; k >= 1; --k) {
            const int f = from[cell(k, b, hh)];
            const int a = f < 0 ? 0 : f / 2;
            set.lines.push_back(span(a, b).line);
            b = a;
            hh = f < 0 ? 0 : f % 2;
          }
          std::reverse(set.lines.begin(), set.lines.end());
          set.cost = set_cost(s, set, fewest, c);
          if (best[j].lines.empty() || set.cost < best[j].cost) best[j] = std::move(set);
        }
    }
  }
  return best;
}

std::optional<LineSet> choose_breaks(const ShapedText& s, const std::vector<Breakpoint>& points,
                                     double width, const Hang& hang, int lines, int fewest,
                                     const BreakCosts& c, double min_word) {
  return BreakChooser(s, points, c).choose(width, hang, lines, fewest, min_word);
}

BreakChooser::BreakChooser(const ShapedText& s, const std::vector<Breakpoint>& points,
                           const BreakCosts& costs)
    : s_(s), points_(points), costs_(costs) {
  for (const Breakpoint& p : points) {
    if (p.kind == BreakKind::hyphen) word_widths_.push_back(p.word_width);
    if (p.kind == BreakKind::space || p.kind == BreakKind::end) {
      LineSpan l{stack_.lines.empty() ? 0 : stack_.lines.back().end, p.at, p.kind, true, false};
      l.strong = strong_token(s, l.start, l.end);
      stack_.lines.push_back(l);
    }
  }
  // A break other than between words (CJK, a dash) makes no stack.
  for (const Breakpoint& p : points)
    if (p.kind == BreakKind::natural) stack_.lines.clear();
  std::sort(word_widths_.begin(), word_widths_.end());
}

int BreakChooser::hyphen_class(double min_word) const {
  return static_cast<int>(std::upper_bound(word_widths_.begin(), word_widths_.end(), min_word) -
                          word_widths_.begin());
}

double BreakChooser::narrowest(const Hang& hang, int lines, double min_word, int words) {
  const Key key{lines, hang.left, hang.right, 0, words};
  for (const auto& [k, v] : narrowest_)
    if (k == key) return v;
  // Bisection between nothing and the whole text on one line (which always
  // fits), so the answer is the same whatever box it is asked for.
  const int n = static_cast<int>(s_.length());
  const LineSpan all{0, n, BreakKind::end};
  double lo = 0, hi = fitting_width(s_, all, line_width(s_, all), hang) + 1;
  while (hi - lo > 0.5) {
    const double mid = (lo + hi) / 2;
    const int k = fewest_lines(s_, points_, mid, hang, min_word);
    if (k != 0 && k <= lines)
      hi = mid;
    else
      lo = mid;
  }
  narrowest_.emplace_back(key, hi);
  return hi;
}

std::optional<LineSet> BreakChooser::choose(double width, const Hang& hang, int lines, int fewest,
                                            double min_word) {
  // The narrowest measure that still sets the text in `lines` lines (as CSS
  // text-wrap: balance finds it), then a few a little wider: a wider
  // measure can trade a stub or a stranded short word for a longer line.
  if (fewest == 0 || fewest > lines) return std::nullopt;
  // Every min_word of one class uses the same points: the largest of the
  // class stands for it, so the answers are kept across sizes.
  const int words = hyphen_class(min_word);
  min_word = words == 0 ? 0 : word_widths_[words - 1];
  const double hi = narrowest(hang, lines, min_word, words);
  // Sets are kept costed as if `lines` were the fewest; the lines more than
  // the fewest are added here, as set_cost() adds them.
  const double extra = costs_.extra_line * std::max(0, lines - fewest);
  // An index into sets_, which may grow in this loop.
  size_t best = 0;
  bool found = false;
  double best_cost = 0;
  for (double widen : {0.0, 0.04, 0.08, 0.14}) {
    const double measure = std::min(width, hi * (1 + widen) + 0.01);
    const Key key{lines, hang.left, hang.right, measure, words};
    size_t at = sets_.size();
    for (size_t i = 0; i < sets_.size(); ++i)
      if (sets_[i].first == key) at = i;
    if (at == sets_.size())
      sets_.emplace_back(key,
                         best_breaks(s_, points_, measure, hang, lines, lines, costs_, min_word));
    const std::optional<LineSet>& set = sets_[at].second;
    if (set && (!found || set->cost + extra < best_cost)) {
      best = at;
      found = true;
      best_cost = set->cost + extra;
    }
    if (measure >= width) break;
  }
  // One word a line, for a few words: a stack a designer sets at full size
  // rather than two uneven lines at a smaller one.
  const int stacked = static_cast<int>(stack_.lines.size());
  if (lines == stacked && stacked >= 2 && stacked <= kStackWords && is_stack(s_, stack_)) {
    bool fits = true;
    for (const LineSpan& l : stack_.lines) fits = fits && line_fits(s_, l, width, hang);
    const double cost = fits ? set_cost(s_, stack_, lines, costs_) + extra : 0;
    if (fits && (!found || cost < best_cost)) {
      LineSet out = stack_;
      out.cost = cost;
      return out;
    }
  }
  if (!found) return std::nullopt;
  LineSet out = *sets_[best].second;
  out.cost = best_cost;
  return out;
}

}  // namespace placard
