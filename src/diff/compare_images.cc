#include "diff/compare_images.h"

#include <algorithm>
#include <cstdlib>

namespace placard {

namespace {

constexpr Rgba kHighlight{230, 0, 126, 255};  // magenta: no brand's colour by default

// A channel faded towards white, keeping a fifth of its distance from it.
uint8_t fade(uint8_t c) {
  return static_cast<uint8_t>(255 - (255 - c) / 5);
}

// The pixel with straight alpha; an opaque one (every card's pixels) without
// dividing.
Rgba straight(const Pixmap& p, int x, int y) {
  const uint32_t v = p.argb(x, y);
  if (v >> 24 == 255)
    return {static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v),
            255};
  return p.rgba(x, y);
}

bool differs(Rgba a, Rgba b, int tolerance) {
  return std::abs(a.r - b.r) > tolerance || std::abs(a.g - b.g) > tolerance ||
         std::abs(a.b - b.b) > tolerance || std::abs(a.a - b.a) > tolerance;
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

ImageComparison compare_images(const Pixmap& before, const Pixmap& after, int tolerance) {
  ImageComparison c;
  c.difference = Pixmap::make(after.width, after.height);
  std::int64_t changed = 0;
  int x0 = after.width, y0 = after.height, x1 = -1, y1 = -1;
  for (int y = 0; y < after.height; ++y) {
    for (int x = 0; x < after.width; ++x) {
      const Rgba a = straight(after, x, y);
      const bool inside = x < before.width && y < before.height;
      const bool same = inside && (before.argb(x, y) == after.argb(x, y) ||
                                   !differs(straight(before, x, y), a, tolerance));
      if (!same) {
        ++changed;
        x0 = std::min(x0, x);
        y0 = std::min(y0, y);
        x1 = std::max(x1, x);
        y1 = std::max(y1, y);
        c.difference.set_rgba(x, y, kHighlight);
      } else {
        // Grey, over white (a transparent pixel fades to white too), then
        // faded: few enough colours with the highlight for a palette PNG.
        const int luma = (a.r * 299 + a.g * 587 + a.b * 114) / 1000;
        const uint8_t grey = fade(static_cast<uint8_t>((luma * a.a + 255 * (255 - a.a)) / 255));
        c.difference.set_rgba(x, y, {grey, grey, grey, 255});
      }
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
