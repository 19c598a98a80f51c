#include "base/utf8.h"

#include <algorithm>
#include <cstdio>

#include "base/diagnostics.h"

namespace placard {

size_t find_invalid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : b < 0xC2 ? 0 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    // The second byte's range excludes overlong forms, surrogates and > U+10FFFF.
    unsigned char lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
    for (size_t k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::string clean_source(std::string_view text, const std::string& path) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    std::string_view before = text.substr(0, bad);
    size_t line_start = before.rfind('\n') + 1;  // 0 when on the first line
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(text[bad]));
    fail({path, line, static_cast<int>(bad - line_start) + 1},
         std::string("invalid UTF-8 byte ") + hex, {"save the file as UTF-8"});
  }
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r' || i + 1 >= text.size() || text[i + 1] != '\n') out += text[i];
  }
  return out;
}

}  // namespace placard
