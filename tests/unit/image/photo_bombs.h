// Small files that claim huge images (issue 30): what an attacker sends as
// a supporter's photo. Each is a few kilobytes; decoded whole, each would
// take hundreds of megabytes. Shared by the image tests and the tests that
// run `placard personal` under a memory limit.
#pragma once

#include <libdeflate.h>
#include <webp/encode.h>

#include <cstdint>
#include <string>
#include <vector>

#include "image/jpeg_write.h"
#include "image/pixmap.h"
#include "test_images.h"

namespace placard::test {

inline void put_be32(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += char((v >> shift) & 0xff);
}

// One PNG chunk with its CRC (libdeflate's CRC-32, the one PNG uses).
inline std::string png_chunk(const std::string& type, const std::string& data) {
  std::string c;
  put_be32(c, static_cast<uint32_t>(data.size()));
  const std::string body = type + data;
  c += body;
  put_be32(c, libdeflate_crc32(0, body.data(), body.size()));
  return c;
}

// A side x side 1-bit grey PNG, all black, with an eXIf chunk (before the
// image data) holding `orientation`, optionally Adam7-interlaced. Its rows
// are zeros, so 6324 x 6324 (just under 40 MP) compresses to a few KB.
inline std::string png_bomb(uint32_t side = 6324, int orientation = 6, bool interlaced = false) {
  std::string ihdr;
  put_be32(ihdr, side);
  put_be32(ihdr, side);
  ihdr += std::string{char(1), char(0), char(0), char(0), char(interlaced ? 1 : 0)};
  // The raw scanlines: a filter byte then ceil(cols / 8) bytes, per pass.
  uint64_t raw_bytes = 0;
  if (!interlaced) {
    raw_bytes = uint64_t{side} * (1 + (side + 7) / 8);
  } else {
    const uint32_t x0[7] = {0, 4, 0, 2, 0, 1, 0}, dx[7] = {8, 8, 4, 4, 2, 2, 1};
    const uint32_t y0[7] = {0, 0, 4, 0, 2, 0, 1}, dy[7] = {8, 8, 8, 4, 4, 2, 2};
    for (int p = 0; p < 7; ++p) {
      const uint64_t cols = side > x0[p] ? (side - x0[p] + dx[p] - 1) / dx[p] : 0;
      const uint64_t rows = side > y0[p] ? (side - y0[p] + dy[p] - 1) / dy[p] : 0;
      if (cols && rows) raw_bytes += rows * (1 + (cols + 7) / 8);
    }
  }
  const std::vector<char> raw(raw_bytes, 0);
  libdeflate_compressor* c = libdeflate_alloc_compressor(12);
  std::string idat(libdeflate_zlib_compress_bound(c, raw.size()), '\0');
  idat.resize(libdeflate_zlib_compress(c, raw.data(), raw.size(), idat.data(), idat.size()));
  libdeflate_free_compressor(c);
  std::string exif = exif_block(orientation, false).substr(6);  // eXIf holds the TIFF block
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("eXIf", exif) +
         png_chunk("IDAT", idat) + png_chunk("IEND", "");
}

// A JPEG of 16 x 16 pixels whose frame header claims w x h: libjpeg plans
// (and, for a progressive file, allocates the coefficients of) the whole
// claimed image before it finds the data short.
inline std::string jpeg_claiming(uint16_t w, uint16_t h, bool progressive) {
  JpegTuning t;
  t.progressive = progressive;
  std::string j = encode_jpeg(photo_card(16, 16), t);
  for (size_t i = 2; i + 9 < j.size(); ++i) {
    const auto m = static_cast<unsigned char>(j[i + 1]);
    if (static_cast<unsigned char>(j[i]) == 0xFF && (m == 0xC0 || m == 0xC1 || m == 0xC2)) {
      j[i + 5] = char(h >> 8), j[i + 6] = char(h & 0xff);
      j[i + 7] = char(w >> 8), j[i + 8] = char(w & 0xff);
      break;
    }
  }
  return j;
}

// A lossless WebP (VP8L) of 16 x 16 pixels whose header claims w x h
// (at most 16384 a side): libwebp allocates the whole claimed image's
// pixels to decode a lossless file, whatever the output scale.
inline std::string lossless_webp_claiming(uint32_t w, uint32_t h) {
  const Pixmap p = photo_card(16, 16);
  uint8_t* out = nullptr;
  const size_t n = WebPEncodeLosslessBGRA(p.data.data(), p.width, p.height, p.stride, &out);
  std::string s(reinterpret_cast<const char*>(out), n);
  WebPFree(out);
  // RIFF header (12 bytes), "VP8L" and its size (8), the signature 0x2f,
  // then 14 bits of width - 1 and 14 of height - 1, least significant first.
  const size_t at = 21;
  uint32_t bits = 0;
  for (int i = 0; i < 4; ++i) bits |= uint32_t(static_cast<unsigned char>(s[at + i])) << (8 * i);
  bits = (bits & 0xF0000000u) | ((h - 1) & 0x3FFF) << 14 | ((w - 1) & 0x3FFF);
  for (int i = 0; i < 4; ++i) s[at + i] = char((bits >> (8 * i)) & 0xff);
  return s;
}

}  // namespace placard::test
