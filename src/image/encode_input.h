// What the encoders (PNG, JPEG, WebP) check and ask of the pixmap they are
// given, before any of them converts a pixel.
#pragma once

#include "image/pixmap.h"

namespace placard {

// Fails (io) with "cannot encode a WxH image with stride S as FORMAT" unless
// both sides are 1..max_side and the pixmap holds `stride` >= 4 * width bytes
// for every row.
void check_encodable(const Pixmap& p, int max_side, const char* format);

// True when every pixel has alpha 0xff (the encoder can drop the alpha channel).
bool all_opaque(const Pixmap& p);

}  // namespace placard
