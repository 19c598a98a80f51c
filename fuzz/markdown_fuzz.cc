// libFuzzer target: arbitrary bytes as a md content file (parse_markdown).
#include "content/content_deck.h"
#include "content/content_markdown.h"
#include "fuzz_support.h"

using namespace placard;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return fuzz::read_content([](const std::string& text) { return parse_markdown(text, "fuzz.md"); },
                            data, size);
}
