// Issue 14 on real cards: photo cards as JPEG and WebP within every size's
// budget and close to the lossless render, flat cards unchanged, photos in
// any format decoded upright with none of their metadata carried over.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "../image/test_images.h"
#include "base/file_io.h"
#include "content/content_deck.h"
#include "image/encode.h"
#include "image/image_read.h"
#include "image/jpeg_write.h"
#include "image/png_read.h"
#include "image/png_write.h"
#include "layout/budgets.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/pipeline.h"
#include "text/text_fit.h"

namespace fs = std::filesystem;

namespace placard {
namespace {

const std::string kExample =
    std::string(PLACARD_TEST_DIR) + "/../examples/transforming-the-system/campaign.md";

double psnr(const Pixmap& a, const Pixmap& b) {
  double se = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x) {
      const Rgba p = a.rgba(x, y), q = b.rgba(x, y);
      se += double(p.r - q.r) * (p.r - q.r) + double(p.g - q.g) * (p.g - q.g) +
            double(p.b - q.b) * (p.b - q.b);
    }
  return se == 0 ? 99 : 10 * std::log10(255.0 * 255.0 * 3 * a.width * a.height / se);
}

// An EXIF block with orientation 6 and a GPS position, as a phone writes.
std::string exif_with_gps() {
  std::string s("Exif\0\0II*\0\x08\0\0\0", 14);
  auto u16 = [&](unsigned v) { s += char(v & 0xff), s += char(v >> 8); };
  auto u32 = [&](uint32_t v) { u16(v & 0xffff), u16(v >> 16); };
  u16(2);
  u16(0x0112), u16(3), u32(1), u16(6), u16(0);  // Orientation: turn 90° clockwise
  u16(0x8825), u16(4), u32(1), u32(38);         // GPSInfo at 38
  u32(0);
  u16(2);
  u16(0x0001), u16(2), u32(2), s += std::string("N\0\0\0", 4);
  u16(0x0002), u16(5), u32(3), u32(68);
  u32(0);
  for (uint32_t v : {40u, 1u, 42u, 1u, 7u, 1u}) u32(v);
  return s;
}

class Formats : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new fs::path(fs::temp_directory_path() / ("placard-formats-" + std::to_string(getpid())));
    fs::create_directories(*dir_);
  }
  // The phone photo, made on first use (each test runs in its own process
  // under ctest, and not every test needs it).
  static const std::string& phone_photo() {
    if (photo_) return *photo_;
    // The photo as a camera stores it: 1600x2400, to be turned upright
    // (2400x1600) by its EXIF orientation, with a GPS position inside.
    Pixmap upright = test::noisy_photo(2400, 1600);
    Pixmap stored = Pixmap::make(1600, 2400);
    for (int y = 0; y < 2400; ++y)
      for (int x = 0; x < 1600; ++x) stored.set_argb(x, y, upright.argb(y, 1599 - x));
    JpegTuning t;
    t.quality = 92;
    std::string jpeg = encode_jpeg(stored, t);
    const std::string exif = exif_with_gps();
    std::string app1 = "\xFF\xE1";
    app1 += char((exif.size() + 2) >> 8), app1 += char((exif.size() + 2) & 0xff);
    jpeg = jpeg.substr(0, 2) + app1 + exif + jpeg.substr(2);
    photo_ = new std::string((*dir_ / "phone.jpg").string());
    write_file_atomic(*photo_, jpeg);
    return *photo_;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete photo_;
  }
  static fs::path* dir_;
  static std::string* photo_;
};
fs::path* Formats::dir_ = nullptr;
std::string* Formats::photo_ = nullptr;

TEST_F(Formats, PhotoCardsFitEveryBudgetAndStayCloseToTheLosslessRender) {
  Renderer renderer;
  Content content = read_content(kExample);
  Layout layout = load_layout("photo");
  Brand brand = resolve_brand("", content, renderer.fonts());
  brand.photo = phone_photo();
  const ContentCard& card = content.cards[1];  // a recommendation
  for (const SizePreset& size : size_presets()) {
    SCOPED_TRACE(size.name);
    const std::int64_t budget = budget_for(default_budgets(), size);
    ASSERT_GT(budget, 0);
    const Rendered lossless =
        render_one(with_output(make_render_job(card, content.meta, layout, brand, size),
                               {FormatChoice{false, ImageFormat::png}, 0}),
                   renderer);
    const Pixmap reference = decode_png(lossless.bytes, "lossless");
    // auto: a card with a photo is a JPEG.
    const Rendered jpeg =
        render_one(with_output(make_render_job(card, content.meta, layout, brand, size),
                               {FormatChoice{}, budget}),
                   renderer);
    EXPECT_EQ(jpeg.format, ImageFormat::jpeg);
    EXPECT_TRUE(jpeg.layout.warnings.empty());
    EXPECT_LE(static_cast<std::int64_t>(jpeg.bytes.size()), budget);
    if (size.name == "og") {
      EXPECT_LE(jpeg.bytes.size(), 300'000u);
    }
    const Pixmap decoded = decode_image(jpeg.bytes, size.name + ".jpg");
    ASSERT_EQ(decoded.width, size.width);
    ASSERT_EQ(decoded.height, size.height);
    const double db = psnr(reference, decoded);
    EXPECT_GE(db, 38.0);
    std::printf("  %-9s jpeg %7zu bytes (budget %lld) q%d, %.2f dB\n", size.name.c_str(),
                jpeg.bytes.size(), static_cast<long long>(budget), jpeg.quality, db);
    if (size.name == "og" || size.name == "story") {
      const Rendered webp =
          render_one(with_output(make_render_job(card, content.meta, layout, brand, size),
                                 {FormatChoice{false, ImageFormat::webp}, budget}),
                     renderer);
      EXPECT_LE(static_cast<std::int64_t>(webp.bytes.size()), budget);
      const Pixmap w = decode_image(webp.bytes, size.name + ".webp");
      ASSERT_EQ(w.width, size.width);
      ASSERT_EQ(w.height, size.height);
      EXPECT_GE(psnr(reference, w), 38.0);
    }
  }
}

TEST_F(Formats, ThePhotoIsDrawnUprightAndNoneOfItsMetadataReachesTheCard) {
  Renderer renderer;
  Content content = read_content(kExample);
  Layout layout = load_layout("photo");
  Brand brand = resolve_brand("", content, renderer.fonts());
  brand.photo = phone_photo();
  const SizePreset og = parse_sizes({"og"}, {})[0];
  for (ImageFormat f : {ImageFormat::png, ImageFormat::jpeg, ImageFormat::webp}) {
    SCOPED_TRACE(std::string(format_name(f)));
    const Rendered r =
        render_one(with_output(make_render_job(content.cards[1], content.meta, layout, brand, og),
                               {FormatChoice{false, f}, 0}),
                   renderer);
    // No EXIF block, no GPS tag (0x8825 as stored little-endian), no "Exif" marker.
    EXPECT_EQ(r.bytes.find("Exif"), std::string::npos);
    EXPECT_EQ(r.bytes.find("EXIF"), std::string::npos);
    EXPECT_EQ(r.bytes.find(std::string("\x25\x88\x04\x00", 4)), std::string::npos);
    // Only the card's own XMP (title and alt text).
    EXPECT_NE(r.bytes.find("Iptc4xmpCore:AltTextAccessibility"), std::string::npos);
  }
  // Upright: the photo's loaded size is 2400x1600, as it is seen, not as stored.
  ImageCache cache;
  cache.load(phone_photo());
  const Pixmap upright = decode_image(read_file(phone_photo()), "phone.jpg");
  EXPECT_EQ(upright.width, 2400);
  EXPECT_EQ(upright.height, 1600);
}

// A photo much larger than the card is decoded at 1/2, 1/4 or 1/8 (what
// its box needs), and the card looks the same as with the whole photo.
TEST_F(Formats, ALargePhotoIsDecodedReducedAndTheCardLooksTheSame) {
  Content content = read_content(kExample);
  Layout layout = load_layout("photo");
  Renderer reduced, whole;
  whole.images().set_reduced_decoding(false);
  Brand brand = resolve_brand("", content, reduced.fonts());
  brand.photo = phone_photo();  // 2400x1600 upright, stored turned a quarter
  // A WebP of the same photo, to check the other scaler too.
  const std::string webp = (*dir_ / "photo.webp").string();
  write_file_atomic(
      webp, encode_card(decode_image(read_file(phone_photo()), "phone.jpg"), ImageFormat::webp, {})
                .bytes);
  const ImageHeader header = read_image_header(read_file(phone_photo()), "phone.jpg");
  for (const std::string& photo : {phone_photo(), webp}) {
    brand.photo = photo;
    // og: the photo covers 1200x630 at 1200x800 of its pixels: a half is
    // enough. story covers 1080x1920 with 2880x1920: the whole photo.
    for (const auto& [size_name, reduction] : {std::pair{"og", 2}, {"square", 1}, {"story", 1}}) {
      SCOPED_TRACE(photo + " " + size_name);
      const SizePreset size = parse_sizes({size_name}, {})[0];
      const Card card = build_card(content.cards[1], content.meta, layout, brand, size);
      const ImageItem* item = nullptr;
      for (const CardItem& i : card.items)
        if (const auto* img = std::get_if<ImageItem>(&i); img && img->photo && !item) item = img;
      ASSERT_NE(item, nullptr);
      EXPECT_EQ(decode_reduction(header, decode_options_for(*item, header, Limits{})), reduction);

      const OutputSpec png{FormatChoice{false, ImageFormat::png}, 0};
      const Rendered a = render_one(
          with_output(make_render_job(content.cards[1], content.meta, layout, brand, size), png),
          reduced);
      const Rendered again = render_one(
          with_output(make_render_job(content.cards[1], content.meta, layout, brand, size), png),
          reduced);
      EXPECT_TRUE(a.bytes == again.bytes) << "not deterministic";
      const Rendered b = render_one(
          with_output(make_render_job(content.cards[1], content.meta, layout, brand, size), png),
          whole);
      if (reduction == 1) {
        EXPECT_TRUE(a.bytes == b.bytes) << "a whole decode must not change";
        continue;
      }
      EXPECT_FALSE(a.bytes == b.bytes) << "the photo was not decoded reduced";
      const double db = psnr(decode_png(a.bytes, "reduced"), decode_png(b.bytes, "whole"));
      std::printf("  %s %s: reduced decode vs whole, PSNR %.2f dB\n",
                  fs::path(photo).extension().c_str(), size_name, db);
      EXPECT_GE(db, 40.0);
    }
  }
}

// The PNG without its first chunk of `type` whose data starts with `prefix`.
std::string without_chunk(const std::string& png, const std::string& type,
                          const std::string& prefix, bool& found) {
  found = false;
  for (size_t at = 8; at + 12 <= png.size();) {
    const uint32_t len = uint32_t(uint8_t(png[at])) << 24 | uint32_t(uint8_t(png[at + 1])) << 16 |
                         uint32_t(uint8_t(png[at + 2])) << 8 | uint8_t(png[at + 3]);
    if (png.compare(at + 4, 4, type) == 0 && png.compare(at + 8, prefix.size(), prefix) == 0) {
      found = true;
      return png.substr(0, at) + png.substr(at + 12 + len);
    }
    at += 12 + len;
  }
  return png;
}

TEST_F(Formats, AFlatCardUnderAutoIsTheSamePalettePngAsBefore) {
  Renderer renderer;
  Content content = read_content(kExample);
  Layout layout = resolve_layout("", content);
  Brand brand = resolve_brand("", content, renderer.fonts());
  for (const char* size_name : {"og", "story"}) {
    SCOPED_TRACE(size_name);
    const SizePreset size = parse_sizes({size_name}, {})[0];
    const Rendered r =
        render_one(with_output(make_render_job(content.cards[1], content.meta, layout, brand, size),
                               {FormatChoice{}, budget_for(default_budgets(), size)}),
                   renderer);
    ASSERT_EQ(r.format, ImageFormat::png);
    EXPECT_EQ(r.bytes[25], 3) << "colour type 3: a palette PNG";
    // What the encoder wrote before this issue: the same call with no XMP.
    // The new file is exactly that, plus one iTXt chunk holding the XMP.
    const std::string before =
        encode_png(renderer.canvas(), {r.card.title, r.card.alt, "Placard " PLACARD_VERSION});
    bool found = false;
    const std::string stripped =
        without_chunk(r.bytes, "iTXt", std::string("XML:com.adobe.xmp\0", 18), found);
    EXPECT_TRUE(found);
    EXPECT_TRUE(stripped == before) << "the PNG differs from the one written before XMP";
    EXPECT_EQ(read_png_text(r.bytes).count("XML:com.adobe.xmp"), 1u);
  }
}

TEST_F(Formats, AutoMakesOnlyPhotoCardsJpeg) {
  Renderer renderer;
  Content content = read_content(kExample);
  Brand brand = resolve_brand("", content, renderer.fonts());
  const SizePreset og = parse_sizes({"og"}, {})[0];
  const Card flat =
      build_card(content.cards[1], content.meta, resolve_layout("", content), brand, og);
  const Card photo = build_card(content.cards[1], content.meta, load_layout("photo"), brand, og);
  EXPECT_EQ(output_format(flat, {}), ImageFormat::png);
  EXPECT_EQ(output_format(photo, {}), ImageFormat::jpeg);
  EXPECT_EQ(output_format(photo, {false, ImageFormat::webp}), ImageFormat::webp);
  EXPECT_EQ(output_format(flat, {false, ImageFormat::jpeg}), ImageFormat::jpeg);
}

TEST_F(Formats, ACardThatCannotFitItsBudgetIsAWarningOrUnderStrictAnError) {
  Renderer renderer;
  Content content = read_content(kExample);
  Layout layout = load_layout("photo");
  Brand brand = resolve_brand("", content, renderer.fonts());
  brand.photo = phone_photo();
  const SizePreset og = parse_sizes({"og"}, {})[0];
  const OutputSpec tiny{FormatChoice{}, 5000};
  const Rendered r = render_one(
      with_output(make_render_job(content.cards[1], content.meta, layout, brand, og), tiny),
      renderer);
  ASSERT_EQ(r.layout.warnings.size(), 1u);
  EXPECT_EQ(r.layout.warnings[0].check, Check::byte_budget);
  EXPECT_NE(r.layout.warnings[0].message.find(
                " bytes as jpeg even at quality 50, over the og budget of 5000 bytes (5 kB)"),
            std::string::npos)
      << r.layout.warnings[0].message;
  try {
    render_one(
        with_output(make_render_job(content.cards[1], content.meta, layout, brand, og), tiny, true),
        renderer);
    ADD_FAILURE() << "no error under --strict";
  } catch (const DiagnosticError& e) {
    const std::string m = format_diagnostic(e.diagnostic());
    EXPECT_NE(m.find("error: card '" + content.cards[1].id + "' og: "), std::string::npos) << m;
    EXPECT_EQ(e.diagnostic().check, Check::byte_budget);
    EXPECT_NE(m.find("hint: raise the budget of 'og'"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace placard
