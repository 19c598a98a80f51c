// Personal cards planned as the server plans them: the personal layout and
// the refused words resolved from the content file, ids of other editions,
// and a supporter's values judged field by field.
#include "batch/personal.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <optional>

#include "base/file_io.h"
#include "batch/batch.h"
#include "batch/manifest.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"

namespace fs = std::filesystem;
using namespace placard;

namespace {

class PersonalPlanTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("placard-personal-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    write_file_atomic((dir_ / "blocked.txt").string(), "# refused\nbadword\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string campaign(const std::string& name, const std::string& personalize,
                       const std::string& lang = "en") {
    const std::string path = (dir_ / name).string();
    write_file_atomic(path, "---\nname: Test\nlang: " + lang + "\n" + personalize +
                                "---\n\n# Test\n\n## Section\n\n"
                                "- End 287(g) agreements. {#end-287g-agreements}\n"
                                "- Another card. {#another}\n");
    return path;
  }

  const std::string kBlock =
      "personalize:\n"
      "  cards: [end-287g-agreements]\n"
      "  fields: {name: {max: 10, required: true}, city: {max: 40}}\n"
      "  photo: true\n"
      "  layout: frame\n"
      "  blocklist: blocked.txt\n";
  fs::path dir_;
  Renderer renderer_;
};

TEST_F(PersonalPlanTest, ThePersonalLayoutAndBlocklistComeFromTheContentFile) {
  PersonalPlan plan(campaign("c.md", kBlock), "og", Limits{}, renderer_);
  const PlannedCard& card = plan.card("end-287g-agreements");
  EXPECT_TRUE(card.personal());
  ASSERT_NE(card.personal_layout, nullptr);
  EXPECT_EQ(card.personal_layout->name, "frame");
  EXPECT_EQ(card.layout->name, "standard");  // the static card keeps its own
  ASSERT_NE(card.blocklist, nullptr);
  EXPECT_TRUE(card.blocklist->matches("Badword"));
  try {
    plan.card("another");
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().message, "card 'another' may not be personalised");
  }
}

// A supporter's photo is decoded no larger than the slot it fills: the frame
// layout's photo takes the right 60% of a link card and the top 66% of a
// square one.
TEST_F(PersonalPlanTest, ThePhotosBoxIsTheSlotOfThePersonalLayoutAtThatSize) {
  PersonalPlan plan(campaign("c.md", kBlock), "og", Limits{}, renderer_);
  const PlannedCard& card = plan.card("end-287g-agreements");
  const auto og = supporter_photo_box(card, parse_sizes({"og"}, {}).front());
  EXPECT_EQ(og, std::make_pair(720, 630));
  const auto square = supporter_photo_box(card, parse_sizes({"square"}, {}).front());
  EXPECT_EQ(square.first, 1080);
  EXPECT_NEAR(square.second, 0.66 * 1080, 1.0);
  // Where it is on the card (the panel's preview is drawn there): og's on
  // the right half, square's along the top.
  const std::optional<Rect> og_slot = supporter_photo_slot(card, parse_sizes({"og"}, {}).front());
  ASSERT_TRUE(og_slot);
  EXPECT_DOUBLE_EQ(og_slot->x, 480);
  EXPECT_DOUBLE_EQ(og_slot->y, 0);
  const std::optional<Rect> sq_slot =
      supporter_photo_slot(card, parse_sizes({"square"}, {}).front());
  ASSERT_TRUE(sq_slot);
  EXPECT_DOUBLE_EQ(sq_slot->x, 0);
  EXPECT_NEAR(sq_slot->h, 0.66 * 1080, 1.0);
}

TEST_F(PersonalPlanTest, ASecondEditionsCardIsCoveredByTheIdItsFileWrites) {
  // Two editions in one run: the Spanish card is served as "...-es", and
  // `cards:` names it as its file writes it.
  RenderOptions o;
  o.inputs = {campaign("c.md", kBlock), campaign("c.es.md", kBlock, "es")};
  BatchReport report;
  Planner planner(o, report);
  planner.read(renderer_);
  ASSERT_TRUE(report.errors.empty()) << report.errors.front().message;
  int personal = 0;
  for (const PlannedCard& c : planner.cards("")) {
    if (c.card.id == "end-287g-agreements-es") {
      EXPECT_EQ(c.source_id, "end-287g-agreements");
      EXPECT_TRUE(c.personal());
    }
    personal += c.personal();
  }
  EXPECT_EQ(personal, 2);
}

TEST_F(PersonalPlanTest, AMissingBlocklistOrLayoutFailsAtItsLine) {
  std::string block = kBlock;
  block.replace(block.find("blocked.txt"), 11, "nowhere.txt");
  try {
    PersonalPlan plan(campaign("c.md", block), "og", Limits{}, renderer_);
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_NE(e.diagnostic().message.find("nowhere.txt' does not exist"), std::string::npos);
    EXPECT_EQ(e.diagnostic().loc.line, 9);
  }
  block = kBlock;
  block.replace(block.find("layout: frame"), 13, "layout: frmae");
  try {
    PersonalPlan plan(campaign("c.md", block), "og", Limits{}, renderer_);
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().loc.line, 8);
    EXPECT_NE(e.diagnostic().message.find("frmae"), std::string::npos) << e.diagnostic().message;
  }
}

TEST_F(PersonalPlanTest, APhotoOrARequiredFieldTheLayoutCannotShowIsAnError) {
  std::string block = kBlock;
  block.replace(block.find("layout: frame"), 13, "layout: standard");
  PersonalPlan plan(campaign("c.md", block), "og", Limits{}, renderer_);
  try {
    plan.card("end-287g-agreements");
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().loc.line, 7);  // the photo: line
    EXPECT_NE(e.diagnostic().message.find("has no image with 'source: supporter'"),
              std::string::npos)
        << e.diagnostic().message;
  }
  Personalize p;
  p.fields = {{"name", 40, true, {"c.md", 5, 11}}};
  Layout photo_only = parse_layout(
      "elements:\n  - {type: image, source: supporter, box: [0, 0, 1, 1]}\n", "p.yaml");
  try {
    check_personal_layout(p, photo_only);
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().message, "field 'name' is required, but layout 'p' shows it nowhere");
    EXPECT_EQ(e.diagnostic().loc.line, 5);
  }
}

TEST_F(PersonalPlanTest, ValuesAreJudgedInTheOrderTheCampaignDeclaresThem) {
  PersonalPlan plan(campaign("c.md", kBlock), "og", Limits{}, renderer_);
  const PlannedCard& card = plan.card("end-287g-agreements");
  Supporter s;
  auto e = supporter_fields(card, {{"city", "Houston"}}, s);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "name");
  EXPECT_EQ(e->problem, FieldProblem::missing);
  e = supporter_fields(card, {{"name", "Bartholomew Jr"}}, s);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->problem, FieldProblem::too_long);
  EXPECT_EQ(e->message, "'name' is longer than 10 characters");
  e = supporter_fields(card, {{"name", "badword"}}, s);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->message, "this name can't be used");
  EXPECT_TRUE(s.fields.empty());
  e = supporter_fields(card, {{"name", " Ana\u202E "}, {"city", "Houston"}}, s);
  EXPECT_FALSE(e);
  EXPECT_EQ(s.fields, (std::map<std::string, std::string>{{"name", "Ana"}, {"city", "Houston"}}));
  // The card renders with them, in the personal layout.
  Rendered r = render_personal(card, parse_sizes({"square"}, {})[0], s, renderer_);
  bool named = false;
  for (const PlacedFrame& f : r.layout.frames)
    for (const PlacedBlock& b : f.blocks)
      named |= b.block.text.plain().find("Ana") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST_F(PersonalPlanTest, AWordMixingScriptsIsRefusedUnlessTheCampaignAllowsIt) {
  const std::string mixed = "Ivan\u043E\u0432\u0430";  // "Ivanова": Latin, Cyrillic ending
  Supporter s;
  PersonalPlan strict(campaign("strict.md", kBlock), "og", Limits{}, renderer_);
  auto e = supporter_fields(strict.card("end-287g-agreements"), {{"name", mixed}}, s);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->problem, FieldProblem::mixed_scripts);
  EXPECT_EQ(e->message, "'name' mixes alphabets in one word");

  PersonalPlan open(campaign("open.md", kBlock + "  allow_mixed_scripts: true\n"), "og", Limits{},
                    renderer_);
  const PlannedCard& card = open.card("end-287g-agreements");
  EXPECT_FALSE(supporter_fields(card, {{"name", mixed}}, s));
  EXPECT_EQ(s.fields.at("name"), mixed);
  // The refused words still match their look-alikes ("bаdword", Cyrillic а).
  e = supporter_fields(card, {{"name", "b\u0430dword"}}, s);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->problem, FieldProblem::blocked);
}

TEST_F(PersonalPlanTest, TheManifestRecordsWhatASupporterMayPutOnEachCard) {
  // The download page builds its panel from this record, in every edition.
  RenderOptions o;
  o.inputs = {campaign("c.md", kBlock), campaign("c.es.md", kBlock, "es")};
  o.out_dir = (dir_ / "out").string();
  o.sizes = {"og"};
  BatchReport report = run_batch(o);
  ASSERT_TRUE(report.errors.empty()) << report.errors.front().message;
  const std::string path = (dir_ / "out" / "manifest.json").string();
  Manifest m = manifest_from_json(read_file(path), path);
  std::map<std::string, std::optional<ManifestPersonal>> personal;
  for (const ManifestCard& c : m.cards) personal[c.id] = c.personal;
  const ManifestPersonal expected{{{"name", 10, true}, {"city", 40, false}}, true};
  EXPECT_EQ(personal.at("end-287g-agreements"), expected);
  EXPECT_EQ(personal.at("end-287g-agreements-es"), expected);
  EXPECT_EQ(personal.at("another"), std::nullopt);
  EXPECT_EQ(personal.at("another-es"), std::nullopt);
}

}  // namespace
