#include "serve/personal_photo.h"

#include <gtest/gtest.h>

#include <chrono>

#include "../image/photo_bombs.h"
#include "../image/test_images.h"
#include "base/file_io.h"
#include "image/jpeg_write.h"
#include "serve/render_query.h"

using namespace placard;

namespace {

const std::string kHostile = std::string(PLACARD_TEST_DIR) + "/hostile/";

// The refusal decode_supporter_photo throws for `bytes`.
HttpError refusal_of(const std::string& bytes, std::int64_t max_bytes = 10 << 20) {
  try {
    decode_supporter_photo(bytes, max_bytes, Limits{}, 1200, 630);
  } catch (const HttpError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted";
  return HttpError(0, "");
}

}  // namespace

TEST(PersonalPhoto, HostileFilesGetA4xxNamingThePhotoAndNoLibraryText) {
  for (const char* name : {"huge-png/logo.png", "huge-jpeg/logo.jpg", "truncated-jpeg/logo.jpg",
                           "gif-as-jpeg/logo.jpg", "not-an-image/logo.png"}) {
    SCOPED_TRACE(name);
    const auto start = std::chrono::steady_clock::now();
    const HttpError e = refusal_of(read_file(kHostile + name));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
    EXPECT_EQ(e.status, 422);
    EXPECT_EQ(e.field, "photo");
    const std::string what = e.what();
    EXPECT_TRUE(what == "the photo could not be read" || what == "the photo is too large to read" ||
                what == "the photo is not a JPEG, PNG or WebP image")
        << what;
    EXPECT_EQ(e.hint.find("limit"), std::string::npos) << e.hint;  // not the CLI's words
  }
  EXPECT_EQ(std::string(refusal_of(read_file(kHostile + "gif-as-jpeg/logo.jpg")).what()),
            "the photo is not a JPEG, PNG or WebP image");
}

// A photo over the decode budget ('photo-memory': libjpeg would keep a
// progressive 40 MP file's coefficients, libwebp a lossless one's pixels)
// is too large, said plainly: not "could not be read" with a megapixel
// limit it is under, and never the operator's "--limit".
TEST(PersonalPhoto, APhotoOverTheMemoryBudgetIsTooLargeInTheSupportersWords) {
  for (const std::string& bomb :
       {test::jpeg_claiming(6324, 6324, true), test::lossless_webp_claiming(6324, 6324)}) {
    const HttpError e = refusal_of(bomb);
    EXPECT_EQ(e.status, 422);
    EXPECT_EQ(e.field, "photo");
    EXPECT_EQ(std::string(e.what()), "the photo is too large to read");
    EXPECT_EQ(e.hint,
              "send a smaller photo: at most 50 megapixels, saved as a phone or camera "
              "saves it");
  }
}

TEST(PersonalPhoto, OverTheByteLimitIs413BeforeDecoding) {
  const std::string jpeg = encode_jpeg(test::photo_card(64, 64), {});
  const HttpError e = refusal_of(jpeg + std::string(2 << 20, '\0'), 1 << 20);
  EXPECT_EQ(e.status, 413);
  EXPECT_EQ(e.field, "photo");
  EXPECT_NE(std::string(e.what()).find("1 MB"), std::string::npos) << e.what();
}

TEST(PersonalPhoto, APhoneSizedJpegIsDecodedUprightAtAReducedScaleThatCoversTheCard) {
  JpegTuning t;
  t.quality = 85;
  // 4000x3000 stored, orientation 6: upright it is 3000x4000.
  const std::string jpeg =
      test::with_app1(encode_jpeg(test::photo_card(4000, 3000), t), test::exif_block(6, true));
  const Pixmap p = decode_supporter_photo(jpeg, 10 << 20, Limits{}, 1200, 630);
  // An og card is 1200x630: 3/8 (1125x1500) is too narrow, 4/8 covers it.
  EXPECT_EQ(p.width, 1500);
  EXPECT_EQ(p.height, 2000);
}
