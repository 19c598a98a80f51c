// libFuzzer target: arbitrary bytes as a JPEG photo or logo, through the
// decoder the drawing stage (and supporters' uploads) use: header and limit
// checks, EXIF orientation, and the reduced-scale path (fuzz_support.h).
#include "fuzz_image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return placard::fuzz::decode_image_bytes(placard::decode_jpeg, "fuzz.jpeg", data, size);
}
