// Crash safety of real runs: `placard render` killed with SIGKILL at random
// moments leaves every output and the manifest either as the last complete
// run wrote it or as the new run would, never truncated; the next run
// finishes the job and leaves no temporary files.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <random>

#include "base/file_io.h"
#include "batch/manifest.h"
#include "image/png_read.h"

namespace fs = std::filesystem;
using namespace placard;

namespace {

std::string deck(const std::string& variant) {
  std::string s = "cards:\n";
  for (int i = 1; i <= 8; ++i)
    s += "  - {id: card-" + std::to_string(i) + ", headline: \"" + variant + " card number " +
         std::to_string(i) + " says something worth sharing\"}\n";
  return s;
}

pid_t start(const fs::path& dir, const char* out) {
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(120);
    freopen("/dev/null", "w", stderr);
    execl(PLACARD_BINARY, PLACARD_BINARY, "render", "deck.yaml", "-o", out, "--sizes", "og,square",
          "-j", "2", static_cast<char*>(nullptr));
    _exit(121);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Every PNG decodes whole and is one of the two versions' bytes; the manifest
// parses and every file it lists exists. (Its byte counts may describe the
// previous version: a killed run renames new PNGs in before it writes the
// manifest, and the next run sees the difference and renders them again.)
void expect_consistent(const fs::path& out, const std::map<std::string, std::string>& before,
                       const std::map<std::string, std::string>& after, int kill) {
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file() || e.path().extension() != ".png") continue;
    const std::string rel = fs::relative(e.path(), out).string();
    const std::string bytes = read_file(e.path().string());
    EXPECT_NO_THROW(decode_png(bytes, rel)) << "kill " << kill << ": " << rel;
    const bool old_one = before.count(rel) && before.at(rel) == bytes;
    const bool new_one = after.count(rel) && after.at(rel) == bytes;
    EXPECT_TRUE(old_one || new_one) << "kill " << kill << ": " << rel << " is neither version";
  }
  const fs::path mpath = out / "manifest.json";
  if (!fs::exists(mpath)) return;
  Manifest m;
  ASSERT_NO_THROW(m = manifest_from_json(read_file(mpath.string()), mpath.string()))
      << "kill " << kill;
  for (const ManifestCard& c : m.cards)
    for (const ManifestOutput& o : c.outputs) {
      EXPECT_TRUE(fs::exists(out / o.file)) << "kill " << kill << ": " << o.file;
    }
}

std::map<std::string, std::string> snapshot(const fs::path& out) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(out))
    if (e.is_regular_file() && e.path().extension() == ".png")
      files[fs::relative(e.path(), out).string()] = read_file(e.path().string());
  return files;
}

TEST(CrashSafety, KilledRunsLeaveOldOrNewFilesAndTheNextRunCompletes) {
  const fs::path dir = fs::temp_directory_path() / ("placard-kill-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // The two versions' outputs, each from a clean run.
  write_file_atomic((dir / "deck.yaml").string(), deck("New"));
  ASSERT_EQ(wait_exit(start(dir, "new")), 0);
  const auto after = snapshot(dir / "new");
  write_file_atomic((dir / "deck.yaml").string(), deck("Old"));
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(wait_exit(start(dir, "out")), 0);
  const auto full = std::chrono::steady_clock::now() - t0;
  const auto before = snapshot(dir / "out");
  ASSERT_EQ(before.size(), 16u);

  // Kill runs at random moments of a full run; the text flips between the
  // two versions every time, so each run has every output to redo.
  std::mt19937 rng(20240607);
  const auto span = std::chrono::duration_cast<std::chrono::microseconds>(full).count();
  std::uniform_int_distribution<long> when(0, std::max<long>(span * 4 / 5, 1000));
  // 20 kills that land while the run is working (a run that finished before
  // its kill does not count), at most 80 tries.
  int landed = 0;
  for (int attempt = 1; attempt <= 80 && landed < 20; ++attempt) {
    write_file_atomic((dir / "deck.yaml").string(), deck(attempt % 2 ? "New" : "Old"));
    pid_t pid = start(dir, "out");
    usleep(static_cast<useconds_t>(when(rng)));
    ::kill(pid, SIGKILL);
    if (wait_exit(pid) == 128 + SIGKILL) ++landed;
    expect_consistent(dir / "out", before, after, attempt);
  }
  EXPECT_EQ(landed, 20);
  // The next run completes: every output new, no temporary file left.
  write_file_atomic((dir / "deck.yaml").string(), deck("New"));
  ASSERT_EQ(wait_exit(start(dir, "out")), 0);
  EXPECT_EQ(snapshot(dir / "out"), after);
  expect_consistent(dir / "out", after, after, 0);
  const Manifest last = manifest_from_json(read_file((dir / "out/manifest.json").string()), "");
  for (const ManifestCard& c : last.cards)
    for (const ManifestOutput& o : c.outputs)
      EXPECT_EQ(fs::file_size(dir / "out" / o.file), o.bytes) << o.file;
  for (const auto& e : fs::recursive_directory_iterator(dir / "out"))
    EXPECT_NE(e.path().extension(), ".tmp") << e.path();
  fs::remove_all(dir);
}

}  // namespace
