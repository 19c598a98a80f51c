// libFuzzer target: arbitrary bytes as a brand's font file, read and checked
// as render/brand_fonts.cc does before any card uses it (FreeType: TTF, OTF,
// TTC, WOFF, WOFF2 with its brotli stream). A refusal is a FontFileError;
// anything else escaping, or a sanitizer report, is a bug.
#include <string>

#include "fuzz_support.h"
#include "text/font_file.h"

using namespace placard;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // inspect_font_file refuses a file over the limit before reading it, then
  // reads it as here (a WOFF or WOFF2 also decoded into the cache, which a
  // fuzzer must not fill).
  if (size > static_cast<size_t>(kMaxFontBytes)) return 0;
  try {
    const FontFileInfo info = inspect_font(std::string(fuzz::as_text(data, size)));
    // What the report and the axis checks read must be well formed.
    if (info.axes_text().empty()) __builtin_trap();
    for (const FontAxis& a : info.axes)
      if (a.tag.size() != 4 || a.min > a.max) __builtin_trap();
  } catch (const FontFileError&) {
  }
  return 0;
}
