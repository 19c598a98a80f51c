#include "image/xmp.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

TEST(Xmp, HoldsTitleAndAltTextAsLanguageAlternatives) {
  const std::string x = xmp_packet("End 287(g)", "Cream text on a green photo");
  EXPECT_NE(x.find("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">End 287(g)</rdf:li>"),
            std::string::npos);
  EXPECT_NE(x.find("<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang=\"x-default\">"
                   "Cream text on a green photo</rdf:li>"),
            std::string::npos);
  EXPECT_EQ(x.rfind("<?xpacket begin=", 0), 0u);
  EXPECT_TRUE(x.ends_with("<?xpacket end=\"r\"?>"));
}

TEST(Xmp, EscapesMarkupAndDropsWhatXmlCannotHold) {
  const std::string x = xmp_packet("", "<b>Tom & \"Jerry\"</b>\x01\x1f ok\xEF\xBF\xBE!");
  EXPECT_NE(x.find("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; ok!"), std::string::npos);
  EXPECT_EQ(x.find("dc:title"), std::string::npos);  // an empty title is left out
}

TEST(Xmp, NothingToEmbedWithoutText) {
  EXPECT_EQ(xmp_packet("", ""), "");
}

TEST(Xmp, KeepsNonAsciiText) {
  EXPECT_NE(xmp_packet("", "إنهاء اتفاقيات 287(g)").find("إنهاء اتفاقيات 287(g)"),
            std::string::npos);
}

}  // namespace
}  // namespace placard
