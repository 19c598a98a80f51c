#include "diff/report_text.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

TEST(ReportText, Percentages) {
  EXPECT_EQ(percent(0), "0%");
  EXPECT_EQ(percent(0.00001), "<0.01%");
  EXPECT_EQ(percent(0.0042), "0.42%");
  EXPECT_EQ(percent(0.123), "12.3%");
  EXPECT_EQ(percent(1), "100.0%");
}

TEST(ReportText, BoxAndTotals) {
  EXPECT_EQ(box_text({40, 210, 1121, 211}), "x 40-1160, y 210-420");
  FolderDiff d;
  d.unchanged_outputs = 12;
  d.unchanged_cards = 2;
  EXPECT_EQ(totals_text(d), "nothing changed; 12 outputs unchanged, 2 cards unchanged");
  CardDiff renamed{Change::renamed, "new"};
  renamed.old_id = "old";
  d.cards = {CardDiff{Change::changed, "a"}, renamed, CardDiff{Change::removed, "b"}};
  EXPECT_EQ(totals_text(d),
            "1 card changed, 1 renamed, 1 removed; 12 outputs unchanged, 2 cards unchanged");
  EXPECT_EQ(card_change_text(renamed), "renamed from 'old'");
}

}  // namespace
}  // namespace placard
