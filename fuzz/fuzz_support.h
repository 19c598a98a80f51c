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

}  // namespace placard::fuzz
