// Signed URLs as a signer in another language meets them: the HMAC is the
// standard one, and any spelling of the same text signs the same.
#include <gtest/gtest.h>

#include "serve/signing.h"

#include "base/diagnostics.h"
#include "base/file_io.h"

using namespace placard;

TEST(Signing, HmacIsRfc4231Sha256) {
  // RFC 4231, test case 2.
  EXPECT_EQ(hmac_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 1: a key of 20 bytes 0x0b.
  EXPECT_EQ(hmac_hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  // Test case 6: a key longer than SHA-256's block (131 bytes 0xaa), hashed first.
  EXPECT_EQ(
      hmac_hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
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
  // The same as Python's hmac.new(b"k" * 32, message, hashlib.sha256).hexdigest().
  EXPECT_EQ(p.substr(p.find("&sig=") + 5),
            "18bb61968a5be9b31adebec13b1f68ca13406bc20d6f6def16151b8525998cb4");
  EXPECT_TRUE(signature_matches(key, "/render/statement/og.png?headline=Hi",
                                p.substr(p.find("&sig=") + 5)));
  EXPECT_FALSE(signature_matches(std::string(32, 'x'), "/render/statement/og.png?headline=Hi",
                                 p.substr(p.find("&sig=") + 5)));
  // One digit changed, the signature in capitals, cut short or lengthened: refused.
  const std::string sig = p.substr(p.find("&sig=") + 5);
  const std::string message = "/render/statement/og.png?headline=Hi";
  std::string last = sig;
  last.back() = last.back() == '0' ? '1' : '0';
  EXPECT_FALSE(signature_matches(key, message, last));
  std::string upper = sig;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper != sig) {
    EXPECT_FALSE(signature_matches(key, message, upper));
  }
  EXPECT_FALSE(signature_matches(key, message, sig.substr(0, 63)));
  EXPECT_FALSE(signature_matches(key, message, sig + "0"));
  EXPECT_FALSE(signature_matches(key, message, ""));
}

// The usage error load_key() gives for a key file holding `text`, or "".
static std::string key_error(const std::string& text) {
  const std::string path = testing::TempDir() + "/signing-test.key";
  write_file_atomic(path, text);
  try {
    load_key(path);
  } catch (const DiagnosticError& e) {
    return e.diagnostic().message + " | " +
           (e.diagnostic().hints.empty() ? "" : e.diagnostic().hints.front());
  }
  return "";
}

TEST(Signing, AKeyWithTooLittleEntropyIsRefusedWithAHint) {
  const std::string zeros = key_error(std::string(64, '0') + "\n");
  EXPECT_NE(zeros.find("too little entropy (1 different bytes in 32)"), std::string::npos) << zeros;
  EXPECT_NE(zeros.find("placard keygen"), std::string::npos) << zeros;
  std::string abab;
  for (int i = 0; i < 16; ++i) abab += "ab01";
  EXPECT_NE(key_error(abab).find("too little entropy (2 different"), std::string::npos);
  // Shorter than 32 bytes: refused as before.
  EXPECT_NE(key_error(std::string(62, 'a')).find("at least 64 hex digits"), std::string::npos);
  // keygen's kind of key, and the tests' key (16 different bytes), are taken.
  EXPECT_EQ(key_error("3f9c1a0e5b7d2c4e8f6a1b3d5c7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e\n"), "");
  EXPECT_EQ(key_error("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"), "");
}
