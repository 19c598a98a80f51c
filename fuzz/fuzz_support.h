// Shared by the libFuzzer targets in this folder. A target feeds its bytes to
// one reader; a DiagnosticError is the reader refusing bad input (expected),
// anything else escaping (another exception, a sanitizer report, a signal) is
// a bug libFuzzer records as a crash.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace placard::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Points PLACARD's resource lookup at the source tree and silences GLib
// warnings; call once from LLVMFuzzerInitialize.
void init();

}  // namespace placard::fuzz
