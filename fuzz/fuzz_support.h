// Shared by the libFuzzer targets in this folder. A target feeds its bytes to
// one reader; a DiagnosticError is the reader refusing bad input (expected),
// anything else escaping (another exception, a sanitizer report, a signal) is
// a bug libFuzzer records as a crash.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "content/content.h"
#include "image/image_read.h"

namespace placard::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Points PLACARD's resource lookup at the source tree and silences GLib
// warnings; call once from LLVMFuzzerInitialize.
void init();

// Feeds the bytes to a content reader (`read(text)` returns Content). A
// refusal is fine; every card it accepts must have an id safe as a file name.
template <typename Reader>
int read_content(Reader read, const uint8_t* data, size_t size) {
  try {
    Content c = read(std::string(as_text(data, size)));
    for (const ContentCard& card : c.cards)
      if (card.id.empty() || card.id.find('/') != std::string::npos || card.id[0] == '.')
        __builtin_trap();
  } catch (const DiagnosticError&) {
  }
  return 0;
}

// Feeds the bytes to an image decoder (`decode(bytes, name, options)`, as
// decode_jpeg and decode_webp take them). The first byte picks the scale
// asked for, so both full and reduced decodes are explored; the rest is the
// file. A refusal is fine; a decoded image must be within the pixel limit
// and hold exactly its rows.
template <typename Decode>
int decode_image_bytes(Decode decode, const char* name, const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  DecodeOptions options;
  options.max_pixels = 4'000'000;  // small, so that each run stays fast
  if (data[0] & 1) options.min_width = options.min_height = 1 + data[0] / 2;
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
