#include "text/text_fit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <tuple>

#include "text/hyphenate.h"
#include "text/line_break.h"
#include "text/script_style.h"
#include "text/text_prepare.h"

namespace placard {

namespace {

constexpr double kSlack = 0.5;          // px of rounding tolerance at the box edges
constexpr double kSizeTolerance = 0.5;  // px: bisection stops closer than this
constexpr int kSizeSteps = 8;           // sizes tried between the largest fit and size_range below
constexpr int kMoreLines = 2;           // line counts tried beyond the fewest
// Line widths are estimates, within a pixel or two of the drawn lines; the
// shortest-to-longest check keeps this margin so the drawn ones pass too.
constexpr double kRatioMargin = 0.002;

// Placing measures each block left without chosen breaks (a footer, a
// one-line text) with the text engine; when a candidate fails and the next
// is tried, the same block at the same size comes again: keep each answer
// for one frame.
class MemoMeasurer {
 public:
  explicit MemoMeasurer(TextMeasurer& inner) : inner_(inner) {}
  TextMeasure measure(const TextBlock& block, double size, double width) {
    auto key = std::make_tuple(&block, size, width);
    auto it = memo_.find(key);
    if (it != memo_.end()) return it->second;
    return memo_.emplace(key, inner_.measure(block, size, width)).first->second;
  }
  TextMeasurer& inner() { return inner_; }

 private:
  TextMeasurer& inner_;
  std::map<std::tuple<const TextBlock*, double, double>, TextMeasure> memo_;
};

double size_at(const TextStyle& s, double t) {
  double v = s.size_min + (s.size_max - s.size_min) * t;
  return std::floor(v * 4) / 4;  // quarter pixels: stable across runs
}

std::string px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%gpx", std::round(v * 10) / 10);
  return buf;
}

// How far fitting may go to set a text: its own breaks only, then
// hyphenation points and breaks inside URLs, then cuts inside words too wide
// for the line at any size.
enum Tier { kNatural = 0, kAids = 1, kCuts = 2 };

// A block shaped once: line breaking works on it at every size.
struct Prepared {
  const TextBlock* block = nullptr;
  TextBlock aided;  // the text with hyphenation points and URL breaks
  bool has_aids = false;
  ShapedText shaped;       // of `aided`
  double widest_atom = 0;  // the widest URL or hashtag in it (shaped.keeps), shaped px
  const std::vector<std::string>* short_words = nullptr;
  // Display type (a headline, a quote): a word that fits the box whole is
  // never hyphenated to even the lines.
  bool display = false;
  // Per tier below kCuts (whose points depend on the width): the break
  // points, and line breaking on them with what it found at earlier sizes.
  // Made on first use, never moved after.
  std::optional<std::vector<Breakpoint>> points[kCuts];
  std::optional<BreakChooser> chooser[kCuts];
  double overhang_left = 0, overhang_right = 0;  // the most of any character, shaped px
  // estimate_shaped() of each set of lines met so far, by its line ends
  // and their kinds.
  std::map<std::vector<int>, TextMeasure> estimates;
};

// In each word whose compound parts the dictionary knows, the hyphenation
// points inside a part: line breaking prefers the joints between parts.
void mark_syllables(ShapedText& s, const std::string& lang) {
  const std::vector<size_t> joints = compound_points(s.text, lang);
  if (joints.empty()) return;
  const int n = static_cast<int>(s.length());
  auto soft_hyphen = [&](int i) { return s.text.compare(s.chars[i].byte, 2, "\u00AD") == 0; };
  for (int b = 0; b < n;) {
    int e = b;
    while (e < n && !s.chars[e].white) ++e;
    bool known = false;
    for (int i = b; i < e; ++i) {
      s.chars[i].compound =
          soft_hyphen(i) && std::binary_search(joints.begin(), joints.end(), s.chars[i].byte);
      known = known || s.chars[i].compound;
    }
    for (int i = b; i < e && known; ++i)
      s.chars[i].syllable = soft_hyphen(i) && !s.chars[i].compound;
    b = e + 1;
  }
}

// Why a frame did not fit at some size, phrased for the user.
struct Misfit {
  std::string field;
  std::string message;
  bool word_too_wide = false;  // one word is wider than the box, at any break
};

struct Trial {
  double t = 0;
  int tier = kNatural;
  std::vector<double> sizes;
  std::vector<TextMeasure> measures;
  std::vector<std::optional<LineSet>> lines;  // chosen breaks of each broken block
  std::vector<double> offsets;  // logical top of each block, from the frame's content top
  double top = 0, bottom = 0;   // content extent (logical and ink) relative to offsets' origin
  double cost = 0;              // line-breaking cost, size included
  std::optional<Misfit> misfit;
};

// What a set of lines will measure at the shaped size.
TextMeasure estimate_shaped(const Prepared& p, const LineSet& set) {
  const ShapedText& s = p.shaped;
  TextMeasure m;
  m.lines = static_cast<int>(set.lines.size());
  m.rtl = s.rtl;
  double y = 0, ink_top = 1e9, ink_bottom = -1e9, ink_left = 1e9, ink_right = -1e9;
  std::vector<double> widths;
  for (const LineSpan& l : set.lines) widths.push_back(line_width(s, l));
  const double wrap = *std::max_element(widths.begin(), widths.end());
  const TextStyle& st = p.block->style;
  const bool right = st.align != Align::center && ((st.align == Align::end) != st.rtl);
  for (size_t i = 0; i < set.lines.size(); ++i) {
    const LineSpan& l = set.lines[i];
    double asc = 0, desc = 0, it = 0, ib = 0;
    for (int c = l.start; c < std::max(l.end, l.start + 1) && c < static_cast<int>(s.length());
         ++c) {
      asc = std::max<double>(asc, s.chars[c].ascent);
      desc = std::max<double>(desc, s.chars[c].descent);
      it = std::max<double>(it, s.chars[c].ink_top);
      ib = std::max<double>(ib, s.chars[c].ink_bottom);
    }
    const double baseline = y + asc;
    ink_top = std::min(ink_top, baseline - it);
    ink_bottom = std::max(ink_bottom, baseline + ib);
    const double w = widths[i];
    const double x = st.align == Align::center ? (wrap - w) / 2 : right ? wrap - w : 0;
    const Overhang over = line_overhang(s, l);
    ink_left = std::min(ink_left, x - over.left);
    ink_right = std::max(ink_right, x + w + over.right);
    y += asc + desc;
    m.line_widths.push_back(l.start == 0 ? w + s.hang : w);  // as drawn: a hanging mark too
    m.line_words.push_back(0);
  }
  m.width = wrap;
  m.height = y;
  m.ink = {ink_left, ink_top, ink_right - ink_left, ink_bottom - ink_top};
  return m;
}

// What a set of lines will measure at `size`: every length scales with it,
// so the measure at the shaped size is kept for each set fitting meets
// again at the next size.
TextMeasure estimate(Prepared& p, const LineSet& set, double size) {
  std::vector<int> key;
  for (const LineSpan& l : set.lines) key.push_back(l.end * 8 + static_cast<int>(l.kind));
  auto it = p.estimates.find(key);
  if (it == p.estimates.end()) it = p.estimates.emplace(key, estimate_shaped(p, set)).first;
  const double k = size / p.shaped.size;
  TextMeasure m = it->second;
  for (double& w : m.line_widths) w *= k;
  m.width *= k;
  m.height *= k;
  m.ink = {m.ink.x * k, m.ink.y * k, m.ink.w * k, m.ink.h * k};
  return m;
}

// A block's possible lines at one size: each a line count with its
// cheapest breaks, fewest first; or the misfit when there are none.
struct Options {
  std::vector<LineSet> sets;
  std::vector<TextMeasure> measures;
  std::optional<Misfit> misfit;
};

// The room beside the box at `size`, in the block's shaped px.
Hang shaped_hang(const Prepared& p, const Hang& room, double size) {
  const double k = p.shaped.size / size;
  // Room for more overhang than any character has is as good as unlimited:
  // saying so keeps the answers of line breaking the same at every size.
  constexpr double kAmple = 1e6;
  return {room.left * k >= p.overhang_left ? kAmple : room.left * k,
          room.right * k >= p.overhang_right ? kAmple : room.right * k};
}

// Whether a block's break points at this tier depend on the width (shaped
// px): cuts inside words, and breaks inside a URL or hashtag, taken only
// where it is wider than the line.
bool fresh_points(const Prepared& p, int tier, double width) {
  return tier >= kCuts || (tier >= kAids && p.has_aids && p.widest_atom > width);
}

Options block_options(Prepared& p, double size, double box_w, const Hang& room, int tier,
                      bool choose, const BreakCosts& costs) {
  Options o;
  const TextBlock& b = *p.block;
  // The box and the room beside it, in shaped px.
  const double k = p.shaped.size / size;
  const double width = box_w * k;
  const Hang hang = shaped_hang(p, room, size);
  // Cuts inside words depend on the width: those points are found anew.
  std::vector<Breakpoint> cut_points;
  std::optional<BreakChooser> cut_chooser;
  const bool fresh = fresh_points(p, tier, width);
  if (fresh) {
    cut_points = breakpoints(p.shaped, *p.short_words, tier >= kAids && p.has_aids,
                             tier >= kCuts ? width : 0, width);
    cut_chooser.emplace(p.shaped, cut_points, costs);
  } else if (!p.points[tier]) {
    p.points[tier] = breakpoints(p.shaped, *p.short_words, tier >= kAids && p.has_aids, 0);
    p.chooser[tier].emplace(p.shaped, *p.points[tier], costs);
  }
  const std::vector<Breakpoint>& points = fresh ? cut_points : *p.points[tier];
  BreakChooser& chooser = fresh ? *cut_chooser : *p.chooser[tier];
  const double min_word = p.display ? width : 0;
  const int fewest = fewest_lines(p.shaped, points, width, hang, min_word);
  if (fewest == 0) {
    // Some piece is wider than the box, or its ink reaches past the room
    // beside it (only before words may be cut).
    double widest = 0;
    int start = 0;
    for (const Breakpoint& bp : points) {
      const LineSpan l{start, bp.at, bp.kind};
      widest = std::max(widest, fitting_width(p.shaped, l, line_width(p.shaped, l), hang));
      start = bp.at;
    }
    o.misfit = Misfit{b.field,
                      b.field + " has a word " + px(widest / k - box_w) + " wider than its " +
                          px(box_w) + " box at " + px(size),
                      true};
    return o;
  }
  if (b.style.max_lines > 0 && fewest > b.style.max_lines) {
    o.misfit = Misfit{b.field, b.field + " does not fit in " + std::to_string(b.style.max_lines) +
                                   " line" + (b.style.max_lines == 1 ? "" : "s") + " at " +
                                   px(size) + " (needs " + std::to_string(fewest) + ")"};
    return o;
  }
  if (!b.style.balance) {
    // Not balanced (a footer): filled line by line, as the text engine wraps.
    std::optional<LineSet> set = greedy_breaks(p.shaped, points, width, hang);
    if (set) {
      o.measures.push_back(estimate(p, *set, size));
      o.sets.push_back(std::move(*set));
    }
    return o;
  }
  int most = choose ? fewest + kMoreLines : fewest;
  if (b.style.max_lines > 0) most = std::min(most, b.style.max_lines);
  for (int lines = fewest; lines <= most; ++lines) {
    std::optional<LineSet> set = chooser.choose(width, hang, lines, fewest, min_word);
    if (!set) continue;
    o.measures.push_back(estimate(p, *set, size));
    o.sets.push_back(std::move(*set));
  }
  if (o.sets.empty())
    o.misfit = Misfit{b.field, b.field + " cannot be broken into lines at " + px(size)};
  return o;
}

// Stacks the blocks, `measure_at(i)` being block i's measure: the extent
// of their content (logical or ink) from the first one's top, and where each
// block's top goes (when `offsets` is given).
struct Extent {
  double top = 0, bottom = 0;
};
template <typename MeasureAt>
Extent stack_blocks(const TextFrame& frame, MeasureAt measure_at, std::vector<double>* offsets) {
  double y = 0;
  Extent e;
  for (size_t i = 0; i < frame.blocks.size(); ++i) {
    const TextMeasure& m = measure_at(i);
    if (i > 0) y += frame.blocks[i].gap_before;
    if (offsets) offsets->push_back(y);
    e.top = std::min(e.top, y + std::min(0.0, m.ink.y));
    e.bottom = std::max(e.bottom, y + std::max(m.height, m.ink.bottom()));
    y += m.height;
  }
  return e;
}

// Stacks the trial's chosen measures.
void stack(const TextFrame& frame, Trial& trial) {
  trial.offsets.clear();
  const Extent e = stack_blocks(
      frame, [&](size_t i) -> const TextMeasure& { return trial.measures[i]; }, &trial.offsets);
  trial.top = e.top;
  trial.bottom = e.bottom;
}

std::optional<Misfit> height_misfit(const TextFrame& frame, const Trial& trial) {
  const double need = trial.bottom - trial.top;
  if (need <= frame.box.h + kSlack) return std::nullopt;
  std::string fields, sizes;
  for (size_t i = 0; i < frame.blocks.size(); ++i) {
    fields += (i ? (i + 1 == frame.blocks.size() ? " and " : ", ") : "") + frame.blocks[i].field;
    sizes += (i ? ", " : "") + frame.blocks[i].field + " " + px(trial.sizes[i]);
  }
  return Misfit{frame.blocks.front().field,
                fields + (frame.blocks.size() > 1 ? " do" : " does") + " not fit the '" +
                    frame.name + "' box at " + sizes + ": needs " + px(need) + " of height, has " +
                    px(frame.box.h) + " (" + px(need - frame.box.h) + " short)"};
}

// How far ink may reach past the frame's box on either side, in px: to the
// edge of its ink area (the safe area), or nowhere when it has none.
Hang hang_room(const TextFrame& frame) {
  const Rect& a = frame.ink_area;
  if (a.w <= 0) return {};
  return {std::max(0.0, frame.box.x - a.x), std::max(0.0, a.right() - frame.box.right())};
}

// Whether a block's shortest line is at least min_ratio of its longest. A
// line of one strong token ("287(g).") is no stub, nor is a word of a stack
// (one word a line), at kStrongRatio of the longest or more.
bool lines_even(const TextMeasure& m, const LineSet& set, double min_ratio) {
  const auto& w = m.line_widths;
  if (w.size() < 2) return true;
  min_ratio += kRatioMargin;
  const double longest = *std::max_element(w.begin(), w.end());
  const auto& lines = set.lines;
  bool stack = lines.size() == w.size();
  for (size_t l = 0; l < w.size() && stack; ++l)
    stack = lines[l].one_word && w[l] >= kStrongRatio * longest;
  if (stack) return true;
  for (size_t l = 0; l < w.size(); ++l)
    if (w[l] < min_ratio * longest &&
        !(l < lines.size() && lines[l].strong && w[l] >= kStrongRatio * longest))
      return false;
  return true;
}

// The frame at scale t: every block at its size, with the cheapest breaks
// whose lines fit the box together (with `choose`, among a few line counts
// per block; else the fewest lines).
Trial try_scale(const TextFrame& frame, std::vector<Prepared>& prepared, double t, int tier,
                bool choose) {
  Trial trial;
  trial.t = t;
  trial.tier = tier;
  std::vector<Options> options(frame.blocks.size());
  const Hang room = hang_room(frame);
  double biggest = 0;
  for (size_t i = 0; i < frame.blocks.size(); ++i) {
    const double size = size_at(frame.blocks[i].style, t);
    trial.sizes.push_back(size);
    biggest = std::max(biggest, size);
    options[i] = block_options(prepared[i], size, frame.box.w, room, tier, choose, frame.costs);
    if (options[i].misfit && !trial.misfit) trial.misfit = options[i].misfit;
  }
  if (trial.misfit) {
    // Still stack what there is, for the height in messages.
    for (size_t i = 0; i < frame.blocks.size(); ++i) {
      trial.measures.push_back(options[i].measures.empty() ? TextMeasure{}
                                                           : options[i].measures[0]);
      trial.lines.push_back(std::nullopt);
    }
    stack(frame, trial);
    return trial;
  }
  // Every combination of line counts (a handful): the cheapest that fits.
  // Bigger type counts for more: its rag is what the eye sees first.
  std::vector<size_t> pick(frame.blocks.size(), 0), best_pick;
  double best = 1e300;
  auto picked = [&](size_t i) -> const TextMeasure& { return options[i].measures[pick[i]]; };
  while (true) {
    double cost = 0;
    for (size_t i = 0; i < pick.size(); ++i)
      if (frame.blocks[i].style.balance)
        cost += options[i].sets[pick[i]].cost * trial.sizes[i] / biggest;
    // Lines with no stub come first, then the cheapest.
    bool even = true;
    for (size_t i = 0; i < pick.size(); ++i) {
      if (frame.blocks[i].style.balance &&
          !lines_even(picked(i), options[i].sets[pick[i]], frame.costs.min_ratio))
        even = false;
    }
    const double key = cost + (even ? 0 : 1000);
    if (key < best) {
      const Extent e = stack_blocks(frame, picked, nullptr);
      if (e.bottom - e.top <= frame.box.h + kSlack) {
        best = key;
        best_pick = pick;
      }
    }
    size_t i = 0;
    for (; i < pick.size(); ++i) {
      if (++pick[i] < options[i].sets.size()) break;
      pick[i] = 0;
    }
    if (i == pick.size()) break;
  }
  if (best_pick.empty()) best_pick.assign(frame.blocks.size(), 0);
  for (size_t i = 0; i < frame.blocks.size(); ++i) {
    trial.measures.push_back(options[i].measures[best_pick[i]]);
    trial.lines.push_back(frame.blocks[i].style.balance
                              ? std::optional<LineSet>(options[i].sets[best_pick[i]])
                              : std::nullopt);
  }
  trial.cost = best < 1e300 ? (best >= 1000 ? best - 1000 : best) : 0;
  stack(frame, trial);
  trial.misfit = height_misfit(frame, trial);
  return trial;
}

// The largest scale at which the frame fits at this tier, by bisection
// (every block's size moves from its minimum to its maximum together, so
// kicker, headline and body keep their proportions); nullopt with the misfit
// at the smallest size when it does not fit at all.
std::optional<Trial> largest_fit(const TextFrame& frame, std::vector<Prepared>& prepared, int tier,
                                 Trial& smallest) {
  Trial top = try_scale(frame, prepared, 1.0, tier, false);
  if (!top.misfit) return top;
  smallest = try_scale(frame, prepared, 0.0, tier, false);
  if (smallest.misfit) return std::nullopt;
  double lo = 0, hi = 1;
  Trial best = smallest;
  double widest_range = 0;
  for (const TextBlock& b : frame.blocks)
    widest_range = std::max(widest_range, b.style.size_max - b.style.size_min);
  while ((hi - lo) * widest_range > kSizeTolerance) {
    const double mid = (lo + hi) / 2;
    Trial trial = try_scale(frame, prepared, mid, tier, false);
    if (trial.misfit) {
      hi = mid;
    } else {
      lo = mid;
      best = std::move(trial);
    }
  }
  return best;
}

// The frame's largest block, whose size the size range is measured on.
size_t lead_block(const TextFrame& frame) {
  size_t lead = 0;
  for (size_t i = 1; i < frame.blocks.size(); ++i)
    if (frame.blocks[i].style.size_max > frame.blocks[lead].style.size_max) lead = i;
  return lead;
}

// Whether every broken block's shortest line is at least min_ratio of its
// longest: no stub anywhere.
bool even_enough(const Trial& trial, double min_ratio) {
  for (size_t i = 0; i < trial.measures.size(); ++i)
    if (trial.lines[i] && !lines_even(trial.measures[i], *trial.lines[i], min_ratio)) return false;
  return true;
}

// Whether any chosen line ends at a hyphen, a URL break or a cut.
bool uses_aids(const Trial& trial) {
  for (const auto& set : trial.lines)
    if (set)
      for (const LineSpan& l : set->lines)
        if (l.kind == BreakKind::hyphen || l.kind == BreakKind::url ||
            l.kind == BreakKind::grapheme || l.kind == BreakKind::cut)
          return true;
  return false;
}

// The frame at scale t with its lead block in the cheapest breaks that keep
// every line at min_ratio of the longest (even_breaks(): every breaking, not
// only the cheapest of each line count), the other blocks in their fewest
// lines; nullopt when no such breaks fit the frame at this size. `ratio`
// is min_ratio, then with no line excepted (`plain`: today's 60% rule, as
// the shortest line over the longest), or kStrongRatio for lines with no
// stub under it. Display type is never hyphenated in a word that fits the
// box whole, here as everywhere ("Mietpreis- / bremse jetzt!" is the defect
// of issue 29's item 5, not a rescue).
std::optional<Trial> even_at(const TextFrame& frame, std::vector<Prepared>& prepared, double t,
                             int tier, double ratio, bool plain = false) {
  const size_t lead = lead_block(frame);
  const TextStyle& style = frame.blocks[lead].style;
  if (!style.balance) return std::nullopt;
  const Hang room = hang_room(frame);
  Trial trial;
  trial.t = t;
  trial.tier = tier;
  double biggest = 0;
  std::vector<Options> options(frame.blocks.size());
  for (size_t i = 0; i < frame.blocks.size(); ++i) {
    trial.sizes.push_back(size_at(frame.blocks[i].style, t));
    biggest = std::max(biggest, trial.sizes.back());
    options[i] =
        block_options(prepared[i], trial.sizes[i], frame.box.w, room, tier, true, frame.costs);
    if (options[i].misfit) return std::nullopt;
  }
  Prepared& p = prepared[lead];
  const double size = trial.sizes[lead];
  const double width = frame.box.w * p.shaped.size / size;
  if (fresh_points(p, tier, width) || !p.points[tier]) return std::nullopt;
  const std::vector<Breakpoint>& points = *p.points[tier];
  const Hang hang = shaped_hang(p, room, size);
  const double min_word = p.display ? width : 0;
  const int fewest = fewest_lines(p.shaped, points, width, hang, min_word);
  // A few more lines than the fewest, or one word a line for a few words.
  int words = 1;
  for (const Breakpoint& bp : points) words += bp.kind == BreakKind::space;
  int most = std::max(fewest + kMoreLines, std::min(words, kStackWords));
  if (style.max_lines > 0) most = std::min(most, style.max_lines);
  std::optional<Trial> best;
  for (const LineSet& set : even_breaks(p.shaped, points, width, hang, fewest, most,
                                        ratio + kRatioMargin, frame.costs, min_word, !plain)) {
    if (set.lines.empty()) continue;
    Trial candidate = trial;
    for (size_t i = 0; i < frame.blocks.size(); ++i) {
      const bool balance = frame.blocks[i].style.balance;
      const LineSet& chosen = i == lead ? set : options[i].sets[0];
      candidate.measures.push_back(i == lead ? estimate(p, set, size) : options[i].measures[0]);
      candidate.lines.push_back(balance ? std::optional<LineSet>(chosen) : std::nullopt);
      if (balance) candidate.cost += chosen.cost * trial.sizes[i] / biggest;
    }
    stack(frame, candidate);
    candidate.misfit = height_misfit(frame, candidate);
    if (!candidate.misfit && (!best || candidate.cost < best->cost)) best = std::move(candidate);
  }
  return best;
}

// The scale of the lead block's size `budget` below the size at scale
// `fit_t` (never past the bottom of its range).
double budget_floor(const TextFrame& frame, double fit_t, double budget) {
  const TextStyle& lead = frame.blocks[lead_block(frame)].style;
  const double range = lead.size_max - lead.size_min;
  if (range <= 0) return fit_t;
  const double floor_size = size_at(lead, fit_t) * (1 - budget);
  return std::clamp((floor_size - lead.size_min) / range, 0.0, fit_t);
}

// The largest scale within the size budget at which the lead block has
// even lines (even_at()), by bisection: even lines that fit at one size fit
// at every smaller one, where the box is wider for the text and every block
// lower. nullopt when none fit even at the budget's smallest size.
std::optional<Trial> largest_even(const TextFrame& frame, std::vector<Prepared>& prepared,
                                  const Trial& fit, double ratio, bool plain = false) {
  const TextStyle& lead = frame.blocks[lead_block(frame)].style;
  double lo = budget_floor(frame, fit.t, frame.costs.size_budget), hi = fit.t;
  std::optional<Trial> best = even_at(frame, prepared, hi, fit.tier, ratio, plain);
  if (best) return best;
  best = even_at(frame, prepared, lo, fit.tier, ratio, plain);
  if (!best) return std::nullopt;
  while ((hi - lo) * (lead.size_max - lead.size_min) > kSizeTolerance) {
    const double mid = (lo + hi) / 2;
    if (std::optional<Trial> trial = even_at(frame, prepared, mid, fit.tier, ratio, plain)) {
      lo = mid;
      best = std::move(trial);
    } else {
      hi = mid;
    }
  }
  return best;
}

// Whether the lead block's lines in a trial keep `ratio` of the longest.
bool lead_even(const TextFrame& frame, const Trial& trial, double ratio) {
  const size_t lead = lead_block(frame);
  return !trial.lines[lead] || lines_even(trial.measures[lead], *trial.lines[lead], ratio);
}

// Size and shape together: from the largest size that fits down to
// size_range below it, the cheapest of line cost plus the cost of the size
// given up. When none of those sizes keeps every line at min_ratio of the
// longest, smaller sizes down to size_budget below the largest are tried,
// and the largest that does is taken (long words in a narrow box need it);
// when that one needs hyphens, the largest that does with the text's own
// breaks, down to hyphen_gain below it, competes with it on cost. Nothing
// is set further below the largest size than size_budget for the sake of
// its lines: past it, the best lines within it win, a short last line or a
// single long token and all. Only when no lines at all fit within the budget
// (the estimate of every one was off) are sizes down to rescue_range tried.
// Candidates come back best first.
std::vector<Trial> candidates(const TextFrame& frame, std::vector<Prepared>& prepared,
                              const Trial& fit) {
  const BreakCosts& c = frame.costs;
  const TextStyle& lead = frame.blocks[lead_block(frame)].style;
  const double fit_size = size_at(lead, fit.t);
  const double range = lead.size_max - lead.size_min;
  const double step =
      std::max({c.size_range, c.rescue_range, c.size_budget}) > 0
          ? std::max({c.size_range, c.rescue_range / 3, c.size_budget * 2 / 3}) / kSizeSteps
          : 1;
  std::vector<Trial> out;
  bool even = false;
  double last_t = -1;
  // Past size_range the largest size whose lines are even is wanted. When
  // that one needs hyphens, the largest with even breaks of the text's own
  // is looked for too, down to hyphen_gain below it, and the cost (the
  // hyphens' against the size given up and the lines' shape) decides.
  std::optional<Trial> hyphenated;
  double hyphenated_size = 0;
  const double deepest = std::max({c.size_range, c.rescue_range, c.size_budget});
  for (int k = 0; k == 0 || k * step <= deepest + 1e-9; ++k) {
    // Past the budget only while nothing within it fits at all.
    if (k * step > c.size_budget + 1e-9 && (!out.empty() || hyphenated)) break;
    const bool rescue = k * step > c.size_range + 1e-9;
    if (rescue && even) break;
    const double size = fit_size * (1 - step * k);
    double t = range > 0 ? std::clamp((size - lead.size_min) / range, 0.0, fit.t) : fit.t;
    if (k == 0) t = fit.t;
    if (t == last_t) {
      if (t <= 0) break;
      continue;
    }
    last_t = t;
    const double drop = fit_size > 0 ? 1 - size_at(lead, t) / fit_size : 0;
    auto costed = [&](Trial trial) {
      trial.cost += c.size_range > 0 ? c.size_drop * drop / c.size_range : 0;
      return trial;
    };
    if (!rescue) {
      Trial trial = try_scale(frame, prepared, t, fit.tier, true);
      if (trial.misfit) continue;
      even = even || even_enough(trial, c.min_ratio);
      out.push_back(costed(std::move(trial)));
      continue;
    }
    if (hyphenated && size_at(lead, t) * (1 + c.hyphen_gain) < hyphenated_size) break;
    // A smaller size with even lines beats a stub, hyphens allowed until one
    // set needs them; then the text's own breaks only. (Breaks of its own
    // are among those the hyphenated tier weighs, so a size where that tier
    // finds no even lines is passed over without trying them alone.)
    const int tier = hyphenated ? fit.tier : std::max<int>(fit.tier, kAids);
    Trial trial = try_scale(frame, prepared, t, tier, true);
    if (trial.misfit || !even_enough(trial, c.min_ratio)) continue;
    if (tier > fit.tier && uses_aids(trial)) {
      hyphenated = costed(std::move(trial));
      hyphenated_size = size_at(lead, t);
      // The same size with breaks of its own may be even too.
      trial = try_scale(frame, prepared, t, fit.tier, true);
      if (trial.misfit || !even_enough(trial, c.min_ratio)) continue;
    }
    even = true;
    out.push_back(costed(std::move(trial)));
  }
  if (hyphenated) out.push_back(std::move(*hyphenated));
  // Within the budget the cheapest lines win, but lines that keep min_ratio
  // win over a stub wherever there are any: when the cheapest breaks at every
  // size tried leave one in the lead block, the largest size within the
  // budget at which other breaks do not competes too. (The cheapest breaks
  // of each line count can be uneven where a costlier set is not: a short
  // word at a line's end, or the measure the lines are costed against.)
  // A word that fits the box whole is not hyphenated to rescue a short line:
  // "Mietpreisbremse / jetzt!" is what a designer sets, not "Mietpreis- /
  // bremse jetzt!" (issue 29, item 5), and a short last line is allowed
  // where nothing within the budget avoids it (issue 23, item 1).
  bool any_even = false, any_unstubbed = false;
  for (const Trial& trial : out) {
    any_even = any_even || lead_even(frame, trial, c.min_ratio);
    any_unstubbed = any_unstubbed || lead_even(frame, trial, kStrongRatio);
  }
  std::optional<Trial> trial;
  if (c.size_budget > 0 && !out.empty()) {
    // Even lines by today's rule: no line under min_ratio of the longest, a
    // strong token's included (a size given up for "penales" alone at 51%
    // would buy nothing a reader sees).
    if (!any_even) trial = largest_even(frame, prepared, fit, c.min_ratio, true);
    if (!trial && !any_unstubbed) trial = largest_even(frame, prepared, fit, kStrongRatio);
  }
  if (trial) {
    const double drop = fit_size > 0 ? 1 - size_at(lead, trial->t) / fit_size : 0;
    trial->cost += c.size_range > 0 ? c.size_drop * drop / c.size_range : 0;
    out.push_back(std::move(*trial));
  }
  std::stable_sort(out.begin(), out.end(), [&](const Trial& a, const Trial& b) {
    const bool ga = even_enough(a, c.min_ratio), gb = even_enough(b, c.min_ratio);
    if (ga != gb) return ga;
    // Then lines with no stub under kStrongRatio of the longest.
    const bool sa = even_enough(a, kStrongRatio), sb = even_enough(b, kStrongRatio);
    if (sa != sb) return sa;
    return a.cost < b.cost;
  });
  return out;
}

// The block's text with the chosen breaks in it: a line separator at each,
// a hyphen where a word is broken, and the unused hyphenation points and
// URL breaks taken out again.
RichText with_breaks(const Prepared& p, const LineSet& set, bool& aids_used) {
  const ShapedText& s = p.shaped;
  const int n = static_cast<int>(s.length());
  std::vector<bool> drop(n, false);
  std::vector<std::string> after(n);  // inserted after character i
  for (int i = 0; i < n; ++i) {
    // Hyphenation points and URL breaks draw nothing where they are not
    // used; out they go, so the drawn text is the block's own.
    if (s.text.compare(s.chars[i].byte, 2, "\u00AD") == 0 ||
        s.text.compare(s.chars[i].byte, 3, "\u200B") == 0)
      drop[i] = true;
  }
  aids_used = false;
  for (size_t li = 0; li + 1 < set.lines.size(); ++li) {
    const LineSpan& l = set.lines[li];
    int e = l.end;
    switch (l.kind) {
      case BreakKind::space:
        while (e > l.start && s.chars[e - 1].white) drop[--e] = true;
        break;
      case BreakKind::hyphen:
      case BreakKind::url:
        drop[--e] = true;
        aids_used = true;
        break;
      case BreakKind::grapheme:
      case BreakKind::cut:
        aids_used = true;
        break;
      default:
        break;
    }
    after[l.end - 1] += draws_hyphen(l.kind) ? "-\u2028" : "\u2028";
  }
  RichText out;
  size_t at = 0;
  int ci = 0;
  for (const Span& span : p.aided.text.spans) {
    Span o = span;
    o.text.clear();
    const size_t end = at + span.text.size();
    while (ci < n && s.chars[ci].byte < end) {
      const size_t b = s.chars[ci].byte, nb = s.chars[ci + 1].byte;
      if (!drop[ci]) o.text += s.text.substr(b, nb - b);
      o.text += after[ci];
      ++ci;
    }
    at = end;
    if (!o.text.empty()) out.spans.push_back(std::move(o));
  }
  return out;
}

// The block of a trial as it will be drawn, measured by the text engine.
PlacedBlock realize(const TextFrame& frame, const Prepared& p, size_t index, const Trial& trial,
                    MemoMeasurer& measurer) {
  PlacedBlock pb;
  pb.index = index;
  pb.block = *p.block;
  pb.block.style.hang_punctuation = p.aided.style.hang_punctuation;
  pb.size = trial.sizes[index];
  pb.wrap = frame.box.w;
  const auto& set = trial.lines[index];
  if (set && set->lines.size() > 1 && p.block->style.balance) {
    pb.block.text = with_breaks(p, *set, pb.break_aids);
    pb.block.set_lines = true;
    pb.measure = measurer.inner().measure(pb.block, pb.size, frame.box.w);
    pb.wrap = pb.measure.width;
    for (size_t i = 0; i + 1 < set->lines.size(); ++i) {
      if (!draws_hyphen(set->lines[i].kind)) continue;
      ++pb.measure.hyphens;
      pb.hyphen_lines.push_back(static_cast<int>(i));
    }
    return pb;
  }
  if (trial.measures[index].lines == 1) {
    // One line: set as it is (with the layout shaping made of it, when the
    // text is the same), and placed by its alignment as broken blocks are;
    // unless the estimate was off and it does not fit the box.
    TextBlock one = pb.block;
    one.set_lines = true;
    TextMeasure m = measurer.inner().measure(one, pb.size, frame.box.w);
    if (m.lines == 1 && m.width - m.hang <= frame.box.w + kSlack) {
      pb.block = std::move(one);
      pb.measure = std::move(m);
      pb.wrap = pb.measure.width;
      return pb;
    }
  }
  pb.measure = measurer.measure(pb.block, pb.size, frame.box.w);
  return pb;
}

// Puts each block where its alignments say; nullopt when the blocks as
// measured leave the box (the estimate was off).
std::optional<PlacedFrame> place(const TextFrame& frame, const std::vector<Prepared>& prepared,
                                 const Trial& trial, MemoMeasurer& measurer) {
  Trial real = trial;
  std::vector<PlacedBlock> blocks;
  for (size_t i = 0; i < frame.blocks.size(); ++i) {
    blocks.push_back(realize(frame, prepared[i], i, trial, measurer));
    real.measures[i] = blocks.back().measure;
    const TextMeasure& m = blocks.back().measure;
    const auto& set = trial.lines[i];
    if (set && m.lines != static_cast<int>(set->lines.size())) return std::nullopt;
    blocks.back().even = !set || lines_even(m, *set, frame.costs.min_ratio);
    if (frame.blocks[i].style.max_lines > 0 && m.lines > frame.blocks[i].style.max_lines)
      return std::nullopt;
  }
  stack(frame, real);
  if (height_misfit(frame, real)) return std::nullopt;
  PlacedFrame placed{frame.name, {}};
  const double extent = real.bottom - real.top;
  double y0 = frame.box.y - real.top;
  if (frame.valign == VAlign::center) y0 += (frame.box.h - extent) / 2;
  if (frame.valign == VAlign::bottom) y0 += frame.box.h - extent;
  for (PlacedBlock& pb : blocks) {
    const TextBlock& b = frame.blocks[pb.index];
    // "start" is the right edge on a right-to-left card.
    Align a = b.style.align;
    if (b.style.rtl && a != Align::center) a = a == Align::start ? Align::end : Align::start;
    // A hanging opening mark is set outside the box, on the start side.
    // (Wrapped by the text engine, the layout is the box and the hang wide.)
    const double mark = pb.measure.hang;
    const double laid = pb.block.set_lines ? pb.wrap : pb.wrap + mark;
    const double room = frame.box.w - (laid - mark);
    pb.x = frame.box.x + (a == Align::center ? room / 2 : a == Align::end ? room : -mark);
    pb.y = y0 + real.offsets[pb.index];
    // Ink (an italic's overhang at a line's end) may hang past the box into
    // the room beside it. Where there is too little room, the lines were
    // chosen narrower by what does not fit: move the block in by that much.
    const Hang hang = hang_room(frame);
    const double lo = frame.box.x - hang.left, hi = frame.box.right() + hang.right;
    if (pb.x + pb.measure.ink.x < lo)
      pb.x = lo - pb.measure.ink.x;
    else if (pb.x + pb.measure.ink.right() > hi)
      pb.x = hi - pb.measure.ink.right();
    // Lines wider than the box, or ink still past the room: the lines were
    // chosen to fit, so this is the estimate being off.
    if (trial.lines[pb.index] &&
        (pb.measure.width - mark > frame.box.w + kSlack || pb.x + pb.measure.ink.x < lo - kSlack ||
         pb.x + pb.measure.ink.right() > hi + kSlack))
      return std::nullopt;
    placed.blocks.push_back(std::move(pb));
  }
  return placed;
}

[[noreturn]] void fail_misfit(const Card& card, const Misfit& misfit) {
  Diagnostic d;
  d.loc = card.loc;
  d.message = "card '" + card.id + "' (" + card.size_name + " " + std::to_string(card.width) + "x" +
              std::to_string(card.height) + "): " + misfit.message;
  d.hints = {"shorten the text, or give the layout a smaller minimum size or a larger box"};
  throw DiagnosticError(std::move(d));
}

// Each block shaped once, at its largest size: every other size is a
// scaling of these widths. Hyphenation points and URL breaks are in the
// shaped text from the start (they are invisible until used).
std::vector<Prepared> prepare(const Card& card, const TextFrame& frame, TextMeasurer& engine) {
  std::vector<Prepared> prepared(frame.blocks.size());
  for (size_t i = 0; i < frame.blocks.size(); ++i) {
    Prepared& p = prepared[i];
    p.block = &frame.blocks[i];
    p.aided = *p.block;
    if (p.block->style.hyphenate) {
      p.aided.text = with_break_aids(p.block->text,
                                     p.block->style.lang.empty() ? card.lang : p.block->style.lang);
      p.has_aids = !(p.aided.text == p.block->text);
    }
    p.short_words = &short_words(card.lang);
    p.display = p.block->field == "headline" || p.block->field == "quote";
    p.shaped = engine.shape(p.aided, p.block->style.size_max);
    // An opening mark hangs only into room beside the box (the safe area's
    // margin); with too little, it is set inside, as any other letter.
    if (p.shaped.hang > 0) {
      const Hang room = hang_room(frame);
      if ((p.shaped.rtl ? room.right : room.left) < p.shaped.hang) {
        p.aided.style.hang_punctuation = false;
        p.shaped = engine.shape(p.aided, p.block->style.size_max);
      }
    }
    if (p.has_aids)
      mark_syllables(p.shaped, p.block->style.lang.empty() ? card.lang : p.block->style.lang);
    for (const ShapedText::Keep& k : p.shaped.keeps)
      if (k.url)
        p.widest_atom =
            std::max(p.widest_atom, p.shaped.chars[k.end].x - p.shaped.chars[k.start].x);
    for (const ShapedText::Char& c : p.shaped.chars) {
      p.overhang_left = std::max<double>(p.overhang_left, c.ink_left);
      p.overhang_right = std::max<double>(p.overhang_right, c.ink_right);
    }
  }
  return prepared;
}

// The largest size at which the text fits with its own breaks. Hyphens
// and breaks inside URLs are a second choice: taken when the text does not
// fit without them, or when it would shrink below half its size range
// and they set it `hyphen_gain` larger (breaking.yaml). Cutting a word
// where the dictionary has no hyphen comes last, only for a word wider
// than the box at the minimum size: then the card still renders, and
// fails only when the text as a whole does not fit (the misfit to report).
std::optional<Trial> largest_size(const TextFrame& frame, std::vector<Prepared>& prepared,
                                  Misfit& misfit) {
  bool any_aids = false;
  for (const Prepared& p : prepared) any_aids = any_aids || p.has_aids;
  Trial smallest;
  std::optional<Trial> fit = largest_fit(frame, prepared, kNatural, smallest);
  const Misfit first_misfit = fit ? Misfit{} : *smallest.misfit;
  if (any_aids && (!fit || fit->t < 0.5)) {
    Trial aided_smallest;
    std::optional<Trial> aided = largest_fit(frame, prepared, kAids, aided_smallest);
    if (aided) {
      const size_t lead = lead_block(frame);
      if (!fit || aided->sizes[lead] >= fit->sizes[lead] * (1 + frame.costs.hyphen_gain))
        fit = std::move(aided);
    }
  }
  if (fit) return fit;
  // A word is cut only at the smallest size: stepping the size down comes
  // first, and larger type would cut it more.
  Trial cut_smallest = try_scale(frame, prepared, 0.0, kCuts, false);
  if (!cut_smallest.misfit) return cut_smallest;
  // Report why the text as written does not fit, unless a word's width
  // was the reason: then the reason is the text as a whole.
  misfit = !first_misfit.word_too_wide ? first_misfit : *cut_smallest.misfit;
  return std::nullopt;
}

}  // namespace

PlacedFrame fit_frame(const Card& card, const TextFrame& frame, TextMeasurer& engine) {
  MemoMeasurer measurer(engine);
  std::vector<Prepared> prepared = prepare(card, frame, engine);
  Misfit misfit;
  const std::optional<Trial> fit = largest_size(frame, prepared, misfit);
  if (!fit) fail_misfit(card, misfit);

  // Size and shape together, then the cheapest candidate that the text
  // engine confirms; a smaller size when none does (the estimate was off
  // by a hair at the very largest size).
  for (const Trial& trial : candidates(frame, prepared, *fit))
    if (std::optional<PlacedFrame> placed = place(frame, prepared, trial, measurer)) return *placed;
  for (double t = fit->t - 0.02; t >= -0.001; t -= 0.02) {
    Trial trial = try_scale(frame, prepared, std::max(0.0, t), fit->tier, false);
    if (trial.misfit) continue;
    if (std::optional<PlacedFrame> placed = place(frame, prepared, trial, measurer)) return *placed;
  }
  fail_misfit(card, {frame.blocks.front().field,
                     frame.blocks.front().field + " does not fit the '" + frame.name + "' box"});
}

RagReach rag_reach(const Card& card, const TextFrame& frame, TextMeasurer& engine) {
  RagReach reach;
  std::vector<Prepared> prepared = prepare(card, frame, engine);
  Misfit misfit;
  const std::optional<Trial> fit = largest_size(frame, prepared, misfit);
  if (!fit) return reach;
  const size_t lead = lead_block(frame);
  reach.field = frame.blocks[lead].field;
  reach.largest = fit->sizes[lead];
  const double t = budget_floor(frame, fit->t, frame.costs.size_budget);
  reach.floor = size_at(frame.blocks[lead].style, t);
  reach.even = even_at(frame, prepared, t, fit->tier, frame.costs.min_ratio, true).has_value();
  reach.no_stub = reach.even || even_at(frame, prepared, t, fit->tier, kStrongRatio).has_value();
  return reach;
}

CardLayout lay_out_card(const Card& card, TextMeasurer& measurer) {
  CardLayout out;
  for (const CardItem& item : card.items) {
    const auto* frame = std::get_if<TextFrame>(&item);
    if (!frame) continue;
    out.frames.push_back(fit_frame(card, *frame, measurer));
    for (const PlacedBlock& b : out.frames.back().blocks) {
      const std::string where =
          "card '" + card.id + "' " + card.size_name + ": " + frame->blocks[b.index].field + ": ";
      for (const FallbackChar& f : b.measure.fallbacks)
        out.warnings.push_back(
            warning(Check::font_fallback, card.loc, where + f.text(),
                    {"add a face with these characters to the brand's fonts, or accept the "
                     "fallback"}));
      if (b.measure.missing.empty()) continue;
      std::string cps;
      const char* p = b.measure.missing.c_str();
      // List the code points as U+XXXX after the characters themselves.
      for (size_t i = 0; i < b.measure.missing.size();) {
        unsigned char c = p[i];
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        unsigned cp = len == 1 ? c : c & (0x3F >> (len - 1));
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%sU+%04X", cps.empty() ? "" : " ", cp);
        cps += buf;
        i += len;
      }
      out.warnings.push_back(warning(
          Check::missing_glyph, card.loc,
          where + "no font has '" + b.measure.missing + "' (" + cps + ")",
          {"add a font that has these characters to fonts/ (or to the brand's folder), or drop "
           "--strict to render anyway"}));
    }
  }
  return out;
}

}  // namespace placard
