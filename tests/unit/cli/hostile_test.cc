// Hostile and broken input, run through the real binary. Each folder under
// tests/hostile/ is a case: its input files and case.txt, which says what to
// run and what must come of it:
//
//   run: ARGS          placard's arguments; OUT is the output folder
//   exit: N            the exit code (never a signal)
//   stderr: TEXT       a line of this text appears on stderr (repeatable)
//   present: FILE      OUT/FILE exists after the run (repeatable)
//   absent: FILE       OUT/FILE does not (repeatable)
//   memory-mb: N       run under `prlimit --data` of N MB (heap and private
//                      mappings), so that a bomb fails the test instead of
//                      taking the machine's memory
//
// Every case also checks that no temporary file is left in the output folder
// and that the error output is short (one message per failure, not a dump).
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

#ifdef PLACARD_SANITIZED
constexpr bool kSanitized = true;  // no memory limit: ASan's shadow memory would hit it
#else
constexpr bool kSanitized = false;
#endif

const fs::path kCases = fs::path(PLACARD_TEST_DIR) / "hostile";

struct Case {
  std::string run;
  int exit = -1;
  int memory_mb = 0;
  std::vector<std::string> stderr_lines, present, absent;
};

Case read_case(const fs::path& file) {
  Case c;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    const std::string key = line.substr(0, colon), value = line.substr(colon + 2);
    if (key == "run")
      c.run = value;
    else if (key == "exit")
      c.exit = std::stoi(value);
    else if (key == "stderr")
      c.stderr_lines.push_back(value);
    else if (key == "present")
      c.present.push_back(value);
    else if (key == "absent")
      c.absent.push_back(value);
    else if (key == "memory-mb")
      c.memory_mb = std::stoi(value);
    else
      ADD_FAILURE() << file << ": unknown key '" << key << "'";
  }
  return c;
}

struct Outcome {
  int code = -1;
  int signal = 0;
  std::string err;
};

// Runs placard in `dir` with stdout discarded and stderr captured, under
// `memory_mb` MB of data (0: no limit).
Outcome run_in(const fs::path& dir, const std::string& args, int memory_mb = 0) {
  const std::string limit =
      memory_mb > 0 && !kSanitized
          ? "prlimit --data=" + std::to_string(std::int64_t{memory_mb} << 20) + " "
          : "";
  const std::string cmd =
      "cd '" + dir.string() + "' && " + limit + PLACARD_BINARY + " " + args + " 2>&1 >/dev/null";
  Outcome o;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) o.err.append(buf.data(), n);
  const int status = pclose(p);
  // The shell reports a signal as 128 + N.
  if (WIFEXITED(status) && WEXITSTATUS(status) < 128)
    o.code = WEXITSTATUS(status);
  else
    o.signal = WIFEXITED(status) ? WEXITSTATUS(status) - 128 : WTERMSIG(status);
  return o;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kCases))
    if (fs::exists(e.path() / "case.txt")) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class Hostile : public testing::TestWithParam<std::string> {};

TEST_P(Hostile, RefusedClearlyWithNothingHalfWritten) {
  const fs::path src = kCases / GetParam();
  const Case c = read_case(src / "case.txt");
  ASSERT_FALSE(c.run.empty()) << "case.txt has no 'run:' line";
  // A private copy, so a run can never change the fixture.
  const fs::path dir = fs::temp_directory_path() /
                       ("placard-hostile-" + std::to_string(getpid()) + "-" + GetParam());
  fs::remove_all(dir);
  fs::copy(src, dir, fs::copy_options::recursive);
  std::string args = c.run;
  for (size_t at; (at = args.find("OUT")) != std::string::npos;) args.replace(at, 3, "out");

  const Outcome o = run_in(dir, args, c.memory_mb);
  EXPECT_EQ(o.signal, 0) << "killed by signal " << o.signal << "\n" << o.err;
  EXPECT_EQ(o.code, c.exit) << o.err;
  for (const std::string& s : c.stderr_lines)
    EXPECT_NE(o.err.find(s), std::string::npos) << "stderr lacks '" << s << "':\n" << o.err;
  EXPECT_LT(std::count(o.err.begin(), o.err.end(), '\n'), 12) << o.err;
  EXPECT_EQ(o.err.find("internal error"), std::string::npos) << o.err;

  const fs::path out = dir / "out";
  for (const std::string& f : c.present) EXPECT_TRUE(fs::exists(out / f)) << f << "\n" << o.err;
  for (const std::string& f : c.absent) EXPECT_FALSE(fs::exists(out / f)) << f;
  if (fs::exists(out)) {
    for (const auto& e : fs::recursive_directory_iterator(out))
      EXPECT_FALSE(e.path().extension() == ".tmp") << "left behind: " << e.path();
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Cases, Hostile, testing::ValuesIn(case_names()),
                         [](const testing::TestParamInfo<std::string>& i) {
                           std::string n = i.param;
                           for (char& ch : n)
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

}  // namespace

namespace {

// A symbolic link planted in the output folder, where a card's folder goes,
// must not carry the next run's writes (or removals) elsewhere.
TEST(HostileOutput, LinkPlantedForACardFolderIsNotFollowed) {
  const fs::path dir = fs::temp_directory_path() / ("placard-planted-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "elsewhere");
  {
    std::ofstream(dir / "deck.yaml") << "cards:\n  - {id: one, headline: The first card}\n"
                                        "  - {id: two, headline: The second card}\n";
  }
  ASSERT_EQ(run_in(dir, "render deck.yaml -o out").code, 0);
  fs::remove_all(dir / "out" / "one");
  fs::create_directory_symlink(dir / "elsewhere", dir / "out" / "one");

  const Outcome o = run_in(dir, "render deck.yaml -o out --force");
  EXPECT_EQ(o.signal, 0);
  EXPECT_EQ(o.code, 3) << o.err;
  EXPECT_NE(o.err.find("'out/one' is a symbolic link"), std::string::npos) << o.err;
  EXPECT_TRUE(fs::is_empty(dir / "elsewhere"));
  EXPECT_TRUE(fs::exists(dir / "out" / "two" / "og.png"));  // the other card is written
  fs::remove_all(dir);
}

}  // namespace
