// The command line as a user meets it: exit codes, messages, files written.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "base/file_io.h"
#include "image/png_read.h"

#include "run_placard.h"

namespace fs = std::filesystem;

namespace {

using placard::test::Result;
using placard::test::run;
using placard::test::shell;

class Cli : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("placard-cli-" + std::to_string(getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) {
    placard::write_file_atomic(path(name), text);
  }
  fs::path dir_;
};

const std::string kExample =
    std::string(PLACARD_TEST_DIR) + "/../examples/transforming-the-system/campaign.md";

}  // namespace

TEST_F(Cli, SizesListsEveryPreset) {
  Result r = run("sizes");
  EXPECT_EQ(r.code, 0);
  for (const char* s : {"og", "1200x630", "x", "1600x900", "square", "1080x1080", "portrait",
                        "1080x1350", "story", "1080x1920", "pinterest", "1000x1500"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  EXPECT_NE(r.out.find("text kept in x 65-880, y 288-1248"), std::string::npos);
}

TEST_F(Cli, VersionAndHelp) {
  EXPECT_EQ(run("--version").code, 0);
  Result help = run("--help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("render"), std::string::npos);
  EXPECT_NE(help.out.find("card"), std::string::npos);
}

TEST_F(Cli, BadUsageExitsWithTwo) {
  EXPECT_EQ(run("").code, 2);
  EXPECT_EQ(run("render").code, 2);
  EXPECT_EQ(run("frobnicate").code, 2);
  Result r = run("card Hello -o " + path("a.png") + " --size squre");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("unknown size 'squre'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("did you mean 'square'?"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(path("a.png")));
}

TEST_F(Cli, CardWritesOnePngOfExactlyItsSize) {
  Result r = run("card 'End 287(g) agreements.' -o " + path("card.png") +
                 " --size 1500x500 --kicker 'Recommendation 3 of 4' --footer '#Hashtag'");
  ASSERT_EQ(r.code, 0) << r.out;
  placard::Pixmap p = placard::decode_png(placard::read_file(path("card.png")), "card.png");
  EXPECT_EQ(p.width, 1500);
  EXPECT_EQ(p.height, 500);
}

TEST_F(Cli, CardDumpLayoutPrintsJson) {
  Result r = run("card 'Hello world' -o " + path("c.png") + " --dump-layout");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["width"], 1200);
  EXPECT_EQ(j["frames"][0]["blocks"][0]["text"], "Hello world");
}

TEST_F(Cli, RenderWritesEveryCardAtEverySizeAndAManifest) {
  Result r = run("render " + kExample + " -o " + path("out") + " --sizes all");
  ASSERT_EQ(r.code, 0) << r.out;
  auto manifest = nlohmann::json::parse(placard::read_file(path("out/manifest.json")));
  ASSERT_GE(manifest["cards"].size(), 6u);
  std::set<std::string> kinds;
  for (const auto& card : manifest["cards"]) {
    kinds.insert(card["kind"]);
    EXPECT_FALSE(card["alt"].get<std::string>().empty());
    ASSERT_EQ(card["outputs"].size(), 6u);
    for (const auto& o : card["outputs"]) {
      fs::path f = fs::path(path("out")) / o["file"].get<std::string>();
      ASSERT_TRUE(fs::exists(f)) << f;
      EXPECT_EQ(fs::file_size(f), o["bytes"].get<uint64_t>());
      placard::Pixmap p = placard::decode_png(placard::read_file(f.string()), f.string());
      EXPECT_EQ(p.width, o["width"].get<int>());
      EXPECT_EQ(p.height, o["height"].get<int>());
    }
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"heading", "quote", "recommendation"}));
  // Nothing half-written is left behind.
  for (const auto& e : fs::recursive_directory_iterator(path("out")))
    EXPECT_NE(e.path().extension(), ".tmp") << e.path();
}

TEST_F(Cli, TextThatCannotFitFailsTheCardNamingFieldAndShortfall) {
  std::string words;
  for (int i = 0; i < 120; ++i) words += "recommendation ";
  write("c.md", "## Section\n\n- " + words + "\n- Short and fine.\n");
  Result r = run("render " + path("c.md") + " -o " + path("out") + " --sizes og");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("c.md:3:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(og 1200x630): headline does not fit"), std::string::npos) << r.out;
  // The other cards are still rendered; the failed one leaves no file.
  EXPECT_TRUE(fs::exists(path("out/short-and-fine/og.png")));
  EXPECT_TRUE(fs::exists(path("out/section/og.png")));
  auto manifest = nlohmann::json::parse(placard::read_file(path("out/manifest.json")));
  EXPECT_EQ(manifest["cards"].size(), 2u);
}

TEST_F(Cli, BadContentIsAOneLineErrorWithPlace) {
  write("bad.md", "---\nname: X\nsizse: all\n---\n\n- One\n");
  Result r = run("render " + path("bad.md") + " -o " + path("out"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("bad.md:3:1: error: unknown key 'sizse'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("did you mean 'sizes'?"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(path("out/manifest.json")));
}

TEST_F(Cli, WorksFromAnyWorkingDirectory) {
  Result r = run("card Hi -o " + path("x.png") + " --layout standard");
  std::string cmd = "cd / && " + std::string(PLACARD_BINARY) + " layouts";
  FILE* p = popen(cmd.c_str(), "r");
  char buf[512] = {};
  size_t n = fread(buf, 1, sizeof buf - 1, p);
  EXPECT_EQ(pclose(p), 0);
  EXPECT_NE(std::string(buf, n).find("standard"), std::string::npos);
  EXPECT_EQ(r.code, 0) << r.out;
}

TEST_F(Cli, RenderTwiceThenCheckIsTheCiGate) {
  write("deck.csv", "kind,headline\nrecommendation,End 287(g) agreements.\nquote,Civil process.\n");
  const std::string args = "render " + path("deck.csv") + " -o " + path("out");
  Result first = run(args);
  ASSERT_EQ(first.code, 0) << first.out;
  // On a pipe: one summary line and nothing else.
  EXPECT_EQ(std::count(first.out.begin(), first.out.end(), '\n'), 1) << first.out;
  EXPECT_NE(first.out.find("2 images rendered, 0 up to date"), std::string::npos) << first.out;
  EXPECT_EQ(first.out.find('\r'), std::string::npos);  // no progress bar on a pipe

  Result again = run(args);
  EXPECT_NE(again.out.find("0 images rendered, 2 up to date"), std::string::npos) << again.out;
  EXPECT_EQ(run(args + " --check").code, 0);

  write("deck.csv",
        "kind,headline\nrecommendation,End 287(g) agreements now.\nquote,Civil process.\n");
  Result stale = run(args + " --check");
  EXPECT_EQ(stale.code, 1) << stale.out;
  EXPECT_NE(stale.out.find("missing: " + path("out") + "/end-287g-agreements-now/og.png"),
            std::string::npos)
      << stale.out;
  EXPECT_NE(stale.out.find("card removed"), std::string::npos) << stale.out;
  EXPECT_FALSE(fs::exists(path("out/end-287g-agreements-now")));  // --check wrote nothing

  Result fixed = run(args);
  EXPECT_NE(fixed.out.find("removed " + path("out") + "/end-287g-agreements/og.png"),
            std::string::npos)
      << fixed.out;
  EXPECT_EQ(run(args + " --check").code, 0);
}

TEST_F(Cli, JsonReportIsMachineReadable) {
  write("deck.json",
        R"({"sizes": ["og"], "cards": ["One card.", {"headline": "Two", "kind": "quote"}]})");
  Result r = run("render " + path("deck.json") + " -o " + path("out") + " --json -j 2 2>/dev/null");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["rendered"], 2);
  EXPECT_EQ(j["skipped"], 0);
  EXPECT_EQ(j["failed"], 0);
  EXPECT_TRUE(j["warnings"].is_array());
  EXPECT_TRUE(j["seconds"].is_number());
}

// Editions of one campaign with different cards: `placard render` names the
// missing cards per language; --strict makes that an error (exit 1).
TEST_F(Cli, AnEditionMissingCardsIsAWarningAndUnderStrictAnError) {
  write("en.md",
        "---\nlang: en\nsizes: og\n---\n# Campaign\n\n- End 287(g) agreements. {#end-287g}\n"
        "- Keep families together. {#families}\n");
  write("es.md",
        "---\nlang: es\nsizes: og\n---\n# Campaña\n\n- Poner fin a los acuerdos 287(g). "
        "{#end-287g}\n");
  const std::string inputs = path("en.md") + " " + path("es.md");
  Result r = run("render " + inputs + " -o " + path("out") + " --json 2>/dev/null");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["warnings"].size(), 1u);
  EXPECT_EQ(j["warnings"][0]["place"], path("es.md") + ":1:1");
  EXPECT_EQ(j["warnings"][0]["check"], "edition-gap");
  EXPECT_EQ(j["warnings"][0]["message"], "the 'es' edition has no card 'families' (in en)");
  EXPECT_EQ(j["rendered"], 3);

  Result strict = run("render " + inputs + " -o " + path("strict") + " --strict");
  EXPECT_EQ(strict.code, 1) << strict.out;
  EXPECT_NE(
      strict.out.find(
          path("es.md") +
          ":1:1: error: the 'es' edition has no card 'families' "
          "(in en)\n    ---\n    ^\nhint: translate the missing cards, giving each the same {#id} "
          "as in the other editions\n"),
      std::string::npos)
      << strict.out;
}

TEST_F(Cli, DeckErrorsHaveFileLineAndColumn) {
  write("deck.csv", "headline,knd\nHello,quote\n");
  Result r = run("render " + path("deck.csv") + " -o " + path("out"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find(path("deck.csv") + ":1:10: error: unknown column 'knd'"), std::string::npos)
      << r.out;
  EXPECT_FALSE(fs::exists(path("out/manifest.json")));
}

TEST_F(Cli, ShardsAndMerge) {
  write("deck.csv", "headline\nOne.\nTwo.\nThree.\nFour.\n");
  for (const char* s : {"1/2", "2/2"}) {
    Result r = run("render " + path("deck.csv") + " -o " + path("out") + " --shard " + s);
    ASSERT_EQ(r.code, 0) << r.out;
  }
  Result m = run("merge " + path("out/manifest.shard-1-of-2.json") + " " +
                 path("out/manifest.shard-2-of-2.json") + " -o " + path("out/manifest.json"));
  ASSERT_EQ(m.code, 0) << m.out;
  EXPECT_EQ(run("render " + path("deck.csv") + " -o " + path("out") + " --check").code, 0);
  Result half = run("merge " + path("out/manifest.shard-1-of-2.json") + " -o " + path("m.json"));
  EXPECT_EQ(half.code, 1);
  EXPECT_NE(half.out.find("shard 2/2 missing"), std::string::npos) << half.out;
  EXPECT_EQ(run("render " + path("deck.csv") + " -o " + path("out") + " --shard 3/2").code, 2);
  EXPECT_EQ(run("render " + path("deck.csv") + " -o " + path("out") + " --check --force").code, 2);
}

TEST_F(Cli, ProofWritesOneLabelledSheetAndFailsOnBadLayouts) {
  Result r = run("proof quote -o " + path("proof.png") + " --brand " +
                 std::string(PLACARD_TEST_DIR) + "/../examples/brands/common-ground/brand.yaml");
  EXPECT_EQ(r.code, 0) << r.out;
  placard::Pixmap sheet = placard::decode_png(placard::read_file(path("proof.png")), "proof");
  // Four sample rows of six sizes: wider than the six cards side by side.
  EXPECT_GT(sheet.width, 2000);
  EXPECT_GT(sheet.height, 4 * 360);
  EXPECT_NE(r.out.find("24 cards"), std::string::npos) << r.out;

  write("bad.yaml",
        "name: bad\nelements:\n  - name: m\n    type: text\n    box: [0.1, 0.1, 0.8, 0.8]\n"
        "    field: headline\n    size: 20\n    color: \"#BBBBBB\"\n");
  Result bad = run("proof " + path("bad.yaml") + " -o " + path("bad.png"));
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.out.find("has contrast"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("FAILED"), std::string::npos);
}

// A campaign's own platforms file: the sizes' safe zones follow it, and an
// output made under other platforms is made again.
TEST_F(Cli, APlatformsFileOfTheCampaignMovesTheSafeZoneAndRedrawsTheCards) {
  write("ours.yaml",
        "surfaces:\n"
        "  our-app:\n"
        "    platform: Our App\n"
        "    frame: 1200x630\n"
        "    covers: [{name: top banner, edge: top, px: 126}]\n"
        "    sources: [\"measured in our app, 2026-12-06\"]\n"
        "sizes:\n"
        "  og: [our-app]\n");
  Result sizes = run("sizes --platforms-file " + path("ours.yaml"));
  ASSERT_EQ(sizes.code, 0) << sizes.out;
  EXPECT_NE(sizes.out.find("(text kept in x 0-1200, y 126-630)"), std::string::npos) << sizes.out;
  Result listed = run("platforms --platforms-file " + path("ours.yaml"));
  EXPECT_NE(listed.out.find("our-app"), std::string::npos) << listed.out;

  write("c.md", "---\nname: T\n---\n\n# T\n\n- One card.\n");
  const std::string render = "render " + path("c.md") + " -o " + path("out") + " --sizes og";
  Result ours = run(render + " --platforms-file " + path("ours.yaml"));
  ASSERT_EQ(ours.code, 0) << ours.out;
  const std::string with_ours = placard::read_file(path("out/one-card/og.png"));
  EXPECT_NE(run(render + " --platforms-file " + path("ours.yaml")).out.find("1 up to date"),
            std::string::npos);
  Result built_in = run(render);
  ASSERT_EQ(built_in.code, 0) << built_in.out;
  EXPECT_NE(built_in.out.find("1 image rendered"), std::string::npos) << built_in.out;
  EXPECT_NE(placard::read_file(path("out/one-card/og.png")), with_ours);
  // A mistake in the file is an error at its place, before anything is drawn.
  write("bad.yaml", "sizes:\n  og: [our-ap]\n");
  Result bad = run(render + " --platforms-file " + path("bad.yaml"));
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.out.find(path("bad.yaml") + ":2:8: error: unknown surface 'our-ap'"),
            std::string::npos)
      << bad.out;
}

// ---- The gallery: placard render --gallery, placard gallery DIR ----

TEST_F(Cli, RenderWithGalleryWritesThePageAndZips) {
  Result r = run("render " + kExample + " -o " + path("out") + " --sizes og,story --gallery");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(
      r.out.find("placard: gallery " + path("out") + "/index.html: 6 cards, 1 language, 2 ZIPs"),
      std::string::npos)
      << r.out;
  std::string html = placard::read_file(path("out/index.html"));
  EXPECT_NE(html.find("<h1 id=\"en-title\">Transforming the System</h1>"), std::string::npos);
  EXPECT_NE(html.find("href=\"end-287g-agreements/story.png\" download>"), std::string::npos);
  EXPECT_TRUE(fs::exists(path("out/transforming-the-system-story.zip")));
  EXPECT_TRUE(fs::exists(path("out/gallery.css")));
  EXPECT_TRUE(fs::exists(path("out/gallery.js")));
  // Run again on the same folder: the same page.
  Result again = run("gallery " + path("out"));
  ASSERT_EQ(again.code, 0) << again.out;
  EXPECT_EQ(placard::read_file(path("out/index.html")), html);
}

// A plain render into a folder with a download page writes the page again,
// with the options it was made with: it never offers a card the manifest no
// longer lists, nor loses its base URL.
TEST_F(Cli, APlainRenderKeepsTheFoldersPageInStep) {
  write("c.md", "---\nname: T\n---\n\n# T\n\n- First card. {#first}\n- Second card. {#second}\n");
  Result r = run("render " + path("c.md") + " -o " + path("out") +
                 " --sizes og --gallery --base-url https://cards.example.org/t/");
  ASSERT_EQ(r.code, 0) << r.out;
  ASSERT_NE(placard::read_file(path("out/index.html")).find("second/og.png"), std::string::npos);
  write("c.md", "---\nname: T\n---\n\n# T\n\n- First card. {#first}\n");
  r = run("render " + path("c.md") + " -o " + path("out") + " --sizes og");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("placard: gallery " + path("out") + "/index.html: 1 card"),
            std::string::npos)
      << r.out;
  const std::string html = placard::read_file(path("out/index.html"));
  EXPECT_EQ(html.find("second/og.png"), std::string::npos);
  EXPECT_NE(html.find("https://cards.example.org/t/first/og.png"), std::string::npos);
  // A folder without a page gets none.
  ASSERT_EQ(run("render " + path("c.md") + " -o " + path("plain") + " --sizes og").code, 0);
  EXPECT_FALSE(fs::exists(path("plain/index.html")));
}

TEST_F(Cli, GalleryUsageAndIoErrors) {
  EXPECT_EQ(run("gallery " + path("nowhere")).code, 2);
  Result r = run("render " + kExample + " -o " + path("out") + " --base-url https://x.org/");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--base-url requires --gallery"), std::string::npos) << r.out;
  fs::create_directories(path("empty"));
  r = run("gallery " + path("empty"));
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("cannot read '" + path("empty") + "/manifest.json'"), std::string::npos)
      << r.out;
  ASSERT_EQ(run("render " + kExample + " -o " + path("out") + " --sizes og").code, 0);
  r = run("gallery " + path("out") + " --lead end-287g");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("there is no card 'end-287g'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("did you mean 'end-287g-agreements'?"), std::string::npos) << r.out;
  r = run("gallery " + path("out") + " --base-url ftp://example.org/");
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(fs::exists(path("out/index.html")));
}

TEST_F(Cli, MissingGlyphsAreNamedAndStrictMakesThemAnError) {
  Result warn = run("card 'Hieroglyph \xF0\x93\x80\x80 here' -o " + path("w.png"));
  EXPECT_EQ(warn.code, 0) << warn.out;
  EXPECT_NE(warn.out.find("no font has '\xF0\x93\x80\x80' (U+13000)"), std::string::npos)
      << warn.out;
  EXPECT_TRUE(fs::exists(path("w.png")));

  Result strict = run("card 'Hieroglyph \xF0\x93\x80\x80 here' -o " + path("s.png") + " --strict");
  EXPECT_EQ(strict.code, 1) << strict.out;
  EXPECT_NE(strict.out.find("error: card 'hieroglyph-here' og: headline: no font has"),
            std::string::npos)
      << strict.out;
  EXPECT_FALSE(fs::exists(path("s.png")));

  // In a batch the warning lands in the manifest, next to the output.
  write("c.md", "- Hieroglyph \xF0\x93\x80\x80 here\n");
  Result batch = run("render " + path("c.md") + " -o " + path("out") + " --sizes og");
  EXPECT_EQ(batch.code, 0) << batch.out;
  const std::string manifest = placard::read_file(path("out/manifest.json"));
  EXPECT_NE(manifest.find("U+13000"), std::string::npos);
  EXPECT_NE(manifest.find("\"check\": \"missing-glyph\""), std::string::npos) << manifest;
  // The warning shows the card's line, with a caret under where it begins.
  EXPECT_NE(batch.out.find("c.md:1:1: warning: card 'hieroglyph-here' og: headline: no font has"),
            std::string::npos)
      << batch.out;
  EXPECT_NE(batch.out.find("\n    - Hieroglyph \xF0\x93\x80\x80 here\n    ^\n"), std::string::npos)
      << batch.out;
}
