// The HTTP layer at its edge, over raw sockets on 127.0.0.1: a crowd of
// keep-alive clients, clients that trickle, one address holding too many
// connections, malformed framing, and what the access log gets. Every wait
// is bounded and every test ends by itself.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "http/http_server.h"
#include "http/listen.h"

using namespace placard;
using Clock = std::chrono::steady_clock;

namespace {

int port_of(const std::string& url) {
  return std::stoi(url.substr(url.rfind(':') + 1));
}

// A connected socket to 127.0.0.1:port, from `source` (any 127.x address).
int connect_to(int port, const char* source = "127.0.0.1") {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  inet_pton(AF_INET, source, &from.sin_addr);
  ::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void send_all(int fd, const std::string& s) {
  ASSERT_EQ(::send(fd, s.data(), s.size(), MSG_NOSIGNAL), static_cast<ssize_t>(s.size()));
}

// What arrives on `fd` until `enough` holds of it, the peer closes, or `ms`
// pass; `closed` tells whether the peer closed.
std::string read_until(int fd, int ms, const std::function<bool(const std::string&)>& enough,
                       bool* closed = nullptr) {
  std::string out;
  const auto until = Clock::now() + std::chrono::milliseconds(ms);
  if (closed) *closed = false;
  while (Clock::now() < until && !(enough && enough(out))) {
    pollfd p{fd, POLLIN, 0};
    const int left = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count());
    if (::poll(&p, 1, std::max(left, 0)) <= 0) break;
    char buf[4096];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      if (closed) *closed = true;
      break;
    }
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

std::string read_until_close(int fd, int ms, bool* closed = nullptr) {
  return read_until(fd, ms, nullptr, closed);
}

int count_of(const std::string& s, const std::string& what);

// On a kept-alive connection: what arrives until `n` answers that start
// with `status` have come (or 5 s pass), without waiting for a close that
// never comes.
std::string read_answers(int fd, const std::string& status, int n = 1) {
  return read_until(fd, 5000, [&](const std::string& got) { return count_of(got, status) >= n; });
}

int count_of(const std::string& s, const std::string& what) {
  int n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

class Edge : public testing::Test {
 protected:
  void start(HttpOptions o) {
    Listener l = listen_on("127.0.0.1:0");
    port_ = port_of(l.url);
    o.listen_fd = l.fd;
    o.on_done = [this](const AccessRecord& r) {
      std::lock_guard lock(mu_);
      log_.push_back(r);
    };
    auto ok = [](const HttpRequest&, const Reply& reply) {
      HttpResponse r;
      r.content_type = "text/plain";
      r.body = std::make_shared<const std::string>("ok");
      reply.send(std::move(r));
    };
    Route form{"form", "/form", true, ok};
    form.form = FormLimits{};
    form.form->max_body_bytes = 1 << 20;
    server_ = std::make_unique<HttpServer>(
        o, std::vector<Route>{{"ok", "/ok", true, ok}, {"health", "/health", true, ok}, form});
  }
  ~Edge() override {
    server_.reset();
    for (int fd : fds_) ::close(fd);
  }
  int open(const char* source = "127.0.0.1") {
    int fd = connect_to(port_, source);
    if (fd >= 0) fds_.push_back(fd);
    return fd;
  }
  int port_ = 0;
  std::vector<int> fds_;
  std::mutex mu_;
  std::vector<AccessRecord> log_;
  std::unique_ptr<HttpServer> server_;
};

const std::string kGet = "GET /ok HTTP/1.1\r\nHost: a\r\n\r\n";

}  // namespace

// libmicrohttpd's own epoll thread (0.9.75) left a crowd of 128 or more
// ready keep-alive connections unanswered until its idle timeout (10 s).
TEST_F(Edge, EveryOneOf256KeepAliveConnectionsIsAnsweredWithinASecond) {
  HttpOptions o;
  o.max_connections_per_ip = 1024;
  start(o);
  std::vector<int> crowd;
  for (int i = 0; i < 256; ++i) {
    int fd = open();
    ASSERT_GE(fd, 0);
    crowd.push_back(fd);
  }
  for (int round = 0; round < 4; ++round) {  // every connection sends at once, then reads
    for (int fd : crowd) send_all(fd, kGet);
    const auto until = Clock::now() + std::chrono::seconds(1);
    std::vector<std::string> got(crowd.size());
    size_t answered = 0;
    while (answered < crowd.size() && Clock::now() < until) {
      std::vector<pollfd> ps;
      for (size_t i = 0; i < crowd.size(); ++i)
        if (got[i].find("\r\n\r\nok") == std::string::npos) ps.push_back({crowd[i], POLLIN, 0});
      if (::poll(ps.data(), ps.size(), 50) <= 0) continue;
      for (const pollfd& p : ps) {
        if (!(p.revents & POLLIN)) continue;
        const size_t i =
            static_cast<size_t>(std::find(crowd.begin(), crowd.end(), p.fd) - crowd.begin());
        char buf[1024];
        const ssize_t n = ::recv(p.fd, buf, sizeof buf, 0);
        if (n > 0) got[i].append(buf, static_cast<size_t>(n));
        if (got[i].find("\r\n\r\nok") != std::string::npos) ++answered;
      }
    }
    ASSERT_EQ(answered, crowd.size()) << "round " << round;
  }
}

TEST_F(Edge, AHeaderThatTricklesIsCutWith408AtTheDeadline) {
  HttpOptions o;
  o.request_timeout_seconds = 1;
  o.timeout_seconds = 30;  // never idle: a line every 100 ms
  start(o);
  int fd = open();
  send_all(fd, "GET /ok HTTP/1.1\r\nHost: a\r\n");
  std::string got;
  bool closed = false;
  for (int i = 0; i < 50 && !closed; ++i) {  // at most 5 s
    ::send(fd, "X-A: b\r\n", 8, MSG_NOSIGNAL);
    got += read_until_close(fd, 100, &closed);
  }
  EXPECT_TRUE(closed);
  EXPECT_EQ(got.rfind("HTTP/1.1 408", 0), 0u) << got;
  // A client that sends its request at once is answered as ever.
  int other = open();
  send_all(other, "GET /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  EXPECT_NE(read_until_close(other, 5000).find("200 OK"), std::string::npos);
  const auto refused = server_->refusals();
  EXPECT_NE(std::find(refused.begin(), refused.end(),
                      std::pair<std::string, std::uint64_t>{"request_deadline", 1}),
            refused.end());
}

TEST_F(Edge, APostBodyThatTricklesIsCutWith408AtTheSameDeadline) {
  HttpOptions o;
  o.request_timeout_seconds = 1;
  o.timeout_seconds = 30;
  start(o);
  int fd = open();
  send_all(fd,
           "POST /form HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
           "Content-Length: 100000\r\n\r\n--XyZ\r\n");
  std::string got;
  bool closed = false;
  for (int i = 0; i < 50 && !closed; ++i) {  // at most 5 s
    ::send(fd, "aaaaaaaaaa", 10, MSG_NOSIGNAL);
    got += read_until_close(fd, 100, &closed);
  }
  EXPECT_TRUE(closed);
  EXPECT_EQ(got.rfind("HTTP/1.1 408", 0), 0u) << got;
  server_.reset();
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_EQ(log_[0].status, 408);
  EXPECT_EQ(log_[0].method, "POST");
}

TEST_F(Edge, OneAddressHoldsNoMoreThanItsShareAndAnotherIsStillAnswered) {
  HttpOptions o;
  o.max_connections_per_ip = 4;
  start(o);
  for (int i = 0; i < 4; ++i) {  // held open, each with an answered request
    int fd = open("127.0.0.1");
    send_all(fd, kGet);
    ASSERT_NE(read_answers(fd, "200 OK").find("200 OK"), std::string::npos);
  }
  int fifth = open("127.0.0.1");
  ASSERT_GE(fifth, 0);  // the kernel accepts; the server closes it unanswered
  ::send(fifth, kGet.data(), kGet.size(), MSG_NOSIGNAL);
  bool closed = false;
  EXPECT_EQ(read_until_close(fifth, 5000, &closed), "");
  EXPECT_TRUE(closed);
  int other = open("127.0.0.2");
  send_all(other, kGet);
  EXPECT_NE(read_answers(other, "200 OK").find("200 OK"), std::string::npos);
  const auto refused = server_->refusals();
  EXPECT_EQ(refused.front(), (std::pair<std::string, std::uint64_t>{"per_address", 1}));
}

TEST_F(Edge, WhenTheConnectionsAreTakenOnlyTheReservedPathsAreServed) {
  HttpOptions o;
  o.max_connections = 2;
  o.reserved_connections = 2;
  o.reserved_paths = {"/health"};
  start(o);
  for (int i = 0; i < 2; ++i) {
    int fd = open();
    send_all(fd, kGet);
    ASSERT_NE(read_answers(fd, "200 OK").find("200 OK"), std::string::npos);
  }
  int health = open();
  send_all(health, "GET /health HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_NE(read_answers(health, "200 OK").find("200 OK"), std::string::npos);
  int other = open();
  send_all(other, kGet);
  EXPECT_NE(read_until_close(other, 5000).find("HTTP/1.1 503"), std::string::npos);
}

// Each request is followed by a second one smuggled in its body or framing:
// the first is refused 400 and the connection closes before the second.
TEST_F(Edge, AmbiguousFramingAndControlBytesAreRefusedAndNothingFollowsThem) {
  start({});
  const std::string smuggled = "GET /ok HTTP/1.1\r\nHost: a\r\n\r\n";
  const std::vector<std::string> requests = {
      "POST /ok HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: " +
          std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled,
      "GET /ok HTTP/1.1\r\nHost: a\r\nContent-Length : " + std::to_string(smuggled.size()) +
          "\r\n\r\n" + smuggled,
      "GET /ok HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: "
      "5\r\n\r\n0\r\n\r\n" +
          smuggled,
      "G\x1b[2JT /ok HTTP/1.1\r\nHost: a\r\n\r\n" + smuggled,
      "GET /o\x01k HTTP/1.1\r\nHost: a\r\n\r\n" + smuggled,
      "GET /ok HTTP/1.1\r\nHost: a\r\nX-A: b\x01c\r\n\r\n" + smuggled,
      // obs-fold, which libmicrohttpd joins to the header's name: a proxy
      // that unfolds it sees "Transfer-Encoding: chunked x" here.
      "GET /ok HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n" + smuggled,
      "GET /ok HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\t\r\nX-B: d\r\n\r\n" + smuggled,
      "POST /form HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n x\r\nContent-Length: " +
          std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled,
      // No Host, or two: which site is meant is another parser's guess.
      "GET /ok HTTP/1.1\r\nX-A: b\r\n\r\n" + smuggled,
      "GET /ok HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + smuggled,
  };
  for (const std::string& req : requests) {
    int fd = open();
    send_all(fd, req);
    bool closed = false;
    const std::string got = read_until_close(fd, 5000, &closed);
    EXPECT_EQ(got.rfind("HTTP/1.1 400", 0), 0u) << req << "\n" << got;
    EXPECT_EQ(count_of(got, "200 OK"), 0) << req << "\n" << got;  // the smuggled one
    EXPECT_NE(got.find("nosniff"), std::string::npos);
    EXPECT_TRUE(closed);
  }
  server_.reset();  // every record is in
  for (const AccessRecord& r : log_)
    for (const std::string& field : {r.method, r.target, r.route, r.cache})
      for (unsigned char c : field) EXPECT_TRUE(c > 0x20 && c < 0x7f) << field;
  EXPECT_TRUE(std::any_of(log_.begin(), log_.end(),
                          [](const AccessRecord& r) { return r.method == "G%1B[2JT"; }));
}

// The obs-fold check reads libmicrohttpd's header block: every legal shape
// of header passes it, on a fresh connection and on a kept-alive one.
TEST_F(Edge, HeadersInEveryLegalShapeAreServed) {
  start({});
  std::string big = "GET /ok HTTP/1.1\r\nHost: a\r\n";
  for (int i = 0; i < 60; ++i)
    big += "X-Many-" + std::to_string(i) + ": " + std::string(80, 'v') + "\r\n";
  big += "\r\n";
  const std::vector<std::string> requests = {
      "GET /ok HTTP/1.1\r\nHost:a\r\nX-A:\t b \t\r\nX-Empty:\r\nX-Blank:   \r\n\r\n",
      "GET /ok HTTP/1.1\nHost: a\nX-A: b\n\n",  // bare LF line ends
      "GET /ok?x=1&y=%20 HTTP/1.1\r\nHost: a\r\nCookie: a=1; b=2\r\n\r\n",
      "GET /ok HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",  // 1.0 sends no Host
      big,
  };
  for (const std::string& req : requests) {
    int fd = open();
    send_all(fd, req + req);  // the second on the same connection
    const std::string got = read_answers(fd, "200 OK", 2);
    EXPECT_EQ(count_of(got, "200 OK"), 2) << req.substr(0, 120) << "\n" << got.substr(0, 300);
  }
}

TEST_F(Edge, ManyQueryParametersAreAnswered414NotDropped) {
  start({});
  std::string target = "/ok?";
  for (int i = 0; i < 480; ++i) target += "a" + std::to_string(i) + "=1&";
  int fd = open();
  send_all(fd, "GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n");
  const std::string got = read_answers(fd, "HTTP/1.1 414");
  EXPECT_EQ(got.rfind("HTTP/1.1 414", 0), 0u) << got.substr(0, 200);
  // A few are the route's to read.
  int ok = open();
  send_all(ok, "GET /ok?a=1&b=2 HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_NE(read_answers(ok, "200 OK").find("200 OK"), std::string::npos);
}
