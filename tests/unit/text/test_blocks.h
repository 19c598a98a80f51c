// A headline block set in one family, for the tests that lay out real text.
#pragma once

#include <string>

#include "model/card.h"

namespace placard {

inline TextBlock headline_block(const std::string& text, const std::string& family, int weight,
                                const std::string& lang, bool italic = false) {
  TextBlock b;
  b.field = "headline";
  b.text.spans.push_back({text, false, false, false});
  b.style.font = {family, weight, italic, "", false, false};
  b.style.line_height = 1.08;
  b.style.lang = lang;
  b.style.rtl = lang == "ar";
  return b;
}

}  // namespace placard
