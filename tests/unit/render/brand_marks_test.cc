// A brand's own font is checked, as the bundled ones are, for marks that
// touch their letter: on the letters its campaign uses, as a warning at the
// brand file's `file:` line. The faulty font is a real one: Inter Display
// ExtraBold 3.19, which Placard bundled until its ñ read as ň (the file is
// kept in tests/fonts/ for this test, under its OFL, fonts/Inter-OFL.txt).
#include "render/brand_marks.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "content/content_markdown.h"
#include "render/pipeline.h"

namespace fs = std::filesystem;

namespace placard {
namespace {

const fs::path kSource = fs::path(PLACARD_TEST_DIR).parent_path();
const fs::path kOldDisplay = kSource / "tests/fonts/InterDisplay-ExtraBold-3.19.otf";
const fs::path kCantarell = "/usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf";

class BrandMarks : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("placard-brand-marks-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "fonts");
    fs::copy_file(kOldDisplay, dir_ / "fonts/Display.otf");
    fs::copy_file(kCantarell, dir_ / "fonts/Text.otf");
    std::ofstream(dir_ / "brand.yaml")
        << "name: test\n"
        << "colors: {paper: \"#FFFFFF\", ink: \"#111111\", accent: \"#1D4ED8\", "
           "primary: \"#1E3A8A\"}\n"
        << "fonts:\n"
        << "  display: {file: fonts/Display.otf, weight: 800}\n"
        << "  text: {file: fonts/Text.otf}\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  Content campaign(const std::string& body) {
    const fs::path md = dir_ / "campaign.md";
    std::ofstream(md) << "---\nbrand: brand.yaml\n---\n# Campaign\n\n" << body << "\n";
    return read_markdown(md.string());
  }
  std::vector<Diagnostic> marks_of(const std::string& body) {
    const Content c = campaign(body);
    const Brand b = resolve_brand("", c, renderer_.fonts());
    std::vector<Diagnostic> out;
    for (const Diagnostic& w : b.font_report.warnings)
      if (w.check == Check::font_marks) out.push_back(w);
    return out;
  }

  fs::path dir_;
  Renderer renderer_;
};

TEST_F(BrandMarks, AFontWhoseTildeTouchesItsLetterIsNamedWithTheLettersTheCampaignUses) {
  const auto w = marks_of("## Sección\n\n- España: niños y mañanas sin miedo.\n");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].severity, Severity::warning);
  EXPECT_EQ(w[0].loc.file, (dir_ / "brand.yaml").string());
  EXPECT_EQ(w[0].loc.line, 4);  // the display role's line
  EXPECT_NE(w[0].message.find("brand font 'display'"), std::string::npos) << w[0].message;
  // ñ, and ó, whose acute in this build also runs into the o (seen drawn).
  EXPECT_NE(w[0].message.find("draws 2 accented letters"), std::string::npos) << w[0].message;
  EXPECT_NE(w[0].message.find("U+00F1 \u00F1: the mark touches the letter"), std::string::npos)
      << w[0].message;
  EXPECT_NE(w[0].message.find("U+00F3"), std::string::npos) << w[0].message;
  // Only the campaign's letters: ã is as faulty in this font, and not used.
  EXPECT_EQ(w[0].message.find("U+00E3"), std::string::npos) << w[0].message;
  ASSERT_FALSE(w[0].hints.empty());
  EXPECT_EQ(check_name(w[0].check), std::string("font-marks"));
}

TEST_F(BrandMarks, VietnameseStackedMarksAreCheckedToo) {
  const auto w = marks_of("## Hồ Chí Minh\n\n- Người dân cần được bảo vệ.\n");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].message.find("U+1ED3"), std::string::npos) << w[0].message;  // ồ
}

TEST_F(BrandMarks, ACampaignWithoutThoseLettersOrAGoodFontHearsNothing) {
  // The same faulty font, but no letter of it that reads wrongly is used.
  EXPECT_TRUE(marks_of("## Section\n\n- End 287(g) agreements now.\n").empty());
  // Cantarell (Debian's) draws ñ and ồ clear in the text role: no warning for it.
  for (const Diagnostic& d : marks_of("## España\n\n- niños, Hồ\n"))
    EXPECT_EQ(d.message.find("'text'"), std::string::npos) << d.message;
}

}  // namespace
}  // namespace placard
