// libFuzzer target: arbitrary bytes as a yaml content file (parse_deck_yaml).
#include "content_deck.h"
#include "content_markdown.h"
#include "fuzz_support.h"

using namespace placard;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    Content c = parse_deck_yaml(std::string(fuzz::as_text(data, size)), "fuzz.yaml");
    // Every card the reader accepts has an id that is safe as a file name.
    for (const ContentCard& card : c.cards)
      if (card.id.empty() || card.id.find('/') != std::string::npos || card.id[0] == '.')
        __builtin_trap();
  } catch (const DiagnosticError&) {
  }
  return 0;
}
