// Pixmap: an image in Cairo's CAIRO_FORMAT_ARGB32 layout, so the drawing stage
// can render straight into it and the PNG stage can read it without Cairo.
// Each pixel is a native-endian uint32 0xAARRGGBB with premultiplied alpha;
// rows are `stride` bytes apart (stride >= 4 * width).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace placard {

// One pixel with straight (un-premultiplied) alpha.
struct Rgba {
  uint8_t r = 0, g = 0, b = 0, a = 0;
  bool operator==(const Rgba&) const = default;
};

// Premultiplied channel -> straight, rounded (the same formula as Cairo's PNG
// writer). Values above alpha, which valid ARGB32 never has, clamp to 255.
inline uint8_t unpremultiply(uint32_t c, uint32_t a) {
  if (a == 0) return 0;
  uint32_t v = (c * 255 + a / 2) / a;
  return static_cast<uint8_t>(v > 255 ? 255 : v);
}

// Straight channel -> premultiplied, rounded.
inline uint8_t premultiply(uint32_t c, uint32_t a) {
  return static_cast<uint8_t>((c * a + 127) / 255);
}

struct Pixmap {
  int width = 0, height = 0, stride = 0;
  std::vector<uint8_t> data;

  // A fully transparent w x h pixmap with stride = 4 * w.
  static Pixmap make(int w, int h) { return make(w, h, Pixmap{}); }

  // The same in the memory of `reuse` when it holds enough: a caller that
  // makes many pixmaps of one size (placard diff's workers) passes its last
  // one back, and neither the allocator nor the kernel's fresh zeroed pages
  // are paid again (they were 40% of a diff's CPU).
  static Pixmap make(int w, int h, Pixmap reuse) {
    Pixmap p;
    p.width = w;
    p.height = h;
    p.stride = 4 * w;
    p.data = std::move(reuse.data);
    p.data.assign(static_cast<size_t>(p.stride) * static_cast<size_t>(h), 0);
    return p;
  }

  const uint8_t* row(int y) const { return data.data() + static_cast<std::ptrdiff_t>(y) * stride; }
  uint8_t* row(int y) { return data.data() + static_cast<std::ptrdiff_t>(y) * stride; }

  // The raw premultiplied 0xAARRGGBB value.
  uint32_t argb(int x, int y) const {
    uint32_t v;
    std::memcpy(&v, row(y) + 4 * x, 4);
    return v;
  }
  void set_argb(int x, int y, uint32_t v) { std::memcpy(row(y) + 4 * x, &v, 4); }

  // The pixel with straight alpha.
  Rgba rgba(int x, int y) const {
    uint32_t v = argb(x, y);
    uint32_t a = v >> 24;
    return {unpremultiply((v >> 16) & 0xff, a), unpremultiply((v >> 8) & 0xff, a),
            unpremultiply(v & 0xff, a), static_cast<uint8_t>(a)};
  }
  // Stores a straight-alpha pixel, premultiplying it.
  void set_rgba(int x, int y, Rgba p) {
    set_argb(x, y,
             uint32_t(p.a) << 24 | uint32_t(premultiply(p.r, p.a)) << 16 |
                 uint32_t(premultiply(p.g, p.a)) << 8 | premultiply(p.b, p.a));
  }
};

}  // namespace placard
