#include "image/png_write.h"

#include <libdeflate.h>
#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <limits>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "image/encode_input.h"

namespace placard {
namespace {

// Images that are not flat colour (a background photo, a gradient with more
// than 256 shades after quantising) are 8-bit RGB, each row stored as its
// difference from the row above (PNG filter 2, "Up") and compressed by
// libdeflate. Measured on the example campaign's six cards in the photo
// layout at 1200x630 (CPU ms per encode, median; shared machine, +-10%):
//
//   rows          compressor       ms     KB median
//   as is         zlib 6           ~25    215.6   (libpng's writer, before)
//   as is         libdeflate 3      8.1   236.6
//   as is         libdeflate 6     14.2   212.9
//   Sub           libdeflate 4     12.7   265.3
//   Paeth         libdeflate 4     13.8   166.1
//   Up            libdeflate 3      8.5   167.3   chosen
//   Up            libdeflate 4      9.6   163.6
//   Up            libdeflate 6     15.8   154.8
//
// A photo's rows resemble the rows above them far more than their own left
// neighbours; Up is also the cheapest filter to compute. (Earlier, on flat
// cards in RGB, unfiltered rows at zlib 6 were best: those now go palette.)
constexpr int kRgbLevel = 3;
constexpr uint8_t kFilterNone = 0, kFilterUp = 2;

// The palette encoding (PngTuning's defaults), measured with
// `placard_bench encoder og 40` on 40 synthetic 1200x630 cards of the
// standard layout (CPU ms per encode including the quantiser, median;
// libdeflate 1.14; the machine was shared, so +-10%):
//
//   encoding                      ms     KB median  KB max   max change
//   RGB (then zlib 6, no filter)  7.97   28.1       35.5     0
//   palette, exact                -      (every card has > 256 colours)
//   palette tol 4, libdeflate 1   2.04   16.0       19.1     4 (1.6%)
//   palette tol 4, libdeflate 2   1.61   16.3       19.4     4
//   palette tol 4, libdeflate 3   1.62   15.4       18.3     4
//   palette tol 4, libdeflate 4   1.64   13.9       16.8     4
//   palette tol 4, libdeflate 5   1.76   13.7       16.6     4
//   palette tol 4, libdeflate 6   1.96   13.5       16.6     4
//   palette tol 4, libdeflate 9   9.42   12.9       15.7     4
//   palette tol 6, libdeflate 4   1.67   13.3       16.3     6 (2.4%)
//   palette tol 6, libdeflate 5   1.77   13.1       16.0     6        chosen
//   palette tol 6, libdeflate 6   1.96   12.9       15.6     6
//
// The first 40 cards of the synthetic deck are its short ones; over a whole
// cycle of its texts (288 cards) the medians are tolerance 4 at level 4
// 15.8 KB, 4/6 15.2, 6/4 15.1, 6/5 14.9 (2.16 ms), 6/6 14.6 (2.39 ms).
// Tolerance 6 moves no pixel by more than 2.4% (the budget is 3%, 7.65
// levels) and only edge pixels at all: frequent colours stay exact. Level 5
// brings the median under 15 KB for 0.2 ms; 6 costs as much again for 2%;
// 9 is 5x slower for 5%. Row filters only make palette data larger (sub
// +13%, up +15%). Three quarters of a card's rows repeat the row above;
// deflate still reads them byte by byte, which is most of the remaining time.
//
// Issue 25 measured the rest again, per layout and size: `placard_bench
// palette` encodes the example's palette cards (5-6 per case; heading and
// frame cards, gradients, and photos are RGB and left out) in every built-in
// layout at every preset size, 3 runs each, libdeflate 1.14. The machine was
// shared and ~2.5x slower than quiet (today's og encode read 7.1 ms, not
// 2.5), so the ms compare with each other only. KB median; growth of the
// median against today's encoding (None rows, libdeflate 5):
//
//   case                  none/ld5      none/ld1        none/ld4       none/ld6       Up/zlib RLE
//   standard og           7.8ms 18.5K   4.4ms  +15%     7.3ms  +2%     8.2ms  -2%     4.0ms  +25%
//   standard story       19.0ms 22.7K  10.7ms   +8%    18.7ms  +3%    19.9ms  -2%     9.2ms  +39%
//   recommendation og     7.3ms 17.5K   4.3ms  +17%     6.9ms  +4%     7.8ms  -1%     4.1ms  +24%
//   recommendation x     13.5ms 29.7K   7.9ms  +15%    12.3ms +10%    14.1ms  -3%     7.2ms  +11%
//   quote og              8.2ms 22.8K   6.4ms  +20%     7.4ms +16%     8.8ms  -2%     5.8ms  +18%
//   quote story          18.1ms 32.0K  12.9ms  +20%    18.4ms +14%    18.4ms  -1%    12.1ms  +30%
//   statement og          7.8ms 24.5K   6.2ms  +19%     7.2ms +15%     9.1ms  -1%     6.1ms  +14%
//   statement story      20.9ms 33.4K  15.7ms  +15%    18.2ms +11%    22.2ms  -2%    14.0ms  +19%
//   story og              8.9ms 24.0K   6.2ms  +22%     7.1ms +13%     9.0ms  -1%     6.0ms  +24%
//   story story          16.5ms 29.3K  12.4ms  +14%    14.7ms +10%    18.1ms  -2%    11.6ms  +33%
//   all 30 cases: median ms 12.8 / 8.7 / 11.8 / 13.8 / 8.3;
//   worst growth of a case's median +24% / +16% / -1% / +39%
//
// Up on the rows that repeat the row above (None elsewhere) is within 2% of
// None at level 5 on most cases but +6% to +12% on standard's tall sizes, and
// no faster; Up on every row is +10% to +28%. So no level or filter is both
// faster and within the 3%: level 4 is, but only on some standard
// and recommendation cases (x: +4%, +10%), for 5-8% of the time. The encoding
// stays None rows at level 5. Why no setting is much faster: libdeflate's
// matchfinders insert every byte they skip into their hash tables, so the
// cost follows the bytes fed, not the bytes written. An all-zero og-sized
// buffer (757 KB) costs as much as a real card (5.8 ms at level 5 on the same
// loaded machine, 3.0 at level 1); zlib's run-length strategy, which hashes
// nothing, still costs 2.8 ms copying and comparing them. Going much faster
// needs an encoder that never feeds the repeated rows to a matchfinder (write
// them as distance-one-row matches itself), which libdeflate has no API for.
//
// Issue 25 items 1-2 again (i25e, 2026-12-07, Release builds, the 2-core
// machine shared, load 2.5-8). Where a flat og card's encode goes: `perf
// record -g` on `placard_bench stages 300 og` (standard layout; ~170 of 630
// rows differ from the row above, ~15,000 runs, ~450 colours), as ms of the
// 1.75 ms encode: libdeflate 1.35 (77%); quantise 0.27 (by source line at -O1:
// two thirds splitting rows into runs and looking colours up, a fifth writing
// the indices, a tenth sorting and merging colours); memcmp of each row with
// the row above 0.05; copying repeated rows 0.05; libpng's chunks and crc32
// 0.01. Repeated rows were already compared once and copied, and runs mapped
// once (as the issue suggests), so the pixel side had little left: the last
// two runs' colours skip the hash, runs are compared four pixels at a time,
// and the merge looks only at the entries in the 16-level cells its reach
// overlaps (a gradient card has 2,400-3,400 colours: 3,000 x ~200 entries
// compared was a fifth of its quantise). Same palette and indices: 216
// example PNGs (every layout x size) and 120 synthetic ones byte-identical.
// Old and new alternately, 3 rounds, medians: stages og encode 1.57 -> 1.55
// ms, story 3.51 -> 3.39 (within the noise); `palette og` per encode, 2
// rounds: quote 3.0 -> 2.6, statement 3.1 -> 3.0, story 2.8 -> 2.6, standard
// and recommendation unchanged. A palette made from the Card's fills, text
// colours and gradient stops was not built: it would still need the pass
// that maps every run, and saves at most the sort and merge, 0.01-0.02 ms of
// a standard og card, against 1.35 ms of deflate.
//
// libdeflate and zlib on the quantised rows again, `placard_bench palette og`
// and `... story` (Release, load ~2.5): ms per encode; KB median (today's) or
// growth of the median. "stored" is libdeflate level 0, all but the
// matchfinder (it overstates: stored data misses the reused buffer and is
// compressed twice). upr: Up on the rows equal to the row above, None
// elsewhere; up/rle: Up on every row, zlib's Z_RLE. zlib 1-3 skip hashing
// inside long matches, but their greedy matches cost +10% to +65%.
//
//   case            none/ld5     stored  ld2    ld3    ld4    ld6    upr/ld5 upr/ld3 up/rle  zlib 3
//   quote og        2.77 28.5K   1.30    +20%   +18%   +17%   -3%    0%      +18%    +3%     +15%
//   recommend. og   1.71 17.1K   0.55    +19%   +16%   +8%    -2%    -1%     +10%    +24%    +31%
//   standard og     1.76 18.1K   0.55    +19%   +13%   +3%    -1%    0%      +9%     +26%    +29%
//   statement og    3.10 31.5K   1.53    +26%   +18%   +12%   -5%    0%      +18%    +16%    +18%
//   story og        2.93 27.9K   1.16    +21%   +18%   +14%   -4%    0%      +18%    +30%    +10%
//   quote story     5.90 38.9K   2.13    +23%   +22%   +20%   -1%    0%      +22%    +28%    +39%
//   recommend. st.  3.63 27.0K   1.17    +24%   +19%   +3%    -2%    0%      +10%    +20%    +40%
//   standard story  3.72 23.6K   1.42    +10%   +8%    +2%    -3%    +11%    +19%    +39%    +42%
//   statement st.   5.53 44.1K   2.48    +25%   +21%   +18%   -6%    +2%     +23%    +23%    +29%
//   story story     4.57 36.9K   1.81    +20%   +18%   +14%   -3%    +4%     +22%    +41%    +30%
//
// Levels 2-4 save 0-26% of the time for 2-26% more bytes; only level 4 on
// standard (og +2.9%, story +2.2%) and recommendation story (+2.8%) stays
// within +3%, for 3-9% of their encode; the encoder sees pixels, not the
// layout, and no pixel feature was found that picks those cards (not pursued
// further). libdeflate 1.14's level 1 was slower than levels 2-5 in each of
// three runs today (standard og 2.32 ms against 1.76 at level 5), unlike the
// table above; not resolved. So the encoding stays None rows at level 5, and
// an og encode cannot reach 1.0 ms with these libraries: libdeflate alone
// takes 1.35 ms of a standard card.

// Intel's ISA-L (Debian's libisal2 2.30, igzip) was measured last
// (2026-12-07, a throwaway harness over the rows libpng decodes from the 108
// PNGs, the 18 palette ones per size, None rows as written today, fastest
// of 15 runs, load ~1): per size, libdeflate 5 against isal levels 1 / 3.
//
//   size        ld5 ms   KB     isal1 ms  bytes   isal3 ms  bytes
//   og          1.60    17.9    0.22      +38%    1.08      +43%
//   square      2.30    22.4    0.30      +30%    1.61      +41%
//   portrait    2.85    26.3    0.36      +30%    2.01      +42%
//   story       3.76    24.4    0.40      +31%    2.68      +51%
//
// Seven times faster, but 30-39% larger at its best level (its greedy
// matches miss the repeats a lazy matchfinder finds in glyph rows): outside
// the issue's +3%. So no Debian 12 deflate (libdeflate 1.14, zlib 1.2.13,
// ISA-L 2.30) reaches a 1.0 ms og encode within +3% bytes.

// Issue 25 item 4, a story card's deflate on two cores for a request that
// waits on it, was built and measured, then taken out as the issue asks of
// what does not pay: rows cut into bands of 1 MP (2 for story), each band
// compressed alone by libdeflate, joined into one zlib stream (the final-block
// bit cleared, an empty stored block for byte alignment, adler32_combine).
// `placard_bench band story` (36 example story cards, 9 rounds, the 2-core
// machine at load 10-15, 2026-12-07), wall ms per encode, median: one stream
// 12.4-13.3, bands on 1 thread 12.8-14.0, bands on 2 threads 15.7-17.0; the
// second thread took 1.2 ms of CPU off the caller but waiting for a free core
// cost 3 ms more; whole cards 52-57 ms on 1 thread, 56-60 on 2. Bytes: median
// -0.01%, max +0.41%. Finding a band's final block needed either inflating it
// (1.2 ms) or a hand-written deflate block scanner. Worth measuring again on an
// idle many-core server, where a second core is free when a request waits.

// One ARGB32 row -> packed 8-bit RGB, or straight-alpha RGBA.
void convert_row(const uint8_t* src, int width, bool alpha, uint8_t* dst) {
  for (int x = 0; x < width; ++x) {
    uint32_t v;
    std::memcpy(&v, src + 4 * x, 4);
    uint32_t a = v >> 24, r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;
    if (alpha && a != 0xff) {
      r = unpremultiply(r, a);
      g = unpremultiply(g, a);
      b = unpremultiply(b, a);
    }
    *dst++ = static_cast<uint8_t>(r);
    *dst++ = static_cast<uint8_t>(g);
    *dst++ = static_cast<uint8_t>(b);
    if (alpha) *dst++ = static_cast<uint8_t>(a);
  }
}

// The whole image as PNG scanlines: each row converted, then replaced by
// its byte-wise difference from the row above, behind filter byte 2 (Up).
void up_filtered_scanlines(const Pixmap& p, bool alpha, std::vector<uint8_t>& out) {
  const size_t row = static_cast<size_t>(p.width) * (alpha ? 4 : 3);
  out.resize((row + 1) * static_cast<size_t>(p.height));
  std::vector<uint8_t> above(row, 0), current(row);
  for (int y = 0; y < p.height; ++y) {
    convert_row(p.row(y), p.width, alpha, current.data());
    uint8_t* line = out.data() + (row + 1) * static_cast<size_t>(y);
    line[0] = kFilterUp;
    for (size_t i = 0; i < row; ++i) line[1 + i] = static_cast<uint8_t>(current[i] - above[i]);
    std::swap(above, current);
  }
}

// ---- The palette encoding ----
//
// Cairo's greyscale antialiasing blends a few inks over a background, so a
// card holds a few hundred distinct colours, most of them on the lines
// between its inks, and few of them common. Colours are taken in order of
// frequency: each becomes a palette entry unless an entry already lies within
// `tolerance` of it on every channel, in which case it takes the nearest.
// Flat areas and glyph cores (the frequent colours) stay exact; colours that
// fill areas move by at most one level (kAreaRun below); only edge pixels
// move by up to `tolerance`. More than 256 entries (a photo, a gradient of
// many shades): the caller falls back to RGB.

constexpr size_t kMaxDistinct = 4096;  // beyond this the image is not flat-colour
// A colour with kAreaPixels or more of its pixels in runs of kAreaRun or
// more fills an area (a flat fill, or one shade of a gradient), not an
// antialiased edge, and keeps its own value (within one level). Merging a
// smooth gradient's shades by `tolerance` drew 6-level bands with stepped
// edges across the heading layout's background (seen on its og card).
constexpr uint32_t kAreaRun = 8;
constexpr uint32_t kAreaPixels = 256;

// Open-addressing map from 0xRRGGBB to a 32-bit value; key and value share a
// cache line.
class ColorMap {
 public:
  ColorMap() : slots_(kSlots, Slot{kEmpty, 0}) {}
  void clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{kEmpty, 0});
    size_ = 0;
  }
  // The slot for `rgb`, inserted with value 0 when new; nullptr when full.
  uint32_t* slot(uint32_t rgb, bool& inserted) {
    inserted = false;
    for (uint32_t i = (rgb * 2654435761u) >> (32 - kBits);; i = (i + 1) & (kSlots - 1)) {
      Slot& s = slots_[i];
      if (s.key == rgb) return &s.value;
      if (s.key == kEmpty) {
        if (size_ == kMaxDistinct) return nullptr;
        s.key = rgb;
        ++size_;
        inserted = true;
        return &s.value;
      }
    }
  }

 private:
  struct Slot {
    uint32_t key, value;
  };
  static constexpr int kBits = 13;
  static constexpr size_t kSlots = size_t{1} << kBits;  // 2x kMaxDistinct
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;       // no 24-bit colour
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

inline uint32_t pixel_at(const uint8_t* row, int x) {
  uint32_t v;
  std::memcpy(&v, row + 4 * static_cast<size_t>(x), 4);
  return v;
}

// The end of the run of `v` that starts at x: pixels are compared four at a
// time, since most of a card is long runs of its background.
inline int run_end(const uint8_t* row, int x, int width, uint32_t v) {
  const uint64_t two = uint64_t{v} << 32 | v;
  int end = x + 1;
  for (; end + 4 <= width; end += 4) {
    uint64_t a, b;
    std::memcpy(&a, row + 4 * static_cast<size_t>(end), 8);
    std::memcpy(&b, row + 4 * static_cast<size_t>(end) + 8, 8);
    if (((a ^ two) | (b ^ two)) != 0) break;
  }
  while (end < width && pixel_at(row, end) == v) ++end;
  return end;
}

// A run of one colour within a row, packed in 32 bits: the colour's number
// (in order of first appearance, < kMaxDistinct) and the run's length. Four
// bytes a run keeps the worst case (every pixel its own run) at the size of
// the pixels themselves.
constexpr int kLengthBits = 20;
constexpr uint32_t kMaxLength = (uint32_t{1} << kLengthBits) - 1;
static_assert(kMaxDistinct <= (size_t{1} << (32 - kLengthBits)));
using Run = uint32_t;

// What the palette encoding keeps from card to card (one per thread): after
// the first card of a size it allocates nothing.
struct Scratch {
  ColorMap numbers;                // 0xRRGGBB -> colour number
  std::vector<uint32_t> colours;   // colour number -> 0xRRGGBB
  std::vector<uint32_t> counts;    // colour number -> pixels
  std::vector<uint32_t> in_areas;  // colour number -> pixels in runs of kAreaRun or more
  std::vector<uint8_t> entry_of;   // colour number -> palette entry
  std::vector<Run> runs;           // every distinct row's runs, in order
  std::vector<uint32_t> row_runs;  // per row: its number of runs; 0 = same as the row above
  std::vector<uint8_t> scanlines;  // the PNG image data before compression
  std::vector<uint8_t> idat;       // ... and after (see zlib_compress)
  // The colours to merge, most frequent first: (sort key, colour number).
  std::vector<std::pair<uint64_t, uint32_t>> order;
};

enum class Quantised { ok, too_many_colours, translucent };

// Palette entries (0xRRGGBB) and, in scratch.scanlines, the filtered
// scanlines of indices (a 0 filter byte, then one index per pixel, per row).
// One pass over the pixels splits each row into runs of one colour and
// counts the colours; a row equal to the one above is compared once and
// copied. The scanlines are then written run by run.
Quantised quantise(const Pixmap& p, int tolerance, PngTuning::Rows rows,
                   std::vector<uint32_t>& palette, Scratch& scratch) {
  // libpng refuses rows over a million pixels anyway (PNG_USER_WIDTH_MAX).
  if (static_cast<uint32_t>(p.width) > kMaxLength) return Quantised::too_many_colours;
  const size_t row_bytes = 4 * static_cast<size_t>(p.width);
  ColorMap& numbers = scratch.numbers;
  numbers.clear();
  scratch.colours.clear();
  scratch.counts.clear();
  scratch.in_areas.clear();
  scratch.runs.clear();
  scratch.row_runs.assign(static_cast<size_t>(p.height), 0);
  // A pixel's colour number, the colour counted in when new; a negative
  // Quantised when the pixel is translucent or the colours too many.
  auto number_of = [&](uint32_t v) -> int64_t {
    if (v >> 24 != 0xff) return -int64_t(Quantised::translucent);
    bool inserted;
    uint32_t* slot = numbers.slot(v & 0xFFFFFFu, inserted);
    if (!slot) return -int64_t(Quantised::too_many_colours);
    if (inserted) {
      *slot = static_cast<uint32_t>(scratch.colours.size());
      scratch.colours.push_back(v & 0xFFFFFFu);
      scratch.counts.push_back(0);
      scratch.in_areas.push_back(0);
    }
    return *slot;
  };
  // The colours of the last two runs: an edge between two inks alternates
  // between a few colours, and the run before last often has this run's.
  // Both start as the first pixel's.
  const int64_t first = p.height > 0 && p.width > 0 ? number_of(pixel_at(p.row(0), 0)) : 0;
  if (first < 0) return static_cast<Quantised>(-first);
  uint32_t last_v[2], last_number[2];
  last_v[0] = last_v[1] = p.height > 0 && p.width > 0 ? pixel_at(p.row(0), 0) : 0;
  last_number[0] = last_number[1] = static_cast<uint32_t>(first);
  for (int y = 0; y < p.height; ++y) {
    const uint8_t* row = p.row(y);
    if (y > 0 && std::memcmp(row, p.row(y - 1), row_bytes) == 0) continue;
    const size_t first_run = scratch.runs.size();
    for (int x = 0; x < p.width;) {
      const uint32_t v = pixel_at(row, x);
      uint32_t number;
      if (v == last_v[1]) {
        number = last_number[1];
      } else if (v == last_v[0]) {
        number = last_number[0];
      } else {
        const int64_t n = number_of(v);
        if (n < 0) return static_cast<Quantised>(-n);
        number = static_cast<uint32_t>(n);
      }
      last_v[1] = last_v[0];
      last_number[1] = last_number[0];
      last_v[0] = v;
      last_number[0] = number;
      const int end = run_end(row, x, p.width, v);
      const auto length = static_cast<uint32_t>(end - x);
      scratch.runs.push_back(number << kLengthBits | length);
      scratch.counts[number] += length;
      if (length >= kAreaRun) scratch.in_areas[number] += length;
      x = end;
    }
    scratch.row_runs[static_cast<size_t>(y)] =
        static_cast<uint32_t>(scratch.runs.size() - first_run);
  }
  // Frequent colours become entries (ties: the lower 0xRRGGBB); each other
  // colour takes the nearest entry within reach (ties: the earlier entry), or
  // becomes one. The order sorts one 64-bit key per colour: fewer pixels,
  // then the higher 0xRRGGBB, sort later; keys are unique, as colours are.
  const size_t n = scratch.colours.size();
  std::vector<std::pair<uint64_t, uint32_t>>& order = scratch.order;
  order.resize(n);
  for (uint32_t i = 0; i < n; ++i)
    order[i] = {uint64_t{~scratch.counts[i]} << 32 | scratch.colours[i], i};
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  scratch.entry_of.assign(n, 0);
  palette.clear();
  int reds[256], greens[256], blues[256];  // the entries, channel by channel
  // The entries by cell of 16 levels a channel, each cell a list through
  // `next` (the later entry first): a colour looks only at the entries in the
  // cells its reach overlaps (2 a channel for a reach up to 7). A gradient's
  // card has 2,000-3,500 colours; comparing each with every entry was a
  // fifth of its quantise time (perf at -O1, `placard_bench palette og`).
  constexpr int kCellBits = 4;
  int16_t head[1 << (3 * (8 - kCellBits))];
  int16_t next[256];
  std::fill(std::begin(head), std::end(head), int16_t{-1});
  auto cell = [](int r, int g, int b) {
    return (r >> kCellBits) << (2 * (8 - kCellBits)) | (g >> kCellBits) << (8 - kCellBits) |
           (b >> kCellBits);
  };
  for (const auto& sorted : order) {
    const uint32_t number = sorted.second;
    const uint32_t rgb = scratch.colours[number];
    const int r = int(rgb >> 16), g = int((rgb >> 8) & 0xff), b = int(rgb & 0xff);
    // A colour that fills areas (a gradient's shades) moves by at most one
    // level: merged by six, neighbouring shades become visible bands.
    const int reach = scratch.in_areas[number] >= kAreaPixels ? std::min(tolerance, 1) : tolerance;
    int best = -1, best_d = reach + 1;
    const int r_lo = std::max(r - reach, 0), r_hi = std::min(r + reach, 255);
    const int g_lo = std::max(g - reach, 0), g_hi = std::min(g + reach, 255);
    const int b_lo = std::max(b - reach, 0), b_hi = std::min(b + reach, 255);
    for (int cr = r_lo >> kCellBits; cr <= r_hi >> kCellBits; ++cr)
      for (int cg = g_lo >> kCellBits; cg <= g_hi >> kCellBits; ++cg)
        for (int cb = b_lo >> kCellBits; cb <= b_hi >> kCellBits; ++cb)
          for (int i = head[cell(cr << kCellBits, cg << kCellBits, cb << kCellBits)]; i >= 0;
               i = next[i]) {
            const int d =
                std::max({std::abs(r - reds[i]), std::abs(g - greens[i]), std::abs(b - blues[i])});
            if (d < best_d || (d == best_d && i < best)) {
              best_d = d;
              best = i;
            }
          }
    if (best < 0) {
      if (palette.size() == 256) return Quantised::too_many_colours;
      best = static_cast<int>(palette.size());
      reds[best] = r;
      greens[best] = g;
      blues[best] = b;
      const int c = cell(r, g, b);
      next[best] = head[c];
      head[c] = static_cast<int16_t>(best);
      palette.push_back(rgb);
    }
    scratch.entry_of[number] = static_cast<uint8_t>(best);
  }
  // The scanlines, run by run.
  const size_t line = static_cast<size_t>(p.width) + 1;
  scratch.scanlines.resize(line * static_cast<size_t>(p.height));
  const Run* run = scratch.runs.data();
  for (int y = 0; y < p.height; ++y) {
    uint8_t* out = scratch.scanlines.data() + line * static_cast<size_t>(y);
    const uint32_t count = scratch.row_runs[static_cast<size_t>(y)];
    if (count == 0) {  // the same pixels as the row above
      if (rows == PngTuning::Rows::none) {
        std::memcpy(out, out - line, line);
      } else {
        out[0] = kFilterUp;
        std::memset(out + 1, 0, line - 1);
      }
      continue;
    }
    *out++ = kFilterNone;  // filters only make palette indices larger
    for (const Run* last = run + count; run != last; ++run) {
      const uint8_t entry = scratch.entry_of[*run >> kLengthBits];
      const uint32_t length = *run & kMaxLength;
      if (length == 1)
        *out++ = entry;
      else
        out = std::fill_n(out, length, entry);
    }
  }
  if (rows == PngTuning::Rows::up) {
    // Every other row too, bottom up so that each row above is still unfiltered.
    for (int y = p.height - 1; y > 0; --y) {
      uint8_t* out = scratch.scanlines.data() + line * static_cast<size_t>(y);
      if (out[0] == kFilterUp) continue;
      // The row above, unfiltered: the nearest row above with filter None.
      const uint8_t* above = out - line;
      while (above[0] == kFilterUp) above -= line;
      out[0] = kFilterUp;
      for (size_t i = 1; i < line; ++i) out[i] = static_cast<uint8_t>(out[i] - above[i]);
    }
  }
  return Quantised::ok;
}

// A zlib stream of `data` by zlib at `level` and `strategy`, with one stream
// per thread kept for reuse.
bool zlib_stream_compress(const std::vector<uint8_t>& data, int level, int strategy,
                          std::vector<uint8_t>& out, size_t& size) {
  struct Stream {
    z_stream z{};
    int level = -1, strategy = -1;
    ~Stream() {
      if (level >= 0) deflateEnd(&z);
    }
  };
  thread_local Stream s;
  if (s.level != level || s.strategy != strategy) {
    if (s.level >= 0) deflateEnd(&s.z);
    s.z = {};
    s.level = -1;
    if (deflateInit2(&s.z, level, Z_DEFLATED, 15, 9, strategy) != Z_OK) return false;
    s.level = level;
    s.strategy = strategy;
  } else if (deflateReset(&s.z) != Z_OK) {
    return false;
  }
  const size_t bound = deflateBound(&s.z, data.size());
  if (out.size() < bound) out.resize(bound);
  s.z.next_in = const_cast<Bytef*>(data.data());
  s.z.avail_in = static_cast<uInt>(data.size());
  s.z.next_out = out.data();
  s.z.avail_out = static_cast<uInt>(bound);
  if (deflate(&s.z, Z_FINISH) != Z_STREAM_END) return false;
  size = s.z.total_out;
  return true;
}

// A zlib stream of `data` by libdeflate, with one compressor per thread and
// level kept for reuse; nullptr if out of memory. A flat card compresses to a
// few percent of its data, so the stream goes first into `reused` (kept per
// worker, an eighth of the largest data yet): no card allocates or clears a
// buffer of its data's size, nor holds one after. Only when the stream does
// not fit (or `compressible` is false: an RGB image) does it go into `spill`,
// sized to libdeflate's bound.
const uint8_t* zlib_compress(const std::vector<uint8_t>& data, int level, bool compressible,
                             std::vector<uint8_t>& reused, std::vector<uint8_t>& spill,
                             size_t& size) {
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  thread_local std::unique_ptr<libdeflate_compressor, Free> compressor;
  thread_local int compressor_level = -1;
  if (!compressor || compressor_level != level) {
    compressor.reset(libdeflate_alloc_compressor(level));
    compressor_level = level;
    if (!compressor) return nullptr;
  }
  if (compressible) {
    if (reused.size() < data.size() / 8) reused.resize(data.size() / 8);
    size = libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), reused.data(),
                                    reused.size());
    if (size > 0) return reused.data();
  }
  spill.resize(libdeflate_zlib_compress_bound(compressor.get(), data.size()));
  size = libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), spill.data(),
                                  spill.size());
  return size > 0 ? spill.data() : nullptr;
}

bool is_ascii(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Everything the libpng calls need, built and owned outside write_png().
struct Job {
  const Pixmap* pixmap = nullptr;
  bool alpha = false;
  std::vector<png_color> palette;  // palette encoding: the entries
  const uint8_t* idat = nullptr;   // the compressed scanlines
  size_t idat_size = 0;
  std::vector<png_text> text;  // points into the PngMeta strings
  std::string out;
  char error[200] = "";
};

void on_error(png_structp png, png_const_charp message) {
  auto* job = static_cast<Job*>(png_get_error_ptr(png));
  std::snprintf(job->error, sizeof job->error, "%s", message);
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}  // nothing a user could act on

void on_write(png_structp png, png_bytep data, size_t size) {
  auto* job = static_cast<Job*>(png_get_io_ptr(png));
  bool ok = true;
  try {
    job->out.append(reinterpret_cast<const char*>(data), size);
  } catch (const std::bad_alloc&) {
    ok = false;
  }
  if (!ok) png_error(png, "out of memory");
}

void on_flush(png_structp) {}

// The only code that runs under libpng's setjmp/longjmp error handling; no
// object with a destructor lives in this frame. False on error, job.error set.
bool write_png(Job& job) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &job, on_error, on_warning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    std::snprintf(job.error, sizeof job.error, "out of memory");
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  const Pixmap& p = *job.pixmap;
  png_set_write_fn(png, &job, on_write, on_flush);
  const bool palette = !job.palette.empty();
  png_set_IHDR(png, info, static_cast<png_uint_32>(p.width), static_cast<png_uint_32>(p.height), 8,
               palette     ? PNG_COLOR_TYPE_PALETTE
               : job.alpha ? PNG_COLOR_TYPE_RGB_ALPHA
                           : PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  if (palette) png_set_PLTE(png, info, job.palette.data(), static_cast<int>(job.palette.size()));
  png_set_sRGB_gAMA_and_cHRM(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
  if (!job.text.empty())
    png_set_text(png, info, job.text.data(), static_cast<int>(job.text.size()));
  png_write_info(png, info);
  // libpng writes the header, palette and text chunks; the image data was
  // filtered here and compressed by libdeflate, faster and smaller than zlib.
  png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"), job.idat, job.idat_size);
  png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
  png_destroy_write_struct(&png, &info);
  return true;
}

void add_text(std::vector<png_text>& text, const char* key, const std::string& value) {
  if (value.empty()) return;
  png_text t{};
  t.compression = is_ascii(value) ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE;
  t.key = const_cast<char*>(key);
  t.text = const_cast<char*>(value.c_str());
  text.push_back(t);
}

}  // namespace

std::string encode_png(const Pixmap& pixmap, const PngMeta& meta, const PngTuning& tuning) {
  const Pixmap& p = pixmap;
  check_encodable(p, std::numeric_limits<int>::max(), "PNG");
  Job job;
  job.pixmap = &p;
  thread_local Scratch scratch;
  std::vector<uint32_t> entries;
  const Quantised q = tuning.palette ? quantise(p, tuning.tolerance, tuning.rows, entries, scratch)
                                     : Quantised::too_many_colours;
  std::vector<uint8_t> spill;  // the compressed data when it is not small
  if (q == Quantised::ok) {
    for (uint32_t c : entries)
      job.palette.push_back({static_cast<png_byte>(c >> 16), static_cast<png_byte>(c >> 8),
                             static_cast<png_byte>(c)});
    if (tuning.deflate != PngTuning::Deflate::libdeflate) {
      const int strategy =
          tuning.deflate == PngTuning::Deflate::zlib_rle ? Z_RLE : Z_DEFAULT_STRATEGY;
      if (zlib_stream_compress(scratch.scanlines, tuning.level, strategy, spill, job.idat_size))
        job.idat = spill.data();
    } else {
      job.idat =
          zlib_compress(scratch.scanlines, tuning.level, true, scratch.idat, spill, job.idat_size);
    }
  } else {
    job.alpha = q == Quantised::translucent || !all_opaque(p);
    up_filtered_scanlines(p, job.alpha, scratch.scanlines);
    job.idat =
        zlib_compress(scratch.scanlines, kRgbLevel, false, scratch.idat, spill, job.idat_size);
  }
  if (!job.idat) fail_io({}, "cannot encode PNG image: out of memory");
  add_text(job.text, "Title", meta.title);
  add_text(job.text, "Description", meta.description);
  add_text(job.text, "Software", meta.software);
  if (!meta.xmp.empty()) {
    // XMP in PNG: uncompressed iTXt with this keyword and no language (XMP
    // Specification Part 3, 1.1.5), so that readers can find it unparsed.
    png_text t{};
    t.compression = PNG_ITXT_COMPRESSION_NONE;
    t.key = const_cast<char*>("XML:com.adobe.xmp");
    t.text = const_cast<char*>(meta.xmp.c_str());
    t.itxt_length = meta.xmp.size();
    job.text.push_back(t);
  }
  // The file in one allocation: the image data, the palette, the text, and
  // less than 200 bytes of chunk framing and colour space.
  size_t text_bytes = 0;
  for (const png_text& t : job.text) text_bytes += std::strlen(t.key) + std::strlen(t.text) + 32;
  job.out.reserve(job.idat_size + 3 * job.palette.size() + text_bytes + 256);
  if (!write_png(job)) fail_io({}, std::string("cannot encode PNG image: ") + job.error);
  return std::move(job.out);
}

}  // namespace placard
