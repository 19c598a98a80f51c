#include "diff/diff_model.h"

#include <algorithm>

#include "base/enum_names.h"

namespace placard {

namespace {

constexpr EnumName<Change> kChanges[] = {
    {Change::unchanged, "unchanged"}, {Change::changed, "changed"}, {Change::added, "added"},
    {Change::removed, "removed"},     {Change::renamed, "renamed"},
};

}  // namespace

const char* change_name(Change change) {
  return name_of(kChanges, change, "changed");
}

double CardDiff::score() const {
  double s = 0;
  for (const OutputDiff& o : outputs) {
    if (o.change == Change::added || o.change == Change::removed) return 1;
    s = std::max(s, o.changed_share);
  }
  if (change == Change::added || change == Change::removed) return 1;
  return s;
}

void settle(FolderDiff& diff) {
  std::vector<CardDiff> kept;
  for (CardDiff& c : diff.cards) {
    std::vector<OutputDiff> outputs;
    for (OutputDiff& o : c.outputs) {
      if (o.change == Change::unchanged && o.problems.empty())
        ++diff.unchanged_outputs;
      else
        outputs.push_back(std::move(o));
    }
    c.outputs = std::move(outputs);
    if (c.change == Change::changed && c.outputs.empty() && c.text.empty() && c.notes.empty())
      ++diff.unchanged_cards;
    else
      kept.push_back(std::move(c));
  }
  diff.cards = std::move(kept);
}

std::vector<const CardDiff*> by_change(const FolderDiff& diff) {
  std::vector<const CardDiff*> out;
  for (const CardDiff& c : diff.cards) out.push_back(&c);
  std::stable_sort(out.begin(), out.end(), [](const CardDiff* a, const CardDiff* b) {
    const double sa = a->score(), sb = b->score();
    if (sa != sb) return sa > sb;
    return a->id < b->id;
  });
  return out;
}

}  // namespace placard
