// libFuzzer target: arbitrary bytes as a brand file (parse_brand).
#include "fuzz_support.h"
#include "layout/layout_file.h"

using namespace placard;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    parse_brand(std::string(fuzz::as_text(data, size)), "fuzz.yaml");
  } catch (const DiagnosticError&) {
  }
  return 0;
}
