// PNG encoding of a rendered card (libpng). The output depends only on the
// pixels and the metadata, never on the time or the machine, so the same card
// always produces the same bytes.
#pragma once

#include <string>

#include "pixmap.h"

namespace placard {

// Names the encoding and its settings; part of every output's input digest,
// so that a change of encoder re-renders everything.
inline constexpr const char* kPngEncoding = "rgb8/zlib6/filter-none";

// Text stored in the PNG; empty fields are left out.
struct PngMeta {
  std::string title;        // "Title"
  std::string description;  // "Description": the card's alt text
  std::string software;     // "Software", e.g. "placard 0.1.0"
};

// The bytes of a PNG file: 8-bit RGB when every pixel is opaque, else 8-bit
// RGBA (un-premultiplied); sRGB; the text as tEXt, or iTXt when not ASCII.
// Throws DiagnosticError (io) if libpng fails.
std::string encode_png(const Pixmap& pixmap, const PngMeta& meta);

}  // namespace placard
