// libFuzzer target: arbitrary bytes as a logo or image file (PNG through
// libpng, anything else through librsvg), as the drawing stage loads them.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "fuzz_support.h"
#include "render/draw.h"

using namespace placard;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/placard-image-fuzz-" + std::to_string(::getpid()) + ".img";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  ImageCache cache;
  try {
    cache.load(path);
  } catch (const DiagnosticError&) {
  }
  return 0;
}
