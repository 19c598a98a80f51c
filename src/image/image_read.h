// Decoding the images a layout or brand draws (background photos, logos) and
// supporters' uploads: PNG, JPEG and WebP, from bytes in memory, into the
// ARGB32 Pixmap the drawing stage uses. Every decoder is safe on hostile
// bytes: the byte count and the size in the header are checked against the
// limits before any pixel memory exists, EXIF orientation is applied, and no
// metadata of the source is kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/run_limits.h"
#include "image/pixmap.h"

namespace placard {

enum class ImageType { png, jpeg, webp, unknown };

// The type by the file's first bytes (not its name).
ImageType sniff_image(std::string_view bytes);

struct DecodeOptions {
  // An image of more pixels than this (as stored, before any scaling) is
  // refused before it is decoded: the run limit 'image-pixels'.
  std::int64_t max_pixels = Limits{}.image_pixels;
  // A file of more bytes than this is refused before it is parsed: the run
  // limit 'image-bytes' (0: no limit).
  std::int64_t max_bytes = Limits{}.image_bytes;
  // Reduced-scale decoding: when both are > 0, the image is decoded at 1/d
  // of its size, d the largest of 1, 2, 4 and 8 whose upright image still
  // covers min_width x min_height. A JPEG is scaled in libjpeg's inverse DCT
  // (it never makes the full-size pixels, so it is several times faster), a
  // WebP by libwebp's area-averaging scaler as it decodes, a PNG by averaging
  // each d x d block as its rows stream in (no full-size row is kept). 0
  // decodes at full size.
  int min_width = 0, min_height = 0;
  // A memory budget for the decode, in bytes (0: none): what the decoder
  // will hold at its peak (the pixels it makes, its accumulators, and what
  // the library keeps whatever the scale: a progressive JPEG's
  // coefficients, a lossless WebP's full-size pixels). d is raised past the
  // covering one (up to 8) until the decode fits; an image that does not
  // fit even at 1/8 is refused before anything is allocated, naming
  // `memory_limit` (the run limit it comes from).
  std::int64_t max_memory = 0;
  const char* memory_limit = "photo-memory";
};

// The limits of a run ('image-pixels', 'image-bytes') as decode options.
DecodeOptions decode_options(const Limits& limits);

// How a supporter's photo is decoded, for a slot of cover_width x
// cover_height px: the limits 'photo-pixels', 'photo-memory' and
// 'image-bytes', at the smallest scale that still covers the slot (or
// smaller, to stay within 'photo-memory').
DecodeOptions photo_decode_options(const Limits& limits, int cover_width, int cover_height);

// What a file's header says, read without decoding any pixels.
struct ImageHeader {
  ImageType type = ImageType::unknown;
  int width = 0, height = 0;  // upright: after the EXIF orientation
  int orientation = 1;        // the EXIF orientation (1-8), applied to width and height
};

// The header of a PNG, JPEG or WebP file. Fails as decode_image() does on a
// file that is not one, is corrupt, or is over options.max_bytes or
// options.max_pixels.
ImageHeader read_image_header(std::string_view bytes, const std::string& name_for_errors,
                              const DecodeOptions& options = {});

// The d (1, 2, 4 or 8) by which decode_image() divides the sides of the
// image `header` describes to cover options.min_width x min_height (before
// any memory budget raises it).
int decode_reduction(const ImageHeader& header, const DecodeOptions& options);

// The d a decoder uses: decode_reduction(), raised until `fixed` bytes
// (held whatever the scale) plus `per_pixel` bytes per pixel of the image
// at 1/d fit options.max_memory. Fails (the limit options.memory_limit,
// name_for_errors as the place) when even 1/8 does not fit.
int budgeted_reduction(const ImageHeader& header, const DecodeOptions& options, std::int64_t fixed,
                       int per_pixel, const std::string& name_for_errors);

// A PNG, JPEG or WebP file in memory, upright, at the reduction
// options.min_width/min_height allow. Anything else, or a corrupt or
// truncated file, throws DiagnosticError (bad input) with name_for_errors as
// its place; so does a file over options.max_bytes (limit 'image-bytes') or
// an image over options.max_pixels (limit 'image-pixels'), both checked
// before any pixel memory is allocated, an animated WebP, or a JPEG with an
// absurd number of progressive scans. Deterministic: the same bytes and
// options give the same pixels.
// `reuse`: a pixmap whose memory the result may take (see Pixmap::make).
Pixmap decode_image(std::string_view bytes, const std::string& name_for_errors,
                    const DecodeOptions& options = {}, Pixmap reuse = {});

// What each decoder does with the size in a header before it allocates any
// pixels: fails (limit 'image-pixels') when width x height, as stored, is
// over max_pixels; else the header, upright by `orientation` (1-8).
ImageHeader checked_header(ImageType type, std::uint64_t width, std::uint64_t height,
                           int orientation, const std::string& name_for_errors,
                           std::int64_t max_pixels);

// The format-specific decoders decode_image() dispatches to (after its byte
// check), and their header readers.
Pixmap decode_jpeg(std::string_view bytes, const std::string& name_for_errors,
                   const DecodeOptions& options = {});
Pixmap decode_webp(std::string_view bytes, const std::string& name_for_errors,
                   const DecodeOptions& options = {});
ImageHeader read_jpeg_header(std::string_view bytes, const std::string& name_for_errors,
                             const DecodeOptions& options = {});
ImageHeader read_webp_header(std::string_view bytes, const std::string& name_for_errors,
                             const DecodeOptions& options = {});

}  // namespace placard
