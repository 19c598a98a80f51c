#include "layout/platforms.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "base/file_io.h"
#include "layout/budgets.h"
#include "layout/sizes.h"

namespace fs = std::filesystem;

namespace placard {
namespace {

class PlatformsFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("placard-platforms-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& text) {
    const std::string path = (dir_ / "platforms.yaml").string();
    write_file_atomic(path, text);
    return path;
  }
  // The diagnostic loading `text` fails with, as printed.
  std::string error_of(const std::string& text) {
    const std::string path = write(text);
    try {
      load_platforms(path, default_platforms());
    } catch (const DiagnosticError& e) {
      return format_diagnostic(e.diagnostic());
    }
    return "";
  }
  fs::path dir_;
};

// Every surface of the built-in file names where its numbers come from and
// when they were read; the loader refuses one that does not, so this also
// proves the file loads.
TEST(DefaultPlatforms, EverySurfaceHasADatedSource) {
  const Platforms& p = default_platforms();
  ASSERT_GE(p.surfaces.size(), 15u);
  const std::regex dated(R"(\b20\d\d-(0[1-9]|1[0-2])\b)");
  for (const Surface& s : p.surfaces) {
    SCOPED_TRACE(s.name);
    ASSERT_FALSE(s.sources.empty());
    for (const std::string& src : s.sources) EXPECT_TRUE(std::regex_search(src, dated)) << src;
    EXPECT_FALSE(s.platform.empty());
  }
}

TEST(DefaultPlatforms, EveryPresetNamesItsSurfaces) {
  const Platforms& p = default_platforms();
  for (const std::string& name : preset_names()) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(p.sizes.count(name));
    EXPECT_FALSE(p.sizes.at(name).empty());
  }
  const auto& story = p.sizes.at("story");
  for (const char* s : {"instagram-story", "facebook-story", "reels", "tiktok", "shorts"})
    EXPECT_NE(std::find(story.begin(), story.end(), s), story.end()) << s;
  EXPECT_EQ(p.sizes.at("og").front(), "x-card");
}

// The budgets are the strictest surface of each size, so budgets and
// platforms cannot disagree: WhatsApp's 300 kB for link cards, Facebook's
// 4 MB story images.
TEST(DefaultPlatforms, BudgetsComeFromTheStrictestSurface) {
  const Budgets& b = default_budgets();
  EXPECT_EQ(b.bytes.at("og"), 300'000);
  EXPECT_EQ(b.bytes.at("story"), 4'000'000);
  EXPECT_EQ(b.bytes.at("x"), 5'000'000);
  EXPECT_EQ(b.bytes.at("pinterest"), 20'000'000);
  EXPECT_EQ(b.bytes.at("custom"), 5'000'000);
  for (const auto& [size, bytes] : b.bytes) {
    std::vector<Surface> surfaces;
    for (const std::string& n : default_platforms().sizes.at(size))
      surfaces.push_back(*default_platforms().find(n));
    EXPECT_EQ(bytes, strictest_bytes(surfaces)) << size;
  }
}

TEST_F(PlatformsFile, ASurfaceWithoutASourceDoesNotLoad) {
  const std::string m = error_of(
      "surfaces:\n"
      "  tiktok:\n"
      "    platform: TikTok\n"
      "    frame: 1080x1920\n"
      "    covers:\n"
      "      - {name: right rail, edge: right, px: 150}\n");
  EXPECT_NE(m.find("platforms.yaml:2:3: error: surface 'tiktok' has no source"), std::string::npos)
      << m;
  EXPECT_NE(m.find("hint: add 'sources:'"), std::string::npos) << m;
}

TEST_F(PlatformsFile, ASourceWithoutADateDoesNotLoad) {
  const std::string m = error_of(
      "surfaces:\n"
      "  tiktok:\n"
      "    platform: TikTok\n"
      "    sources: [\"someone's blog\"]\n");
  EXPECT_NE(m.find("platforms.yaml:4:14: error: surface 'tiktok' source 'someone's blog' has "
                   "no date"),
            std::string::npos)
      << m;
}

TEST_F(PlatformsFile, BadValuesFailAtTheirPlace) {
  EXPECT_NE(error_of("surfaces:\n  a:\n    platform: A\n    crop: wide\n    sources: [x 2026-12]\n")
                .find("platforms.yaml:4:11: error: surface 'a' crop 'wide' is not a ratio"),
            std::string::npos);
  EXPECT_NE(error_of("surfaces:\n  a:\n    platform: A\n    frame: 10x10\n    covers:\n"
                     "      - {name: rail, edge: rigth, px: 5}\n    sources: [x 2026-12]\n")
                .find("platforms.yaml:6:"),
            std::string::npos);
  const std::string unknown = error_of("sizes:\n  story: [tiktok, reel]\n");
  EXPECT_NE(unknown.find("platforms.yaml:2:19: error: unknown surface 'reel' for size 'story'"),
            std::string::npos)
      << unknown;
  EXPECT_NE(unknown.find("did you mean 'reels'?"), std::string::npos) << unknown;
  EXPECT_NE(error_of("sizes:\n  stroy: [tiktok]\n").find("did you mean 'story'?"),
            std::string::npos);
  EXPECT_NE(
      error_of("surfaces:\n  a:\n    platform: A\n    bytes: lots\n    sources: [x 2026-12]\n")
          .find("platforms.yaml:4:12: error: surface 'a' bytes must be a size in bytes"),
      std::string::npos);
}

// A user's file replaces a surface whole and a size's list, and keeps the rest.
TEST_F(PlatformsFile, AFileOverridesSurfacesAndSizes) {
  const Platforms p =
      load_platforms(write("surfaces:\n"
                           "  tiktok:\n"
                           "    platform: TikTok\n"
                           "    frame: 1080x1920\n"
                           "    covers: [{name: right rail, edge: right, px: 300}]\n"
                           "    bytes: 2 MB\n"
                           "    sources: [\"our own test, 2026-12-06\"]\n"
                           "sizes:\n"
                           "  story: [tiktok]\n"),
                     default_platforms());
  EXPECT_EQ(p.surfaces.size(), default_platforms().surfaces.size());
  ASSERT_TRUE(p.find("tiktok"));
  EXPECT_EQ(p.find("tiktok")->covers.at(0).px, 300);
  EXPECT_EQ(p.sizes.at("story"), std::vector<std::string>{"tiktok"});
  EXPECT_EQ(p.sizes.at("og"), default_platforms().sizes.at("og"));
  EXPECT_EQ(budgets_from(p).bytes.at("story"), 2'000'000);
}

TEST(SelectSurfaces, ByNameOrPlatform) {
  const auto og = surfaces_for_size(default_platforms(), "og", 1200, 630);
  auto names = [](const std::vector<Surface>& v) {
    std::vector<std::string> out;
    for (const Surface& s : v) out.push_back(s.name);
    return out;
  };
  EXPECT_EQ(names(select_surfaces(og, {"x", "whatsapp-link"})),
            (std::vector<std::string>{"x-card", "whatsapp-link"}));
  EXPECT_EQ(names(select_surfaces(og, {"WhatsApp"})), (std::vector<std::string>{"whatsapp-link"}));
  EXPECT_EQ(select_surfaces(og, {}).size(), og.size());
  EXPECT_TRUE(select_surfaces(og, {"tiktok"}).empty());
  try {
    check_platform_names(default_platforms(), {"tiktk"});
    FAIL() << "no error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::usage);
    EXPECT_EQ(e.diagnostic().message, "unknown platform 'tiktk' in --platforms");
  }
}

// A story-shaped custom size takes the story's surfaces, scaled.
TEST(SurfacesForSize, CustomSizes) {
  EXPECT_EQ(surfaces_for_size(default_platforms(), "720x1280", 720, 1280).size(),
            default_platforms().sizes.at("story").size());
  EXPECT_EQ(surfaces_for_size(default_platforms(), "1500x500", 1500, 500).front().name, "x-post");
}

}  // namespace
}  // namespace placard
