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

TEST(RequestChecks, CountsParametersAndPrintsEscaped) {
  EXPECT_EQ(query_parameter_count("/a"), 0u);
  EXPECT_EQ(query_parameter_count("/a?"), 0u);
  EXPECT_EQ(query_parameter_count("/a?x=1&y&z=3"), 3u);
  EXPECT_EQ(printable("G\x1b[2J\nT"), "G%1B[2J%0AT");
}
