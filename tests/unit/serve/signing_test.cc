// Signed URLs as a signer in another language meets them: the HMAC is the
// standard one, and any spelling of the same text signs the same.
#include <gtest/gtest.h>

#include "serve/signing.h"

using namespace placard;

TEST(Signing, HmacIsRfc4231Sha256) {
  // RFC 4231, test case 2.
  EXPECT_EQ(hmac_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Signing, EncodingIsEncodeUriComponent) {
  EXPECT_EQ(percent_encode("End 287(g) agreements."), "End%20287(g)%20agreements.");
  EXPECT_EQ(percent_encode("a+b/c?d&e=f#g"), "a%2Bb%2Fc%3Fd%26e%3Df%23g");
  EXPECT_EQ(percent_encode("!~*'()-_."), "!~*'()-_.");
  EXPECT_EQ(percent_encode("é"), "%C3%A9");
}

TEST(Signing, AnySpellingOfTheSameQuerySignsTheSame) {
  auto a = parse_query("headline=End%20287(g)&kicker=K");
  auto b = parse_query("kicker=%4B&headline=End+287%28g%29");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(canonical_message("/render/statement/og.png", *a),
            canonical_message("/render/statement/og.png", *b));
  EXPECT_EQ(canonical_message("/render/statement/og.png", *a),
            "/render/statement/og.png?headline=End%20287(g)&kicker=K");
  EXPECT_EQ(*canonical_path("/render/st%61tement/og.png"), "/render/statement/og.png");
}

TEST(Signing, BadEscapesAreRefused) {
  EXPECT_FALSE(parse_query("headline=%zz"));
  EXPECT_FALSE(parse_query("headline=%4"));
  EXPECT_FALSE(percent_decode("%"));
  EXPECT_FALSE(canonical_path("/render/%g0/og.png"));
}

TEST(Signing, SignedPathEndsWithItsSignature) {
  const std::string key(32, 'k');
  const std::string p = signed_render_path(key, "statement", "og", {{"headline", "Hi"}});
  EXPECT_EQ(p.substr(0, p.find("&sig=")), "/render/statement/og.png?headline=Hi");
  EXPECT_TRUE(signature_matches(key, "/render/statement/og.png?headline=Hi", p.substr(p.find("&sig=") + 5)));
  EXPECT_FALSE(signature_matches(std::string(32, 'x'), "/render/statement/og.png?headline=Hi",
                                 p.substr(p.find("&sig=") + 5)));
}
