#include "model/color.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace placard {

double relative_luminance(const Color& c) {
  auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double contrast_ratio(const Color& a, const Color& b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

Color over(const Color& top, const Color& bottom) {
  const double a = std::clamp(top.a, 0.0, 1.0);
  return {top.r * a + bottom.r * (1 - a), top.g * a + bottom.g * (1 - a),
          top.b * a + bottom.b * (1 - a), 1};
}

bool is_large_text(double size_px, int weight) {
  // 18pt and 14pt bold, at the CSS 96 px per inch.
  return size_px >= 24 - 1e-6 || (weight >= 700 && size_px >= 18.66);
}

std::string hex_color(const Color& c) {
  char buf[8];
  auto byte = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", byte(c.r), byte(c.g), byte(c.b));
  return buf;
}

}  // namespace placard
