// The image-decoder half of the fuzz support: only targets that link image/
// (through render/) include it, so the content-only targets need not.
#pragma once
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"
#include "image/image_read.h"

namespace placard::fuzz {

// Feeds the bytes to an image decoder (`decode(bytes, name, options)`, as
// decode_jpeg and decode_webp take them). The first byte picks the scale
// asked for, so both full and reduced decodes are explored, and (bit 1) a
// small memory budget, so that raising the reduction and refusing are too;
// the rest is the file. A refusal is fine; a decoded image must be within
// the pixel limit and hold exactly its rows.
template <typename Decode>
int decode_image_bytes(Decode decode, const char* name, const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  DecodeOptions options;
  options.max_pixels = 4'000'000;  // small, so that each run stays fast
  if (data[0] & 1) options.min_width = options.min_height = 1 + data[0] / 2;
  if (data[0] & 2) options.max_memory = 256 << 10;
  try {
    const Pixmap p = decode(as_text(data + 1, size - 1), name, options);
    if (p.width <= 0 || p.height <= 0 ||
        static_cast<int64_t>(p.width) * p.height > options.max_pixels ||
        p.data.size() != static_cast<size_t>(p.stride) * static_cast<size_t>(p.height))
      __builtin_trap();
  } catch (const DiagnosticError&) {
  }
  return 0;
}

}  // namespace placard::fuzz
