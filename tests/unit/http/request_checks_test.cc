#include "http/request_checks.h"

#include <gtest/gtest.h>

using namespace placard;
using H = std::vector<std::pair<std::string, std::string>>;

TEST(RequestChecks, RefusesWhatAnotherParserCouldReadDifferently) {
  EXPECT_FALSE(check_headers({{"Host", "a"}, {"Content-Length", "5"}, {"Content-Length", "5"}}));
  EXPECT_TRUE(check_headers({{"Content-Length", "5"}, {"content-length", "6"}}));
  EXPECT_TRUE(check_headers({{"Content-Length", "+5"}}));
  EXPECT_TRUE(check_headers({{"Content-Length", ""}}));
  EXPECT_TRUE(check_headers({{"Content-Length ", "5"}}));  // "Content-Length :"
  EXPECT_TRUE(check_headers({{"Transfer-Encoding", "chunked"}, {"Content-Length", "5"}}));
  EXPECT_TRUE(check_headers({{"X-A", "b\rc"}}));
  EXPECT_FALSE(check_headers({{"X-A", "b\tc"}}));
  EXPECT_EQ(check_headers({{"Content-Length", "1"}, {"Content-Length", "2"}})->error,
            "Content-Length is sent twice");
}

TEST(RequestChecks, MethodIsATokenAndTheTargetPrintable) {
  EXPECT_FALSE(check_request_line("GET", "/card/a/og.png?x=%20"));
  EXPECT_TRUE(check_request_line("G\x01T", "/"));
  EXPECT_TRUE(check_request_line("", "/"));
  EXPECT_TRUE(check_request_line("GET", "/a\x7f"));
  EXPECT_TRUE(check_request_line("GET", "/a\xc3\xa9"));
}

TEST(RequestChecks, AnHttp11RequestNamesExactlyOneHost) {
  EXPECT_FALSE(check_host("HTTP/1.1", {{"Host", "cards.example.org"}}));
  EXPECT_FALSE(check_host("HTTP/1.1", {{"host", "127.0.0.1:8080"}}));
  EXPECT_FALSE(check_host("HTTP/1.1", {{"Host", "[::1]:8080"}}));
  EXPECT_FALSE(check_host("HTTP/1.0", {}));  // 1.0 had no Host to send
  EXPECT_EQ(check_host("HTTP/1.1", {{"X-A", "b"}})->error,
            "an HTTP/1.1 request must name its Host");
  EXPECT_EQ(check_host("HTTP/1.1", {{"Host", "a"}, {"HOST", "b"}})->error,
            "the Host header is sent twice");
  EXPECT_TRUE(check_host("HTTP/1.0", {{"Host", "a"}, {"Host", "a"}}));
  EXPECT_TRUE(check_host("HTTP/1.1", {{"Host", "a b"}}));
  EXPECT_TRUE(check_host("HTTP/1.1", {{"Host", "a/b"}}));
  EXPECT_TRUE(check_host("HTTP/1.1", {{"Host", "user@a"}}));
}

TEST(RequestChecks, CountsParametersAndPrintsEscaped) {
  EXPECT_EQ(query_parameter_count("/a"), 0u);
  EXPECT_EQ(query_parameter_count("/a?"), 0u);
  EXPECT_EQ(query_parameter_count("/a?x=1&y&z=3"), 3u);
  EXPECT_EQ(printable("G\x1b[2J\nT"), "G%1B[2J%0AT");
}

// Header blocks as libmicrohttpd 0.9.75 leaves them: a NUL over each line
// end (CR and LF), each colon and the request line's spaces.
TEST(RequestChecks, AContinuedHeaderLineIsRefused) {
  using namespace std::string_literals;
  // "GET / HTTP/1.1\r\nHost: a\r\nX-B: c d\r\n\r\n"
  const std::string plain = "GET\0/\0HTTP/1.1\0\0Host\0 a\0\0X-B\0 c d\0\0\0\0"s;
  const size_t host = plain.find("Host"), xb = plain.find("X-B");
  EXPECT_FALSE(check_header_block(plain, {{host, host + 7}, {xb, xb + 8}}));
  EXPECT_FALSE(check_header_block(plain, {{xb, xb + 8}, {host, host + 7}}));  // any order
  EXPECT_FALSE(check_header_block("GET\0/\0HTTP/1.0\0\0\0\0"s, {}));

  // "Host: a\r\nX-B: c\r\n d\r\n": the continuation " d" stays in the block
  // and belongs to no header; the name "X-Bd" was moved out of it.
  const std::string folded = "GET\0/\0HTTP/1.1\0\0Host\0 a\0\0\0\0\0\0 c\0\0 d\0\0\0\0"s;
  const size_t value = folded.find(" c");
  EXPECT_EQ(check_header_block(folded, {{host, host + 7}, {std::nullopt, value + 2}})->error,
            "a header is continued on a second line (obs-fold)");
  // The same bytes with the name still placed (as if it had not moved).
  EXPECT_TRUE(check_header_block(folded, {{host, host + 7}, {value - 3, value + 2}}));
  // A continued line of white space only, after the last header.
  EXPECT_TRUE(
      check_header_block("GET\0/\0HTTP/1.1\0\0Host\0 a\0\0 \t\0\0\0\0"s, {{host, host + 7}}));
  // A place outside the block is never read.
  EXPECT_TRUE(check_header_block(plain, {{host, plain.size() + 5}}));
}
