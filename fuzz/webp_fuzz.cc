// libFuzzer target: arbitrary bytes as a WebP photo or logo, through the
// decoder the drawing stage (and supporters' uploads) use: header and limit
// checks, EXIF orientation, and the reduced-scale path. The first byte picks
// the scale asked for, so both full and reduced decodes are explored.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/diagnostics.h"
#include "image/image_read.h"

using namespace placard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  DecodeOptions options;
  options.max_pixels = 4'000'000;  // small, so that each run stays fast
  if (data[0] & 1) options.min_width = options.min_height = 1 + data[0] / 2;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const Pixmap p = decode_webp(bytes, "fuzz.webp", options);
    if (p.width <= 0 || p.height <= 0 ||
        static_cast<int64_t>(p.width) * p.height > options.max_pixels ||
        p.data.size() != static_cast<size_t>(p.stride) * static_cast<size_t>(p.height))
      __builtin_trap();
  } catch (const DiagnosticError&) {
  }
  return 0;
}
