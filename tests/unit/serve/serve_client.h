// What the server tests share: a libcurl client, `placard serve` started
// on 127.0.0.1:0 in the background (killed when done), and a fixture with a
// scratch folder per test.
#pragma once

#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "../http/http_client.h"
#include "base/file_io.h"
#include "serve/signing.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const std::string kKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const std::string kOtherKey = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

inline std::string key_bytes(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

inline std::string signed_path(const std::string& text, const std::string& size = "og",
                               const std::string& key = kKey, placard::QueryParams extra = {},
                               placard::ImageFormat format = placard::ImageFormat::png) {
  placard::QueryParams p = {{"headline", text}};
  for (auto& e : extra) p.push_back(e);
  return placard::signed_render_path(key_bytes(key), "statement", size, p, format);
}

inline std::string run_cli(const std::string& args) {
  std::string cmd = std::string(PLACARD_BINARY) + " " + args + " 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

// `placard serve ARGS --listen 127.0.0.1:0` in the background.
// With `cwd`, the server runs in that folder with TMPDIR pointing into it
// (so a test can see every file it might write); with `data_bytes`, under
// that RLIMIT_DATA (its heap and private mappings, as `prlimit --data`).
class Server {
 public:
  Server(const std::vector<std::string>& args, const fs::path& log, const fs::path& cwd = {},
         rlim_t data_bytes = 0)
      : log_(log) {
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    pid_ = fork();
    if (pid_ == 0) {
      if (data_bytes > 0) {
#ifndef PLACARD_SANITIZED  // ASan's shadow memory would hit any such limit
        const rlimit limit{data_bytes, data_bytes};
        if (setrlimit(RLIMIT_DATA, &limit) != 0) _exit(125);
#endif
      }
      if (!cwd.empty()) {
        if (chdir(cwd.c_str()) != 0) _exit(126);
        setenv("TMPDIR", (cwd / "tmp").c_str(), 1);
      }
      dup2(out[1], 1);
      FILE* err = std::fopen(log.c_str(), "w");
      dup2(fileno(err), 2);
      close(out[0]);
      std::vector<std::string> all = {PLACARD_BINARY, "serve", "--listen", "127.0.0.1:0"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    const std::string prefix = "listening on ";
    EXPECT_TRUE(line.starts_with(prefix)) << "first line: '" << line << "'; log:\n" << log_text();
    if (line.starts_with(prefix)) url = line.substr(prefix.size());
  }
  ~Server() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  // Sends `sig` and returns the exit code (or 128 + signal).
  int stop(int sig = SIGTERM) {
    kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  pid_t pid() const {
    return pid_;
  }
  std::string log_text() const {
    std::ifstream f(log_);
    return {std::istreambuf_iterator<char>(f), {}};
  }
  std::string url;

 private:
  pid_t pid_ = -1;
  fs::path log_;
};

class Serve : public testing::Test {
 protected:
  void SetUp() override {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    dir_ =
        fs::temp_directory_path() / ("placard-serve-" + std::to_string(getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    placard::write_file_atomic(path("card.key"), kKey + "\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  // A server with the test key. Renders get 30 s, not 2, so that a loaded
  // machine (the whole suite runs at once) cannot turn a slow render into a 503.
  std::unique_ptr<Server> start(std::vector<std::string> args) {
    args.insert(args.begin(), {"--key-file", path("card.key")});
    if (std::find(args.begin(), args.end(), "--render-timeout") == args.end())
      args.insert(args.end(), {"--render-timeout", "30000"});
    return std::make_unique<Server>(args, dir_ / "server.log");
  }
  std::string file(const std::string& name) const { return placard::read_file(path(name)); }
  fs::path dir_;
};

const std::string kExample =
    std::string(PLACARD_TEST_DIR) + "/../examples/transforming-the-system/campaign.md";

}  // namespace
