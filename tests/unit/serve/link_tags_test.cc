#include "serve/link_tags.h"

#include <gtest/gtest.h>

using namespace placard;

TEST(LinkTags, CarryThePictureItsSizeAndItsAltTextEscaped) {
  const std::string html = link_tags_html({"https://cards.example.org/card/a/og.png", 1200, 630,
                                           "image/png", "A card: \"End 287(g)\" <now> & 'here'"});
  EXPECT_NE(
      html.find("<meta property=\"og:image\" content=\"https://cards.example.org/card/a/og.png\">"),
      std::string::npos)
      << html;
  EXPECT_NE(html.find("<meta property=\"og:image:width\" content=\"1200\">"), std::string::npos);
  EXPECT_NE(html.find("<meta property=\"og:image:height\" content=\"630\">"), std::string::npos);
  EXPECT_NE(html.find("<meta property=\"og:image:type\" content=\"image/png\">"),
            std::string::npos);
  EXPECT_NE(html.find("<meta name=\"twitter:card\" content=\"summary_large_image\">"),
            std::string::npos);
  const std::string alt = "A card: &quot;End 287(g)&quot; &lt;now&gt; &amp; &apos;here&apos;";
  EXPECT_NE(html.find("<meta property=\"og:image:alt\" content=\"" + alt + "\">"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<meta name=\"twitter:image:alt\" content=\"" + alt + "\">"),
            std::string::npos);
}
