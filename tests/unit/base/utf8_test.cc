#include "base/utf8.h"

#include <gtest/gtest.h>

#include "base/diagnostics.h"

namespace placard {
namespace {

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(find_invalid_utf8("caf\xC3\xA9 ok"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("ab\xC3"), 2u);            // truncated
  EXPECT_EQ(find_invalid_utf8("a\xC0\x80"), 1u);         // overlong
  EXPECT_EQ(find_invalid_utf8("a\xED\xA0\x80"), 1u);     // surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
}

TEST(Utf8, CleanSourceDropsBomAndCrAndPlacesErrors) {
  EXPECT_EQ(clean_source("\xEF\xBB\xBF"
                         "a\r\nb\rc\n",
                         "f"),
            "a\nb\rc\n");
  try {
    clean_source("one\ntwo \xFF", "f.csv");
    FAIL() << "no error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(format_location(e.diagnostic().loc), "f.csv:2:5");
    EXPECT_EQ(e.diagnostic().message, "invalid UTF-8 byte 0xff");
  }
}

}  // namespace
}  // namespace placard
