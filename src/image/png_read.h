// PNG decoding (libpng), for images, supporters' photos, tests and pixel
// goldens: any PNG becomes the same ARGB32 Pixmap the drawing stage renders
// into.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "image/image_read.h"
#include "image/pixmap.h"

namespace placard {

// Decodes any PNG (palette, gray, 16-bit, with or without alpha) to a
// premultiplied ARGB32 pixmap, turned upright by the orientation of an eXIf
// chunk when it has one. A file that is not a PNG, or is corrupt, throws
// DiagnosticError with name_for_errors as its place.
// An image of more than max_pixels pixels is refused before it is decoded.
Pixmap decode_png(std::string_view bytes, const std::string& name_for_errors,
                  std::int64_t max_pixels = 40'000'000);
// The same under decode_image()'s options: the rows are streamed (never the
// whole image at once) and each d x d block averaged as it arrives when
// options ask for a reduced size, and the pixels are placed upright as they
// come (an orientation before the image data costs no copy).
// `reuse`: a pixmap whose memory the result may take (see Pixmap::make).
Pixmap decode_png(std::string_view bytes, const std::string& name_for_errors,
                  const DecodeOptions& options, Pixmap reuse = {});

// The PNG's upright size from the chunks before its image data (IHDR and an
// eXIf orientation); fails as decode_png() does. No pixel rows are read.
ImageHeader read_png_header(std::string_view bytes, const std::string& name_for_errors,
                            std::int64_t max_pixels = 40'000'000);

// The tEXt, zTXt and iTXt chunks as key -> UTF-8 value.
std::map<std::string, std::string> read_png_text(std::string_view bytes);

}  // namespace placard
