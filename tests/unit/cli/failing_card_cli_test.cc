// What a run leaves when a card fails, and what --strict says, whatever the
// output folder held before: the previous files and manifest entry of a
// failing card stay byte for byte, and the exit code of a gate does not
// depend on what ran before.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

#include "base/file_io.h"

#include "run_placard.h"

namespace fs = std::filesystem;

namespace {

using placard::test::Result;
using placard::test::run;

// placard with these arguments, what it writes on stdout only.
Result stdout_of(const std::string& args) {
  return placard::test::shell("{ " + std::string(PLACARD_BINARY) + " " + args + " 2>/dev/null; }");
}

class FailingCard : public placard::test::ScratchTest {
 public:
  // Every file under `folder` with its size and a hash of its bytes.
  std::map<std::string, std::string> files_in(const std::string& folder) const {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(path(folder)))
      if (e.is_regular_file()) {
        const std::string bytes = placard::read_file(e.path().string());
        out[fs::relative(e.path(), path(folder)).string()] =
            std::to_string(bytes.size()) + " bytes, hash " +
            std::to_string(std::hash<std::string>{}(bytes));
      }
    return out;
  }
};

// The broken versions below put one setting in place of the comment, so
// that no card moves to another line.
const char* kCampaign = "---\nname: T\n# settings\n---\n\n# T\n\n- One card.\n- Another card.\n";

// Renders kCampaign into k/, then renders `broken` over it: the run fails,
// and every file of k/ is as it was, and the gallery still builds.
void expect_kept(FailingCard& t, const std::string& broken, const std::string& message,
                 const std::string& sizes = "--sizes og,story") {
  t.write("k.md", kCampaign);
  Result first = run("render " + t.path("k.md") + " -o " + t.path("k") + " " + sizes);
  ASSERT_EQ(first.code, 0) << first.out;
  const auto before = t.files_in("k");
  ASSERT_EQ(before.size(), 5u);  // two cards at two sizes, and the manifest

  t.write("k.md", broken);
  Result second = run("render " + t.path("k.md") + " -o " + t.path("k") + " " + sizes);
  EXPECT_EQ(second.code, 1) << second.out;
  EXPECT_NE(second.out.find(message), std::string::npos) << second.out;
  EXPECT_EQ(second.out.find("removed"), std::string::npos) << second.out;
  EXPECT_EQ(t.files_in("k"), before) << second.out;

  Result gallery = run("gallery " + t.path("k"));
  EXPECT_EQ(gallery.code, 0) << gallery.out;
}

}  // namespace

TEST_F(FailingCard, AnUnknownLayoutKeepsThePreviousImagesAndManifest) {
  expect_kept(*this, "---\nname: T\nlayout: standrd\n---\n\n# T\n\n- One card.\n- Another card.\n",
              "unknown layout 'standrd'");
}

TEST_F(FailingCard, AMissingLayoutFileKeepsThePreviousImagesAndManifest) {
  expect_kept(*this,
              "---\nname: T\nlayout: mine.yaml\n---\n\n# T\n\n- One card.\n- Another card.\n",
              "mine.yaml");
}

TEST_F(FailingCard, ABrokenLayoutFileKeepsThePreviousImagesAndManifest) {
  write("mine.yaml", "name: mine\nelements:\n  - name: headline\n    tpye: text\n");
  expect_kept(*this,
              "---\nname: T\nlayout: mine.yaml\n---\n\n# T\n\n- One card.\n- Another card.\n",
              "mine.yaml:3:5: error: element needs a 'box: [x, y, width, height]'");
}

TEST_F(FailingCard, APersonalizeMismatchKeepsThePreviousImagesAndManifest) {
  expect_kept(*this,
              "---\nname: T\npersonalize: {cards: [one-card], photo: true}\n---\n\n# T\n\n"
              "- One card.\n- Another card.\n",
              "has no image with 'source: supporter'");
}

// A brand that cannot be read fails the whole file: its cards' files stay,
// and so does its edition (the download page's title and colours).
TEST_F(FailingCard, AMissingBrandKeepsThePreviousImagesManifestAndEdition) {
  expect_kept(*this, "---\nname: T\nbrand: ours.yaml\n---\n\n# T\n\n- One card.\n- Another card.\n",
              "brand file '" + path("ours.yaml") + "' does not exist");
}

// A brand whose own font is broken (a WOFF2 cut in half, as an interrupted
// download leaves it): the run fails at the brand file, writes nothing for
// its cards in a fresh folder, and keeps what an earlier run wrote.
TEST_F(FailingCard, ABrandWithABrokenFontWritesNothingAndKeepsThePreviousImages) {
  const std::string woff2 = std::string(PLACARD_TEST_DIR) +
                            "/../node_modules/@fontsource-variable/inter/files/"
                            "inter-latin-wght-normal.woff2";
  ASSERT_TRUE(fs::exists(woff2)) << "run scripts/install-deps.sh";
  const std::string bytes = placard::read_file(woff2);
  fs::create_directories(path("fonts"));
  write("fonts/Grotesk.woff2", bytes.substr(0, bytes.size() / 2));
  write("ours.yaml",
        "name: Ours\ncolors: {paper: \"#FFFFFF\", ink: \"#111111\", accent: \"#1D4ED8\", "
        "primary: \"#1E3A8A\"}\nfonts:\n  display: {file: fonts/Grotesk.woff2}\n"
        "  text: {family: Inter}\n");
  const std::string broken =
      "---\nname: T\nbrand: ours.yaml\n---\n\n# T\n\n- One card.\n- Another card.\n";
  write("fresh.md", broken);
  Result fresh = run("render " + path("fresh.md") + " -o " + path("fresh") + " --sizes og,story");
  EXPECT_EQ(fresh.code, 1) << fresh.out;
  EXPECT_NE(fresh.out.find(path("ours.yaml") + ":4:19: error: brand font 'display' file "
                                               "'fonts/Grotesk.woff2' is not a font"),
            std::string::npos)
      << fresh.out;
  // No image, and no file half-written, of either card.
  if (fs::exists(path("fresh"))) {
    for (const auto& e : fs::recursive_directory_iterator(path("fresh"))) {
      EXPECT_FALSE(e.is_regular_file() && e.path().filename() != "manifest.json") << e.path();
    }
  }
  expect_kept(*this, broken, "'fonts/Grotesk.woff2' is not a font");
}

// A card whose text no longer fits keeps its files (its id pinned, so it is
// the same card).
TEST_F(FailingCard, TextThatNoLongerFitsKeepsThePreviousImagesAndManifest) {
  std::string words;
  for (int i = 0; i < 300; ++i) words += " Unworkable";
  expect_kept(
      *this,
      "---\nname: T\n# settings\n---\n\n# T\n\n-" + words + " {#one-card}\n- Another card.\n",
      "headline does not fit in");
}

// Only the failing card keeps its old files; the other is rendered anew.
TEST_F(FailingCard, OneCardFailingKeepsItsFilesAndTheOthersRender) {
  write("k.yaml", "name: T\ncards:\n  - One card.\n  - Another card.\n");
  const std::string render = "render " + path("k.yaml") + " -o " + path("k") + " --sizes og,story";
  ASSERT_EQ(run(render).code, 0);
  const auto before = files_in("k");
  const auto old_manifest = nlohmann::json::parse(placard::read_file(path("k/manifest.json")));
  write("k.yaml",
        "name: T\ncards:\n  - One card, now longer.\n"
        "  - {headline: Another card., layout: standrd}\n");
  Result r = run(render);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("1 card(s) FAILED"), std::string::npos) << r.out;
  const auto after = files_in("k");
  EXPECT_NE(after.find("one-card-now-longer/og.png"), after.end());
  EXPECT_EQ(after.find("one-card/og.png"), after.end());  // that card is gone
  EXPECT_EQ(after.at("another-card/og.png"), before.at("another-card/og.png"));
  EXPECT_EQ(after.at("another-card/story.png"), before.at("another-card/story.png"));
  const auto manifest = nlohmann::json::parse(placard::read_file(path("k/manifest.json")));
  ASSERT_EQ(manifest["cards"].size(), 2u);
  EXPECT_EQ(manifest["cards"][1], old_manifest["cards"][1]);
  EXPECT_EQ(run("gallery " + path("k")).code, 0);
}

// A missing glyph is a warning, and --strict makes it an error: the same
// exit code whether the outputs were rendered just now or are up to date,
// and the warning is said again on every run.
TEST_F(FailingCard, StrictFailsTheSameWhetherOrNotTheOutputsAreUpToDate) {
  write("glyph.md", "# G\n\n- Hieroglyph \xF0\x93\x80\x80 here.\n");
  const std::string render = "render " + path("glyph.md") + " -o ";

  Result fresh = run(render + path("fresh") + " --strict");
  EXPECT_EQ(fresh.code, 1) << fresh.out;

  Result loose = stdout_of(render + path("g") + " --json");
  ASSERT_EQ(loose.code, 0) << loose.out;
  ASSERT_EQ(nlohmann::json::parse(loose.out)["warnings"].size(), 1u) << loose.out;
  const auto before = files_in("g");

  // Up to date: the warning is still reported, from the manifest.
  Result again = stdout_of(render + path("g") + " --json");
  EXPECT_EQ(again.code, 0) << again.out;
  auto j = nlohmann::json::parse(again.out);
  EXPECT_EQ(j["rendered"], 0);
  EXPECT_EQ(j["warnings"], nlohmann::json::parse(loose.out)["warnings"]);

  Result strict = run(render + path("g") + " --strict");
  EXPECT_EQ(strict.code, 1) << strict.out;
  EXPECT_NE(strict.out.find("no font has"), std::string::npos) << strict.out;
  Result check = run(render + path("g") + " --strict --check");
  EXPECT_EQ(check.code, 1) << check.out;
  EXPECT_NE(check.out.find("no font has"), std::string::npos) << check.out;
  // Failing under --strict removes and rewrites nothing.
  EXPECT_EQ(files_in("g"), before);
  // Without --strict the gate passes.
  EXPECT_EQ(run(render + path("g") + " --check").code, 0);
}

TEST_F(FailingCard, StrictFailsAnUpToDateCardOverItsBudget) {
  write("b.md", "# B\n\n- Over budget.\n");
  write("budgets.yaml", "og: 1000\n");
  const std::string render =
      "render " + path("b.md") + " --budgets " + path("budgets.yaml") + " -o " + path("b");
  Result loose = run(render);
  ASSERT_EQ(loose.code, 0) << loose.out;
  Result strict = run(render + " --strict");
  EXPECT_EQ(strict.code, 1) << strict.out;
  EXPECT_NE(strict.out.find("over the og budget of 1000 bytes"), std::string::npos) << strict.out;
  EXPECT_EQ(run(render + " --strict --check").code, 1);
}

// One bad row of a deck fails that card only; the others render.
TEST_F(FailingCard, OneBadDeckRowFailsOnlyItsCard) {
  write("d.csv", "headline,kind\nFirst.,recommendation\nSecond.,recomendation\nThird.,quote\n");
  Result csv = run("render " + path("d.csv") + " -o " + path("csv"));
  EXPECT_EQ(csv.code, 1) << csv.out;
  EXPECT_NE(csv.out.find(path("d.csv") + ":3:9: error: unknown kind 'recomendation'"),
            std::string::npos)
      << csv.out;
  EXPECT_NE(csv.out.find("did you mean 'recommendation'?"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("1 card(s) FAILED"), std::string::npos) << csv.out;
  EXPECT_TRUE(fs::exists(path("csv/first/og.png")));
  EXPECT_TRUE(fs::exists(path("csv/third/og.png")));
  EXPECT_FALSE(fs::exists(path("csv/second")));

  write("d.yaml",
        "cards:\n  - {headline: First.}\n  - {headline: Second., kind: recomendation}\n"
        "  - {headline: Third., colour: red}\n  - {headline: Fourth.}\n");
  Result yaml = run("render " + path("d.yaml") + " -o " + path("yaml"));
  EXPECT_EQ(yaml.code, 1) << yaml.out;
  EXPECT_NE(yaml.out.find(path("d.yaml") + ":3:31: error: unknown kind 'recomendation'"),
            std::string::npos)
      << yaml.out;
  EXPECT_NE(yaml.out.find(path("d.yaml") + ":4:24: error: unknown field 'colour'"),
            std::string::npos)
      << yaml.out;
  EXPECT_NE(yaml.out.find("2 card(s) FAILED"), std::string::npos) << yaml.out;
  EXPECT_TRUE(fs::exists(path("yaml/first/og.png")));
  EXPECT_TRUE(fs::exists(path("yaml/fourth/og.png")));

  // Once fixed, the failed row renders, under the id its headline gives.
  write("d.csv", "headline,kind\nFirst.,recommendation\nSecond.,recommendation\nThird.,quote\n");
  Result fixed = run("render " + path("d.csv") + " -o " + path("csv"));
  EXPECT_EQ(fixed.code, 0) << fixed.out;
  EXPECT_TRUE(fs::exists(path("csv/second/og.png")));
}
