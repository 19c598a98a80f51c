#include "diff/report_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace placard {
namespace {

TEST(ReportJson, TheSameFactsAsData) {
  FolderDiff d;
  d.unchanged_outputs = 5;
  CardDiff c{Change::renamed, "new-id"};
  c.old_id = "old-id";
  c.text = {{WordEdit::Op::removed, "teh"}, {WordEdit::Op::added, "the"}};
  OutputDiff o;
  o.size = "og";
  o.change = Change::changed;
  o.changed_share = 0.25;
  o.box = PixelBox{1, 2, 3, 4};
  o.diff_image = "img/new-id/og.diff.png";
  c.outputs = {o};
  d.cards = {c};
  const auto j = nlohmann::json::parse(report_json(d));
  EXPECT_TRUE(j["changed"]);
  EXPECT_EQ(j["unchanged_outputs"], 5);
  EXPECT_EQ(j["cards"][0]["change"], "renamed");
  EXPECT_EQ(j["cards"][0]["old_id"], "old-id");
  EXPECT_EQ(j["cards"][0]["text"][1]["op"], "added");
  EXPECT_EQ(j["cards"][0]["outputs"][0]["box"]["height"], 4);
  EXPECT_EQ(j["cards"][0]["outputs"][0]["images"]["diff"], "img/new-id/og.diff.png");
  EXPECT_DOUBLE_EQ(j["cards"][0]["outputs"][0]["changed_share"].get<double>(), 0.25);
}

TEST(ReportJson, BreaksLayoutAndBrandAsData) {
  FolderDiff d;
  CardDiff c{Change::changed, "a"};
  c.layout = NameChange{"standard", "heading"};
  OutputDiff o;
  o.size = "og";
  o.change = Change::changed;
  o.breaks = {{"headline", {"End 287(g)", "agreements."}, {"End 287(g) agreements."}}};
  c.outputs = {o, o};
  c.outputs[1].size = "x";
  c.outputs[1].breaks.clear();
  d.cards = {c};
  const auto j = nlohmann::json::parse(report_json(d));
  const auto& card = j["cards"][0];
  EXPECT_EQ(card["layout"]["before"], "standard");
  EXPECT_EQ(card["layout"]["after"], "heading");
  EXPECT_FALSE(card.contains("brand"));  // the same brand: not listed
  const auto& breaks = card["outputs"][0]["breaks"];
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0]["field"], "headline");
  using Lines = std::vector<std::string>;
  EXPECT_EQ(breaks[0]["before"].get<Lines>(), (Lines{"End 287(g)", "agreements."}));
  EXPECT_EQ(breaks[0]["after"].get<Lines>(), (Lines{"End 287(g) agreements."}));
  EXPECT_TRUE(card["outputs"][1]["breaks"].is_array());
  EXPECT_TRUE(card["outputs"][1]["breaks"].empty());
}
}  // namespace
}  // namespace placard
