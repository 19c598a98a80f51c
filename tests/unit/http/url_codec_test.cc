#include "http/url_codec.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

TEST(UrlCodec, PercentEncodeKeepsWhatEncodeUriComponentKeeps) {
  EXPECT_EQ(percent_encode("Az09-_.!~*'()"), "Az09-_.!~*'()");
  EXPECT_EQ(percent_encode("a b/c?d=é"), "a%20b%2Fc%3Fd%3D%C3%A9");
  EXPECT_EQ(percent_decode(percent_encode("a b/c?d=é")), "a b/c?d=é");
}

TEST(UrlCodec, PercentEncodeWithOwnSetEscapesEveryOtherByteInUpperCaseHex) {
  auto digits = [](unsigned char c) { return c >= '0' && c <= '9'; };
  EXPECT_EQ(percent_encode("12 ab", digits), "12%20%61%62");
  EXPECT_EQ(percent_encode(std::string_view("\0\xff", 2), digits), "%00%FF");
  EXPECT_EQ(percent_encode("", digits), "");
}

}  // namespace
}  // namespace placard
