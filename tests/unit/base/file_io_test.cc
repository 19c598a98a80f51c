#include "base/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "base/diagnostics.h"

namespace placard {
namespace {

namespace fs = std::filesystem;

class FileIo : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "placard-file-io-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // Every entry under the temp dir, relative to it.
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir_))
      out.push_back(fs::relative(e.path(), dir_).string());
    std::sort(out.begin(), out.end());
    return out;
  }

  fs::path dir_;
};

// Runs f, which must throw an io DiagnosticError, and returns its message.
template <typename F>
std::string io_error(F f) {
  try {
    f();
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::io);
    return e.diagnostic().message;
  }
  ADD_FAILURE() << "expected an error";
  return "";
}

TEST_F(FileIo, WritesCreatingFoldersAndReadsBack) {
  std::string bytes("PNG\0bytes\xff", 10);
  write_file_atomic(path("out/cards/a.png"), bytes);
  EXPECT_EQ(read_file(path("out/cards/a.png")), bytes);
  EXPECT_EQ(entries(), (std::vector<std::string>{"out", "out/cards", "out/cards/a.png"}));
}

TEST_F(FileIo, ReplacesExistingContentAndLeavesNoTempFiles) {
  write_file_atomic(path("a.png"), std::string(100000, 'x'));
  write_file_atomic(path("a.png"), "short");
  write_file_atomic(path("b.png"), "");
  EXPECT_EQ(read_file(path("a.png")), "short");
  EXPECT_EQ(read_file(path("b.png")), "");
  EXPECT_EQ(entries(), (std::vector<std::string>{"a.png", "b.png"}));
}

TEST_F(FileIo, NewFilesAreWorldReadable) {
  mode_t mask = ::umask(022);
  write_file_atomic(path("a.png"), "x");
  ::umask(mask);
  struct stat st {};
  ASSERT_EQ(::stat(path("a.png").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST_F(FileIo, ConcurrentWritersToOneFileDoNotClash) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i)
        write_file_atomic(path("same.png"), std::string(1000, static_cast<char>('a' + t)));
    });
  for (auto& th : threads) th.join();
  std::string content = read_file(path("same.png"));
  EXPECT_EQ(content, std::string(1000, content[0]));  // one writer's file, whole
  EXPECT_EQ(entries(), std::vector<std::string>{"same.png"});
}

TEST_F(FileIo, FailsWhenParentIsAFile) {
  write_file_atomic(path("file"), "x");
  std::string target = path("file/a.png");
  EXPECT_EQ(io_error([&] { write_file_atomic(target, "y"); }),
            "cannot write '" + target + "': Not a directory");
  EXPECT_EQ(entries(), std::vector<std::string>{"file"});
}

TEST_F(FileIo, FailsWhenTargetIsAFolderAndRemovesTheTempFile) {
  fs::create_directories(path("out/a.png"));
  std::string message = io_error([&] { write_file_atomic(path("out/a.png"), "y"); });
  EXPECT_EQ(message.rfind("cannot write '" + path("out/a.png") + "': ", 0), 0u) << message;
  EXPECT_EQ(entries(), (std::vector<std::string>{"out", "out/a.png"}));
}

TEST_F(FileIo, ReadingAMissingFileFails) {
  std::string missing = path("missing.md");
  EXPECT_EQ(io_error([&] { read_file(missing); }),
            "cannot read '" + missing + "': No such file or directory");
}

// Folders, devices and pipes named in content or layout files are bad input:
// /dev/zero would otherwise be read until memory runs out, a pipe forever.
TEST_F(FileIo, ReadingAFolderDeviceOrPipeFails) {
  ASSERT_EQ(::mkfifo(path("pipe").c_str(), 0600), 0);
  for (const std::string& p : {dir_.string(), std::string("/dev/zero"), path("pipe")}) {
    try {
      read_file(p);
      ADD_FAILURE() << p << " was read";
    } catch (const DiagnosticError& e) {
      EXPECT_EQ(e.diagnostic().kind, FailureKind::bad_input);
      EXPECT_EQ(e.diagnostic().message, "'" + p + "' is not a regular file");
    }
  }
}

TEST_F(FileIo, ReadingWithALimitRefusesLargerFiles) {
  write_file_atomic(path("big.png"), std::string(2000, 'x'));
  EXPECT_EQ(read_file(path("big.png"), 2000).size(), 2000u);
  try {
    read_file(path("big.png"), 1999);
    ADD_FAILURE() << "read";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::bad_input);
    EXPECT_EQ(e.diagnostic().message,
              "file is 2000 bytes, too large to read (limit 'image-bytes' is 1999)");
  }
}

TEST_F(FileIo, WritesUnderARootCreatingFolders) {
  write_file_atomic_under(path("out"), "card/og.png", "png");
  EXPECT_EQ(read_file(path("out/card/og.png")), "png");
  write_file_atomic_under(path("out"), "card/og.png", "new");
  EXPECT_EQ(read_file(path("out/card/og.png")), "new");
  EXPECT_EQ(entries(), (std::vector<std::string>{"out", "out/card", "out/card/og.png"}));
  remove_file_under(path("out"), "card/og.png");
  remove_file_under(path("out"), "card/og.png");  // already gone: fine
  remove_file_under(path("nowhere"), "card/og.png");
  EXPECT_FALSE(fs::exists(path("out/card/og.png")));
}

TEST_F(FileIo, NeverWritesThroughALinkPlantedInTheOutputFolder) {
  fs::create_directories(path("out"));
  fs::create_directories(path("elsewhere"));
  fs::create_directory_symlink(path("elsewhere"), path("out/card"));
  EXPECT_EQ(io_error([&] { write_file_atomic_under(path("out"), "card/og.png", "png"); }),
            "cannot write '" + path("out/card/og.png") + "': '" + path("out/card") +
                "' is a symbolic link, and Placard does not follow links inside its output folder");
  EXPECT_TRUE(fs::is_empty(path("elsewhere")));
  // Nor removes through one.
  write_file_atomic(path("elsewhere/og.png"), "keep");
  EXPECT_THROW(remove_file_under(path("out"), "card/og.png"), DiagnosticError);
  EXPECT_EQ(read_file(path("elsewhere/og.png")), "keep");
}

TEST_F(FileIo, ALinkAtTheFileItselfIsReplacedNotFollowed) {
  write_file_atomic(path("victim"), "keep");
  fs::create_directories(path("out/card"));
  fs::create_symlink(path("victim"), path("out/card/og.png"));
  write_file_atomic_under(path("out"), "card/og.png", "png");
  EXPECT_EQ(read_file(path("victim")), "keep");
  EXPECT_FALSE(fs::is_symlink(path("out/card/og.png")));
  EXPECT_EQ(read_file(path("out/card/og.png")), "png");
}

TEST_F(FileIo, PathsLeavingTheRootAreRefused) {
  for (const char* bad : {"../x.png", "/etc/x.png", "a/../../x.png", "", "a//b.png", "./a.png"}) {
    EXPECT_FALSE(is_safe_relative_path(bad)) << bad;
    EXPECT_THROW(write_file_atomic_under(path("out"), bad, "x"), DiagnosticError) << bad;
  }
  EXPECT_TRUE(is_safe_relative_path("card/og.png"));
  EXPECT_FALSE(fs::exists(path("x.png")));
}

TEST_F(FileIo, StaleTempFilesOfDeadProcessesAreRemoved) {
  // pid 2^22+1 is above Linux's pid_max, so no process has it.
  write_file_atomic(path("out/card/.og.png.4194305-0.tmp"), "half");
  write_file_atomic(path("out/.manifest.json.4194305-3.tmp"), "half");
  const std::string mine = ".og.png." + std::to_string(::getpid()) + "-9.tmp";
  write_file_atomic(path("out/card/" + mine), "in progress");
  write_file_atomic(path("out/card/og.png"), "png");
  EXPECT_EQ(remove_stale_temp_files(path("out")), 2);
  EXPECT_EQ(entries(),
            (std::vector<std::string>{"out", "out/card", "out/card/" + mine, "out/card/og.png"}));
}

TEST_F(FileIo, RemoveFileIfExists) {
  write_file_atomic(path("a.png"), "x");
  remove_file_if_exists(path("a.png"));
  remove_file_if_exists(path("a.png"));  // already gone: fine
  EXPECT_TRUE(entries().empty());
}

}  // namespace
}  // namespace placard
