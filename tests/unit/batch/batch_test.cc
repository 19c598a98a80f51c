// The batch as a CI job and a designer meet it: incremental re-runs, --check,
// removal of vanished cards, threads and shards that do not change a byte.
#include "batch/batch.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "base/file_io.h"
#include "batch/manifest.h"
#include "batch/merge.h"

namespace fs = std::filesystem;

namespace placard {
namespace {

class Batch : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("placard-batch-" + std::to_string(getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) {
    write_file_atomic(path(name), text);
  }
  RenderOptions options(const std::string& out, std::vector<std::string> inputs = {"deck.csv"}) {
    RenderOptions o;
    for (auto& i : inputs) o.inputs.push_back(path(i));
    o.out_dir = path(out);
    o.jobs = 1;
    return o;
  }
  // Every file under `out` with its bytes.
  std::map<std::string, std::string> files(const std::string& out) {
    std::map<std::string, std::string> m;
    for (const auto& e : fs::recursive_directory_iterator(path(out)))
      if (e.is_regular_file())
        m[fs::relative(e.path(), path(out)).string()] = read_file(e.path().string());
    return m;
  }
  fs::path dir_;
};

const char* kDeck =
    "kind,headline,sizes\n"
    "recommendation,End 287(g) agreements.,\"og,square\"\n"
    "recommendation,Keep families together.,og\n"
    "quote,Enforcement is a civil process.,og\n";

TEST_F(Batch, SecondRunRendersOnlyWhatChanged) {
  write("deck.csv", kDeck);
  BatchReport first = run_batch(options("out"));
  EXPECT_EQ(first.rendered, 4);
  EXPECT_TRUE(first.errors.empty());
  auto before = files("out");
  EXPECT_EQ(before.size(), 5u);  // 4 PNGs and the manifest

  BatchReport again = run_batch(options("out"));
  EXPECT_EQ(again.rendered, 0);
  EXPECT_EQ(again.up_to_date, 4);
  EXPECT_FALSE(again.manifest_written);
  EXPECT_EQ(files("out"), before);

  // One card's text changes: only its PNG is rendered again.
  std::string deck = kDeck;
  deck.replace(deck.find("Keep families"), 4, "Hold");
  write("deck.csv", deck);
  BatchReport edited = run_batch(options("out"));
  EXPECT_EQ(edited.rendered, 1);
  EXPECT_EQ(edited.up_to_date, 3);
  auto after = files("out");
  EXPECT_EQ(after["end-287g-agreements/og.png"], before["end-287g-agreements/og.png"]);
  EXPECT_FALSE(after.contains("keep-families-together/og.png"));  // its id changed with its text
  EXPECT_TRUE(after.contains("hold-families-together/og.png"));
  ASSERT_EQ(edited.removed.size(), 1u);
  EXPECT_EQ(edited.removed[0].file, "keep-families-together/og.png");
  EXPECT_FALSE(fs::exists(path("out/keep-families-together")));  // the empty folder too

  // --force renders everything again, to the same bytes.
  RenderOptions force = options("out");
  force.force = true;
  BatchReport forced = run_batch(force);
  EXPECT_EQ(forced.rendered, 4);
  EXPECT_EQ(files("out"), after);
}

TEST_F(Batch, AManifestChangedOnDiskIsWrittenAgain) {
  write("deck.csv", kDeck);
  run_batch(options("out"));
  const std::string manifest = read_file(path("out/manifest.json"));
  // The same records, with a byte of layout changed (the length kept) or
  // its last line end cut: each is written again, to the same text.
  std::string spaced = manifest;
  spaced[manifest.find('\n')] = ' ';
  for (const std::string& on_disk : {spaced, manifest.substr(0, manifest.size() - 1)}) {
    write("out/manifest.json", on_disk);
    BatchReport again = run_batch(options("out"));
    EXPECT_EQ(again.rendered, 0);
    EXPECT_TRUE(again.manifest_written);
    EXPECT_EQ(read_file(path("out/manifest.json")), manifest);
  }
}

TEST_F(Batch, TheManifestNamesSourcesRelativeToTheContentFolder) {
  // Rendered from absolute paths (as a CI job does): the published manifest
  // says where each card is written, not where the build machine keeps it.
  write("deck.csv", kDeck);
  run_batch(options("out"));
  const std::string json = read_file(path("out/manifest.json"));
  EXPECT_EQ(json.find(dir_.string()), std::string::npos) << json;
  const Manifest m = manifest_from_json(json, "manifest.json");
  ASSERT_EQ(m.cards.size(), 3u);
  EXPECT_EQ(m.cards[0].source, "deck.csv:2:1");
  EXPECT_EQ(m.cards[2].source, "deck.csv:4:1");
}

TEST_F(Batch, CheckWritesNothingAndListsMissingStaleAndRemoved) {
  write("deck.csv", kDeck);
  RenderOptions check = options("out");
  check.check = true;
  BatchReport nothing_yet = run_batch(check);
  EXPECT_EQ(nothing_yet.wanting.size(), 4u);
  EXPECT_EQ(nothing_yet.wanting[0].why, "missing");
  EXPECT_FALSE(fs::exists(path("out")));

  RenderOptions render = options("out");
  render.brand = std::string(PLACARD_TEST_DIR) + "/../examples/brands/transforming/brand.yaml";
  check.brand = render.brand;
  run_batch(render);
  EXPECT_TRUE(run_batch(check).wanting.empty());

  // A brand change makes every output stale; the same brand bytes from
  // another folder do not.
  fs::copy(std::string(PLACARD_TEST_DIR) + "/../examples/brands/transforming", path("brand"));
  check.brand = path("brand/brand.yaml");
  auto before = files("out");
  BatchReport same = run_batch(check);
  EXPECT_TRUE(same.errors.empty());
  EXPECT_TRUE(same.wanting.empty());
  write("brand/brand.yaml", read_file(path("brand/brand.yaml")) + "\n# edited\n");
  BatchReport stale = run_batch(check);
  EXPECT_TRUE(stale.errors.empty());
  EXPECT_EQ(stale.wanting.size(), 4u);
  EXPECT_EQ(stale.wanting[0].why, "stale");

  // A card that is gone is listed for removal.
  write("deck.csv", "kind,headline,sizes\nquote,Enforcement is a civil process.,og\n");
  BatchReport gone = run_batch(check);
  EXPECT_EQ(gone.removed.size(), 3u);
  EXPECT_EQ(files("out"), before);  // nothing was touched
}

TEST_F(Batch, ThreadCountDoesNotChangeAByte) {
  std::string deck = "headline,kind,lang\n";
  for (int i = 1; i <= 8; ++i)
    deck += "Card number " + std::to_string(i) + " says something different.,recommendation," +
            (i % 2 ? "en" : "es") + "\n";
  write("deck.csv", deck);
  RenderOptions one = options("one");
  RenderOptions two = options("two");
  two.jobs = 2;
  run_batch(one);
  BatchReport r = run_batch(two);
  EXPECT_EQ(r.jobs, 2);
  EXPECT_EQ(r.rendered, 8);
  EXPECT_EQ(files("one"), files("two"));
}

TEST_F(Batch, ShardsMergeIntoTheWholeRunsManifest) {
  std::string deck = "headline\n";
  for (int i = 1; i <= 6; ++i) deck += "Statement " + std::to_string(i) + " of the deck.\n";
  write("deck.csv", deck);
  run_batch(options("whole"));
  int total = 0;
  for (int k = 1; k <= 3; ++k) {
    RenderOptions o = options("sharded");
    o.shard = {k, 3};
    BatchReport r = run_batch(o);
    total += r.rendered;
    EXPECT_TRUE(fs::exists(path("sharded/manifest.shard-" + std::to_string(k) + "-of-3.json")));
  }
  EXPECT_EQ(total, 6);  // each card in exactly one shard
  merge_files(
      {path("sharded/manifest.shard-1-of-3.json"), path("sharded/manifest.shard-2-of-3.json"),
       path("sharded/manifest.shard-3-of-3.json")},
      path("sharded/manifest.json"));
  EXPECT_EQ(read_file(path("sharded/manifest.json")), read_file(path("whole/manifest.json")));
  // The merged manifest makes the folder up to date for an unsharded run.
  RenderOptions check = options("sharded");
  check.check = true;
  EXPECT_TRUE(run_batch(check).wanting.empty());
}

TEST_F(Batch, AFailingCardKeepsItsLastOutputsAndTheOthersRender) {
  write("deck.csv", "headline\nFirst card.\nSecond card.\n");
  run_batch(options("out"));
  std::string words;
  for (int i = 0; i < 150; ++i) words += "recommendation ";
  write("deck.csv", "headline,id\nFirst card changed.,first-card\n" + words + ",second-card\n");
  BatchReport r = run_batch(options("out"));
  EXPECT_EQ(r.failed_cards, 1);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("does not fit"), std::string::npos);
  EXPECT_EQ(r.rendered, 1);
  // The manifest still describes the files on disk: the failed card's last
  // entry, with its old digest, so the next run tries it again.
  Manifest m = manifest_from_json(read_file(path("out/manifest.json")), "m");
  ASSERT_EQ(m.cards.size(), 2u);
  EXPECT_EQ(m.cards[1].id, "second-card");
  EXPECT_TRUE(fs::exists(path("out/second-card/og.png")));
}

TEST_F(Batch, DeckSettingsPerCardAndIdsAcrossLanguages) {
  write("campaign.yaml", "lang: en\ncards:\n  - {headline: End raids., id: end-raids}\n");
  write("campaign.es.yaml",
        "lang: es\ncards:\n  - {headline: Fin de las redadas., id: end-raids, sizes: story}\n");
  BatchReport r = run_batch(options("out", {"campaign.yaml", "campaign.es.yaml"}));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(fs::exists(path("out/end-raids/og.png")));
  EXPECT_TRUE(fs::exists(path("out/end-raids-es/story.png")));
  EXPECT_FALSE(fs::exists(path("out/end-raids-es/og.png")));
  // Within one language a clash is an error for the later card.
  write("campaign.es.yaml", "cards:\n  - {headline: Otra., id: end-raids}\n");
  r = run_batch(options("out2", {"campaign.yaml", "campaign.es.yaml"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("duplicate id 'end-raids'"), std::string::npos);
}

TEST(Shard, EveryIdHasOneStableShard) {
  EXPECT_EQ(shard_of("anything", 1), 1);
  std::map<int, int> counts;
  for (int i = 0; i < 300; ++i) {
    int s = shard_of("card-" + std::to_string(i), 3);
    ASSERT_GE(s, 1);
    ASSERT_LE(s, 3);
    ++counts[s];
    EXPECT_EQ(s, shard_of("card-" + std::to_string(i), 3));
  }
  for (auto [s, n] : counts) EXPECT_GT(n, 60) << "shard " << s;  // roughly even
  EXPECT_EQ(manifest_name({2, 4}), "manifest.shard-2-of-4.json");
  EXPECT_EQ(manifest_name({}), "manifest.json");
}

}  // namespace
}  // namespace placard

namespace placard {
namespace {

TEST_F(Batch, AnEditionMissingCardsIsNamedPerLanguageAndFailsUnderStrict) {
  write("en.md",
        "---\nlang: en\nsizes: og\n---\n# Campaign\n\n- End 287(g) agreements. {#end-287g}\n"
        "- Keep families together. {#families}\n");
  write("es.md",
        "---\nlang: es\nsizes: og\n---\n# Campaña\n\n- Poner fin a los acuerdos 287(g). "
        "{#end-287g}\n");
  BatchReport r = run_batch(options("out", {"en.md", "es.md"}));
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(placard::format_location(r.warnings[0].loc).find("es.md:1:1"), std::string::npos);
  EXPECT_NE(r.warnings[0].message.find("the 'es' edition has no card 'families' (in en)"),
            std::string::npos)
      << r.warnings[0].message;
  EXPECT_EQ(r.rendered, 3);  // the cards themselves still render
  // The Spanish card's id gets the language; the manifest keeps the
  // content's id, which the gallery matches editions by.
  Manifest m = manifest_from_json(read_file(path("out/manifest.json")), "m");
  ASSERT_EQ(m.cards.size(), 3u);
  EXPECT_EQ(m.cards[0].id, "end-287g");
  EXPECT_EQ(m.cards[0].content_id, "");
  EXPECT_EQ(m.cards[2].id, "end-287g-es");
  EXPECT_EQ(m.cards[2].content_id, "end-287g");

  RenderOptions strict = options("strict", {"en.md", "es.md"});
  strict.strict = true;
  BatchReport s = run_batch(strict);
  ASSERT_FALSE(s.errors.empty());
  EXPECT_EQ(s.errors[0].message, "the 'es' edition has no card 'families' (in en)");
}

}  // namespace
}  // namespace placard

namespace placard {
namespace {

// A brand's own font is an input of its cards: saving another file over it
// renders them again, the manifest lists it per card, and the run reports
// what the file is (issue 22).
TEST_F(Batch, ABrandFontIsAnInputOfItsCardsAndListedInTheManifest) {
  write("deck.csv", kDeck);
  fs::copy(std::string(PLACARD_TEST_DIR) + "/../examples/brands/open-house", path("brand"),
           fs::copy_options::recursive);
  RenderOptions o = options("out");
  o.brand = path("brand/brand.yaml");
  BatchReport first = run_batch(o);
  ASSERT_TRUE(first.errors.empty()) << first.errors.front().message;
  EXPECT_EQ(first.rendered, 4);
  const Manifest m =
      manifest_from_json(read_file(path("out/manifest.json")), path("out/manifest.json"));
  ASSERT_FALSE(m.cards.empty());
  EXPECT_EQ(m.cards[0].fonts,
            (std::vector<std::string>{"fonts/Cantarell-Bold.otf", "fonts/Cantarell-Regular.otf"}));
  ASSERT_FALSE(first.brand_fonts.empty());
  EXPECT_NE(
      first.brand_fonts[1].find("Cantarell Bold (OpenType (CFF)) from fonts/Cantarell-Bold.otf"),
      std::string::npos)
      << first.brand_fonts[1];
  EXPECT_EQ(run_batch(o).rendered, 0);
  // The bold file replaced by the regular one: every card changes.
  fs::copy_file(path("brand/fonts/Cantarell-Regular.otf"), path("brand/fonts/Cantarell-Bold.otf"),
                fs::copy_options::overwrite_existing);
  EXPECT_EQ(run_batch(o).rendered, 4);
}

}  // namespace
}  // namespace placard
