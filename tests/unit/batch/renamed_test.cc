#include "batch/renamed.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

ManifestCard card(std::string id, std::string source, std::string text) {
  ManifestCard c;
  c.id = std::move(id);
  c.source = std::move(source);
  c.text = std::move(text);
  return c;
}

TEST(Renamed, SamePlaceMostTextSameNewIdIsARename) {
  ManifestCard old = card("end-287g-agreemnts", "campaign.md:26:1",
                          "End 287(g) agreemnts. Local police should not do ICE's job.");
  EXPECT_TRUE(looks_renamed(old, "end-287g-agreements", "campaign.md:26:1",
                            "End 287(g) agreements. Local police should not do ICE's job."));
}

TEST(Renamed, AnotherPlaceAnotherTextOrTheSameIdIsNot) {
  ManifestCard old = card("a", "campaign.md:26:1", "End 287(g) agreements now");
  EXPECT_FALSE(looks_renamed(old, "b", "campaign.md:30:1", "End 287(g) agreements now"));
  EXPECT_FALSE(looks_renamed(old, "b", "other.md:26:1", "End 287(g) agreements now"));
  EXPECT_FALSE(looks_renamed(old, "b", "campaign.md:26:1", "Fund schools, not cages"));
  EXPECT_FALSE(looks_renamed(old, "a", "campaign.md:26:1", "End 287(g) agreements now"));
  EXPECT_FALSE(looks_renamed(card("a", "", "x y"), "b", "", "x y"));  // place unknown
}

TEST(Renamed, WarningNamesBothIdsAndTheHintKeepsTheOld) {
  Diagnostic d = renamed_card("end-287g-agreements", "end-every-287g-agreement",
                              {"campaign.md", 26, 1}, false);
  EXPECT_EQ(d.severity, Severity::warning);
  EXPECT_EQ(d.check, Check::renamed_card);
  EXPECT_EQ(format_diagnostic(d),
            "campaign.md:26:1: warning: card 'end-287g-agreements' is now "
            "'end-every-287g-agreement'; its files and URLs change\n"
            "hint: add {#end-287g-agreements} to keep them\n");
  EXPECT_EQ(renamed_card("a", "b", {"deck.yaml", 3, 1}, true).hints.at(0),
            "add 'id: a' to keep them");
  EXPECT_EQ(renamed_card("a", "b", {"deck.yaml", 3, 1}, true).severity, Severity::error);
  EXPECT_STREQ(check_name(Check::renamed_card), "renamed-card");
}

}  // namespace
}  // namespace placard
