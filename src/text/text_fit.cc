#include "text/text_fit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include "text/text_prepare.h"

namespace placard {

namespace {

constexpr double kSlack = 0.5;   // px of rounding tolerance at the box edges
constexpr double kSizeTolerance = 0.5;   // px: bisection stops closer than this
constexpr double kWidthTolerance = 4.0;  // px: balancing stops closer than this
constexpr int kBalanceSteps = 8;         // widths tried when a balanced block has a widow

// Fitting measures the same block at the same size and width more than once
// (the kicker's size barely moves while the headline's is searched); keep
// each answer for the duration of one frame.
class MemoMeasurer : public TextMeasurer {
 public:
  explicit MemoMeasurer(TextMeasurer& inner) : inner_(inner) {}
  TextMeasure measure(const TextBlock& block, double size, double width) override {
    auto key = std::make_tuple(&block, size, width);
    auto it = memo_.find(key);
    if (it != memo_.end()) return it->second;
    return memo_.emplace(key, inner_.measure(block, size, width)).first->second;
  }

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

// Why a frame did not fit at some scale, phrased for the user.
struct Misfit {
  std::string field;
  std::string message;
};

struct Trial {
  std::vector<double> sizes;
  std::vector<TextMeasure> measures;
  std::vector<double> offsets;  // logical top of each block, from the frame's content top
  double top = 0, bottom = 0;   // content extent (logical and ink) relative to offsets' origin
  std::optional<Misfit> misfit;
};

Trial try_scale(const TextFrame& frame, TextMeasurer& measurer, double t) {
  Trial trial;
  double y = 0;
  for (size_t i = 0; i < frame.blocks.size(); ++i) {
    const TextBlock& b = frame.blocks[i];
    const double size = size_at(b.style, t);
    TextMeasure m = measurer.measure(b, size, frame.box.w);
    if (i > 0) y += b.gap_before;
    trial.offsets.push_back(y);
    trial.top = std::min(trial.top, y + std::min(0.0, m.ink.y));
    trial.bottom = std::max(trial.bottom, y + std::max(m.height, m.ink.bottom()));
    if (!trial.misfit) {
      if (b.style.max_lines > 0 && m.lines > b.style.max_lines) {
        trial.misfit = Misfit{b.field, b.field + " does not fit in " +
                                           std::to_string(b.style.max_lines) + " line" +
                                           (b.style.max_lines == 1 ? "" : "s") + " at " + px(size) +
                                           " (needs " + std::to_string(m.lines) + ")"};
      } else if (m.ink.x < -kSlack || m.ink.right() > frame.box.w + kSlack) {
        double over = std::max(-m.ink.x, m.ink.right() - frame.box.w);
        trial.misfit = Misfit{b.field, b.field + " has a word " + px(over) +
                                           " wider than its " + px(frame.box.w) + " box at " +
                                           px(size)};
      }
    }
    y += m.height;
    trial.sizes.push_back(size);
    trial.measures.push_back(std::move(m));
  }
  const double need = trial.bottom - trial.top;
  if (!trial.misfit && need > frame.box.h + kSlack) {
    std::string fields, sizes;
    for (size_t i = 0; i < frame.blocks.size(); ++i) {
      fields += (i ? (i + 1 == frame.blocks.size() ? " and " : ", ") : "") + frame.blocks[i].field;
      sizes += (i ? ", " : "") + frame.blocks[i].field + " " + px(trial.sizes[i]);
    }
    trial.misfit = Misfit{frame.blocks.front().field,
                          fields + (frame.blocks.size() > 1 ? " do" : " does") +
                              " not fit the '" + frame.name + "' box at " + sizes + ": needs " +
                              px(need) + " of height, has " + px(frame.box.h) + " (" +
                              px(need - frame.box.h) + " short)"};
  }
  return trial;
}

// One word alone on the last line of a text of four words or more (shorter
// texts may break 2 + 1 as display type often does).
bool has_widow(const TextBlock& b, const TextMeasure& m) {
  if (!b.style.balance || m.lines < 2 || m.line_words.empty() || m.line_words.back() != 1)
    return false;
  const std::string text = b.text.plain();
  int words = 0;
  for (size_t i = 0; i < text.size(); ++i)
    words += text[i] != ' ' && (i == 0 || text[i - 1] == ' ');
  return words >= 4;
}

// The narrowest wrap width that keeps the block's line count: lines of even
// length instead of a full first line and a stub (CSS text-wrap: balance).
double balanced_width(const TextBlock& b, double size, double box_w, const TextMeasure& full,
                      TextMeasurer& measurer, TextMeasure& out) {
  out = full;
  if (!b.style.balance || full.lines < 2) return box_w;
  // No width below the text's total length shared out over the lines can
  // keep their count, and any width above the widest line breaks as the box
  // does: search only between.
  double total = 0;
  for (double w : full.line_widths) total += w;
  double lo = total / full.lines - kWidthTolerance, hi = std::min(box_w, full.width + kSlack);
  double best = box_w;
  while (hi - lo > kWidthTolerance) {
    double mid = (lo + hi) / 2;
    TextMeasure m = measurer.measure(b, size, mid);
    bool ok = m.lines == full.lines && m.ink.x >= -kSlack && m.ink.right() <= mid + kSlack;
    if (ok) {
      hi = best = mid;
      out = std::move(m);
    } else {
      lo = mid;
    }
  }
  hi = best;
  // The narrowest width may leave one word on the last line; a slightly wider
  // one with the same line count may not.
  if (has_widow(b, out)) {
    for (int k = 1; k <= kBalanceSteps; ++k) {
      double w = hi + (box_w - hi) * k / kBalanceSteps;
      TextMeasure m = measurer.measure(b, size, w);
      if (m.lines == full.lines && m.line_words.back() > 1 && m.ink.right() <= w + kSlack) {
        out = std::move(m);
        return w;
      }
    }
  }
  return hi;
}

}  // namespace

namespace {

// The largest shared scale at which the frame fits, or a misfit error.
Trial find_scale(const Card& card, const TextFrame& frame, TextMeasurer& measurer, double& t) {
  // Bisect the shared scale t in [0, 1]: every block's size moves from its
  // minimum to its maximum together, so kicker, headline and body keep their
  // proportions while the frame fills its box.
  t = 1.0;
  Trial best = try_scale(frame, measurer, 1.0);
  if (!best.misfit) return best;
  Trial smallest = try_scale(frame, measurer, 0.0);
  if (smallest.misfit) {
    Diagnostic d;
    d.loc = card.loc;
    d.message = "card '" + card.id + "' (" + card.size_name + " " + std::to_string(card.width) +
                "x" + std::to_string(card.height) + "): " + smallest.misfit->message;
    d.hints = {"shorten the text, or give the layout a smaller minimum size or a larger box"};
    throw DiagnosticError(std::move(d));
  }
  double lo = 0, hi = 1;
  best = std::move(smallest);
  double widest_range = 0;
  for (const TextBlock& b : frame.blocks)
    widest_range = std::max(widest_range, b.style.size_max - b.style.size_min);
  while ((hi - lo) * widest_range > kSizeTolerance) {
    double mid = (lo + hi) / 2;
    Trial trial = try_scale(frame, measurer, mid);
    if (trial.misfit) {
      hi = mid;
    } else {
      lo = mid;
      best = std::move(trial);
    }
  }
  t = lo;
  return best;
}


// Balances each block and puts it where its alignments say.
PlacedFrame place(const TextFrame& frame, const Trial& best, TextMeasurer& measurer) {
  PlacedFrame placed{frame.name, {}};
  const double extent = best.bottom - best.top;
  double y0 = frame.box.y - best.top;
  if (frame.valign == VAlign::center) y0 += (frame.box.h - extent) / 2;
  if (frame.valign == VAlign::bottom) y0 += frame.box.h - extent;
  for (size_t i = 0; i < frame.blocks.size(); ++i) {
    const TextBlock& b = frame.blocks[i];
    PlacedBlock pb;
    pb.index = i;
    pb.block = b;
    pb.size = best.sizes[i];
    pb.wrap = balanced_width(b, pb.size, frame.box.w, best.measures[i], measurer, pb.measure);
    // "start" is the right edge on a right-to-left card.
    Align a = b.style.align;
    if (b.style.rtl && a != Align::center) a = a == Align::start ? Align::end : Align::start;
    const double room = frame.box.w - pb.wrap;
    pb.x = frame.box.x + (a == Align::center ? room / 2 : a == Align::end ? room : 0);
    pb.y = y0 + best.offsets[i];
    placed.blocks.push_back(std::move(pb));
  }
  return placed;
}

// The first block left with a one-word last line, or -1.
// A line inside the text much shorter than the rest ("Stray whitespace /
// and / invisible characters"): a break no designer would set.
bool has_stub(const TextBlock& b, const TextMeasure& m) {
  if (!b.style.balance || m.lines < 3) return false;
  const double widest = *std::max_element(m.line_widths.begin(), m.line_widths.end());
  for (size_t i = 0; i + 1 < m.line_widths.size(); ++i)
    if (m.line_widths[i] < 0.45 * widest) return true;
  return false;
}

// The first block whose breaks read badly (a one-word last line or a stub
// line), or -1.
int badly_broken_block(const TextFrame& frame, const PlacedFrame& placed) {
  for (const PlacedBlock& b : placed.blocks) {
    const TextBlock& tb = frame.blocks[b.index];
    if (has_widow(tb, b.measure) || has_stub(tb, b.measure)) return static_cast<int>(b.index);
  }
  return -1;
}

// The frame with hyphens and breaks inside long strings added to its text,
// or nullopt when they change nothing.
std::optional<TextFrame> with_aids(const TextFrame& frame, const std::string& lang) {
  TextFrame aided = frame;
  bool changed = false;
  for (TextBlock& b : aided.blocks) {
    if (!b.style.hyphenate) continue;
    RichText t = with_break_aids(b.text, lang);
    changed = changed || !(t == b.text);
    b.text = std::move(t);
  }
  if (!changed) return std::nullopt;
  return aided;
}

// Fits at the largest scale, then trades up to 12% of the type size, in 2%
// steps, for breaks that read well: no one-word last line, no stub line.
PlacedFrame fit_and_place(const TextFrame& frame, TextMeasurer& measurer, double t,
                          const Trial& best) {
  PlacedFrame placed = place(frame, best, measurer);
  const int widow = badly_broken_block(frame, placed);
  if (widow < 0) return placed;
  const TextStyle& s = frame.blocks[widow].style;
  if (s.size_max <= s.size_min) return placed;
  const double step = 0.02 * best.sizes[widow] / (s.size_max - s.size_min);
  for (int k = 1; k <= 6 && t - k * step >= 0; ++k) {
    Trial smaller = try_scale(frame, measurer, t - k * step);
    if (smaller.misfit) continue;
    PlacedFrame candidate = place(frame, smaller, measurer);
    if (badly_broken_block(frame, candidate) < 0) return candidate;
  }
  return placed;
}

}  // namespace

PlacedFrame fit_frame(const Card& card, const TextFrame& frame, TextMeasurer& engine) {
  MemoMeasurer measurer(engine);
  // First the text as written. Hyphenation and breaks inside URLs and long
  // words are a second choice, taken only when they let the text fit or set
  // it at least 4% larger.
  double t = 1.0;
  std::optional<Trial> plain;
  std::optional<DiagnosticError> plain_error;
  try {
    plain = find_scale(card, frame, measurer, t);
  } catch (const DiagnosticError& e) {
    plain_error = e;
  }
  // Text that reached at least half its size range is left as written: the
  // gain would rarely pay for a hyphen, and the second search costs time.
  if (plain && t >= 0.5) return fit_and_place(frame, measurer, t, *plain);
  if (std::optional<TextFrame> aided = with_aids(frame, card.lang)) {
    double ta = 1.0;
    try {
      Trial best = find_scale(card, *aided, measurer, ta);
      // Hyphens in display type are a last resort: take them when the text
      // does not fit without, or when they buy 12% more size at no more than
      // one hyphenated line in three.
      bool worth_it = !plain;
      if (!worth_it) {
        int hyphens = 0, lines = 0;
        for (const TextMeasure& m : best.measures) {
          hyphens += m.hyphens;
          lines += m.lines;
        }
        worth_it = best.sizes[0] >= plain->sizes[0] * 1.12 && hyphens * 3 <= lines;
      }
      if (worth_it) return fit_and_place(*aided, measurer, ta, best);
    } catch (const DiagnosticError&) {
      // Report the text as written.
    }
  }
  if (plain_error) throw *plain_error;
  return fit_and_place(frame, measurer, t, *plain);
}

CardLayout lay_out_card(const Card& card, TextMeasurer& measurer) {
  CardLayout out;
  for (const CardItem& item : card.items) {
    const auto* frame = std::get_if<TextFrame>(&item);
    if (!frame) continue;
    out.frames.push_back(fit_frame(card, *frame, measurer));
    for (const PlacedBlock& b : out.frames.back().blocks) {
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
      out.warnings.push_back("card '" + card.id + "' " + frame->blocks[b.index].field +
                             ": no font has '" + b.measure.missing + "' (" + cps + ")");
    }
  }
  return out;
}

}  // namespace placard
