#include "content/content.h"

namespace placard {

std::string RichText::plain() const {
  std::string out;
  for (const auto& s : spans) out += s.text;
  return out;
}

const char* kind_name(CardKind k) {
  switch (k) {
    case CardKind::recommendation: return "recommendation";
    case CardKind::heading: return "heading";
    case CardKind::quote: return "quote";
    case CardKind::statement: return "statement";
  }
  return "statement";
}

}  // namespace placard
