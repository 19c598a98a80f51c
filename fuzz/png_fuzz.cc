// libFuzzer target: arbitrary bytes as a PNG photo or logo, through the
// streaming decoder: row by row (Adam7 pass by pass), averaged into blocks
// when a reduced scale is asked for, turned upright as the rows arrive, and
// refused when it cannot fit a memory budget (fuzz_image.h).
#include "fuzz_image.h"
#include "image/png_read.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return placard::fuzz::decode_image_bytes(
      [](std::string_view bytes, const std::string& name, const placard::DecodeOptions& options) {
        return placard::decode_png(bytes, name, options);
      },
      "fuzz.png", data, size);
}
