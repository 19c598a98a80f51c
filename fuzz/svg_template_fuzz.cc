// libFuzzer target: arbitrary bytes as an SVG template layout (`--layout
// poster.svg`): libxml2 reads the structure, field elements become text
// frames with their data-* styles, librsvg measures the drawing.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "fuzz_support.h"
#include "layout/layout_file.h"

using namespace placard;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A fresh name per input: templates are cached by path.
  static int n = 0;
  const std::string path = "/tmp/placard-svg-fuzz-" + std::to_string(::getpid()) + "-" +
                           std::to_string(n++ % 1000) + ".svg";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  try {
    load_layout(path);
  } catch (const DiagnosticError&) {
  }
  std::remove(path.c_str());
  return 0;
}
