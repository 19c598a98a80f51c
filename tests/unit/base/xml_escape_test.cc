#include "base/xml_escape.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

TEST(XmlEscape, EscapesMarkupCharacters) {
  EXPECT_EQ(xml_escape("<b>Tom & \"Jerry\"</b>"), "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
  EXPECT_EQ(xml_escape("it's"), "it's");  // an apostrophe stays: XMP bytes depend on it
}

TEST(XmlEscape, DropsWhatXml10CannotHold) {
  EXPECT_EQ(xml_escape("a\x01\x1f b\xEF\xBF\xBE c\xEF\xBF\xBF!"), "a b c!");
  EXPECT_EQ(xml_escape(std::string_view("x\0y", 3)), "xy");
}

TEST(XmlEscape, KeepsWhiteSpaceAndOtherText) {
  EXPECT_EQ(xml_escape("one\ttwo\nthree\r"), "one\ttwo\nthree\r");
  EXPECT_EQ(xml_escape("/home/ana/.cache/placard/fontconfig"),
            "/home/ana/.cache/placard/fontconfig");
  EXPECT_EQ(xml_escape("إنهاء اتفاقيات \xEF\xBF\xBD"),
            "إنهاء اتفاقيات \xEF\xBF\xBD");       // U+FFFD stays
  EXPECT_EQ(xml_escape("\xEF\xBF"), "\xEF\xBF");  // a cut sequence is not read past the end
}

}  // namespace
}  // namespace placard
