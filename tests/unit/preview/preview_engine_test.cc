#include "preview/preview_engine.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/file_io.h"
#include "base/resources.h"

namespace fs = std::filesystem;

namespace placard {
namespace {

// A small project: three cards (a recommendation, a quote, a heading) at two
// sizes, a layout of its own whose picture shows on quote cards only, and a
// brand with a logo.
class PreviewProject : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("placard-preview-" + std::to_string(getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir / "brand");
    const fs::path examples = fs::path(PLACARD_TEST_DIR).parent_path() / "examples";
    fs::copy_file(examples / "brands/transforming/brand.yaml", dir / "brand/brand.yaml");
    fs::copy_file(examples / "brands/transforming/logo.svg", dir / "brand/logo.svg");
    fs::copy_file(examples / "brands/common-ground/logo.png", dir / "picture.png");
    write_file_atomic(path("layout.yaml"), kLayout);
    write_file_atomic(path("campaign.md"), campaign("Terminate the Priority Enforcement Program."));
  }
  void TearDown() override { fs::remove_all(dir); }

  std::string path(const std::string& name) const { return (dir / name).string(); }

  static std::string campaign(const std::string& first) {
    return "---\nname: Preview Test\nlayout: layout.yaml\nbrand: brand/brand.yaml\n"
           "sizes: [og, square]\nfooter: \"#PreviewTest\"\n---\n\n# Preview Test\n\n"
           "## Ending collaborations\n\n- " +
           first +
           " {#first}\n\n"
           "> Immigration enforcement is a civil process.\n";
  }

  // Saves a file with a new modification time even within one clock tick.
  void save(const std::string& name, const std::string& text) {
    write_file_atomic(path(name), text);
    fs::last_write_time(path(name), fs::last_write_time(path(name)) + std::chrono::seconds(++tick));
  }

  PreviewOptions options() const {
    PreviewOptions o;
    o.inputs = {path("campaign.md")};
    o.jobs = 2;
    return o;
  }

  static const PreviewOutput& output(const PreviewState& s, const std::string& id,
                                     const std::string& size) {
    for (const PreviewCard& c : s.cards)
      if (c.id == id)
        for (const PreviewOutput& o : c.outputs)
          if (o.size.name == size) return o;
    throw std::runtime_error("no output " + id + "/" + size);
  }

  static constexpr const char* kLayout = R"(name: test
description: headline, footer, logo; a picture on quotes
elements:
  - name: main
    type: stack
    box: [0.08, 0.1, 0.84, 0.6]
    items:
      - field: kicker
        size: [18, 24]
        color: accent
      - field: headline
        font: display
        size: [36, 80]
        color: ink
        gap: 12
  - name: footer
    type: text
    field: footer
    box: [0.08, 0.82, 0.5, 0.1]
    size: [18, 24]
    color: muted
    max_lines: 1
  - name: logo
    type: image
    source: logo
    box: [0.7, 0.8, 0.22, 0.14]
  - name: picture
    type: image
    when: [quote]
    source: picture.png
    box: [0.6, 0.05, 0.3, 0.2]
)";

  fs::path dir;
  int tick = 0;
  const std::string rec = "first";
  const std::string quote = "immigration-enforcement-is-a-civil-process";
  const std::string heading = "ending-collaborations";
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST_F(PreviewProject, FirstRefreshRendersEveryCardAtEverySize) {
  PreviewEngine engine(options());
  auto done = engine.refresh();
  EXPECT_EQ(done.size(), 6u);  // 3 cards x 2 sizes
  auto s = engine.state();
  ASSERT_EQ(s->cards.size(), 3u);
  ASSERT_EQ(s->sizes.size(), 2u);
  EXPECT_TRUE(s->errors.empty());
  for (const PreviewCard& c : s->cards)
    for (const PreviewOutput& o : c.outputs) {
      EXPECT_TRUE(o.current) << c.id << " " << o.size.name;
      ASSERT_TRUE(o.image);
      EXPECT_EQ(o.image->substr(1, 3), "PNG");
      EXPECT_NE(o.dump->find("\"line_boxes\""), std::string::npos);
    }
}

// The platform picker lists each size's surfaces (platforms.yaml), and each
// image's dump has their geometry and the platform check's findings.
TEST_F(PreviewProject, EachSizeNamesItsSurfacesAndEachDumpTheirAreas) {
  PreviewEngine engine(options());
  engine.refresh();
  auto s = engine.state();
  const nlohmann::json j = nlohmann::json::parse(preview_state_json(*s));
  for (const auto& size : j["sizes"]) {
    const SizePreset preset = parse_sizes({size["name"].get<std::string>()}, {})[0];
    ASSERT_EQ(size["surfaces"].size(), preset.surfaces.size()) << size["name"];
    for (size_t i = 0; i < preset.surfaces.size(); ++i) {
      EXPECT_EQ(size["surfaces"][i]["name"], preset.surfaces[i].name);
      EXPECT_EQ(size["surfaces"][i]["platform"], preset.surfaces[i].platform);
    }
  }
  for (const PreviewCard& c : s->cards)
    for (const PreviewOutput& o : c.outputs) {
      const nlohmann::json d = nlohmann::json::parse(*o.dump);
      ASSERT_EQ(d["surfaces"].size(), o.size.surfaces.size()) << c.id << " " << o.size.name;
      for (size_t i = 0; i < o.size.surfaces.size(); ++i)
        EXPECT_EQ(d["surfaces"][i]["covered"].size(),
                  covered_areas(o.size.surfaces[i], o.size.width, o.size.height).size());
    }
}

TEST_F(PreviewProject, EachImageDependsOnItsContentLayoutBrandImagesAndFonts) {
  PreviewEngine engine(options());
  engine.refresh();
  auto s = engine.state();
  auto has = [](const PreviewOutput& o, const fs::path& p) {
    return std::find(o.deps.begin(), o.deps.end(), fs::weakly_canonical(p).string()) !=
           o.deps.end();
  };
  for (const std::string& id : {rec, quote}) {
    const PreviewOutput& o = output(*s, id, "og");
    EXPECT_TRUE(has(o, dir / "campaign.md"));
    EXPECT_TRUE(has(o, dir / "layout.yaml"));
    EXPECT_TRUE(has(o, dir / "brand/brand.yaml"));
    EXPECT_TRUE(has(o, dir / "brand/logo.svg"));
    EXPECT_TRUE(has(o, fs::path(fonts_dir()) / "fonts.yaml"));
  }
  // The picture is drawn on quote cards only.
  EXPECT_TRUE(has(output(*s, quote, "square"), dir / "picture.png"));
  EXPECT_FALSE(has(output(*s, rec, "square"), dir / "picture.png"));
  // Watching covers every dependency.
  auto watched = engine.watched_files();
  EXPECT_NE(
      std::find(watched.begin(), watched.end(), fs::weakly_canonical(dir / "picture.png").string()),
      watched.end());
}

TEST_F(PreviewProject, NothingSavedRendersNothing) {
  PreviewEngine engine(options());
  engine.refresh();
  const long before = engine.renders();
  EXPECT_TRUE(engine.refresh().empty());
  EXPECT_EQ(engine.renders(), before);
}

TEST_F(PreviewProject, AWordChangedRendersOnlyThatCardsSizes) {
  PreviewEngine engine(options());
  engine.refresh();
  auto before = engine.state();
  save("campaign.md", campaign("Terminate the Priority Enforcement Scheme."));
  auto done = engine.refresh();
  EXPECT_EQ(sorted(done), sorted({rec + "/og", rec + "/square"}));
  auto after = engine.state();
  EXPECT_NE(output(*after, rec, "og").version, output(*before, rec, "og").version);
  EXPECT_NE(*output(*after, rec, "og").image, *output(*before, rec, "og").image);
  EXPECT_EQ(output(*after, quote, "og").version, output(*before, quote, "og").version);
  EXPECT_EQ(output(*after, quote, "og").image,
            output(*before, quote, "og").image);  // the same bytes, not a copy
}

TEST_F(PreviewProject, APictureSavedRendersOnlyTheCardsThatShowIt) {
  PreviewEngine engine(options());
  engine.refresh();
  // Another picture in its place.
  save("picture.png",
       read_file(
           (fs::path(PLACARD_TEST_DIR).parent_path() / "docs/images/example-square.png").string()));
  auto done = engine.refresh();
  EXPECT_EQ(sorted(done), sorted({quote + "/og", quote + "/square"}));
}

TEST_F(PreviewProject, TheBrandSavedRendersEveryCardOfItsCampaign) {
  PreviewEngine engine(options());
  engine.refresh();
  std::string brand = read_file(path("brand/brand.yaml"));
  brand.replace(brand.find("#FFC83D"), 7, "#FF8800");
  save("brand/brand.yaml", brand);
  EXPECT_EQ(engine.refresh().size(), 6u);
}

TEST_F(PreviewProject, ABrokenLayoutIsAnErrorWithItsLineAndTheImagesStay) {
  PreviewEngine engine(options());
  engine.refresh();
  const std::string good = kLayout;
  std::string bad = good;
  bad.replace(bad.find("    color: muted"), 16, "    colr: muted");
  save("layout.yaml", bad);
  EXPECT_TRUE(engine.refresh().empty());
  auto s = engine.state();
  ASSERT_EQ(s->errors.size(), 1u);
  const Diagnostic& d = s->errors[0];
  EXPECT_EQ(fs::path(d.loc.file).filename(), "layout.yaml");
  EXPECT_EQ(d.loc.line, 21);
  EXPECT_EQ(d.source_line, "    colr: muted");
  EXPECT_NE(d.message.find("'colr'"), std::string::npos);
  ASSERT_FALSE(d.hints.empty());
  EXPECT_EQ(d.hints[0], "did you mean 'color'?");
  const PreviewOutput& o = output(*s, rec, "og");
  EXPECT_TRUE(o.error);
  EXPECT_FALSE(o.current);
  EXPECT_TRUE(o.image);  // the last image stays on the page
  // The JSON carries the lines around it and the CLI's text with the caret.
  auto j = nlohmann::json::parse(preview_state_json(*s));
  EXPECT_EQ(j["errors"][0]["line"], 21);
  EXPECT_EQ(j["errors"][0]["source"][2]["text"], "    colr: muted");
  EXPECT_NE(j["errors"][0]["text"].get<std::string>().find("    colr: muted\n        ^\n"),
            std::string::npos);

  save("layout.yaml", good);
  EXPECT_EQ(engine.refresh().size(), 6u);
  s = engine.state();
  EXPECT_TRUE(s->errors.empty());
  EXPECT_TRUE(output(*s, rec, "og").current);
}

TEST_F(PreviewProject, AFooterThatFailsContrastIsReportedWithItsRatioAndColours) {
  PreviewEngine engine(options());
  std::string layout = kLayout;
  layout.replace(layout.find("    color: muted"), 16, "    color: primary");
  save("layout.yaml", layout);
  engine.refresh();
  auto s = engine.state();
  const PreviewOutput& o = output(*s, rec, "og");
  ASSERT_TRUE(o.image) << "the card still draws, to be outlined";
  ASSERT_EQ(o.contrast.size(), 1u);
  EXPECT_EQ(o.contrast[0].field, "footer");
  EXPECT_EQ(o.contrast[0].text_color, "#2E2A78");
  EXPECT_EQ(o.contrast[0].background, "#1C1A4A");
  EXPECT_LT(o.contrast[0].ratio, 1.5);
  EXPECT_EQ(o.contrast[0].needed, 4.5);
  EXPECT_TRUE(o.contrast_blocks);
}

TEST_F(PreviewProject, PickingALayoutNextToTheContentRendersWithIt) {
  PreviewEngine engine(options());
  engine.refresh();
  auto s = engine.state();
  EXPECT_TRUE(std::any_of(s->layouts.begin(), s->layouts.end(),
                          [](const PreviewChoice& c) { return c.id == "standard"; }));
  auto file = std::find_if(s->layouts.begin(), s->layouts.end(),
                           [](const PreviewChoice& c) { return c.label == "layout.yaml"; });
  ASSERT_NE(file, s->layouts.end());
  auto brand = std::find_if(s->brands.begin(), s->brands.end(),
                            [](const PreviewChoice& c) { return c.label == "brand/brand.yaml"; });
  ASSERT_NE(brand, s->brands.end());
  EXPECT_THROW(engine.choose("../../etc/passwd", ""), DiagnosticError);
  EXPECT_EQ(engine.choose("quote", "").size(), 6u);
  EXPECT_EQ(engine.state()->layout, "quote");
  EXPECT_EQ(engine.choose("", "").size(), 6u);  // back to the content's own
}

TEST_F(PreviewProject, ACharacterNoFontHasIsAWarningOnItsCard) {
  PreviewEngine engine(options());
  save("campaign.md", campaign("Terminate the Priority Enforcement Program \xF0\x93\x80\x80."));
  engine.refresh();
  auto s = engine.state();
  const PreviewOutput& o = output(*s, rec, "og");
  EXPECT_TRUE(o.current) << "a warning still draws the card";
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_NE(o.warnings[0].find("U+13000"), std::string::npos) << o.warnings[0];
  EXPECT_TRUE(output(*s, quote, "og").warnings.empty());
  EXPECT_NE(preview_state_json(*s).find("U+13000"), std::string::npos);
}

// A brand with fonts of its own (Debian's Cantarell, as in the example
// brand open-house): each card lists the files, their family, format, axes,
// instance and licence; each output the faces it is set in and the
// characters another font drew. The page's JSON names no folder above the
// brand's.
TEST_F(PreviewProject, TheDetailViewListsTheBrandsFontsAndWhatFellBack) {
  const fs::path fonts =
      fs::path(PLACARD_TEST_DIR).parent_path() / "examples/brands/open-house/fonts";
  fs::create_directories(dir / "brand/fonts");
  for (const char* f : {"Cantarell-Bold.otf", "Cantarell-Regular.otf"})
    fs::copy_file(fonts / f, dir / "brand/fonts" / f);
  std::string yaml = read_file(path("brand/brand.yaml"));
  const size_t at = yaml.find("fonts:");
  ASSERT_NE(at, std::string::npos);
  yaml.replace(at, yaml.find("logo:") - at,
               "fonts:\n  display: {file: fonts/Cantarell-Bold.otf, weight: 700}\n"
               "  text: {file: fonts/Cantarell-Regular.otf}\n");
  save("brand/brand.yaml", yaml);
  // An Arabic word Cantarell lacks, in the first card's text.
  save("campaign.md", campaign("Terminate the program \u0633\u0644\u0627\u0645."));
  PreviewEngine engine(options());
  engine.refresh();
  auto s = engine.state();
  ASSERT_FALSE(s->cards.empty());
  const PreviewCard& card = *std::find_if(s->cards.begin(), s->cards.end(),
                                          [&](const PreviewCard& c) { return c.id == rec; });
  ASSERT_EQ(card.fonts.size(), 2u);
  EXPECT_EQ(card.fonts[0].role, "display");
  EXPECT_EQ(card.fonts[0].file, "fonts/Cantarell-Bold.otf");
  EXPECT_EQ(card.fonts[0].family, "Cantarell");
  EXPECT_EQ(card.fonts[0].style, "Bold");
  EXPECT_EQ(card.fonts[0].format, "OpenType (CFF)");
  EXPECT_EQ(card.fonts[0].axes, "none");
  EXPECT_EQ(card.fonts[0].instance, "static");
  EXPECT_NE(card.fonts[0].licence.find("Open Font License"), std::string::npos);
  EXPECT_FALSE(card.fonts[0].restricted);
  EXPECT_EQ(card.fonts[1].file, "fonts/Cantarell-Regular.otf");
  const PreviewOutput& o = output(*s, rec, "og");
  ASSERT_TRUE(o.current);
  EXPECT_NE(std::find(o.faces.begin(), o.faces.end(),
                      "Placard Brand Cantarell \u00B7 Cantarell-Bold.otf \u00B7 static"),
            o.faces.end())
      << testing::PrintToString(o.faces);
  ASSERT_FALSE(o.fallbacks.empty());
  EXPECT_EQ(o.fallbacks[0].field, "headline");
  EXPECT_EQ(o.fallbacks[0].character, "\u0633");
  EXPECT_EQ(o.fallbacks[0].code, 0x0633u);
  EXPECT_EQ(o.fallbacks[0].font, "Noto Sans Arabic");
  EXPECT_TRUE(output(*s, quote, "og").fallbacks.empty());
  const nlohmann::json j = nlohmann::json::parse(preview_state_json(*s));
  const nlohmann::json* jc = nullptr;
  for (const auto& c : j.at("cards"))
    if (c.at("id") == rec) jc = &c;
  ASSERT_NE(jc, nullptr);
  EXPECT_EQ(jc->at("fonts").at(0).at("file"), "fonts/Cantarell-Bold.otf");
  EXPECT_EQ(jc->at("fonts").at(0).at("family"), "Cantarell");
  const nlohmann::json& og = jc->at("outputs").at(0);
  EXPECT_EQ(og.at("fallbacks").at(0).at("code"), "U+0633");
  EXPECT_EQ(og.at("fallbacks").at(0).at("font"), "Noto Sans Arabic");
  EXPECT_EQ(jc->at("fonts").dump().find(dir.string()), std::string::npos);
  // The bold file saved over with the regular one: every card renders again.
  const auto rendered = [&] {
    fs::copy_file(dir / "brand/fonts/Cantarell-Regular.otf", dir / "brand/fonts/Cantarell-Bold.otf",
                  fs::copy_options::overwrite_existing);
    return engine.refresh();
  }();
  EXPECT_NE(std::find(rendered.begin(), rendered.end(), rec + "/og"), rendered.end())
      << testing::PrintToString(rendered);
  EXPECT_NE(output(*engine.state(), rec, "og").version, o.version);
}

TEST_F(PreviewProject, AContentFileThatCannotBeReadKeepsItsCardsAndSaysWhere) {
  PreviewEngine engine(options());
  engine.refresh();
  save("campaign.md", "---\nname: [unclosed\n---\n\n- A card.\n");
  EXPECT_TRUE(engine.refresh().empty());
  auto s = engine.state();
  ASSERT_EQ(s->errors.size(), 1u);
  EXPECT_EQ(fs::path(s->errors[0].loc.file).filename(), "campaign.md");
  EXPECT_GT(s->errors[0].loc.line, 0);
  ASSERT_EQ(s->cards.size(), 3u) << "the cards stay on the page";
  EXPECT_FALSE(output(*s, rec, "og").current);
  EXPECT_TRUE(output(*s, rec, "og").image);
}

// The page shows the file `placard render` writes: the front matter's
// format, within the budgets file's byte budget, and a change to either
// renders again.
TEST_F(PreviewProject, ImagesFollowTheCampaignsFormatAndBudget) {
  PreviewEngine engine(options());
  engine.refresh();
  std::string text = read_file(path("campaign.md"));
  text.replace(text.find("sizes:"), 0, "format: webp\n");
  save("campaign.md", text);
  EXPECT_EQ(engine.refresh().size(), 6u);
  auto s = engine.state();
  for (const PreviewCard& c : s->cards)
    for (const PreviewOutput& o : c.outputs) {
      EXPECT_EQ(o.format, ImageFormat::webp) << c.id << " " << o.size.name;
      ASSERT_TRUE(o.image);
      EXPECT_EQ(o.image->substr(8, 4), "WEBP");
    }
  const auto json = nlohmann::json::parse(preview_state_json(*s));
  EXPECT_EQ(json["cards"][0]["outputs"][0]["format"], "webp");
  EXPECT_EQ(json["cards"][0]["outputs"][0]["ext"], "webp");
  EXPECT_EQ(json["cards"][0]["outputs"][0]["bytes"], s->cards[0].outputs[0].image->size());

  // JPEG under a budget of its own: a tighter og budget gives a smaller file.
  text.replace(text.find("format: webp"), 12, "format: jpeg\nbudgets: budgets.yaml");
  save("budgets.yaml", "og: 300 kB\n");
  save("campaign.md", text);
  engine.refresh();
  const size_t roomy = output(*engine.state(), rec, "og").image->size();
  EXPECT_EQ(output(*engine.state(), rec, "og").image->substr(0, 3), "\xFF\xD8\xFF");
  const std::int64_t tight = static_cast<std::int64_t>(roomy) * 2 / 3;
  save("budgets.yaml", "og: " + std::to_string(tight) + "\n");
  const auto done = engine.refresh();
  EXPECT_EQ(sorted(done), sorted({rec + "/og", quote + "/og", heading + "/og"}))
      << "the budgets file is a dependency of the og images only by their budget";
  const PreviewOutput& og = output(*engine.state(), rec, "og");
  EXPECT_LE(static_cast<std::int64_t>(og.image->size()), tight);
  EXPECT_TRUE(og.warnings.empty());
}

TEST_F(PreviewProject, ABrokenSvgTemplateIsAnErrorWithItsLine) {
  const std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">\n"
      "  <rect x=\"0\" y=\"0\" width=\"10\" height=\"10\">\n"
      "  <text id=\"headline\">x</text>\n</svg>\n";
  save("poster.svg", svg);
  PreviewOptions o = options();
  o.layout = path("poster.svg");
  PreviewEngine engine(o);
  EXPECT_TRUE(engine.refresh().empty());
  auto s = engine.state();
  ASSERT_EQ(s->errors.size(), 1u);
  EXPECT_EQ(fs::path(s->errors[0].loc.file).filename(), "poster.svg");
  EXPECT_EQ(s->errors[0].loc.line, 5);
  EXPECT_NE(s->errors[0].message.find("invalid SVG"), std::string::npos);
  // Listed in the layout picker, as a file next to the content.
  EXPECT_TRUE(std::any_of(s->layouts.begin(), s->layouts.end(),
                          [](const PreviewChoice& c) { return c.label == "poster.svg"; }));
}

// Changes as a test sets them up: each wait() reports the next entry.
class FakeChanges : public ChangeSource {
 public:
  explicit FakeChanges(std::vector<bool> events) : events_(std::move(events)) {}
  void set_files(const std::vector<std::string>& files) override { files_ = files; }
  bool wait(int) override {
    if (i_ < events_.size()) return events_[i_++];
    if (stop) *stop = true;
    return false;
  }
  std::vector<std::string> files_;
  std::atomic<bool>* stop = nullptr;

 private:
  std::vector<bool> events_;
  size_t i_ = 0;
};

TEST_F(PreviewProject, SavesInQuickSuccessionRefreshOnce) {
  PreviewEngine engine(options());
  engine.refresh();
  save("campaign.md", campaign("Terminate the Priority Enforcement Scheme."));
  // Three saves within the settling time, then quiet.
  FakeChanges changes({true, true, true, false});
  std::atomic<bool> stop{false};
  changes.stop = &stop;
  int refreshes = 0;
  std::vector<std::string> rendered;
  run_preview_loop(
      engine, changes,
      [&](const std::vector<std::string>& r) {
        ++refreshes;
        rendered = r;
      },
      stop, 1);
  EXPECT_EQ(refreshes, 1);
  EXPECT_EQ(rendered.size(), 2u);
  EXPECT_FALSE(changes.files_.empty());
}

}  // namespace
}  // namespace placard
