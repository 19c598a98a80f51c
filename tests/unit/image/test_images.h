// Images for the image/ tests: a photo-like card made in code (grain and
// gradients under sharp "text" edges), a noisy stand-in for a camera photo,
// PSNR, and EXIF blocks built by hand.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

#include "image/pixmap.h"

namespace placard::test {

// A deterministic w x h card: a gradient "photo" with grain (a hash of the
// position, so the same everywhere), a dark band and bars of cream "text"
// with antialiased edges, and a red block in the top-left corner so that
// orientation is visible.
inline Pixmap photo_card(int w, int h) {
  Pixmap p = Pixmap::make(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      uint32_t n = uint32_t(x) * 374761393u + uint32_t(y) * 668265263u;
      n = (n ^ (n >> 13)) * 1274126177u;
      const int grain = int((n >> 24) % 13) - 6;  // film grain, the same on every channel
      auto clamp = [](int v) { return uint8_t(v < 0 ? 0 : v > 255 ? 255 : v); };
      Rgba c{clamp(40 + 120 * x / w + grain), clamp(90 + 80 * y / h + grain), clamp(60 + grain),
             255};
      // Text-like bars: 6 px strokes with a 1 px antialiased edge.
      if (y > h / 3 && y < 2 * h / 3 && x > w / 10 && x < w / 2) {
        const int phase = x % 14;
        if (phase < 6)
          c = {245, 239, 228, 255};
        else if (phase == 6)
          c = {uint8_t((245 + c.r) / 2), uint8_t((239 + c.g) / 2), uint8_t((228 + c.b) / 2), 255};
      }
      if (x < w / 8 && y < h / 8) c = {230, 20, 20, 255};
      p.set_rgba(x, y, c);
    }
  return p;
}

// A stand-in for a phone picture, made like the issue's `convert -size
// 2400x1600 plasma:fractal -attenuate 0.3 +noise Gaussian`: colour fields
// with detail at several scales under per-channel Gaussian grain of sigma 6
// (ImageMagick's recipe measures RMSE 5.9 levels against its noiseless
// plasma). Deterministic: a fixed-seed generator. placard_bench photo uses
// it too, at 12 megapixels.
inline Pixmap noisy_photo(int w, int h) {
  Pixmap p = Pixmap::make(w, h);
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto uniform = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  auto gauss = [&] {  // sum of four uniforms (Irwin-Hall): near enough, and cheap
    return (uniform() + uniform() + uniform() + uniform() - 2.0) * 1.7320508075688772;
  };
  auto clamp = [](double v) { return static_cast<uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v + 0.5); };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const double fx = double(x) / w, fy = double(y) / h;
      const double detail = 14 * std::sin(61 * fx + 23 * fy) * std::sin(47 * fy - 11 * fx) +
                            8 * std::sin(173 * fx - 97 * fy);
      const double r =
          110 + 70 * std::sin(5.1 * fx + 2.3 * fy) + 30 * std::sin(17 * fx * fy) + detail;
      const double g =
          120 + 60 * std::sin(3.7 * fy - 1.9 * fx + 1) + 25 * std::cos(13 * fx) - detail;
      const double b = 100 + 80 * std::cos(4.3 * fx * fx + 3.1 * fy) + detail / 2;
      p.set_rgba(x, y,
                 {clamp(r + 6 * gauss()), clamp(g + 6 * gauss()), clamp(b + 6 * gauss()), 255});
    }
  return p;
}

// PSNR over R, G and B of two pixmaps of the same size.
inline double psnr(const Pixmap& a, const Pixmap& b) {
  double se = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x) {
      const Rgba p = a.rgba(x, y), q = b.rgba(x, y);
      se += double(p.r - q.r) * (p.r - q.r) + double(p.g - q.g) * (p.g - q.g) +
            double(p.b - q.b) * (p.b - q.b);
    }
  const double mse = se / (3.0 * a.width * a.height);
  return mse == 0 ? 99 : 10 * std::log10(255.0 * 255.0 / mse);
}

// An EXIF block ("Exif\0\0", little-endian TIFF) with IFD0 holding the
// orientation and, when `gps`, a GPS IFD with GPSLatitudeRef "N" and
// GPSLatitude 40/1 42/1 0/1.
inline std::string exif_block(int orientation, bool gps) {
  std::string s("Exif\0\0", 6);
  auto u16 = [&](unsigned v) { s += char(v & 0xff), s += char(v >> 8); };
  auto u32 = [&](uint32_t v) { u16(v & 0xffff), u16(v >> 16); };
  s += "II";
  u16(42);
  u32(8);  // IFD0 right after the header
  const unsigned entries = gps ? 2 : 1;
  u16(entries);
  u16(0x0112), u16(3), u32(1), u16(orientation), u16(0);  // Orientation, SHORT
  const uint32_t gps_ifd = 8 + 2 + 12 * entries + 4;
  if (gps) u16(0x8825), u16(4), u32(1), u32(gps_ifd);  // GPSInfo, LONG
  u32(0);                                              // no IFD1
  if (gps) {
    const uint32_t rationals = gps_ifd + 2 + 2 * 12 + 4;
    u16(2);
    u16(0x0001), u16(2), u32(2), s += std::string("N\0\0\0", 4);  // GPSLatitudeRef, ASCII
    u16(0x0002), u16(5), u32(3), u32(rationals);                  // GPSLatitude, 3 RATIONAL
    u32(0);
    for (uint32_t v : {40u, 1u, 42u, 1u, 0u, 1u}) u32(v);
  }
  return s;
}

// A JPEG file with `app1` inserted as an APP1 segment right after SOI.
inline std::string with_app1(const std::string& jpeg, const std::string& app1) {
  const size_t len = app1.size() + 2;
  std::string seg = "\xFF\xE1";
  seg += char(len >> 8), seg += char(len & 0xff);
  return jpeg.substr(0, 2) + seg + app1 + jpeg.substr(2);
}

}  // namespace placard::test
