#include "image/image_read.h"

#include <gtest/gtest.h>
#include <png.h>
#include <webp/encode.h>
#include <webp/mux.h>
#include <zlib.h>

#include <jpeglib.h>
#include <cstdio>  // jpeglib.h needs FILE first

#include <string>

#include "base/diagnostics.h"
#include "image/jpeg_write.h"
#include "image/orientation.h"
#include "image/png_write.h"
#include "image/webp_write.h"
#include "photo_bombs.h"
#include "test_images.h"

namespace placard {
namespace {

std::string error_of(std::string_view bytes, const DecodeOptions& o = {}) {
  try {
    decode_image(bytes, "photo", o);
  } catch (const DiagnosticError& e) {
    return format_diagnostic(e.diagnostic());
  }
  return "";
}

bool is_red(Rgba c) {
  return c.r > 180 && c.g < 80 && c.b < 80;
}

// Which corner holds the red block: "tl", "tr", "bl" or "br".
std::string red_corner(const Pixmap& p) {
  const int w = p.width - 1, h = p.height - 1;
  if (is_red(p.rgba(2, 2))) return "tl";
  if (is_red(p.rgba(w - 2, 2))) return "tr";
  if (is_red(p.rgba(2, h - 2))) return "bl";
  if (is_red(p.rgba(w - 2, h - 2))) return "br";
  return "none";
}

std::string jpeg_of(int w, int h) {
  JpegTuning t;
  t.quality = 95;
  return encode_jpeg(test::photo_card(w, h), t);
}

// A lossy WebP with `exif` in an EXIF chunk.
std::string webp_with_exif(const Pixmap& p, const std::string& exif) {
  const std::string plain = encode_webp(p, {});
  WebPData image{reinterpret_cast<const uint8_t*>(plain.data()), plain.size()};
  WebPMux* mux = WebPMuxCreate(&image, 1);
  WebPData chunk{reinterpret_cast<const uint8_t*>(exif.data()), exif.size()};
  WebPData out{nullptr, 0};
  EXPECT_EQ(WebPMuxSetChunk(mux, "EXIF", &chunk, 1), WEBP_MUX_OK);
  EXPECT_EQ(WebPMuxAssemble(mux, &out), WEBP_MUX_OK);
  std::string bytes(reinterpret_cast<const char*>(out.bytes), out.size);
  WebPDataClear(&out);
  WebPMuxDelete(mux);
  return bytes;
}

TEST(DecodeImage, ReadsAJpegAtFullSize) {
  const Pixmap p = decode_image(jpeg_of(160, 90), "photo.jpg");
  EXPECT_EQ(p.width, 160);
  EXPECT_EQ(p.height, 90);
  EXPECT_EQ(red_corner(p), "tl");
  EXPECT_GE(test::psnr(test::photo_card(160, 90), p), 35.0);
}

TEST(DecodeImage, TurnsAJpegUprightByItsExifOrientation) {
  // The camera's eight ways of storing a picture, and where the red
  // top-left corner of the stored pixels ends up once upright.
  const char* corner[9] = {"", "tl", "tr", "br", "bl", "tl", "tr", "br", "bl"};
  const std::string plain = jpeg_of(160, 90);
  for (int o = 1; o <= 8; ++o) {
    SCOPED_TRACE("orientation " + std::to_string(o));
    const Pixmap p = decode_image(test::with_app1(plain, test::exif_block(o, false)), "photo.jpg");
    EXPECT_EQ(p.width, o >= 5 ? 90 : 160);
    EXPECT_EQ(p.height, o >= 5 ? 160 : 90);
    EXPECT_EQ(red_corner(p), corner[o]);
  }
}

TEST(DecodeImage, TurnsAWebpUprightByItsExifChunk) {
  const Pixmap p = decode_image(
      webp_with_exif(test::photo_card(160, 90), test::exif_block(6, true)), "photo.webp");
  EXPECT_EQ(p.width, 90);
  EXPECT_EQ(p.height, 160);
  EXPECT_EQ(red_corner(p), "tr");
  // The chunk may also start at the TIFF header, without "Exif\0\0".
  const Pixmap q =
      decode_image(webp_with_exif(test::photo_card(160, 90), test::exif_block(8, false).substr(6)),
                   "photo.webp");
  EXPECT_EQ(q.width, 90);
  EXPECT_EQ(red_corner(q), "bl");
}

TEST(DecodeImage, ReducedScaleJpegStillCoversWhatIsAsked) {
  const std::string jpeg = jpeg_of(800, 600);
  DecodeOptions o;
  o.min_width = 100;
  o.min_height = 100;
  const Pixmap p = decode_image(jpeg, "photo.jpg", o);
  EXPECT_EQ(p.width, 200);  // 1/4: 1/8 would be 100x75, too short
  EXPECT_EQ(p.height, 150);
  EXPECT_EQ(red_corner(p), "tl");
  // Close to the full-size image shrunk by averaging 4x4 blocks.
  const Pixmap full = decode_image(jpeg, "photo.jpg");
  Pixmap averaged = Pixmap::make(200, 150);
  for (int y = 0; y < 150; ++y)
    for (int x = 0; x < 200; ++x) {
      int sum[3] = {0, 0, 0};
      for (int dy = 0; dy < 4; ++dy)
        for (int dx = 0; dx < 4; ++dx) {
          const Rgba c = full.rgba(4 * x + dx, 4 * y + dy);
          sum[0] += c.r, sum[1] += c.g, sum[2] += c.b;
        }
      averaged.set_rgba(x, y,
                        {uint8_t(sum[0] / 16), uint8_t(sum[1] / 16), uint8_t(sum[2] / 16), 255});
    }
  EXPECT_GE(test::psnr(averaged, p), 30.0);
  // Turned a quarter, the sides swap before the scale is chosen.
  o.min_width = 150;
  o.min_height = 100;
  const Pixmap q = decode_image(test::with_app1(jpeg, test::exif_block(6, false)), "photo.jpg", o);
  EXPECT_EQ(q.width, 150);
  EXPECT_EQ(q.height, 200);
  // Only halves, quarters and eighths: 201 wide needs the half.
  o.min_width = 201;
  o.min_height = 1;
  EXPECT_EQ(decode_image(jpeg, "photo.jpg", o).width, 400);
  o.min_width = 100;
  o.min_height = 75;
  EXPECT_EQ(decode_image(jpeg, "photo.jpg", o).width, 100);  // an eighth
  // Asking for more than the image has decodes it whole.
  o.min_width = 4000;
  EXPECT_EQ(decode_image(jpeg, "photo.jpg", o).width, 800);
}

TEST(DecodeImage, ReducedSizeWebp) {
  DecodeOptions o;
  o.min_width = 100;
  o.min_height = 100;
  const Pixmap p = decode_image(encode_webp(test::photo_card(800, 600), {}), "photo.webp", o);
  EXPECT_EQ(p.width, 200);  // a quarter, as for a JPEG
  EXPECT_EQ(p.height, 150);
  EXPECT_EQ(red_corner(p), "tl");
}

TEST(DecodeImage, TheHeaderGivesTheUprightSizeAndTheReduction) {
  const std::string jpeg = test::with_app1(jpeg_of(800, 600), test::exif_block(6, false));
  const ImageHeader j = read_image_header(jpeg, "photo.jpg");
  EXPECT_EQ(j.type, ImageType::jpeg);
  EXPECT_EQ(j.width, 600);
  EXPECT_EQ(j.height, 800);
  const ImageHeader w = read_image_header(
      webp_with_exif(test::photo_card(160, 90), test::exif_block(6, true)), "photo.webp");
  EXPECT_EQ(w.type, ImageType::webp);
  EXPECT_EQ(w.width, 90);
  EXPECT_EQ(w.height, 160);
  const ImageHeader p = read_image_header(encode_png(test::photo_card(160, 90), {}), "logo.png");
  EXPECT_EQ(p.type, ImageType::png);
  EXPECT_EQ(p.width, 160);
  EXPECT_EQ(p.height, 90);
  // decode_reduction says what decode_image does.
  DecodeOptions o;
  o.min_width = 150;
  o.min_height = 100;
  EXPECT_EQ(decode_reduction(j, o), 4);
  EXPECT_EQ(decode_image(jpeg, "photo.jpg", o).width, 600 / 4);
  EXPECT_EQ(decode_reduction(p, o), 1);  // 160x90 covers 150x100 only whole
  o.min_width = 0;
  EXPECT_EQ(decode_reduction(j, o), 1);
}

TEST(DecodeImage, ByteAndPixelLimitsAreCheckedBeforeDecoding) {
  const std::string jpeg = jpeg_of(160, 90);
  DecodeOptions o = decode_options(Limits{});
  EXPECT_EQ(o.max_pixels, 40'000'000);
  EXPECT_EQ(o.max_bytes, 32LL << 20);
  o.max_bytes = static_cast<std::int64_t>(jpeg.size()) - 1;
  for (const auto& e : {error_of(jpeg, o), [&] {
                          try {
                            read_image_header(jpeg, "photo", o);
                          } catch (const DiagnosticError& e) {
                            return format_diagnostic(e.diagnostic());
                          }
                          return std::string();
                        }()}) {
    EXPECT_NE(e.find("image is " + std::to_string(jpeg.size()) +
                     " bytes, too large to read (limit 'image-bytes'"),
              std::string::npos)
        << e;
  }
  o.max_bytes = 0;
  o.max_pixels = 160 * 90 - 1;
  for (const std::string& bytes : {jpeg, encode_webp(test::photo_card(160, 90), {}),
                                   encode_png(test::photo_card(160, 90), {})}) {
    try {
      read_image_header(bytes, "photo", o);
      ADD_FAILURE() << "no error";
    } catch (const DiagnosticError& e) {
      EXPECT_NE(
          format_diagnostic(e.diagnostic()).find("image is 160x90 pixels, too large to decode"),
          std::string::npos);
    }
  }
}

TEST(DecodeImage, AnImageOverThePixelLimitIsRefusedBeforeDecoding) {
  std::string jpeg = jpeg_of(160, 90);
  // Claim 30000 x 30000 in the frame header (SOF0: FF C0, len, precision, h, w).
  const size_t sof = jpeg.find("\xFF\xC0");
  ASSERT_NE(sof, std::string::npos);
  jpeg[sof + 5] = char(30000 >> 8), jpeg[sof + 6] = char(30000 & 0xff);
  jpeg[sof + 7] = char(30000 >> 8), jpeg[sof + 8] = char(30000 & 0xff);
  const std::string e = error_of(jpeg);
  EXPECT_NE(
      e.find("image is 30000x30000 pixels, too large to decode (limit 'image-pixels' is 40000000)"),
      std::string::npos)
      << e;
  DecodeOptions small;
  small.max_pixels = 1000;
  EXPECT_NE(error_of(encode_webp(test::photo_card(64, 64), {}), small).find("image-pixels"),
            std::string::npos);
}

TEST(DecodeImage, TruncatedOrForeignFilesAreClearErrors) {
  const std::string jpeg = jpeg_of(160, 90);
  EXPECT_NE(error_of(jpeg.substr(0, jpeg.size() / 2))
                .find("photo: error: corrupt JPEG image: premature end"),
            std::string::npos)
      << error_of(jpeg.substr(0, jpeg.size() / 2));
  const std::string webp = encode_webp(test::photo_card(160, 90), {});
  EXPECT_NE(error_of(webp.substr(0, webp.size() / 2)).find("corrupt WebP image"),
            std::string::npos);
  EXPECT_NE(error_of("GIF89a\x01\x00\x01\x00").find("'photo' is not a PNG, JPEG or WebP image"),
            std::string::npos);
  EXPECT_NE(error_of("").find("is not a PNG, JPEG or WebP image"), std::string::npos);
  EXPECT_NE(error_of("\xFF\xD8\xFF").find("corrupt JPEG image"), std::string::npos);
}

TEST(DecodeImage, RefusesAnAnimatedWebp) {
  WebPAnimEncoderOptions options;
  ASSERT_TRUE(WebPAnimEncoderOptionsInit(&options));
  WebPAnimEncoder* enc = WebPAnimEncoderNew(16, 16, &options);
  WebPConfig config;
  WebPConfigInit(&config);
  for (int frame = 0; frame < 2; ++frame) {
    WebPPicture pic;
    WebPPictureInit(&pic);
    pic.width = pic.height = 16;
    pic.use_argb = 1;
    WebPPictureAlloc(&pic);
    for (int i = 0; i < 256; ++i) pic.argb[i] = frame ? 0xffff0000u : 0xff0000ffu;
    WebPAnimEncoderAdd(enc, &pic, frame * 100, &config);
    WebPPictureFree(&pic);
  }
  WebPAnimEncoderAdd(enc, nullptr, 200, nullptr);
  WebPData data{nullptr, 0};
  ASSERT_TRUE(WebPAnimEncoderAssemble(enc, &data));
  const std::string bytes(reinterpret_cast<const char*>(data.bytes), data.size);
  WebPDataClear(&data);
  WebPAnimEncoderDelete(enc);
  EXPECT_NE(error_of(bytes).find("'photo' is an animated WebP"), std::string::npos)
      << error_of(bytes);
}

TEST(DecodeImage, ReadsAdobeCmykJpegs) {
  // 16x16 of (C, M, Y, K) = (255, 0, 0, 255) as Adobe stores it (inverted:
  // 255 is no ink): full magenta and yellow, no cyan or black: red.
  jpeg_compress_struct c;
  jpeg_error_mgr err;
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &buf, &size);
  c.image_width = c.image_height = 16;
  c.input_components = 4;
  c.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&c);
  jpeg_set_quality(&c, 95, TRUE);
  jpeg_start_compress(&c, TRUE);
  unsigned char row[64];
  for (int x = 0; x < 16; ++x)
    row[4 * x] = 255, row[4 * x + 1] = 0, row[4 * x + 2] = 0, row[4 * x + 3] = 255;
  while (c.next_scanline < 16) {
    JSAMPROW r = row;
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  const std::string bytes(reinterpret_cast<char*>(buf), size);
  free(buf);
  EXPECT_TRUE(is_red(decode_image(bytes, "cmyk.jpg").rgba(8, 8)));
}

TEST(DecodeImage, TurnsAPngUprightByItsExifChunk) {
  // A PNG with an eXIf chunk (a TIFF block, no "Exif\0\0") before IDAT.
  PngTuning rgb;
  rgb.palette = false;
  const std::string png = encode_png(test::photo_card(160, 90), {}, rgb);
  const std::string tiff = test::exif_block(8, false).substr(6);
  const size_t idat = png.find("IDAT") - 4;
  std::string chunk;
  for (int s = 24; s >= 0; s -= 8) chunk += char((tiff.size() >> s) & 0xff);
  chunk += "eXIf" + tiff;
  const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(chunk.data() + 4), chunk.size() - 4);
  for (int s = 24; s >= 0; s -= 8) chunk += char((crc >> s) & 0xff);
  const Pixmap p = decode_image(png.substr(0, idat) + chunk + png.substr(idat), "photo.png");
  EXPECT_EQ(p.width, 90);
  EXPECT_EQ(p.height, 160);
  EXPECT_EQ(red_corner(p), "bl");
}

// `p` as an Adam7-interlaced RGBA PNG (libpng's own writer; Placard's
// encoder does not interlace).
std::string interlaced_png(const Pixmap& p) {
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(
      png, &out,
      [](png_structp s, png_bytep data, size_t n) {
        static_cast<std::string*>(png_get_io_ptr(s))->append(reinterpret_cast<char*>(data), n);
      },
      nullptr);
  png_set_IHDR(png, info, p.width, p.height, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_ADAM7,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  std::vector<std::vector<png_byte>> rows(p.height, std::vector<png_byte>(4 * p.width));
  std::vector<png_bytep> pointers;
  for (int y = 0; y < p.height; ++y) {
    for (int x = 0; x < p.width; ++x) {
      const Rgba c = p.rgba(x, y);
      rows[y][4 * x] = c.r, rows[y][4 * x + 1] = c.g, rows[y][4 * x + 2] = c.b,
                  rows[y][4 * x + 3] = c.a;
    }
    pointers.push_back(rows[y].data());
  }
  png_set_interlace_handling(png);
  png_write_image(png, pointers.data());
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

TEST(DecodePng, AnInterlacedPngStreamsPassByPassToTheSamePixels) {
  const Pixmap card = test::photo_card(37, 23);  // sides that leave Adam7's passes uneven
  PngTuning rgb;
  rgb.palette = false;
  const Pixmap plain = decode_image(encode_png(card, {}, rgb), "plain.png");
  const Pixmap laced = decode_image(interlaced_png(card), "laced.png");
  ASSERT_EQ(laced.width, 37);
  ASSERT_EQ(laced.height, 23);
  EXPECT_EQ(laced.data, plain.data);
  // Tiny images, where some passes are empty.
  for (int side : {1, 2, 3, 5})
    EXPECT_EQ(decode_image(interlaced_png(test::photo_card(side, side)), "t.png").width, side);
}

TEST(DecodePng, AReducedPngAveragesEachBlockAndTurnsUpright) {
  PngTuning rgb;
  rgb.palette = false;
  const Pixmap card = test::photo_card(160, 90);
  DecodeOptions o;
  o.min_width = 40;
  o.min_height = 20;  // 1/4 still covers: 40x23
  const Pixmap q = decode_image(encode_png(card, {}, rgb), "photo.png", o);
  ASSERT_EQ(q.width, 40);
  ASSERT_EQ(q.height, 23);
  // Each pixel is its 4x4 block's mean (premultiplied; the card is opaque).
  for (int y : {0, 7, 22})
    for (int x : {0, 13, 39}) {
      int sum[3] = {0, 0, 0}, n = 0;
      for (int yy = 4 * y; yy < std::min(90, 4 * y + 4); ++yy)
        for (int xx = 4 * x; xx < 4 * x + 4; ++xx, ++n) {
          const Rgba c = card.rgba(xx, yy);
          sum[0] += c.r, sum[1] += c.g, sum[2] += c.b;
        }
      const Rgba got = q.rgba(x, y);
      EXPECT_EQ(got.r, (sum[0] + n / 2) / n) << x << "," << y;
      EXPECT_EQ(got.g, (sum[1] + n / 2) / n) << x << "," << y;
      EXPECT_EQ(got.a, 255);
    }
  EXPECT_EQ(red_corner(q), "tl");
  // A bomb like issue 30's (6324x6324, tests/unit/cli/personal_cli_test.cc
  // sends that one), smaller so that the test is quick: 1 bit, turned a
  // quarter, a few hundred bytes, decoded at 1/8.
  const std::string bomb = test::png_bomb(2000);
  EXPECT_LT(bomb.size(), 1000u);
  const Pixmap b = decode_image(bomb, "photo.png", photo_decode_options(Limits{}, 240, 240));
  EXPECT_EQ(b.width, 250);
  EXPECT_EQ(b.height, 250);
  EXPECT_EQ(b.rgba(249, 0), (Rgba{0, 0, 0, 255}));
  const Pixmap laced = decode_image(test::png_bomb(2000, 6, true), "photo.png",
                                    photo_decode_options(Limits{}, 240, 240));
  EXPECT_EQ(laced.data, b.data);
}

TEST(DecodePng, AnOrientedReducedPngIsTurnedWhileDecoding) {
  PngTuning rgb;
  rgb.palette = false;
  const std::string png = encode_png(test::photo_card(160, 90), {}, rgb);
  const std::string tiff = test::exif_block(6, false).substr(6);
  const size_t idat = png.find("IDAT") - 4;
  const Pixmap p = decode_image(
      png.substr(0, idat) + test::png_chunk("eXIf", tiff) + png.substr(idat), "photo.png", [] {
        DecodeOptions o;
        o.min_width = 40;
        o.min_height = 70;
        return o;
      }());
  EXPECT_EQ(p.width, 45);  // 90 / 2 (turned: 1/2 covers 40x70)
  EXPECT_EQ(p.height, 80);
  EXPECT_EQ(red_corner(p), "tr");
}

TEST(DecodeImage, APhotoThatCannotFitItsMemoryBudgetIsRefusedBeforeDecoding) {
  const DecodeOptions o = photo_decode_options(Limits{}, 720, 630);
  // libjpeg would keep a progressive 6324x6324 file's coefficients (120 MB
  // and more); libwebp a lossless one's pixels (160 MB).
  for (const std::string& bomb :
       {test::jpeg_claiming(6324, 6324, true), test::lossless_webp_claiming(6324, 6324)}) {
    const std::string e = error_of(bomb, o);
    EXPECT_NE(e.find("limit 'photo-memory' is 50331648"), std::string::npos) << e;
  }
  // A 48 MP phone photo (baseline) is within it at 1/8: what fails is this
  // file's missing data, not its size.
  const std::string phone = error_of(test::jpeg_claiming(8000, 6000, false), o);
  EXPECT_EQ(phone.find("photo-memory"), std::string::npos) << phone;
  EXPECT_EQ(phone.find("photo-pixels"), std::string::npos) << phone;
  EXPECT_NE(phone.find("corrupt JPEG image"), std::string::npos) << phone;
  // A wide image whose covering reduction is too big is reduced further.
  DecodeOptions wide;
  wide.min_width = 10;
  wide.min_height = 90;
  // A PNG at 1/d holds 12 bytes a pixel (pixels and block sums): 1/2 is
  // 80 x 45 x 12 = 43,200 bytes.
  wide.max_memory = 45'000;
  const Pixmap p = decode_image(encode_png(test::photo_card(160, 90), {}), "wide.png", wide);
  EXPECT_EQ(p.width, 80);
}

TEST(Orientation, IgnoresBrokenOrMissingExif) {
  EXPECT_EQ(exif_orientation(""), 1);
  EXPECT_EQ(exif_orientation("Exif\0\0garbage"), 1);
  EXPECT_EQ(exif_orientation(test::exif_block(9, false)), 1);  // out of range
  EXPECT_EQ(exif_orientation(test::exif_block(3, true)), 3);
  std::string cut = test::exif_block(6, false);
  EXPECT_EQ(exif_orientation(cut.substr(0, 20)), 1);
}

}  // namespace
}  // namespace placard
