// Running a command as the CLI tests do: its exit code and everything it
// printed. Shared by the tests of this folder.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

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

}  // namespace placard::test
