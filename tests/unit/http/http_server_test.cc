// The HTTP layer's POST handling on a real socket: a route that takes a
// form, and every way a body can be refused before the route sees it.
#include "http/http_server.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "http/listen.h"
#include "http_client.h"

using namespace placard;

namespace {

struct ReadState {
  std::string data;
  size_t at = 0;
};
size_t on_read(char* buf, size_t size, size_t n, void* cls) {
  auto& s = *static_cast<ReadState*>(cls);
  const size_t k = std::min(size * n, s.data.size() - s.at);
  std::memcpy(buf, s.data.data() + s.at, k);
  s.at += k;
  return k;
}

// POST `body` with `headers`; chunked when asked (no Content-Length).
Answer post(const std::string& url, const std::string& body, std::vector<std::string> headers,
            bool chunked = false) {
  Answer a;
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  ReadState rs{body, 0};
  CURL* c = easy(url, a);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  if (chunked) {
    list = curl_slist_append(list, "Transfer-Encoding: chunked");
    curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &rs);
  } else {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
  curl_easy_cleanup(c);
  curl_slist_free_all(list);
  return a;
}

const std::string kType = "Content-Type: multipart/form-data; boundary=XyZ";

std::string part(const std::string& name, const std::string& value, const std::string& file = "") {
  std::string s = "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"";
  if (!file.empty()) s += "; filename=\"" + file + "\"\r\nContent-Type: image/jpeg";
  return s + "\r\n\r\n" + value + "\r\n";
}
const std::string kEnd = "--XyZ--\r\n";

class Http : public testing::Test {
 protected:
  void SetUp() override {
    Listener l = listen_on("127.0.0.1:0");
    url_ = l.url;
    HttpOptions o;
    o.listen_fd = l.fd;
    o.on_done = [this](const AccessRecord& r) {
      std::lock_guard lock(mu_);
      log_.push_back(r);
    };
    FormLimits limits;
    limits.max_body_bytes = 1 << 20;
    limits.max_parts = 4;
    limits.max_text_bytes = 100;
    limits.max_file_bytes = 512 * 1024;
    limits.file_parts = {"photo"};
    Route form{"form", "/form", true, [this](const HttpRequest& req, const Reply& reply) {
                 // Echo the parts as "name=size;"; the client checks what arrived.
                 std::string out = req.client + "|";
                 for (const FormPart& p : req.parts)
                   out += p.name + "=" +
                          (p.name == "photo" ? std::to_string(p.data.size()) : p.data) + ";";
                 ++handled_;
                 HttpResponse r;
                 r.content_type = "text/plain";
                 r.body = std::make_shared<const std::string>(out);
                 reply.send(std::move(r));
               }};
    form.form = limits;
    form.admit = [](const HttpRequest& req, FormLimits& l) -> std::optional<HttpResponse> {
      if (req.query() == "refuse") return json_error(429, "slow down", "", "");
      l.allowed = {"name", "city", "photo"};
      return std::nullopt;
    };
    Route get{"get", "/get", true, [](const HttpRequest&, const Reply& reply) {
                HttpResponse r;
                r.body = std::make_shared<const std::string>("ok");
                reply.send(std::move(r));
              }};
    Route stream{"stream", "/stream", true, [this](const HttpRequest&, const Reply& reply) {
                   auto st = std::make_shared<HttpStream>();
                   {
                     std::lock_guard lock(mu_);
                     stream_ = st;
                   }
                   HttpResponse r;
                   r.content_type = "text/event-stream";
                   r.stream = st;
                   reply.send(std::move(r));
                 }};
    server_ = std::make_unique<HttpServer>(o, std::vector<Route>{form, get, stream});
  }
  std::string url_;
  std::atomic<int> handled_{0};
  std::mutex mu_;
  std::vector<AccessRecord> log_;
  std::shared_ptr<HttpStream> stream_;
  std::unique_ptr<HttpServer> server_;  // last: stopped before what it writes to goes
};

}  // namespace

TEST_F(Http, AFormArrivesWholeInMemoryWhetherSizedOrChunked) {
  const std::string body = part("name", "Ada Lovelace") + part("city", "London") +
                           part("photo", std::string(300000, 'p'), "me.jpg") + kEnd;
  for (bool chunked : {false, true}) {
    Answer a = post(url_ + "/form", body, {kType}, chunked);
    EXPECT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(a.body, "127.0.0.1|name=Ada Lovelace;city=London;photo=300000;");
  }
  EXPECT_EQ(handled_, 2);
}

TEST_F(Http, BodiesOverTheLimitGet413BeforeTheRouteSeesThem) {
  // Announced: refused by Content-Length before the body is read.
  const std::string big = part("photo", std::string(2 << 20, 'p'), "big.jpg") + kEnd;
  Answer sized = post(url_ + "/form", big, {kType});
  EXPECT_EQ(sized.status, 413) << sized.body;
  // Chunked, with no length: parsing stops as the count passes the limit.
  // libmicrohttpd answers only once a body has ended, so the rest is read
  // and dropped (up to the limit again) and then refused with 413; a body
  // that goes on beyond that is cut off.
  const std::string over = part("photo", std::string(1536 * 1024, 'p'), "big.jpg") + kEnd;
  Answer chunked = post(url_ + "/form", over, {kType}, true);
  EXPECT_EQ(chunked.status, 413) << chunked.body;
  Answer endless =
      post(url_ + "/form", part("photo", std::string(8 << 20, 'p'), "x.jpg") + kEnd, {kType}, true);
  EXPECT_TRUE(endless.status == 0 || endless.status == 413) << endless.status;
  // A part over its own limit names the part.
  Answer photo =
      post(url_ + "/form", part("photo", std::string(600 * 1024, 'p'), "a.jpg") + kEnd, {kType});
  EXPECT_EQ(photo.status, 413);
  EXPECT_NE(photo.body.find("\"field\":\"photo\""), std::string::npos) << photo.body;
  Answer text = post(url_ + "/form", part("name", std::string(101, 'n')) + kEnd, {kType});
  EXPECT_EQ(text.status, 413);
  EXPECT_NE(text.body.find("\"field\":\"name\""), std::string::npos) << text.body;
  EXPECT_EQ(handled_, 0);
}

TEST_F(Http, WrongTypesUnknownPartsAndBrokenFormsAreRefused) {
  EXPECT_EQ(
      post(url_ + "/form", "name=x", {"Content-Type: application/x-www-form-urlencoded"}).status,
      415);
  EXPECT_EQ(post(url_ + "/form", "{}", {"Content-Type: application/json"}).status, 415);
  EXPECT_EQ(
      post(url_ + "/form", part("name", "x") + kEnd, {"Content-Type: multipart/form-data"}).status,
      415);
  Answer unknown = post(url_ + "/form", part("name", "x") + part("secret", "y") + kEnd, {kType});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("\"field\":\"secret\""), std::string::npos) << unknown.body;
  Answer many = post(url_ + "/form",
                     part("name", "a") + part("city", "b") + part("name", "c") + kEnd, {kType});
  EXPECT_EQ(many.status, 422);  // sent twice
  Answer cut =
      post(url_ + "/form",
           part("name", "x") + "--XyZ\r\nContent-Disposition: form-data; name=\"city\"\r\n\r\nLon",
           {kType});
  EXPECT_EQ(cut.status, 400) << cut.body;
  Answer admit = post(url_ + "/form?refuse", part("name", "x") + kEnd, {kType});
  EXPECT_EQ(admit.status, 429);
  // POST elsewhere is still not allowed; GET still works on the same server.
  EXPECT_EQ(post(url_ + "/get", part("name", "x") + kEnd, {kType}).status, 405);
  EXPECT_EQ(handled_, 0);
  server_.reset();  // every request was logged, with no part of the body
  for (const AccessRecord& r : log_) {
    EXPECT_EQ(r.target.find("secret"), std::string::npos);
    EXPECT_FALSE(r.route.empty() && r.status != 405) << r.target;
  }
}

// A live stream whose client stopped reading (a hung tab, or someone holding
// the preview's few stream slots) is dropped once 1 MB waits for it, and its
// connection closed: what the server holds for it stays bounded.
TEST_F(Http, AStreamWhoseClientStopsReadingIsDroppedAndClosed) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  const int small = 4096;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  const timeval wait{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  const std::string port = url_.substr(url_.rfind(':') + 1);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(std::stoi(port)));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string request = "GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  ASSERT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  std::shared_ptr<HttpStream> st;
  for (int i = 0; i < 500 && !st; ++i) {
    {
      std::lock_guard lock(mu_);
      st = stream_;
    }
    if (!st) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(st);
  // The client reads nothing more. The kernel's buffers take a few MB, then
  // the stream's own queue fills.
  const std::string event = "data: " + std::string(64 * 1024 - 8, 'x') + "\n\n";
  size_t written = 0;
  bool refused = false;
  while (written < (64u << 20) && !refused) {
    refused = !st->write(event);
    if (!refused) written += event.size();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(refused) << written << " bytes queued for a client that reads nothing";
  EXPECT_LT(written, 32u << 20);
  // Reading now, the client gets what the kernel held, then the end.
  char buf[65536];
  ssize_t n = 0;
  size_t got = 0;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) got += static_cast<size_t>(n);
  EXPECT_TRUE(n == 0 || errno == ECONNRESET) << "recv: " << std::strerror(errno);
  EXPECT_LT(got, written);
  ::close(fd);
}

// One event larger than that bound (the preview's state of a big campaign)
// still reaches a client that reads: only bytes left waiting count.
TEST_F(Http, AStreamEventLargerThanTheBoundReachesAClientThatReads) {
  std::thread writer([this] {
    std::shared_ptr<HttpStream> st;
    for (int i = 0; i < 500 && !st; ++i) {
      {
        std::lock_guard lock(mu_);
        st = stream_;
      }
      if (!st) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!st) return;
    EXPECT_TRUE(st->write("data: " + std::string(3 << 20, 'x') + "\n\n"));
    st->end();
  });
  const Answer a = get(url_ + "/stream");
  writer.join();
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body.size(), (3u << 20) + 8);
}
