// `placard diff` on the example campaign, changed as a pull request would
// change it: what is reported, and the exit code.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "base/file_io.h"

#include "run_placard.h"

namespace fs = std::filesystem;

namespace {

using placard::test::Result;
using placard::test::run;

const std::string kExample = std::string(PLACARD_TEST_DIR) + "/../examples";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

class DiffCli : public placard::test::ScratchTest {
 protected:
  void SetUp() override {
    ScratchTest::SetUp();
    fs::copy(kExample + "/brands/transforming", path("brand"), fs::copy_options::recursive);
    campaign_ = replaced(placard::read_file(kExample + "/transforming-the-system/campaign.md"),
                         "brand: ../brands/transforming/brand.yaml", "brand: brand/brand.yaml");
    write("campaign.md", campaign_);
  }
  // Renders campaign.md into `out` (og and square, to keep the test short).
  Result render(const std::string& out, const std::string& extra = "") {
    Result r = run("render " + path("campaign.md") + " --sizes og,square -j 2 -o " + path(out) +
                   " " + extra);
    EXPECT_LE(r.code, 1) << r.out;
    return r;
  }
  void edit(const std::string& from, const std::string& to) {
    campaign_ = replaced(campaign_, from, to);
    write("campaign.md", campaign_);
  }
  Result diff(const std::string& extra = "") {
    return run("diff " + path("a") + " " + path("b") + " -o " + path("report") + " " + extra);
  }
  nlohmann::json diff_json() {
    // Only stdout: the summary line on stderr is not JSON.
    Result r = placard::test::shell("(" + std::string(PLACARD_BINARY) + " diff " + path("a") + " " +
                                    path("b") + " -o " + path("report") + " --json 2>/dev/null)");
    EXPECT_EQ(r.code, 1) << r.out;
    return nlohmann::json::parse(r.out);
  }
  std::string summary() { return placard::read_file(path("report/summary.md")); }
  std::string campaign_;
};

TEST_F(DiffCli, IdenticalFoldersExitZeroAndListNothing) {
  render("a");
  fs::copy(path("a"), path("b"), fs::copy_options::recursive);
  Result r = diff();
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("placard: nothing changed; 12 outputs unchanged, 6 cards unchanged"),
            std::string::npos)
      << r.out;
  EXPECT_NE(placard::read_file(path("report/index.html")).find("Nothing changed."),
            std::string::npos);
  EXPECT_EQ(summary().find("| Card |"), std::string::npos);
}

TEST_F(DiffCli, OneWordChangedListsExactlyThatCardsOutputs) {
  render("a");
  edit("Prohibit local law enforcement from collaborating",
       "Prohibit local police from collaborating");
  render("b");
  const auto j = diff_json();
  ASSERT_EQ(j["cards"].size(), 1u) << j.dump(2);
  const auto& card = j["cards"][0];
  EXPECT_EQ(card["id"], "prohibit-local-law-enforcement");
  EXPECT_EQ(card["change"], "changed");
  ASSERT_EQ(card["outputs"].size(), 2u);
  EXPECT_EQ(card["outputs"][0]["size"], "og");
  EXPECT_EQ(card["outputs"][1]["size"], "square");
  for (const auto& o : card["outputs"]) {
    EXPECT_GT(o["changed_share"].get<double>(), 0.0);
    EXPECT_LT(o["changed_share"].get<double>(), 0.5);
    EXPECT_TRUE(fs::is_regular_file(path("report/" + o["images"]["diff"].get<std::string>())));
  }
  EXPECT_NE(summary().find("~~law enforcement~~ **police**"), std::string::npos) << summary();
  // On the square card the shorter headline is set larger, on more lines.
  EXPECT_TRUE(std::regex_search(
      summary(), std::regex("square: headline [0-9.]+ → [0-9.]+ px; square: headline 3 → 4 lines")))
      << summary();
  EXPECT_EQ(j["unchanged_cards"], 5);
  // --exit-zero: the same report, and a pass.
  EXPECT_EQ(diff("--exit-zero").code, 0);
}

TEST_F(DiffCli, AHeadlineTypoFixedIsARenameTheRenderWarnsAbout) {
  edit(
      "- Prohibit local law enforcement from collaborating with ICE. "
      "{#prohibit-local-law-enforcement}",
      "- Prohibit local law enforcment from collaborating with ICE.");
  render("a");
  fs::copy(path("a"), path("b"), fs::copy_options::recursive);
  edit("enforcment", "enforcement");
  Result r = render("b");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("campaign.md:37:1: warning: card "
                       "'prohibit-local-law-enforcment-from-collaborating' is now "
                       "'prohibit-local-law-enforcement'; its files and URLs "
                       "change"),
            std::string::npos)
      << r.out;
  EXPECT_NE(
      r.out.find("hint: add {#prohibit-local-law-enforcment-from-collaborating} to keep them"),
      std::string::npos)
      << r.out;
  const auto j = diff_json();
  ASSERT_EQ(j["cards"].size(), 1u) << j.dump(2);
  EXPECT_EQ(j["cards"][0]["change"], "renamed");
  EXPECT_EQ(j["cards"][0]["old_id"], "prohibit-local-law-enforcment-from-collaborating");
  EXPECT_EQ(j["cards"][0]["text"][1]["words"], "enforcment");
  EXPECT_EQ(j["cards"][0]["text"][2]["words"], "enforcement");
  EXPECT_NE(summary().find("renamed from 'prohibit-local-law-enforcment-from-collaborating'"),
            std::string::npos);
}

TEST_F(DiffCli, StrictMakesTheRenameAnError) {
  edit(
      "- Prohibit local law enforcement from collaborating with ICE. "
      "{#prohibit-local-law-enforcement}",
      "- Prohibit local law enforcment from collaborating with ICE.");
  render("b");
  edit("enforcment", "enforcement");
  Result r = run("render " + path("campaign.md") + " --sizes og,square --strict -o " + path("b"));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("error: card 'prohibit-local-law-enforcment-from-collaborating' is now"),
            std::string::npos)
      << r.out;
}

TEST_F(DiffCli, ABrandColourChangedListsEveryCard) {
  render("a");
  write("brand/brand.yaml", replaced(placard::read_file(path("brand/brand.yaml")),
                                     "accent: \"#FFC83D\"", "accent: \"#3DDCFF\""));
  render("b");
  const auto j = diff_json();
  EXPECT_EQ(j["cards"].size(), 6u) << j.dump(2);
  EXPECT_EQ(j["unchanged_cards"], 0);
  EXPECT_EQ(j["notes"][0], "brand colour accent (en): #FFC83D → #3DDCFF") << j["notes"];
}

TEST_F(DiffCli, ACardRemovedAndOneAdded) {
  render("a");
  edit(
      "- Prohibit local law enforcement from collaborating with ICE. "
      "{#prohibit-local-law-enforcement}",
      "- Fund legal help for every family facing deportation. {#fund-legal-help}");
  render("b");
  const auto j = diff_json();
  ASSERT_EQ(j["cards"].size(), 2u) << j.dump(2);
  std::map<std::string, std::string> change;
  for (const auto& c : j["cards"]) change[c["id"]] = c["change"];
  EXPECT_EQ(change["fund-legal-help"], "added");
  EXPECT_EQ(change["prohibit-local-law-enforcement"], "removed");
  EXPECT_TRUE(fs::is_regular_file(path("report/img/fund-legal-help/og.after.png")));
  EXPECT_TRUE(fs::is_regular_file(path("report/img/prohibit-local-law-enforcement/og.before.png")));
}

TEST_F(DiffCli, PngToJpegIsAFormatChange) {
  render("a");
  render("b", "--format jpeg");
  const auto j = diff_json();
  EXPECT_EQ(j["cards"].size(), 6u);
  const auto& og = j["cards"][0]["outputs"][0];
  EXPECT_EQ(og["before"]["file"].get<std::string>().substr(
                og["before"]["file"].get<std::string>().size() - 6),
            "og.png");
  EXPECT_EQ(og["after"]["format"], "jpeg");
  EXPECT_EQ(og["notes"][0], "format png → jpeg");
}

TEST_F(DiffCli, FoldersThatCannotBeComparedExitTwo) {
  render("a");
  fs::create_directories(path("b"));
  Result r = diff();
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("error: NEW '" + path("b") + "' has no manifest.json"), std::string::npos)
      << r.out;
  write("b/manifest.json", "{\"generator\": ");
  r = diff();
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("invalid JSON"), std::string::npos) << r.out;
}

// The front matter's layout changed: every card is drawn on the new one, the
// report says so, and every output's digest changed with it (so that an
// incremental render draws them again).
TEST_F(DiffCli, ALayoutChangedInFrontMatterIsReported) {
  render("a");
  edit("layout: standard", "layout: statement");
  // From the content's folder, as CI runs it: "campaign.md" is in the folder "".
  Result r = placard::test::shell("cd " + path("") + " && " + PLACARD_BINARY +
                                  " render campaign.md --sizes og,square -j 2 -o b");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto before = nlohmann::json::parse(placard::read_file(path("a/manifest.json")));
  const auto after = nlohmann::json::parse(placard::read_file(path("b/manifest.json")));
  ASSERT_EQ(before["cards"].size(), after["cards"].size());
  for (size_t i = 0; i < after["cards"].size(); ++i) {
    EXPECT_EQ(before["cards"][i]["layout"], "standard");
    EXPECT_EQ(after["cards"][i]["layout"], "statement");
    EXPECT_EQ(after["cards"][i]["brand"], "brand/brand.yaml");
    for (size_t k = 0; k < after["cards"][i]["outputs"].size(); ++k)
      EXPECT_NE(before["cards"][i]["outputs"][k]["hash"], after["cards"][i]["outputs"][k]["hash"]);
  }
  const auto j = diff_json();
  ASSERT_EQ(j["cards"].size(), 6u) << j.dump(2);
  for (const auto& card : j["cards"]) {
    EXPECT_EQ(card["layout"]["before"], "standard") << card.dump(2);
    EXPECT_EQ(card["layout"]["after"], "statement");
    EXPECT_EQ(card["notes"][0], "layout: standard → statement");
    EXPECT_TRUE(card["text"].empty());
  }
  EXPECT_NE(summary().find("| layout: standard → statement; og: "), std::string::npos) << summary();
  EXPECT_NE(
      placard::read_file(path("report/index.html")).find("<li>layout: standard → statement</li>"),
      std::string::npos);
}

// The brand's display face changed: the same words, set wider or narrower,
// break elsewhere. The report shows the lines, with no word diff.
TEST_F(DiffCli, ABrandFontReBreaksTheSameText) {
  render("a");
  write("brand/brand.yaml", replaced(placard::read_file(path("brand/brand.yaml")),
                                     "display: {family: Inter Display, weight: 800}",
                                     "display: {family: Vollkorn, weight: 700}"));
  render("b");
  const auto j = diff_json();
  int rebroken = 0;
  for (const auto& card : j["cards"]) {
    EXPECT_TRUE(card["text"].empty()) << card.dump(2);
    for (const auto& o : card["outputs"])
      for (const auto& b : o["breaks"]) {
        ++rebroken;
        EXPECT_NE(b["before"], b["after"]);
        std::string was, now;
        for (const auto& l : b["before"]) was += l.get<std::string>();
        for (const auto& l : b["after"]) now += l.get<std::string>();
        EXPECT_FALSE(was.empty());
        EXPECT_FALSE(now.empty());
      }
  }
  EXPECT_GT(rebroken, 0) << j.dump(2);
  EXPECT_TRUE(std::regex_search(
      summary(), std::regex(R"re((og|square): headline breaks: "[^|]+ / [^|]+" → ")re")))
      << summary();
}

}  // namespace
