// The palette path of the PNG encoder on a made-up flat card: shared by
// fuzz/palette_fuzz.cc and tests/golden/fuzz_regression_test.cc, which
// feeds the seeds and the regressions the same way.
//
// The bytes become a small image as a flat card is: up to eight opaque
// colours, solid runs of them and antialiased blends between two, and
// rows repeated. It is encoded (palette first, as every card), decoded, and
// compared: a palette image may move no pixel by more than the tolerance on
// any channel, any other image none at all (issue 25's palette rule).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "image/pixmap.h"
#include "image/png_read.h"
#include "image/png_write.h"

namespace placard::fuzz::palette {

struct Outcome {
  bool palette = false;  // the file is an 8-bit palette image
  int worst = 0;         // the largest change of any channel of any pixel
  int allowed = 0;       // what the rule allows for that kind of file
  bool holds() const { return worst <= allowed; }
};

inline Pixmap flat_card(const uint8_t* data, size_t size) {
  size_t at = 0;
  auto next = [&]() -> uint8_t { return at < size ? data[at++] : 0; };
  const int w = 1 + next() % 80, h = 1 + next() % 48;
  const int count = 1 + next() % 8;
  Rgba colours[8];
  for (int i = 0; i < count; ++i) colours[i] = {next(), next(), next(), 255};
  Pixmap p = Pixmap::make(w, h);
  for (int y = 0; y < h; ++y) {
    // A row left to the end of the bytes repeats the one above, as a card's
    // background does.
    if (at >= size && y > 0) {
      std::copy(p.row(y - 1), p.row(y - 1) + p.stride, p.row(y));
      continue;
    }
    for (int x = 0; x < w;) {
      const uint8_t op = next();
      const int run = 1 + (op & 31);
      const Rgba a = colours[next() % count];
      Rgba c = a;
      if (op & 0x80) {  // antialiased edge: a blend of two colours
        const Rgba b = colours[next() % count];
        const int t = next();
        auto mix = [t](int u, int v) { return uint8_t((u * (255 - t) + v * t + 127) / 255); };
        c = {mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), 255};
      }
      for (int k = 0; k < run && x < w; ++k, ++x) p.set_rgba(x, y, c);
    }
  }
  return p;
}

inline Outcome round_trip(const uint8_t* data, size_t size) {
  const Pixmap p = flat_card(data, size);
  const PngTuning tuning;
  const std::string png = encode_png(p, {});
  Outcome out;
  out.palette = png.size() > 25 && png[25] == 3;  // IHDR's colour type
  out.allowed = out.palette ? tuning.tolerance : 0;
  const Pixmap back = decode_png(png, "palette.png");
  for (int y = 0; y < p.height; ++y)
    for (int x = 0; x < p.width; ++x)
      for (int shift = 0; shift < 32; shift += 8) {
        const int u = static_cast<int>(p.argb(x, y) >> shift & 0xFF);
        const int v = static_cast<int>(back.argb(x, y) >> shift & 0xFF);
        out.worst = std::max(out.worst, std::abs(u - v));
      }
  return out;
}

}  // namespace placard::fuzz::palette
