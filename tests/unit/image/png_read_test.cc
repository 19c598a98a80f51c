#include "image/png_read.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "image/png_write.h"

namespace placard {
namespace {

void put32(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>(v >> shift);
}

void put_chunk(std::string& png, const std::string& type, const std::string& data) {
  put32(png, static_cast<uint32_t>(data.size()));
  std::string body = type + data;
  png += body;
  put32(png, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()),
                                         static_cast<uInt>(body.size()))));
}

// A PNG built by hand, independent of our encoder. `rows` holds the raw
// scanlines without filter bytes.
std::string handmade_png(int w, int h, int depth, int colour_type, const std::string& rows,
                         const std::string& plte = "", const std::string& trns = "") {
  std::string ihdr;
  put32(ihdr, w);
  put32(ihdr, h);
  ihdr += {static_cast<char>(depth), static_cast<char>(colour_type), 0, 0, 0};
  std::string raw;
  size_t row_bytes = rows.size() / h;
  for (int y = 0; y < h; ++y) raw += '\0' + rows.substr(y * row_bytes, row_bytes);
  std::string z(compressBound(raw.size()), '\0');
  uLongf z_size = z.size();
  compress(reinterpret_cast<Bytef*>(z.data()), &z_size, reinterpret_cast<const Bytef*>(raw.data()),
           raw.size());
  z.resize(z_size);

  std::string png = "\x89PNG\r\n\x1a\n";
  put_chunk(png, "IHDR", ihdr);
  if (!plte.empty()) put_chunk(png, "PLTE", plte);
  if (!trns.empty()) put_chunk(png, "tRNS", trns);
  put_chunk(png, "IDAT", z);
  put_chunk(png, "IEND", "");
  return png;
}

TEST(PngRead, Gray8BecomesOpaqueGrey) {
  Pixmap p = decode_png(handmade_png(2, 1, 8, 0, std::string("\x00\xc8", 2)), "g.png");
  ASSERT_EQ(p.width, 2);
  ASSERT_EQ(p.height, 1);
  EXPECT_EQ(p.argb(0, 0), 0xff000000u);
  EXPECT_EQ(p.argb(1, 0), 0xffc8c8c8u);
}

TEST(PngRead, Rgb16IsScaledTo8Bits) {
  std::string rows("\xff\xff\x00\x00\x80\x80", 6);
  Pixmap p = decode_png(handmade_png(1, 1, 16, 2, rows), "deep.png");
  EXPECT_EQ(p.rgba(0, 0), (Rgba{255, 0, 128, 255}));
}

TEST(PngRead, PaletteWithTransparencyIsPremultiplied) {
  std::string plte("\xff\x00\x00\x00\x00\xff", 6);  // red, blue
  std::string trns("\xff\x80", 2);                  // blue is half transparent
  Pixmap p =
      decode_png(handmade_png(2, 1, 8, 3, std::string("\x00\x01", 2), plte, trns), "palette.png");
  EXPECT_EQ(p.argb(0, 0), 0xffff0000u);
  EXPECT_EQ(p.argb(1, 0), 0x80000080u);
  EXPECT_EQ(p.rgba(1, 0), (Rgba{0, 0, 255, 128}));
}

TEST(PngRead, LowBitPaletteIndicesAreLookedUp) {
  std::string plte("\xff\x00\x00\x00\xff\x00\x00\x00\xff", 9);  // red, green, blue
  std::string trns("\xff\x00", 2);                              // green is transparent
  // 2 bits an index: 2, 0, 1, 2 in one byte, then a second row of 1, 1, 1, 0.
  Pixmap p =
      decode_png(handmade_png(4, 2, 2, 3, std::string("\x86\x54", 2), plte, trns), "two-bits.png");
  ASSERT_EQ(p.width, 4);
  EXPECT_EQ(p.argb(0, 0), 0xff0000ffu);
  EXPECT_EQ(p.argb(1, 0), 0xffff0000u);
  EXPECT_EQ(p.argb(2, 0), 0x00000000u);
  EXPECT_EQ(p.argb(3, 0), 0xff0000ffu);
  EXPECT_EQ(p.argb(0, 1), 0x00000000u);
  EXPECT_EQ(p.argb(3, 1), 0xffff0000u);
}

TEST(PngRead, APixmapPassedBackGivesTheSamePixelsInItsOwnMemory) {
  std::string plte("\xff\x00\x00\x00\x00\xff", 6);
  std::string trns("\xff\x00", 2);  // blue is transparent
  const std::string png = handmade_png(2, 1, 8, 3, std::string("\x00\x01", 2), plte, trns);
  Pixmap old = Pixmap::make(8, 8);
  for (uint8_t& b : old.data) b = 0xab;  // the last image's pixels
  const uint8_t* memory = old.data.data();
  Pixmap p = decode_png(png, "palette.png", DecodeOptions{}, std::move(old));
  EXPECT_EQ(p.data.data(), memory);
  ASSERT_EQ(p.width, 2);
  ASSERT_EQ(p.height, 1);
  EXPECT_EQ(p.data, decode_png(png, "palette.png").data);
  EXPECT_EQ(p.argb(1, 0), 0x00000000u);
}

TEST(PngRead, ADamagedImageChunkIsRefused) {
  // Adler-32 is not checked (the chunk's CRC-32 covers the same bytes).
  Pixmap card = Pixmap::make(64, 64);
  std::string png = encode_png(card, {});
  const size_t idat = png.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  png[idat + 6] = static_cast<char>(png[idat + 6] ^ 0x10);
  try {
    decode_png(png, "damaged.png");
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().loc.file, "damaged.png");
    EXPECT_EQ(e.diagnostic().message.rfind("corrupt PNG image: ", 0), 0u) << e.diagnostic().message;
  }
}

TEST(PngRead, GarbageFailsNamingTheFile) {
  try {
    decode_png("GIF89a, not a png", "refs/quote.png");
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(format_diagnostic(e.diagnostic()), "refs/quote.png: error: not a PNG image\n");
  }
}

TEST(PngRead, TruncatedFileFailsNamingTheFile) {
  Pixmap card = Pixmap::make(64, 64);
  std::string png = encode_png(card, {});
  try {
    decode_png(png.substr(0, png.size() / 2), "cut.png");
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().loc.file, "cut.png");
    EXPECT_EQ(e.diagnostic().message.rfind("corrupt PNG image: ", 0), 0u) << e.diagnostic().message;
  }
}

TEST(PngRead, CorruptChecksumFails) {
  std::string png = handmade_png(2, 1, 8, 0, std::string("\x00\xc8", 2));
  png[20] ^= 1;  // inside IHDR
  EXPECT_THROW(decode_png(png, "bad.png"), DiagnosticError);
}

}  // namespace
}  // namespace placard

// Found by fuzz/image_fuzz: a header claiming 4294967295x4294967295 overflowed
// the pixel count before the size check.
TEST(PngRead, HugeHeaderIsRefusedBeforeDecoding) {
  const std::string bytes = placard::read_file(
      std::string(PLACARD_TEST_DIR) + "/../fuzz/regressions/image/ihdr-4294967295-squared.png");
  try {
    placard::decode_png(bytes, "logo.png");
    FAIL() << "decoded";
  } catch (const placard::DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().message,
              "image is 4294967295x4294967295 pixels, too large to decode (limit 'image-pixels' "
              "is 40000000)");
  }
}
