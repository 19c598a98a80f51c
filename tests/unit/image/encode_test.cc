#include "image/encode.h"

#include <gtest/gtest.h>

#include <string>

#include "base/diagnostics.h"
#include "image/image_read.h"
#include "image/jpeg_write.h"
#include "image/png_read.h"
#include "image/png_write.h"
#include "image/webp_write.h"
#include "test_images.h"

namespace placard {
namespace {

const CardMeta kMeta{"End 287(g) agreements", "Cream headline over a photo of hills",
                     "Placard test"};

TEST(Formats, NamesExtensionsAndMimeTypes) {
  EXPECT_EQ(parse_format("jpg"), ImageFormat::jpeg);
  EXPECT_EQ(parse_format("jpeg"), ImageFormat::jpeg);
  EXPECT_EQ(parse_format("webp"), ImageFormat::webp);
  EXPECT_EQ(parse_format("png"), ImageFormat::png);
  EXPECT_EQ(parse_format("gif"), std::nullopt);
  EXPECT_EQ(file_extension(ImageFormat::jpeg), "jpg");
  EXPECT_EQ(mime_type(ImageFormat::webp), "image/webp");
  EXPECT_EQ(format_of_path("card/og.jpg"), ImageFormat::jpeg);
  EXPECT_EQ(format_of_path("card.v2/og"), std::nullopt);
  EXPECT_NE(encoding_id(ImageFormat::jpeg), encoding_id(ImageFormat::webp));
}

TEST(Formats, EveryFormatHasItsOwnRowOfNames) {
  const ImageFormat all[] = {ImageFormat::png, ImageFormat::jpeg, ImageFormat::webp};
  const char* names[] = {"png", "jpeg", "webp"};
  const char* extensions[] = {"png", "jpg", "webp"};
  const char* mimes[] = {"image/png", "image/jpeg", "image/webp"};
  const char* encodings[] = {kPngEncoding, kJpegEncoding, kWebpEncoding};
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(names[i]);
    EXPECT_EQ(format_name(all[i]), names[i]);
    EXPECT_EQ(file_extension(all[i]), extensions[i]);
    EXPECT_EQ(mime_type(all[i]), mimes[i]);
    EXPECT_EQ(encoding_id(all[i]), encodings[i]);
    EXPECT_EQ(parse_format(format_name(all[i])), all[i]);
    EXPECT_EQ(parse_format(file_extension(all[i])), all[i]);
    EXPECT_EQ(format_of_path("out/og." + std::string(file_extension(all[i]))), all[i]);
    EXPECT_EQ(format_of_path("out/og." + std::string(format_name(all[i]))), all[i]);
  }
  // Names are matched exactly, as written in a layout or on the command line.
  EXPECT_EQ(parse_format("PNG"), std::nullopt);
  EXPECT_EQ(parse_format(""), std::nullopt);
  EXPECT_EQ(format_of_path("og.JPG"), std::nullopt);
  EXPECT_EQ(format_of_path("og."), std::nullopt);
  EXPECT_EQ(parse_format_choice("jpg")->format, ImageFormat::jpeg);
  EXPECT_TRUE(parse_format_choice("")->automatic);
}

TEST(EncodeCard, JpegOfAPhotoCardDecodesAtItsSizeAndKeepsItsPixels) {
  const Pixmap card = test::photo_card(1200, 630);
  const Encoded e = encode_card(card, ImageFormat::jpeg, kMeta, 300'000);
  EXPECT_EQ(e.encodes, 1);  // the chosen quality fits: one encode
  EXPECT_TRUE(e.fits);
  EXPECT_LE(e.bytes.size(), 300'000u);
  const Pixmap back = decode_image(e.bytes, "card.jpg");
  ASSERT_EQ(back.width, 1200);
  ASSERT_EQ(back.height, 630);
  EXPECT_GE(test::psnr(card, back), 38.0);
  // The same card, the same bytes.
  EXPECT_EQ(encode_card(card, ImageFormat::jpeg, kMeta, 300'000).bytes, e.bytes);
}

TEST(EncodeCard, WebpOfAPhotoCardDecodesAtItsSizeAndKeepsItsPixels) {
  const Pixmap card = test::photo_card(600, 315);
  const Encoded e = encode_card(card, ImageFormat::webp, kMeta, 300'000);
  ASSERT_EQ(e.bytes.substr(0, 4), "RIFF");
  EXPECT_EQ(e.bytes.substr(12, 4), "VP8X");  // extended format, for the XMP chunk
  EXPECT_NE(e.bytes.find("XMP "), std::string::npos);
  const Pixmap back = decode_image(e.bytes, "card.webp");
  ASSERT_EQ(back.width, 600);
  ASSERT_EQ(back.height, 315);
  EXPECT_GE(test::psnr(card, back), 36.0);
  EXPECT_EQ(encode_card(card, ImageFormat::webp, kMeta).bytes, e.bytes);
}

TEST(EncodeCard, ATightBudgetGetsTheHighestQualityThatFits) {
  const Pixmap card = test::photo_card(1200, 630);
  const Encoded free = encode_card(card, ImageFormat::jpeg, kMeta);
  const auto budget = static_cast<std::int64_t>(free.bytes.size() * 6 / 10);
  const Encoded e = encode_card(card, ImageFormat::jpeg, kMeta, budget);
  EXPECT_TRUE(e.fits);
  EXPECT_LE(static_cast<std::int64_t>(e.bytes.size()), budget);
  EXPECT_LT(e.quality, free.quality);
  EXPECT_LE(e.encodes, 4);
  // It uses the budget: a file well under it would mean a needlessly low quality.
  EXPECT_GE(static_cast<double>(e.bytes.size()), 0.85 * static_cast<double>(budget));
}

TEST(EncodeCard, ABudgetNoQualityCanMeetIsReportedNotHidden) {
  const Pixmap card = test::photo_card(1200, 630);
  const Encoded e = encode_card(card, ImageFormat::jpeg, kMeta, 2000);
  EXPECT_FALSE(e.fits);
  EXPECT_EQ(e.quality, 50);  // the lowest the project allows
  EXPECT_GT(e.bytes.size(), 2000u);
  EXPECT_EQ(decode_image(e.bytes, "card.jpg").width, 1200);  // still a valid file
  // A PNG cannot shrink: over budget it is only reported.
  EXPECT_FALSE(encode_card(card, ImageFormat::png, kMeta, 2000).fits);
}

TEST(EncodeCard, EveryFormatCarriesTheAltTextAsXmp) {
  const Pixmap card = test::photo_card(120, 63);
  const std::string jpeg = encode_card(card, ImageFormat::jpeg, kMeta).bytes;
  // JPEG: an APP1 segment right after SOI (and JFIF's APP0).
  const size_t ns = jpeg.find(std::string("http://ns.adobe.com/xap/1.0/\0", 29));
  ASSERT_NE(ns, std::string::npos);
  EXPECT_EQ(jpeg.substr(ns - 4, 2), "\xFF\xE1");
  EXPECT_NE(jpeg.find("Cream headline over a photo of hills</rdf:li>"), std::string::npos);
  // PNG: iTXt XML:com.adobe.xmp, next to the tEXt fields it had before.
  const std::string png = encode_card(card, ImageFormat::png, kMeta).bytes;
  const auto text = read_png_text(png);
  ASSERT_TRUE(text.count("XML:com.adobe.xmp"));
  EXPECT_NE(text.at("XML:com.adobe.xmp").find("Iptc4xmpCore:AltTextAccessibility"),
            std::string::npos);
  EXPECT_EQ(text.at("Description"), kMeta.alt);
  // WebP: an "XMP " chunk.
  const std::string webp = encode_card(card, ImageFormat::webp, kMeta).bytes;
  EXPECT_NE(webp.find("Cream headline over a photo of hills</rdf:li>"), std::string::npos);
}

TEST(EncodeCard, TranslucentPixelsBecomeWhiteInAJpeg) {
  Pixmap p = Pixmap::make(64, 64);  // fully transparent
  for (int x = 0; x < 64; ++x) p.set_rgba(x, 0, {0, 0, 0, 128});
  const Pixmap back = decode_image(encode_card(p, ImageFormat::jpeg, {}).bytes, "t.jpg");
  const Rgba c = back.rgba(32, 40);
  EXPECT_GE(c.r, 250);
  EXPECT_GE(c.g, 250);
  EXPECT_GE(c.b, 250);
  EXPECT_EQ(c.a, 255);
}

TEST(EncodeCard, WebpKeepsTransparency) {
  Pixmap p = Pixmap::make(64, 64);
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 64; ++x) p.set_rgba(x, y, {200, 30, 30, 255});
  const Pixmap back = decode_image(encode_card(p, ImageFormat::webp, {}).bytes, "t.webp");
  EXPECT_EQ(back.rgba(10, 10).a, 255);
  EXPECT_EQ(back.rgba(10, 50).a, 0);
}

TEST(EncodeCard, RefusesAnEmptyImage) {
  EXPECT_THROW(encode_card(Pixmap{}, ImageFormat::jpeg, kMeta), DiagnosticError);
  EXPECT_THROW(encode_card(Pixmap{}, ImageFormat::webp, kMeta), DiagnosticError);
}

}  // namespace
}  // namespace placard
