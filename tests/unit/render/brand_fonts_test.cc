#include "render/brand_fonts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/file_io.h"
#include "base/resources.h"
#include "image/image_read.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/layout_dump.h"
#include "render/pipeline.h"

namespace fs = std::filesystem;

namespace placard {
namespace {

// Fonts nobody here made: the variable WOFF2 files of the npm packages
// @fontsource-variable/inter and …/noto-sans-arabic (package-lock.json pins
// them; scripts/install-deps.sh installs them), and Debian's Cantarell.
const fs::path kSource = fs::path(PLACARD_TEST_DIR).parent_path();
const fs::path kInter = kSource / "node_modules/@fontsource-variable/inter/files";
const fs::path kArabic = kSource / "node_modules/@fontsource-variable/noto-sans-arabic/files";
const fs::path kCantarell = "/usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf";

class BrandFonts : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const fs::path& p : {kInter / "inter-latin-opsz-normal.woff2", kCantarell})
      if (!fs::exists(p)) GTEST_FAIL() << p << " is missing: run scripts/install-deps.sh";
    dir_ = fs::temp_directory_path() / ("placard-brand-fonts-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "fonts");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A brand folder `name` with `fonts_yaml` under `fonts:`; returns brand.yaml.
  std::string brand(const std::string& name, const std::string& fonts_yaml) {
    const fs::path p = dir_ / (name + ".yaml");
    std::ofstream(p) << "name: " << name << "\n"
                     << "colors: {paper: \"#FFFFFF\", ink: \"#111111\", accent: \"#1D4ED8\", "
                        "primary: \"#1E3A8A\"}\n"
                     << "fonts:\n"
                     << fonts_yaml;
    return p.string();
  }
  void copy(const fs::path& from, const std::string& to) {
    fs::copy_file(from, dir_ / "fonts" / to, fs::copy_options::overwrite_existing);
  }
  Brand resolve(const std::string& path) {
    Content none;
    return resolve_brand(path, none, renderer_.fonts());
  }
  Rendered render(const Brand& b, const std::string& text, const std::string& lang = "en") {
    ContentCard card = statement_card(text);
    card.lang = lang;
    CampaignMeta meta;
    meta.lang = lang;
    const Layout layout = load_layout("standard");
    return render_one(make_render_job(card, meta, layout, b, parse_sizes({"og"}, {})[0]),
                      renderer_);
  }
  // The message of the error resolving `path` fails with ("" if none).
  std::string error_of(const std::string& path) {
    try {
      resolve(path);
    } catch (const DiagnosticError& e) {
      std::string out = format_location(e.diagnostic().loc) + ": " + e.diagnostic().message;
      for (const auto& h : e.diagnostic().hints) out += "\nhint: " + h;
      return out;
    }
    return "";
  }

  fs::path dir_;
  Renderer renderer_;
};

std::string dump(const Rendered& r) {
  return dump_layout(r.card, r.layout, false);
}

// Dark pixels of the card: the ink of its type (the paper is white).
long dark_pixels(const Rendered& r) {
  const Pixmap p = decode_image(r.bytes, "card.png");
  long n = 0;
  for (int y = 0; y < p.height; ++y)
    for (int x = 0; x < p.width; ++x) {
      const Rgba c = p.rgba(x, y);
      n += c.r < 128 && c.g < 128 && c.b < 128;
    }
  return n;
}

TEST_F(BrandFonts, AVariableWoff2BesideTheBrandSetsTheHeadlineAtItsWeightAndOpticalSize) {
  copy(kInter / "inter-latin-opsz-normal.woff2", "Grotesk.woff2");
  const Brand b = resolve(brand("grotesk",
                                "  display: {file: fonts/Grotesk.woff2, weight: 780}\n"
                                "  text: {file: fonts/Grotesk.woff2}\n"));
  ASSERT_EQ(b.font_set.files.size(), 1u);
  EXPECT_EQ(b.fonts.at("display").label, "Inter");
  EXPECT_TRUE(b.fonts.at("display").wght_axis);
  EXPECT_TRUE(b.fonts.at("display").opsz_axis);
  const Rendered r = render(b, "Weights between instances");
  const std::string d = dump(r);
  // The face is the brand's file, at weight 780 (between Bold and
  // ExtraBold) and an optical size that follows the headline's pixel size.
  EXPECT_NE(d.find("Grotesk.woff2 \u00B7 wght=780,opsz="), std::string::npos) << d;
  EXPECT_TRUE(r.layout.warnings.empty()) << r.layout.warnings.front().message;
  // The report names the file, its format, axes and licence.
  ASSERT_FALSE(b.font_report.lines.empty());
  EXPECT_NE(b.font_report.lines[0].find("brand font 'display': Inter Regular (WOFF2, axes opsz "
                                        "14\u201332, wght 100\u2013900) from fonts/Grotesk.woff2"),
            std::string::npos)
      << b.font_report.lines[0];
}

TEST_F(BrandFonts, WeightsOfAVariableFontGiveMonotonicallyBolderStems) {
  copy(kInter / "inter-latin-wght-normal.woff2", "Grotesk.woff2");
  long last = 0;
  for (int w : {400, 650, 900}) {
    const Brand b =
        resolve(brand("w" + std::to_string(w),
                      "  display: {file: fonts/Grotesk.woff2, weight: " + std::to_string(w) +
                          "}\n  text: {file: fonts/Grotesk.woff2}\n"));
    const Rendered r = render(b, "IIII llll");
    EXPECT_NE(dump(r).find("Grotesk.woff2 \u00B7 wght=" + std::to_string(w)), std::string::npos)
        << dump(r);
    const long ink = dark_pixels(r);
    EXPECT_GT(ink, last * 1.05) << "weight " << w << " is not bolder than the one before";
    last = ink;
  }
}

TEST_F(BrandFonts, AStaticOtfConvertedToWoff2DrawsTheSamePixels) {
  copy(kCantarell, "Cantarell.otf");
  const std::string cmd =
      "woff2_compress " + (dir_ / "fonts/Cantarell.otf").string() + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "woff2_compress (Debian's woff2) is needed";
  const Brand otf = resolve(brand("otf",
                                  "  display: {file: fonts/Cantarell.otf}\n"
                                  "  text: {file: fonts/Cantarell.otf}\n"));
  const Brand woff2 = resolve(brand("woff2",
                                    "  display: {file: fonts/Cantarell.woff2}\n"
                                    "  text: {file: fonts/Cantarell.woff2}\n"));
  EXPECT_NE(woff2.font_report.lines[0].find("Cantarell Regular (WOFF2)"), std::string::npos)
      << woff2.font_report.lines[0];
  // The licence string of the font's name table.
  EXPECT_NE(otf.font_report.lines[0].find("licence: \"This Font Software is licensed under the SIL "
                                          "Open Font License"),
            std::string::npos)
      << otf.font_report.lines[0];
  const Rendered a = render(otf, "The same letters either way");
  const Rendered b = render(woff2, "The same letters either way");
  EXPECT_NE(dump(a).find("Cantarell.otf \u00B7 static"), std::string::npos) << dump(a);
  EXPECT_NE(dump(b).find("Cantarell.woff2 \u00B7 static"), std::string::npos) << dump(b);
  const Pixmap pa = decode_image(a.bytes, "a.png"), pb = decode_image(b.bytes, "b.png");
  ASSERT_EQ(pa.width, pb.width);
  ASSERT_EQ(pa.height, pb.height);
  long differ = 0;
  for (int y = 0; y < pa.height; ++y)
    for (int x = 0; x < pa.width; ++x) differ += pa.argb(x, y) != pb.argb(x, y);
  EXPECT_EQ(differ, 0);
}

// Both files call themselves "Inter", as does a bundled family; each card
// is set in its own brand's file, and the bundled brand's card is the same
// as from a renderer that never saw a brand font.
TEST_F(BrandFonts, TwoBrandsWithOneFamilyNameEachUseTheirOwnFile) {
  copy(kInter / "inter-latin-wght-normal.woff2", "A.woff2");
  copy(kInter / "inter-latin-opsz-normal.woff2", "B.woff2");
  const Brand a =
      resolve(brand("a", "  display: {file: fonts/A.woff2}\n  text: {file: fonts/A.woff2}\n"));
  const Brand b =
      resolve(brand("b", "  display: {file: fonts/B.woff2}\n  text: {file: fonts/B.woff2}\n"));
  ASSERT_EQ(a.fonts.at("display").family, b.fonts.at("display").family);
  const Brand bundled = resolve(default_brand_path());
  Renderer fresh;
  ContentCard card = statement_card("Isolation between brands");
  const Layout layout = load_layout("standard");
  const SizePreset og = parse_sizes({"og"}, {})[0];
  const std::string alone = render_one(make_render_job(card, {}, layout, bundled, og), fresh).bytes;
  const Rendered ra = render(a, "Isolation between brands");
  const Rendered rb = render(b, "Isolation between brands");
  const Rendered rc = render(bundled, "Isolation between brands");
  EXPECT_NE(dump(ra).find("A.woff2"), std::string::npos);
  EXPECT_EQ(dump(ra).find("B.woff2"), std::string::npos);
  EXPECT_NE(dump(rb).find("B.woff2"), std::string::npos);
  EXPECT_EQ(dump(rb).find("A.woff2"), std::string::npos);
  EXPECT_EQ(dump(rc).find("faces"), std::string::npos);
  EXPECT_EQ(rc.bytes, alone);
  EXPECT_NE(ra.bytes, rb.bytes);
}

TEST_F(BrandFonts, TheBrandsArabicFaceSetsArabicAndItsOpticalSizeIsMeasuredFromIt) {
  copy(kInter / "inter-latin-wght-normal.woff2", "Latin.woff2");
  copy(kArabic / "noto-sans-arabic-arabic-wght-normal.woff2", "Arabic.woff2");
  const Brand b = resolve(brand("ar",
                                "  display: {file: fonts/Latin.woff2}\n"
                                "  text: {file: fonts/Latin.woff2}\n"
                                "  scripts:\n"
                                "    arabic: {file: fonts/Arabic.woff2}\n"));
  ASSERT_EQ(b.font_set.scripts.size(), 1u);
  const Rendered r =
      render(b, "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645", "ar");
  const std::string d = dump(r);
  EXPECT_NE(d.find("Arabic.woff2"), std::string::npos) << d;
  EXPECT_TRUE(r.layout.warnings.empty()) << r.layout.warnings.front().message;
}

TEST_F(BrandFonts, ACharacterTheBrandFontLacksIsAWarningNamingTheFallback) {
  // The latin subset has no Cyrillic: the bundled Inter draws it.
  copy(kInter / "inter-latin-wght-normal.woff2", "Latin.woff2");
  const Brand b = resolve(brand("cy",
                                "  display: {file: fonts/Latin.woff2}\n"
                                "  text: {file: fonts/Latin.woff2}\n"));
  const Rendered r = render(b, "Hello \u041C\u0438\u0440");
  ASSERT_FALSE(r.layout.warnings.empty());
  EXPECT_NE(r.layout.warnings.front().message.find("'\u041C' (U+041C) is not in the brand's fonts; "
                                                   "drawn with fallback 'Inter'"),
            std::string::npos)
      << r.layout.warnings.front().message;
}

TEST_F(BrandFonts, BadFontsAreErrorsAtTheBrandFileWithHints) {
  copy(kInter / "inter-latin-wght-normal.woff2", "Good.woff2");
  // Missing file.
  const std::string missing =
      brand("m", "  display: {file: fonts/Goood.woff2}\n  text: {family: Inter}\n");
  EXPECT_EQ(error_of(missing).substr(0, error_of(missing).find('\n')),
            missing + ":4:19: font file 'fonts/Goood.woff2' does not exist");
  EXPECT_NE(error_of(missing).find("did you mean 'fonts/Good.woff2'"), std::string::npos)
      << error_of(missing);
  // A WOFF2 whose brotli stream is cut short.
  {
    const std::string bytes = read_file((dir_ / "fonts/Good.woff2").string());
    std::ofstream(dir_ / "fonts/Cut.woff2", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }
  const std::string cut =
      brand("c", "  display: {file: fonts/Cut.woff2}\n  text: {family: Inter}\n");
  EXPECT_NE(
      error_of(cut).find(cut + ":4:19: brand font 'display' file 'fonts/Cut.woff2' is not a font "
                               "FreeType can read"),
      std::string::npos)
      << error_of(cut);
  // Not a font at all.
  std::ofstream(dir_ / "fonts/Page.ttf") << "<html>not found</html>";
  const std::string page =
      brand("p", "  display: {family: Inter}\n  text: {file: fonts/Page.ttf}\n");
  EXPECT_NE(error_of(page).find(":5:16: brand font 'text' file 'fonts/Page.ttf' is not a font"),
            std::string::npos)
      << error_of(page);
  // An axis the font lacks, and one outside its range: the hint lists the axes.
  const std::string no_axis =
      brand("n", "  display: {file: fonts/Good.woff2, width: 92}\n  text: {family: Inter}\n");
  EXPECT_EQ(error_of(no_axis), no_axis +
                                   ":4:44: brand font 'display' 'Inter' has no axis 'wdth'\n"
                                   "hint: its axes: wght 100\u2013900");
  const std::string range =
      brand("r", "  display: {file: fonts/Good.woff2, weight: 950}\n  text: {family: Inter}\n");
  EXPECT_EQ(error_of(range), range +
                                 ":4:45: brand font 'display' 'Inter' axis 'wght' is 100 to "
                                 "900, not 950\nhint: its axes: wght 100\u2013900");
  // An unknown script.
  const std::string script = brand("s",
                                   "  display: {family: Inter}\n  text: {family: Inter}\n"
                                   "  scripts:\n    arabc: {family: Noto Sans Arabic}\n");
  EXPECT_NE(error_of(script).find(":7:5: unknown script 'arabc'\nhint: did you mean 'arabic'?"),
            std::string::npos)
      << error_of(script);
}

TEST_F(BrandFonts, OutputIsTheSameRunToRun) {
  copy(kInter / "inter-latin-opsz-normal.woff2", "G.woff2");
  const std::string p =
      brand("g", "  display: {file: fonts/G.woff2, weight: 780}\n  text: {file: fonts/G.woff2}\n");
  const std::string first = render(resolve(p), "Same bytes **every** time").bytes;
  Renderer other;
  Content none;
  const Brand b = resolve_brand(p, none, other.fonts());
  ContentCard card = statement_card("Same bytes **every** time");
  card.lang = "en";
  CampaignMeta meta;
  meta.lang = "en";
  EXPECT_EQ(render_one(
                make_render_job(card, meta, load_layout("standard"), b, parse_sizes({"og"}, {})[0]),
                other)
                .bytes,
            first);
}

}  // namespace
}  // namespace placard
