// `placard preview` against other pages on the same machine (issue 30): a
// page on another 127.0.0.1 port switched the preview's layout with a GET,
// and 64 live-update connections that never ended locked the page out.
// The real binary on 127.0.0.1, driven by libcurl and plain sockets.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../http/http_client.h"
#include "base/file_io.h"

namespace fs = std::filesystem;

namespace {

// `placard preview DECK --sizes og` on a free port, killed at the end.
class PreviewProcess {
 public:
  explicit PreviewProcess(const fs::path& deck) {
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      execl(PLACARD_BINARY, PLACARD_BINARY, "preview", deck.c_str(), "--sizes", "og", "--listen",
            "127.0.0.1:0", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    const std::string prefix = "preview on ";
    EXPECT_TRUE(line.starts_with(prefix)) << line;
    if (line.starts_with(prefix)) url = line.substr(prefix.size());
    port = url.empty() ? 0 : std::stoi(url.substr(url.rfind(':') + 1));
  }
  ~PreviewProcess() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::string url;
  int port = 0;

 private:
  pid_t pid_ = -1;
};

class PreviewServer : public testing::Test {
 protected:
  void SetUp() override {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    dir_ = fs::temp_directory_path() / ("placard-preview-server-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    placard::write_file_atomic((dir_ / "deck.yaml").string(),
                               "cards:\n  - {id: one, headline: The first card}\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

// The page's token, from its <meta name="placard-token">.
std::string token_of(const std::string& page) {
  const std::string key = "name=\"placard-token\" content=\"";
  const size_t at = page.find(key);
  if (at == std::string::npos) return "";
  return page.substr(at + key.size(), page.find('"', at + key.size()) - at - key.size());
}

TEST_F(PreviewServer, APickIsAPostWithThePagesTokenFromThePagesOrigin) {
  PreviewProcess p(dir_ / "deck.yaml");
  ASSERT_FALSE(p.url.empty());
  const std::string token = token_of(get(p.url + "/").body);
  ASSERT_EQ(token.size(), 32u);
  EXPECT_NE(token_of(get(p.url + "/").body), "");
  const std::string choose = p.url + "/api/choose";
  // The old way in: a GET, as an <img> or a fetch from any page sends it.
  const Answer by_get = get(choose + "?layout=quote");
  EXPECT_EQ(by_get.status, 405);
  EXPECT_EQ(by_get.headers.at("allow"), "POST");
  // A POST without the token (another page cannot read it), or with the
  // marks of another page: refused.
  EXPECT_EQ(post_form(choose, {{"layout", "quote"}}).status, 403);
  EXPECT_EQ(post_form(choose, {{"layout", "quote"}, {"token", std::string(32, '0')}}).status, 403);
  const std::vector<std::pair<std::string, std::string>> pick = {{"layout", "quote"},
                                                                 {"token", token}};
  EXPECT_EQ(post_form(choose, pick, {}, {"Sec-Fetch-Site: same-site"}).status, 403);
  EXPECT_EQ(post_form(choose, pick, {}, {"Sec-Fetch-Site: cross-site"}).status, 403);
  EXPECT_EQ(post_form(choose, pick, {}, {"Origin: http://127.0.0.1:1"}).status, 403);
  // The page itself: its origin and its token.
  EXPECT_EQ(post_form(choose, pick, {},
                      {"Sec-Fetch-Site: same-origin",
                       "Origin: http://127.0.0.1:" + std::to_string(p.port)})
                .status,
            202);
  EXPECT_EQ(post_form(choose, pick).status, 202);  // a client that sends neither
}

// Opens a live-update stream on a plain socket and returns the first line
// of the answer ("HTTP/1.1 200 OK"); the socket stays open in `fds`.
std::string open_stream(int port, std::vector<int>& fds) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return "";
  fds.push_back(fd);
  const std::string req =
      "GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n\r\n";
  if (write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) return "";
  std::string line;
  char c;
  while (read(fd, &c, 1) == 1 && c != '\r') line += c;
  return line;
}

TEST_F(PreviewServer, LiveUpdateStreamsAreCappedSoThePageStaysReachable) {
  PreviewProcess p(dir_ / "deck.yaml");
  ASSERT_FALSE(p.url.empty());
  std::vector<int> fds;
  int refused = 0;
  for (int i = 0; i < 24; ++i) {
    const std::string first = open_stream(p.port, fds);
    if (first.find(" 503 ") != std::string::npos)
      ++refused;
    else
      EXPECT_NE(first.find(" 200 "), std::string::npos) << i << ": " << first;
  }
  EXPECT_EQ(refused, 24 - 16);
  // The page and its state still answer with every stream held open.
  EXPECT_EQ(get(p.url + "/").status, 200);
  EXPECT_EQ(get(p.url + "/api/state").status, 200);
  for (int fd : fds) close(fd);
}

}  // namespace
