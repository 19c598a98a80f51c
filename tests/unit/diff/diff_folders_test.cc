#include "diff/diff_folders.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "diff_test_data.h"
#include "image/png_write.h"

namespace placard {
namespace {

using namespace placard::test;
namespace fs = std::filesystem;

class DiffFolders : public testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::temp_directory_path() / ("placard-diff-" + std::to_string(getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string dir(const std::string& name) const { return (root_ / name).string(); }

  // Writes `m` and, for each output, `image` (the PNG of it) into folder `name`.
  void render(const std::string& name, Manifest m, const std::string& png) {
    for (ManifestCard& c : m.cards)
      for (ManifestOutput& o : c.outputs) {
        o.bytes = png.size();
        write_file_atomic_under(dir(name), o.file, png);
      }
    write_file_atomic(dir(name) + "/manifest.json", manifest_to_json(m));
  }
  FolderDiff diff(const std::string& a = "a", const std::string& b = "b") {
    return diff_folders({dir(a), dir(b), dir("report"), 2});
  }
  fs::path root_;
};

std::string png_of(Rgba colour) {
  return encode_png(solid(40, 20, colour), {});
}

TEST_F(DiffFolders, ChangedPixelsAreMeasuredAndImagesWritten) {
  Pixmap after = solid(40, 20, {255, 255, 255, 255});
  for (int x = 0; x < 10; ++x) after.set_rgba(x, 0, {0, 0, 0, 255});
  render("a", manifest({card("c", "Words", {output("og", "1")})}), png_of({255, 255, 255, 255}));
  render("b", manifest({card("c", "Words", {output("og", "2")})}), encode_png(after, {}));
  FolderDiff d = diff();
  ASSERT_EQ(d.cards.size(), 1u);
  const OutputDiff& o = d.cards[0].outputs.at(0);
  EXPECT_DOUBLE_EQ(o.changed_share, 10.0 / 800.0);
  EXPECT_EQ(*o.box, (PixelBox{0, 0, 10, 1}));
  EXPECT_EQ(o.diff_image, "img/c/og.diff.png");
  EXPECT_TRUE(fs::is_regular_file(dir("report") + "/img/c/og.diff.png"));
  EXPECT_EQ(read_file(dir("report") + "/img/c/og.after.png"), encode_png(after, {}));
  EXPECT_EQ(d.compared_outputs, 1);
}

TEST_F(DiffFolders, SameBytesUnderAnotherDigestAreUnchanged) {
  render("a", manifest({card("c", "W", {output("og", "1")})}), png_of({1, 2, 3, 255}));
  render("b", manifest({card("c", "W", {output("og", "2")})}), png_of({1, 2, 3, 255}));
  FolderDiff d = diff();
  EXPECT_FALSE(d.changed());
  EXPECT_EQ(d.unchanged_outputs, 1);
  EXPECT_FALSE(fs::exists(dir("report") + "/img"));
}

TEST_F(DiffFolders, SameDigestsAreNotRead) {
  render("a", manifest({card("c", "W", {output("og", "1")})}), png_of({1, 2, 3, 255}));
  render("b", manifest({card("c", "W", {output("og", "1")})}), png_of({1, 2, 3, 255}));
  fs::remove(dir("b") + "/c/og.png");  // were it read, it would be a problem
  FolderDiff d = diff();
  EXPECT_FALSE(d.changed());
  EXPECT_EQ(d.compared_outputs, 0);
}

TEST_F(DiffFolders, MissingAndTruncatedImagesAreListedProblems) {
  const std::string png = png_of({9, 9, 9, 255});
  render("a", manifest({card("c", "W", {output("og", "1")}), card("d", "W", {output("og", "1")})}),
         png);
  render("b", manifest({card("c", "W", {output("og", "2")}), card("d", "W", {output("og", "2")})}),
         png_of({10, 9, 9, 255}));
  fs::remove(dir("b") + "/c/og.png");
  write_file_atomic(dir("b") + "/d/og.png", png.substr(0, png.size() / 2));
  FolderDiff d = diff();
  ASSERT_EQ(d.cards.size(), 2u);
  ASSERT_EQ(d.cards[0].outputs.at(0).problems.size(), 1u);
  EXPECT_NE(d.cards[0].outputs[0].problems[0].find("c/og.png"), std::string::npos);
  ASSERT_EQ(d.cards[1].outputs.at(0).problems.size(), 1u);
  EXPECT_NE(d.cards[1].outputs[0].problems[0].find("d/og.png"), std::string::npos);
}

TEST_F(DiffFolders, DifferentPlacardsAreAProblemAndEveryImageIsRead) {
  render("a", manifest({card("c", "W", {output("og", "1")})}, "Placard 0.1.0"),
         png_of({1, 2, 3, 255}));
  render("b", manifest({card("c", "W", {output("og", "1")})}, "Placard 0.2.0"),
         png_of({1, 2, 3, 255}));
  FolderDiff d = diff();
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_NE(d.problems[0].find("Placard 0.1.0"), std::string::npos);
  EXPECT_EQ(d.compared_outputs, 1);
  EXPECT_FALSE(d.changed());  // the same bytes
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DiagnosticError& e) {
    return format_diagnostic(e.diagnostic());
  }
  return "no error";
}

TEST_F(DiffFolders, NoManifestOrReportInsideAFolderIsUsage) {
  render("a", manifest({}), "");
  fs::create_directories(dir("b"));
  EXPECT_NE(error_of([&] { diff(); }).find("NEW '" + dir("b") + "' has no manifest.json"),
            std::string::npos);
  EXPECT_NE(error_of([&] { diff("a", "missing"); }).find("is not a folder"), std::string::npos);
  EXPECT_NE(error_of([&] {
              diff_folders({dir("a"), dir("a"), dir("a") + "/r", 1});
            }).find("is inside BASE"),
            std::string::npos);
}

}  // namespace
}  // namespace placard
