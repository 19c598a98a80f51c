#include "diff/report_text.h"

#include <cstdio>

namespace placard {

std::string percent(double share) {
  if (share <= 0) return "0%";
  if (share < 0.0001) return "<0.01%";
  char buf[32];
  std::snprintf(buf, sizeof buf, share < 0.01 ? "%.2f%%" : "%.1f%%", share * 100);
  return buf;
}

std::string box_text(const PixelBox& b) {
  return "x " + std::to_string(b.x) + "-" + std::to_string(b.x + b.width - 1) + ", y " +
         std::to_string(b.y) + "-" + std::to_string(b.y + b.height - 1);
}

std::string card_change_text(const CardDiff& card) {
  if (card.change == Change::renamed) return "renamed from '" + card.old_id + "'";
  return change_name(card.change);
}

std::string totals_text(const FolderDiff& diff) {
  int counts[5] = {};
  for (const CardDiff& c : diff.cards) ++counts[static_cast<int>(c.change)];
  std::string text;
  auto add = [&text](int n, const char* what) {
    if (n == 0) return;
    text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + what;
  };
  add(counts[static_cast<int>(Change::changed)],
      counts[static_cast<int>(Change::changed)] == 1 ? "card changed" : "cards changed");
  add(counts[static_cast<int>(Change::renamed)], "renamed");
  add(counts[static_cast<int>(Change::added)], "added");
  add(counts[static_cast<int>(Change::removed)], "removed");
  if (text.empty()) text = "nothing changed";
  text += "; " + std::to_string(diff.unchanged_outputs) +
          (diff.unchanged_outputs == 1 ? " output" : " outputs") + " unchanged, " +
          std::to_string(diff.unchanged_cards) + (diff.unchanged_cards == 1 ? " card" : " cards") +
          " unchanged";
  return text;
}

}  // namespace placard
