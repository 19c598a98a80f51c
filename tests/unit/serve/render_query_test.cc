// What a /render/ URL asks for, checked as the server checks it: limits,
// then the signature, then the path.
#include "serve/render_query.h"

#include <gtest/gtest.h>

#include "serve/signing.h"

using namespace placard;

namespace {

const std::string kKey(32, 'k');
const RenderNames kNames{{"statement", "quote"}, {"default"}};

int status_of(const std::string& target) {
  try {
    parse_render_target(target, kKey, kNames, Limits{});
    return 200;
  } catch (const HttpError& e) {
    return e.status;
  }
}

std::string with_meta(const std::string& image) {
  const size_t q = image.find('?');
  return image.substr(0, q) + "/meta" + image.substr(q);
}

}  // namespace

TEST(RenderQuery, MetaAsksForTheTagsOfTheImageUnderItsSignature) {
  const std::string image =
      signed_render_path(kKey, "quote", "story", {{"headline", "Hi"}}, ImageFormat::webp);
  const RenderQuery plain = parse_render_target(image, kKey, kNames, Limits{});
  EXPECT_FALSE(plain.meta);
  const RenderQuery meta = parse_render_target(with_meta(image), kKey, kNames, Limits{});
  EXPECT_TRUE(meta.meta);
  EXPECT_EQ(meta.layout, "quote");
  EXPECT_EQ(meta.size, "story");
  EXPECT_EQ(meta.format, ImageFormat::webp);
  EXPECT_EQ(meta.headline, "Hi");
}

TEST(RenderQuery, MetaIsNotSignedApartAndChecksEverythingTheImageDoes) {
  // A signature over the path with "/meta" in it is not the image's.
  const QueryParams params = {{"headline", "Hi"}};
  const std::string sig =
      hmac_hex(kKey, canonical_message("/render/statement/og.png/meta", params));
  EXPECT_EQ(status_of("/render/statement/og.png/meta?headline=Hi&sig=" + sig), 403);
  // Unsigned, or signed by another key: refused before the path is read.
  EXPECT_EQ(status_of("/render/statement/og.png/meta?headline=Hi"), 403);
  const std::string other = signed_render_path(std::string(32, 'o'), "statement", "og", params);
  EXPECT_EQ(status_of(with_meta(other)), 403);
  // An unknown layout is still 404 once signed.
  EXPECT_EQ(status_of(with_meta(signed_render_path(kKey, "nope", "og", params))), 404);
}
