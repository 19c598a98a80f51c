#include "image/encode_input.h"

#include <string>

#include "base/diagnostics.h"

namespace placard {

void check_encodable(const Pixmap& p, int max_side, const char* format) {
  if (p.width <= 0 || p.height <= 0 || p.width > max_side || p.height > max_side ||
      p.stride < 4 * p.width ||
      p.data.size() < static_cast<size_t>(p.stride) * static_cast<size_t>(p.height))
    fail_io({}, "cannot encode a " + std::to_string(p.width) + "x" + std::to_string(p.height) +
                    " image with stride " + std::to_string(p.stride) + " as " + format);
}

bool all_opaque(const Pixmap& p) {
  for (int y = 0; y < p.height; ++y) {
    const uint8_t* row = p.row(y);
    for (int x = 0; x < p.width; ++x) {
      uint32_t v;
      std::memcpy(&v, row + 4 * x, 4);
      if (v >> 24 != 0xff) return false;
    }
  }
  return true;
}

}  // namespace placard
