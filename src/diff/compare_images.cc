#include "diff/compare_images.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace placard {

namespace {

constexpr Rgba kHighlight{230, 0, 126, 255};  // magenta: no brand's colour by default

// A channel faded towards white, keeping a fifth of its distance from it.
uint8_t fade(uint8_t c) {
  return static_cast<uint8_t>(255 - (255 - c) / 5);
}

constexpr uint32_t kOpaque = 0xFF000000u;

uint32_t load(const uint8_t* row, int x) {
  uint32_t v;
  std::memcpy(&v, row + 4 * static_cast<size_t>(x), 4);
  return v;
}

// A premultiplied ARGB pixel with straight alpha; an opaque one (every
// card's pixels) without dividing.
Rgba straight(uint32_t v) {
  const uint32_t a = v >> 24;
  if (a == 255)
    return {static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v),
            255};
  return {unpremultiply((v >> 16) & 0xff, a), unpremultiply((v >> 8) & 0xff, a),
          unpremultiply(v & 0xff, a), static_cast<uint8_t>(a)};
}

bool differs(uint32_t before, uint32_t after, int tolerance) {
  if (before == after) return false;
  const Rgba a = straight(before), b = straight(after);
  return std::abs(a.r - b.r) > tolerance || std::abs(a.g - b.g) > tolerance ||
         std::abs(a.b - b.b) > tolerance || std::abs(a.a - b.a) > tolerance;
}

// An unchanged pixel as the difference image shows it: grey, over white (a
// transparent pixel fades to white too), then faded; few enough colours with
// the highlight for a palette PNG. Opaque, so premultiplied as it is.
uint32_t grey_of(uint32_t v) {
  const Rgba a = straight(v);
  const int luma = (a.r * 299 + a.g * 587 + a.b * 114) / 1000;
  const uint32_t grey = fade(static_cast<uint8_t>((luma * a.a + 255 * (255 - a.a)) / 255));
  return kOpaque | grey << 16 | grey << 8 | grey;
}

// A 2 px outline of `box` in `pixmap`, clipped to it.
void outline(Pixmap& pixmap, const PixelBox& box) {
  const int x0 = box.x, y0 = box.y, x1 = box.x + box.width - 1, y1 = box.y + box.height - 1;
  for (int y = std::max(0, y0 - 2); y <= std::min(pixmap.height - 1, y1 + 2); ++y)
    for (int x = std::max(0, x0 - 2); x <= std::min(pixmap.width - 1, x1 + 2); ++x) {
      const bool inside = x >= x0 && x <= x1 && y >= y0 && y <= y1;
      if (!inside) pixmap.set_rgba(x, y, kHighlight);
    }
}

}  // namespace

ImageComparison compare_images(const Pixmap& before, const Pixmap& after, int tolerance,
                               Pixmap reuse) {
  ImageComparison c;
  c.difference = Pixmap::make(after.width, after.height, std::move(reuse));
  std::int64_t changed = 0;
  int x0 = after.width, y0 = after.height, x1 = -1, y1 = -1;
  const uint32_t highlight =
      kOpaque | uint32_t{kHighlight.r} << 16 | uint32_t{kHighlight.g} << 8 | kHighlight.b;
  // The last unchanged pixel and its grey: most of a card is runs of one colour.
  uint32_t last = 0, last_grey = grey_of(last);
  for (int y = 0; y < after.height; ++y) {
    const uint8_t* a_row = after.row(y);
    const uint8_t* b_row = y < before.height ? before.row(y) : nullptr;
    const int overlap = b_row ? std::min(before.width, after.width) : 0;
    uint8_t* out = c.difference.row(y);
    for (int x = 0; x < after.width; ++x) {
      const uint32_t a = load(a_row, x);
      const bool same = x < overlap && !differs(load(b_row, x), a, tolerance);
      uint32_t v;
      if (same) {
        if (a != last) {
          last = a;
          last_grey = grey_of(a);
        }
        v = last_grey;
      } else {
        ++changed;
        x0 = std::min(x0, x);
        y0 = std::min(y0, y);
        x1 = std::max(x1, x);
        y1 = std::max(y1, y);
        v = highlight;
      }
      std::memcpy(out + 4 * static_cast<size_t>(x), &v, 4);
    }
  }
  const std::int64_t pixels = static_cast<std::int64_t>(after.width) * after.height;
  if (pixels > 0) c.changed_share = static_cast<double>(changed) / static_cast<double>(pixels);
  if (x1 >= 0) {
    c.box = PixelBox{x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    outline(c.difference, *c.box);
  }
  return c;
}

}  // namespace placard
