// A supporter's photo, from the bytes of its form part to pixels, for one
// request only: nothing of it is written, cached or logged. Decoded under
// the run limits (the pixel count is read from the header before anything
// is allocated: 'photo-pixels'), upright by its EXIF orientation, with no
// metadata kept, and at the smallest reduced scale that still covers the
// card, within the memory budget 'photo-memory' whatever size it claims, so
// a 48-megapixel phone photo or a PNG bomb costs a few megabytes.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/run_limits.h"
#include "image/pixmap.h"

namespace placard {

// Throws HttpError with field "photo": 413 over max_bytes, 422 when it is
// not a JPEG, PNG or WebP, cannot be decoded, or has more pixels than
// limits.photo_pixels or needs more than limits.photo_memory. The messages are the same neutral
// sentences whatever the decoder said (no library text, no path reaches the client).
Pixmap decode_supporter_photo(std::string_view bytes, std::int64_t max_bytes, const Limits& limits,
                              int cover_width, int cover_height);

}  // namespace placard
