// WebP encoding of a rendered card (libwebp, lossy). The output depends only
// on the pixels, the settings and the XMP packet.
#pragma once

#include <string>
#include <string_view>

#include "image/pixmap.h"

namespace placard {

// Names the encoding, its settings and the budget search's quality range;
// part of every output's input digest.
inline constexpr const char* kWebpEncoding = "webp-m2-sharp/q85-50";

// How a card is encoded as WebP. The defaults are the measured choice (see
// the table in webp_write.cc); the budget search lowers `quality`.
struct WebpTuning {
  int quality = 85;       // 0-100, libwebp's scale
  int method = 2;         // 0 (fast) - 6 (slow, smaller)
  bool sharp_yuv = true;  // libwebp's iterative RGB->YUV: sharper colour edges
};

// The bytes of a lossy WebP file (VP8, with an alpha channel only when some
// pixel is not opaque). A non-empty `xmp` is stored in an "XMP " chunk of
// the extended (VP8X) format. Throws DiagnosticError (io) if libwebp fails.
std::string encode_webp(const Pixmap& pixmap, const WebpTuning& tuning, std::string_view xmp = {});

}  // namespace placard
