#include "batch/watch.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "base/file_io.h"

namespace fs = std::filesystem;

namespace placard {
namespace {

TEST(Watch, ASavedFileRendersAgainOnlyWhatChanged) {
  const fs::path dir = fs::temp_directory_path() / ("placard-watch-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string deck = (dir / "deck.csv").string();
  write_file_atomic(deck, "headline\nFirst.\nSecond.\n");
  RenderOptions o;
  o.inputs = {deck};
  o.out_dir = (dir / "out").string();
  o.jobs = 1;

  std::mutex mu;
  std::vector<BatchReport> runs;
  std::atomic<bool> stop{false};
  std::thread t([&] {
    watch(
        o,
        [&](const BatchReport& r) {
          std::lock_guard lock(mu);
          runs.push_back(r);
        },
        stop, 50);
  });
  auto wait_for = [&](size_t n) {
    for (int i = 0; i < 200; ++i) {
      {
        std::lock_guard lock(mu);
        if (runs.size() >= n) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  };
  ASSERT_TRUE(wait_for(1));
  // Saved the way editors do: a new file renamed over the old one.
  write_file_atomic(deck, "headline\nFirst.\n\"Second, changed.\"\n");
  bool second = wait_for(2);
  // A file the run did not read changes nothing: the next run is the one
  // the deck's next save starts, and it renders that save.
  write_file_atomic((dir / "notes.txt").string(), "unrelated");
  write_file_atomic(deck, "headline\nFirst.\n\"Second, changed.\"\nThird.\n");
  bool third = wait_for(3);
  stop = true;
  t.join();
  ASSERT_TRUE(second);
  ASSERT_TRUE(third);
  std::lock_guard lock(mu);
  EXPECT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[2].rendered, 1);  // third.png, nothing for notes.txt
  EXPECT_EQ(runs[0].rendered, 2);
  EXPECT_EQ(runs[1].rendered, 1);
  EXPECT_EQ(runs[1].up_to_date, 1);
  EXPECT_EQ(runs[1].removed.size(), 1u);
  EXPECT_TRUE(fs::exists(dir / "out/second-changed/og.png"));
  fs::remove_all(dir);
}

// A brand or layout file that breaks stays watched: fixing it renders again,
// with no save of the content.
TEST(Watch, ABrokenBrandOrLayoutFileIsStillWatched) {
  const fs::path dir =
      fs::temp_directory_path() / ("placard-watch-broken-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string md = (dir / "c.md").string();
  const std::string layout_path = (dir / "mine.yaml").string();
  const std::string brand_path = (dir / "brand.yaml").string();
  const std::string good_brand =
      read_file(std::string(PLACARD_TEST_DIR) + "/../brands/default.yaml");
  const std::string good_layout =
      read_file(std::string(PLACARD_TEST_DIR) + "/../layouts/standard.yaml");
  write_file_atomic(md, "---\nlayout: mine.yaml\nbrand: brand.yaml\n---\n# C\n\n- One card.\n");
  write_file_atomic(layout_path, "name: mine\nelements: [[[\n");  // broken from the start
  write_file_atomic(brand_path, good_brand);
  RenderOptions o;
  o.inputs = {md};
  o.out_dir = (dir / "out").string();
  o.jobs = 1;

  std::mutex mu;
  std::vector<BatchReport> runs;
  std::atomic<bool> stop{false};
  std::thread t([&] {
    watch(
        o,
        [&](const BatchReport& r) {
          std::lock_guard lock(mu);
          runs.push_back(r);
        },
        stop, 50);
  });
  auto wait_for = [&](size_t n) {
    for (int i = 0; i < 400; ++i) {
      {
        std::lock_guard lock(mu);
        if (runs.size() >= n) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  };
  bool ok = wait_for(1);
  if (ok) write_file_atomic(layout_path, good_layout);  // the layout fixed
  ok = ok && wait_for(2);
  if (ok) write_file_atomic(brand_path, "colors: [\n");  // the brand broken
  ok = ok && wait_for(3);
  if (ok) write_file_atomic(brand_path, good_brand);  // and fixed again
  ok = ok && wait_for(4);
  stop = true;
  t.join();
  ASSERT_TRUE(ok) << "a fix of a broken file was not seen; runs: " << runs.size();
  std::lock_guard lock(mu);
  EXPECT_EQ(runs[0].failed_cards, 1);
  EXPECT_EQ(runs[1].rendered, 1);
  EXPECT_TRUE(runs[1].errors.empty());
  EXPECT_FALSE(runs[2].errors.empty());
  EXPECT_TRUE(runs[3].errors.empty());
  EXPECT_EQ(runs[3].up_to_date, 1);  // the same brand as before it broke
  fs::remove_all(dir);
}

}  // namespace
}  // namespace placard
