// libFuzzer target: arbitrary bytes as a brand's font file, read and checked
// as render/brand_fonts.cc does before any card uses it (FreeType: TTF, OTF,
// TTC, WOFF, WOFF2 with its brotli stream). A refusal is a FontFileError;
// anything else escaping, or a sanitizer report, is a bug.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "fuzz_support.h"
#include "text/font_file.h"

using namespace placard;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/placard-font-fuzz-" + std::to_string(::getpid()) + ".font";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  try {
    const FontFileInfo info = inspect_font_file(path);
    // What the report and the axis checks read must be well formed.
    if (info.axes_text().empty()) __builtin_trap();
    for (const FontAxis& a : info.axes)
      if (a.tag.size() != 4) __builtin_trap();
  } catch (const FontFileError&) {
  }
  return 0;
}
