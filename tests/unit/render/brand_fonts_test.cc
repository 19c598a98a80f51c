#include "render/brand_fonts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "base/file_io.h"
#include "base/resources.h"
#include "image/image_read.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/layout_dump.h"
#include "render/pipeline.h"
#include "text/font_file.h"

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

// A font's table directory (OpenType: numTables at byte 4, then 16-byte
// records of tag, checksum, offset and length from byte 12): where `tag`'s
// table starts. Used to make broken or altered copies of real fonts.
size_t table_at(const std::string& font, const std::string& tag) {
  const auto u16 = [&](size_t at) {
    return (unsigned(static_cast<unsigned char>(font[at])) << 8) |
           static_cast<unsigned char>(font[at + 1]);
  };
  const size_t tables = u16(4);
  for (size_t i = 0; i < tables; ++i) {
    const size_t rec = 12 + 16 * i;
    if (font.compare(rec, 4, tag) == 0) return (size_t(u16(rec + 8)) << 16) | u16(rec + 10);
  }
  ADD_FAILURE() << "no table '" << tag << "'";
  return 0;
}
unsigned u16_at(const std::string& font, size_t at) {
  return (unsigned(static_cast<unsigned char>(font[at])) << 8) |
         static_cast<unsigned char>(font[at + 1]);
}
std::string with_u16(std::string font, const std::string& tag, size_t at, unsigned v) {
  const size_t t = table_at(font, tag) + at;
  font[t] = static_cast<char>(v >> 8);
  font[t + 1] = static_cast<char>(v & 0xFF);
  return font;
}
// The font with table `from` renamed `to`: as if it had none.
std::string with_table_renamed(std::string font, const std::string& from, const std::string& to) {
  for (size_t i = 0; i < u16_at(font, 4); ++i)
    if (font.compare(12 + 16 * i, 4, from) == 0) font.replace(12 + 16 * i, 4, to);
  return font;
}

// Rows from the first to the last with ink: the height of the type drawn.
int ink_rows(const Rendered& r) {
  const Pixmap p = decode_image(r.bytes, "card.png");
  int top = -1, bottom = -1;
  for (int y = 0; y < p.height; ++y)
    for (int x = 0; x < p.width; ++x) {
      const Rgba c = p.rgba(x, y);
      if (c.r < 128 && c.g < 128 && c.b < 128) {
        if (top < 0) top = y;
        bottom = y;
        break;
      }
    }
  return top < 0 ? 0 : bottom - top + 1;
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

// An axis other than weight and optical size, set to a fixed value: Noto
// Sans Arabic's width axis (62.5 to 100) at its narrowest sets the same words
// at the same size about a fifth narrower, and the dump names the instance.
TEST_F(BrandFonts, AFixedWidthAxisSetsNarrowerTypeAtTheSameSize) {
  copy(kArabic / "noto-sans-arabic-latin-wdth-normal.woff2", "Condensed.woff2");
  auto headline = [&](const std::string& width, const Rendered& r) {
    EXPECT_NE(dump(r).find("Condensed.woff2 \u00B7 "), std::string::npos) << dump(r);
    EXPECT_NE(dump(r).find("wdth=" + width), std::string::npos) << dump(r);
    for (const PlacedFrame& f : r.layout.frames)
      for (const PlacedBlock& b : f.blocks)
        if (b.block.field == "headline") return b;
    ADD_FAILURE() << "no headline";
    return PlacedBlock{};
  };
  auto with_width = [&](const std::string& width) {
    return resolve(brand("wd" + width.substr(0, 2),
                         "  display: {file: fonts/Condensed.woff2, width: " + width +
                             "}\n  text: {family: Inter}\n"));
  };
  // Short enough to be set at the layout's largest size either way.
  const std::string text = "Fair wages now";
  const Rendered narrow = render(with_width("62.5"), text);
  const Rendered normal = render(with_width("100"), text);
  const PlacedBlock n = headline("62.5", narrow), w = headline("100", normal);
  ASSERT_EQ(n.size, w.size);
  ASSERT_EQ(n.measure.lines, 1);
  ASSERT_EQ(w.measure.lines, 1);
  EXPECT_LT(n.measure.width, w.measure.width * 0.9);
  EXPECT_GT(n.measure.width, w.measure.width * 0.6);
  // A value outside the axis is an error naming the range the font has.
  const std::string wide = brand("wide",
                                 "  display: {file: fonts/Condensed.woff2, width: 125}\n"
                                 "  text: {family: Inter}\n");
  EXPECT_NE(error_of(wide).find("62.5"), std::string::npos) << error_of(wide);
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

// The same Arabic face drawn at 80% of its em (unitsPerEm raised by a
// quarter, nothing else changed): measured from the brand's own face, its
// script scale grows to match, so the card's Arabic is as tall as with the
// unaltered face. Assumed from typesetting/scripts.yaml (measured from the
// bundled Noto), it would come out a fifth smaller.
TEST_F(BrandFonts, TheOpticalSizeOfTheBrandsScriptFaceIsMeasuredFromThatFace) {
  copy(kInter / "inter-latin-wght-normal.woff2", "Latin.woff2");
  const std::string sfnt =
      read_file(inspect_font_file((kArabic / "noto-sans-arabic-arabic-wght-normal.woff2").string())
                    .load_path);
  const unsigned upem = u16_at(sfnt, table_at(sfnt, "head") + 18);
  ASSERT_EQ(upem, 1000u);
  write_file_atomic((dir_ / "fonts/Arabic.ttf").string(), sfnt);
  write_file_atomic((dir_ / "fonts/ArabicSmall.ttf").string(),
                    with_u16(sfnt, "head", 18, upem * 5 / 4));
  auto arabic_brand = [&](const std::string& name, const std::string& file,
                          const std::string& script = "arabic") {
    return resolve(brand(name,
                         "  display: {file: fonts/Latin.woff2}\n"
                         "  text: {file: fonts/Latin.woff2}\n"
                         "  scripts:\n"
                         "    " +
                             script + ": {file: fonts/" + file + "}\n"));
  };
  const Brand normal = arabic_brand("normal", "Arabic.ttf");
  const Brand small = arabic_brand("small", "ArabicSmall.ttf");
  const std::string text = "\u0633\u0645\u0633 \u0639\u0645\u0639";  // body-zone letters only
  const Rendered a = render(normal, text, "ar");
  const Rendered b = render(small, text, "ar");
  // Each card is set in its brand's own Arabic face, not a fallback.
  EXPECT_NE(dump(a).find("Arabic.ttf"), std::string::npos) << dump(a);
  EXPECT_NE(dump(b).find("ArabicSmall.ttf"), std::string::npos) << dump(b);
  EXPECT_TRUE(b.layout.warnings.empty()) << b.layout.warnings.front().message;
  const int ha = ink_rows(a), hb = ink_rows(b);
  ASSERT_GT(ha, 40);
  EXPECT_NEAR(hb, ha, ha * 0.03) << "the smaller-drawn face was not scaled up to the same size";
  // The script named by its ISO 15924 code is the same script: its face is
  // measured as well.
  const Rendered c = render(arabic_brand("code", "ArabicSmall.ttf", "Arab"), text, "ar");
  EXPECT_NE(dump(c).find("ArabicSmall.ttf"), std::string::npos) << dump(c);
  EXPECT_NEAR(ink_rows(c), ha, ha * 0.03) << "'Arab' was not measured as 'arabic'";
}

TEST_F(BrandFonts, AFontWithNoUsableCmapIsAnErrorAtTheBrandFile) {
  const std::string otf = read_file(kCantarell.string());
  write_file_atomic((dir_ / "fonts/NoCmap.otf").string(), with_table_renamed(otf, "cmap", "cmaq"));
  const std::string p =
      brand("nc", "  display: {family: Inter}\n  text: {file: fonts/NoCmap.otf}\n");
  EXPECT_EQ(error_of(p), p + ":5:16: brand font 'text' file 'fonts/NoCmap.otf' has no Unicode "
                             "character map (cmap), so no text can be set in it\n"
                             "hint: export the font again with a Unicode cmap");
  // A cmap with only a Macintosh Roman subtable is no Unicode one either.
  std::string mac = otf;
  const size_t cmap = table_at(mac, "cmap");
  for (size_t i = 0; i < u16_at(mac, cmap + 2); ++i) {
    mac[cmap + 4 + 8 * i] = 0;  // platform 1 (Macintosh), encoding 0 (Roman)
    mac[cmap + 4 + 8 * i + 1] = 1;
    mac[cmap + 4 + 8 * i + 2] = 0;
    mac[cmap + 4 + 8 * i + 3] = 0;
  }
  write_file_atomic((dir_ / "fonts/MacCmap.otf").string(), mac);
  const std::string q =
      brand("mc", "  display: {family: Inter}\n  text: {file: fonts/MacCmap.otf}\n");
  EXPECT_NE(error_of(q).find(":5:16: brand font 'text' file 'fonts/MacCmap.otf' has no Unicode "
                             "character map (cmap)"),
            std::string::npos)
      << error_of(q);
}

// OS/2 fsType 0x0002: restricted licence embedding. The font loads (the
// brand's owner may hold the vendor's leave) with a warning at the brand
// file's place naming the font; the same font with its own fsType has none.
TEST_F(BrandFonts, AFontWhoseFsTypeRestrictsEmbeddingGetsAWarningNamingIt) {
  const std::string otf = read_file(kCantarell.string());
  ASSERT_EQ(u16_at(otf, table_at(otf, "OS/2") + 8) & 0x000F, 0u);  // installable as shipped
  write_file_atomic((dir_ / "fonts/Restricted.otf").string(), with_u16(otf, "OS/2", 8, 0x0002));
  copy(kCantarell, "Free.otf");
  const std::string p =
      brand("rl", "  display: {file: fonts/Restricted.otf}\n  text: {file: fonts/Free.otf}\n");
  const Brand b = resolve(p);
  ASSERT_EQ(b.font_report.warnings.size(), 1u);
  const Diagnostic& w = b.font_report.warnings[0];
  EXPECT_EQ(w.severity, Severity::warning);
  EXPECT_EQ(format_location(w.loc) + ": " + w.message,
            p + ":4:19: brand font 'display' 'Cantarell' may not be embedded (its fsType says "
                "restricted licence embedding)");
  ASSERT_EQ(b.font_report.files.size(), 2u);
  EXPECT_TRUE(b.font_report.files[0].restricted);
  EXPECT_FALSE(b.font_report.files[1].restricted);
  // It still renders: a warning, not an error.
  EXPECT_NE(dump(render(b, "Licensed")).find("Restricted.otf"), std::string::npos);
}

// A TrueType collection (Debian's Noto Sans CJK: ten faces in one file, the
// first Noto Sans CJK JP): the brand's family is its first face's, and only
// that family's faces join it (not the Korean, Chinese or monospaced ones).
TEST_F(BrandFonts, ATrueTypeCollectionGivesTheFamilyOfItsFirstFace) {
  const fs::path ttc = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
  ASSERT_TRUE(fs::exists(ttc)) << ttc << ": run scripts/install-deps.sh (fonts-noto-cjk)";
  fs::create_symlink(ttc, dir_ / "fonts/CJK.ttc");  // 19 MB: linked, not copied
  const Brand b = resolve(brand("cjk",
                                "  display: {file: fonts/CJK.ttc}\n"
                                "  text: {file: fonts/CJK.ttc}\n"));
  ASSERT_FALSE(b.font_report.files.empty());
  EXPECT_EQ(b.font_report.files[0].format, "TrueType collection");
  EXPECT_EQ(b.font_report.files[0].family, "Noto Sans CJK JP");
  const Rendered r = render(b, "\u65E5\u672C\u8A9E\u306E\u30AB\u30FC\u30C9 Card", "ja");
  const std::string d = dump(r);
  EXPECT_NE(d.find("Placard Brand Noto Sans CJK JP \u00B7 CJK.ttc \u00B7 static"),
            std::string::npos)
      << d;
  EXPECT_TRUE(r.layout.warnings.empty()) << r.layout.warnings.front().message;
  // The faces of the collection that joined the brand's family: the JP one.
  Fonts fonts(fonts_dir(), b.font_set);
  EXPECT_EQ(fonts.brand_faces_loaded(), 1);
}

// WOFF (version 1) and WOFF2 of one font (the npm package @fontsource/
// cantarell ships both): each read, decoded once, and the same pixels.
TEST_F(BrandFonts, AWoffAndAWoff2OfOneFontDrawTheSamePixels) {
  const fs::path files = kSource / "node_modules/@fontsource/cantarell/files";
  ASSERT_TRUE(fs::exists(files / "cantarell-latin-400-normal.woff"))
      << "run scripts/install-deps.sh";
  copy(files / "cantarell-latin-400-normal.woff", "C.woff");
  copy(files / "cantarell-latin-400-normal.woff2", "C.woff2");
  const Brand w1 =
      resolve(brand("w1", "  display: {file: fonts/C.woff}\n  text: {file: fonts/C.woff}\n"));
  const Brand w2 =
      resolve(brand("w2", "  display: {file: fonts/C.woff2}\n  text: {file: fonts/C.woff2}\n"));
  EXPECT_EQ(w1.font_report.files[0].format, "WOFF");
  EXPECT_EQ(w1.font_report.files[0].family, "Cantarell");
  EXPECT_EQ(w2.font_report.files[0].format, "WOFF2");
  const Rendered a = render(w1, "Wrapped either way");
  const Rendered b = render(w2, "Wrapped either way");
  EXPECT_NE(dump(a).find("C.woff \u00B7 static"), std::string::npos) << dump(a);
  EXPECT_NE(dump(b).find("C.woff2 \u00B7 static"), std::string::npos) << dump(b);
  const Pixmap pa = decode_image(a.bytes, "a.png"), pb = decode_image(b.bytes, "b.png");
  ASSERT_EQ(pa.width, pb.width);
  long differ = 0;
  for (int y = 0; y < pa.height; ++y)
    for (int x = 0; x < pa.width; ++x) differ += pa.argb(x, y) != pb.argb(x, y);
  EXPECT_EQ(differ, 0);
  // A WOFF cut short is refused at the brand file.
  const std::string bytes = read_file((dir_ / "fonts/C.woff").string());
  write_file_atomic((dir_ / "fonts/Cut.woff").string(), bytes.substr(0, bytes.size() / 2));
  const std::string cut =
      brand("cut", "  display: {file: fonts/Cut.woff}\n  text: {family: Inter}\n");
  EXPECT_NE(error_of(cut).find(":4:19: brand font 'display' file 'fonts/Cut.woff' is not a font"),
            std::string::npos)
      << error_of(cut);
}

// One variable family for every text of the card: the headline and the
// footer each get the optical size of their own pixel size, and **strong**
// moves along the weight axis (not to a synthetic bold).
TEST_F(BrandFonts, EachBlockGetsItsOwnOpticalSizeAndStrongMovesAlongTheWeightAxis) {
  copy(kInter / "inter-latin-opsz-normal.woff2", "G.woff2");
  std::ofstream(dir_ / "footer.yaml")
      << "name: footer\ncolors: {paper: \"#FFFFFF\", ink: \"#111111\", accent: \"#1D4ED8\", "
         "primary: \"#1E3A8A\"}\nfonts:\n  display: {file: fonts/G.woff2, weight: 500}\n"
         "  text: {file: fonts/G.woff2}\nfooter: \"#OpticalSizes\"\n";
  const Brand b = resolve((dir_ / "footer.yaml").string());
  const Rendered r = render(b, "Optical sizes **follow** the type");
  const std::string d = dump(r);
  std::set<std::string> opsz;
  for (size_t at = d.find("opsz="); at != std::string::npos; at = d.find("opsz=", at + 1))
    opsz.insert(d.substr(at, d.find_first_of(",\"", at) - at));
  EXPECT_GE(opsz.size(), 2u) << "one optical size for headline and footer:\n" << d;
  EXPECT_NE(d.find("wght=500,opsz="), std::string::npos) << d;
  // The strong run: the same file at a heavier point of the wght axis.
  size_t heavier = 0;
  for (size_t at = d.find("G.woff2 \u00B7 wght="); at != std::string::npos;
       at = d.find("G.woff2 \u00B7 wght=", at + 1))
    heavier += std::stoi(d.substr(at + std::string("G.woff2 \u00B7 wght=").size())) > 500;
  EXPECT_GE(heavier, 1u) << d;
}

// A brand saved N times (a server or preview reloading it): each load is a
// new font set, and a renderer keeps only those a brand still holds.
TEST_F(BrandFonts, ARendererFreesTheFontSetsOfBrandsNoLongerHeld) {
  const int before = Fonts::live_brand_sets();
  const fs::path sources[] = {kInter / "inter-latin-wght-normal.woff2",
                              kInter / "inter-latin-opsz-normal.woff2"};
  for (int i = 0; i < 8; ++i) {
    const std::string file = "G" + std::to_string(i) + ".woff2";
    copy(sources[i % 2], file);
    {
      const Brand b = resolve(brand(
          "g", "  display: {file: fonts/" + file + "}\n  text: {file: fonts/" + file + "}\n"));
      render(b, "Reload " + std::to_string(i));
      // Another load of the same files shares the set.
      const Brand again = resolve(brand(
          "g", "  display: {file: fonts/" + file + "}\n  text: {file: fonts/" + file + "}\n"));
      render(again, "Reload " + std::to_string(i));
      EXPECT_EQ(renderer_.brand_font_sets(), 1u) << "reload " << i;
      EXPECT_EQ(Fonts::live_brand_sets(), before + 1) << "reload " << i;
    }
    renderer_.card_done(1);  // between cards: the dropped brand's set goes
    EXPECT_EQ(renderer_.brand_font_sets(), 0u) << "reload " << i;
  }
  EXPECT_EQ(Fonts::live_brand_sets(), before);
}

}  // namespace
}  // namespace placard
