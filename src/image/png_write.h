// PNG encoding of a rendered card (libpng). The output depends only on the
// pixels and the metadata, never on the time or the machine, so the same card
// always produces the same bytes.
#pragma once

#include <string>

#include "image/pixmap.h"

namespace placard {

// Names the encoding and its settings; part of every output's input digest,
// so that a change of encoder re-renders everything.
inline constexpr const char* kPngEncoding = "palette-t6-areas1/libdeflate5|rgb8-up/libdeflate3";

// How an opaque card is encoded. The defaults are the measured choice (see
// png_write.cc); the benchmark varies them.
struct PngTuning {
  // How palette rows are filtered: all None; Up on rows equal to the row
  // above (None elsewhere); or all Up.
  enum class Rows { none, up_repeats, up };
  // The palette data's compressor: libdeflate at `level`, zlib's run-length
  // strategy (Z_RLE: matches at distance 1 only) at `level`, or zlib's
  // default strategy at `level`.
  enum class Deflate { libdeflate, zlib_rle, zlib };
  bool palette = true;  // try an 8-bit palette first
  int tolerance = 6;    // palette: largest per-channel change of any pixel (0-255)
  int level = 5;        // palette: compression level
  Rows rows = Rows::none;
  Deflate deflate = Deflate::libdeflate;
};

// Text stored in the PNG; empty fields are left out.
struct PngMeta {
  std::string title;        // "Title"
  std::string description;  // "Description": the card's alt text
  std::string software;     // "Software", e.g. "placard 0.1.0"
  std::string xmp;          // an XMP packet (image/xmp.h): iTXt "XML:com.adobe.xmp"
};

// The bytes of a PNG file; sRGB; the text as tEXt, or iTXt when not ASCII;
// the XMP packet, when given, as an uncompressed iTXt chunk after them.
// An opaque image whose colours fit in 256 palette entries, each pixel
// within `tolerance` of its own colour on every channel, is an 8-bit palette
// PNG; any other opaque image 8-bit RGB; else 8-bit RGBA (un-premultiplied).
// Throws DiagnosticError (io) if libpng fails.
std::string encode_png(const Pixmap& pixmap, const PngMeta& meta, const PngTuning& tuning = {});

}  // namespace placard
