// Running a command as the CLI tests do: its exit code and everything it
// printed. Shared by the tests of this folder.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "base/file_io.h"

namespace placard::test {

struct Result {
  int code = -1;
  std::string out;  // stdout and stderr together
};

// A shell command line.
inline Result shell(const std::string& cmd) {
  Result r;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

// The placard binary under test with these arguments (shell syntax).
inline Result run(const std::string& args) {
  return shell(std::string(PLACARD_BINARY) + " " + args);
}

// A scratch folder of its own for each test, removed after it.
class ScratchTest : public testing::Test {
 public:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("placard-cli-" + std::to_string(getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) {
    placard::write_file_atomic(path(name), text);
  }
  std::filesystem::path dir_;
};

}  // namespace placard::test
