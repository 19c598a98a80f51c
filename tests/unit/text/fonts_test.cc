#include "text/fonts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/resources.h"

namespace fs = std::filesystem;

namespace placard {
namespace {

// A scratch folder with its own font folder and cache root (XDG_CACHE_HOME),
// both removed at the end.
class FontCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("placard-fonts-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "fonts");
    fs::create_directories(dir_ / "cache");
    if (const char* x = std::getenv("XDG_CACHE_HOME")) saved_ = x;
    setenv("XDG_CACHE_HOME", (dir_ / "cache").c_str(), 1);
  }
  void TearDown() override {
    if (saved_)
      setenv("XDG_CACHE_HOME", saved_->c_str(), 1);
    else
      unsetenv("XDG_CACHE_HOME");
    fs::remove_all(dir_);
  }
  std::string fonts() const { return (dir_ / "fonts").string(); }
  void bundle(const std::string& name, const std::string& as = "") {
    fs::copy_file(fs::path(fonts_dir()) / name, dir_ / "fonts" / (as.empty() ? name : as),
                  fs::copy_options::overwrite_existing);
  }
  // The caches made so far: one folder each.
  std::vector<std::string> caches() const {
    std::vector<std::string> out;
    const fs::path root = dir_ / "cache" / "placard" / "fontconfig";
    if (fs::exists(root))
      for (const auto& e : fs::directory_iterator(root)) out.push_back(e.path().filename());
    return out;
  }

  fs::path dir_;
  std::optional<std::string> saved_;
};

TEST_F(FontCache, TheCacheGivesTheFontsReadingEachFileGives) {
  for (const char* f :
       {"Inter-Regular.otf", "Inter-Bold.otf", "NotoSansHebrew-Regular.ttf", "Vollkorn-Bold.ttf"})
    bundle(f);
  std::vector<std::string> uncached;
  {
    // No cache root at all: the files are read one by one.
    unsetenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    const std::string saved_home = home ? home : "";
    unsetenv("HOME");
    Fonts f(fonts());
    uncached = f.families();
    if (home) setenv("HOME", saved_home.c_str(), 1);
    setenv("XDG_CACHE_HOME", (dir_ / "cache").c_str(), 1);
  }
  EXPECT_TRUE(caches().empty());
  Fonts writing(fonts());  // makes the cache
  ASSERT_EQ(caches().size(), 1u);
  Fonts reading(fonts());  // reads it
  EXPECT_EQ(writing.families(), uncached);
  EXPECT_EQ(reading.families(), uncached);
  EXPECT_EQ(uncached, (std::vector<std::string>{"Inter", "Noto Sans Hebrew", "Vollkorn"}));
}

TEST_F(FontCache, AFontCopiedOverAnotherInPlaceIsReadAgain) {
  bundle("Inter-Regular.otf");
  bundle("NotoSansThai-Regular.ttf");
  EXPECT_EQ(Fonts(fonts()).families(), (std::vector<std::string>{"Inter", "Noto Sans Thai"}));
  const auto first = caches();
  ASSERT_EQ(first.size(), 1u);
  // Same name, new contents: the folder's own time may not change, so
  // fontconfig alone would keep the old families.
  bundle("NotoSansHebrew-Regular.ttf", "NotoSansThai-Regular.ttf");
  EXPECT_EQ(Fonts(fonts()).families(), (std::vector<std::string>{"Inter", "Noto Sans Hebrew"}));
  const auto second = caches();
  ASSERT_EQ(second.size(), 1u);  // the stale one is removed
  EXPECT_NE(second, first);
}

TEST_F(FontCache, OnlyOtfTtfAndTtcFilesAreFonts) {
  bundle("Inter-Regular.otf");
  // fontconfig would load this one from the folder; Placard never has.
  bundle("NotoSansThai-Regular.ttf", "NotoSansThai-Regular.font");
  EXPECT_EQ(Fonts(fonts()).families(), std::vector<std::string>{"Inter"});
  EXPECT_EQ(Fonts(fonts()).families(), std::vector<std::string>{"Inter"});
}

TEST_F(FontCache, ASubfolderIsNotScanned) {
  bundle("Inter-Regular.otf");
  fs::create_directories(dir_ / "fonts" / "more");
  fs::copy_file(fs::path(fonts_dir()) / "NotoSansThai-Regular.ttf",
                dir_ / "fonts" / "more" / "NotoSansThai-Regular.ttf");
  EXPECT_EQ(Fonts(fonts()).families(), std::vector<std::string>{"Inter"});
  EXPECT_TRUE(caches().empty());
}

TEST_F(FontCache, AnUnreadableFontFileIsStillAnError) {
  bundle("Inter-Regular.otf");
  { std::ofstream(dir_ / "fonts" / "Broken.ttf") << "not a font"; }
  try {
    Fonts f(fonts());
    ADD_FAILURE() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_NE(e.diagnostic().message.find("cannot load the font"), std::string::npos);
  }
}

}  // namespace
}  // namespace placard
