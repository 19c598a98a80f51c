// JPEG encoding of a rendered card (libjpeg-turbo). The output depends only
// on the pixels, the settings and the XMP packet, so the same card always
// produces the same bytes.
#pragma once

#include <string>
#include <string_view>

#include "image/pixmap.h"

namespace placard {

// Names the encoding, its settings and the budget search's quality range;
// part of every output's input digest.
inline constexpr const char* kJpegEncoding = "jpeg-444-islow/q90-50";

// How a card is encoded as JPEG. The defaults are the measured choice (see
// the table in jpeg_write.cc); the budget search lowers `quality`, and the
// benchmark varies the rest.
struct JpegTuning {
  int quality = 90;          // 1-100, libjpeg's scale
  bool subsample = false;    // true: 4:2:0 chroma; false: 4:4:4
  bool optimize = false;     // Huffman tables made for this image
  bool progressive = false;  // progressive scans (implies optimised tables)
};

// The bytes of a baseline (or progressive) JFIF file. A pixel that is not
// opaque is composited over white: JPEG has no alpha. A non-empty `xmp` is
// stored in an APP1 segment (at most 65502 bytes). Throws DiagnosticError
// (io) if libjpeg fails.
std::string encode_jpeg(const Pixmap& pixmap, const JpegTuning& tuning, std::string_view xmp = {});

}  // namespace placard
