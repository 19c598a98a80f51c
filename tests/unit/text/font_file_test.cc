#include "text/font_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "base/file_io.h"

namespace fs = std::filesystem;

namespace placard {
namespace {

const fs::path kSource = fs::path(PLACARD_TEST_DIR).parent_path();

std::string error_of(const std::string& bytes) {
  try {
    inspect_font(bytes);
  } catch (const FontFileError& e) {
    return e.message;
  }
  return "";
}

TEST(FontFile, ReadsAStaticOpenTypeFontsNamesAndLicence) {
  const FontFileInfo info = inspect_font(read_file((kSource / "fonts/Vollkorn-Bold.ttf").string()));
  EXPECT_EQ(info.family, "Vollkorn");
  EXPECT_EQ(info.style, "Bold");
  EXPECT_EQ(info.format, "TrueType");
  EXPECT_TRUE(info.axes.empty());
  EXPECT_EQ(info.axes_text(), "none");
  EXPECT_NE(info.licence.find("Open Font License"), std::string::npos) << info.licence;
  EXPECT_FALSE(info.restricted());
}

TEST(FontFile, ReadsTheAxesOfAVariableWoff2) {
  const fs::path f =
      kSource / "node_modules/@fontsource-variable/inter/files/inter-latin-opsz-normal.woff2";
  ASSERT_TRUE(fs::exists(f)) << f << ": run scripts/install-deps.sh";
  const FontFileInfo info = inspect_font(read_file(f.string()));
  EXPECT_EQ(info.format, "WOFF2");
  EXPECT_EQ(info.family, "Inter");
  ASSERT_NE(info.axis("wght"), nullptr);
  EXPECT_EQ(info.axis("wght")->min, 100);
  EXPECT_EQ(info.axis("wght")->max, 900);
  ASSERT_NE(info.axis("opsz"), nullptr);
  EXPECT_EQ(info.axes_text(), "opsz 14\u201332, wght 100\u2013900");
  EXPECT_EQ(info.axis("wdth"), nullptr);
}

// The font_file fuzzer's TTC seed (the bundled Hebrew Regular and Bold in
// one collection): read as its first face, as brand fonts take a TTC.
TEST(FontFile, ReadsTheFirstFaceOfACollection) {
  const FontFileInfo info = inspect_font(
      read_file((kSource / "fuzz/seeds/font_file/NotoSansHebrew-RegularBold.ttc").string()));
  EXPECT_EQ(info.family, "Noto Sans Hebrew");
  EXPECT_EQ(info.style, "Regular");
  EXPECT_EQ(info.format, "TrueType collection");
  EXPECT_NE(info.licence.find("Open Font License"), std::string::npos) << info.licence;
}

TEST(FontFile, RefusesWhatIsNotAWholeFont) {
  const std::string otf = read_file((kSource / "fonts/Inter-Regular.otf").string());
  EXPECT_NE(error_of(otf.substr(0, otf.size() / 3)), "");  // cut short
  EXPECT_NE(error_of("<!doctype html><p>404</p>"), "");
  EXPECT_NE(error_of(""), "");
  const std::string woff2 = read_file(
      (kSource / "node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2")
          .string());
  // The brotli stream cut in the middle.
  EXPECT_NE(error_of(woff2.substr(0, woff2.size() - 4000)), "");
  EXPECT_NE(error_of(woff2.substr(0, woff2.size() - 4000)).find("is not a font FreeType can read"),
            std::string::npos);
}

TEST(FontFile, AFileOverTheLimitIsRefusedBeforeItIsRead) {
  const fs::path big =
      fs::temp_directory_path() / ("placard-big-font-" + std::to_string(::getpid()));
  { std::ofstream(big.string()); }
  fs::resize_file(big, kMaxFontBytes + 1);  // sparse: nothing is written
  try {
    inspect_font_file(big.string());
    ADD_FAILURE() << "no error";
  } catch (const FontFileError& e) {
    EXPECT_NE(e.message.find("over the limit of " + std::to_string(kMaxFontBytes)),
              std::string::npos)
        << e.message;
  }
  fs::remove(big);
}

TEST(FontFile, ABrandFamilyNeverMergesWithABundledOne) {
  EXPECT_EQ(brand_family_name("Inter"), "Placard Brand Inter");
}

}  // namespace
}  // namespace placard
