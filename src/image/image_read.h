// Decoding the images a layout or brand draws (background photos, logos) and,
// later, supporters' uploads: PNG, JPEG and WebP into the ARGB32 Pixmap the
// drawing stage uses. Every decoder is safe on hostile bytes: sizes are
// checked against the limits before anything is allocated, EXIF orientation
// is applied, and no metadata of the source is kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "image/pixmap.h"

namespace placard {

enum class ImageType { png, jpeg, webp, unknown };

// The type by the file's first bytes (not its name).
ImageType sniff_image(std::string_view bytes);

struct DecodeOptions {
  // An image of more pixels than this (as stored, before any scaling) is
  // refused before it is decoded: the run limit 'image-pixels'.
  std::int64_t max_pixels = 40'000'000;
  // Reduced-scale decoding: when both are > 0, a JPEG is decoded at the
  // smallest of libjpeg's scales 1/8 … 8/8 (a WebP at the smallest size)
  // whose upright image still covers min_width x min_height. What a photo
  // drawn at a known size needs; 0 decodes at full size.
  int min_width = 0, min_height = 0;
};

// A PNG, JPEG or WebP file, upright. Anything else, or a corrupt or
// truncated file, throws DiagnosticError (bad input) with name_for_errors as
// its place; so does an image over options.max_pixels (limit
// 'image-pixels'), an animated WebP, or a JPEG with an absurd number of
// progressive scans.
Pixmap decode_image(std::string_view bytes, const std::string& name_for_errors,
                    const DecodeOptions& options = {});

// The format-specific decoders decode_image() dispatches to.
Pixmap decode_jpeg(std::string_view bytes, const std::string& name_for_errors,
                   const DecodeOptions& options = {});
Pixmap decode_webp(std::string_view bytes, const std::string& name_for_errors,
                   const DecodeOptions& options = {});

}  // namespace placard
