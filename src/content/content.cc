#include "content/content.h"

#include <vector>

#include "content/card_kind.h"

namespace placard {

std::string RichText::plain() const {
  std::string out;
  for (const auto& s : spans) out += s.text;
  return out;
}

const char* kind_name(CardKind k) {
  return name_of(kCardKinds, k, "statement");
}

std::string check_format_name(const std::string& value, const SourceLoc& loc) {
  if (value == "jpg") return "jpeg";
  std::vector<std::string> names;
  for (const char* n : kFormatNames) {
    if (value == n) return value;
    names.push_back(n);
  }
  auto hints = did_you_mean(value, names);
  hints.push_back("formats: auto (PNG, or JPEG for a card with a photo), png, jpeg, webp");
  fail(loc, "unknown format '" + value + "'", hints);
}

std::vector<std::string> card_ids(const Content& content) {
  std::vector<std::string> ids;
  ids.reserve(content.cards.size());
  for (const ContentCard& card : content.cards) ids.push_back(card.id);
  return ids;
}

}  // namespace placard
