#include "file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "diagnostics.h"

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

TEST_F(FileIo, ReadingAFolderFails) {
  EXPECT_EQ(io_error([&] { read_file(dir_.string()); }),
            "cannot read '" + dir_.string() + "': Is a directory");
}

TEST_F(FileIo, RemoveFileIfExists) {
  write_file_atomic(path("a.png"), "x");
  remove_file_if_exists(path("a.png"));
  remove_file_if_exists(path("a.png"));  // already gone: fine
  EXPECT_TRUE(entries().empty());
}

}  // namespace
}  // namespace placard
