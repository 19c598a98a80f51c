#include "image/image_read.h"

#include "base/diagnostics.h"
#include "image/orientation.h"
#include "image/png_read.h"

namespace placard {

namespace {

[[noreturn]] void fail_unknown(const std::string& name) {
  fail({name}, "'" + name + "' is not a PNG, JPEG or WebP image",
       {"save it as PNG, JPEG or WebP (GIF, HEIC and TIFF are not read)"});
}

void check_bytes(std::string_view bytes, const std::string& name, const DecodeOptions& options) {
  if (options.max_bytes > 0 && static_cast<std::int64_t>(bytes.size()) > options.max_bytes)
    fail_limit({name}, "image-bytes", options.max_bytes,
               "image is " + std::to_string(bytes.size()) + " bytes, too large to read");
}

}  // namespace

ImageType sniff_image(std::string_view b) {
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
    return ImageType::png;
  if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3))
    return ImageType::jpeg;
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP")
    return ImageType::webp;
  return ImageType::unknown;
}

DecodeOptions decode_options(const Limits& limits) {
  DecodeOptions o;
  o.max_pixels = limits.image_pixels;
  o.max_bytes = limits.image_bytes;
  return o;
}

DecodeOptions photo_decode_options(const Limits& limits, int cover_width, int cover_height) {
  DecodeOptions o;
  o.max_pixels = limits.photo_pixels;
  o.max_bytes = limits.image_bytes;
  o.min_width = cover_width;
  o.min_height = cover_height;
  o.max_memory = limits.photo_memory;
  o.memory_limit = "photo-memory";
  return o;
}

ImageHeader read_image_header(std::string_view bytes, const std::string& name,
                              const DecodeOptions& options) {
  check_bytes(bytes, name, options);
  switch (sniff_image(bytes)) {
    case ImageType::png:
      return read_png_header(bytes, name, options.max_pixels);
    case ImageType::jpeg:
      return read_jpeg_header(bytes, name, options);
    case ImageType::webp:
      return read_webp_header(bytes, name, options);
    case ImageType::unknown:
      break;
  }
  fail_unknown(name);
}

ImageHeader checked_header(ImageType type, std::uint64_t w, std::uint64_t h, int orientation,
                           const std::string& name, std::int64_t max_pixels) {
  // Unsigned 64-bit: a hostile header may claim 2^32-1 on both sides.
  if (w * h > static_cast<std::uint64_t>(max_pixels))
    fail_limit(
        {name}, "image-pixels", max_pixels,
        "image is " + std::to_string(w) + "x" + std::to_string(h) + " pixels, too large to decode");
  // Both sides now fit an int: their product is under the limit.
  const int iw = static_cast<int>(w), ih = static_cast<int>(h);
  return swaps_sides(orientation) ? ImageHeader{type, ih, iw, orientation}
                                  : ImageHeader{type, iw, ih, orientation};
}

int decode_reduction(const ImageHeader& header, const DecodeOptions& options) {
  if (options.min_width <= 0 || options.min_height <= 0) return 1;
  // Decoders round a reduced side up (libjpeg's jdiv_round_up), so the
  // image at 1/d is ceil(w/d) x ceil(h/d). The sides are swapped together
  // by an orientation, so the upright size gives the same d as the stored one.
  const std::int64_t w = header.width, h = header.height;
  for (int d = 8; d > 1; d /= 2)
    if ((w + d - 1) / d >= options.min_width && (h + d - 1) / d >= options.min_height) return d;
  return 1;
}

int budgeted_reduction(const ImageHeader& header, const DecodeOptions& options, std::int64_t fixed,
                       int per_pixel, const std::string& name) {
  int d = decode_reduction(header, options);
  if (options.max_memory <= 0) return d;
  auto cost = [&](int r) {
    const std::int64_t w = (std::int64_t{header.width} + r - 1) / r;
    const std::int64_t h = (std::int64_t{header.height} + r - 1) / r;
    return fixed + w * h * per_pixel;
  };
  while (d < 8 && cost(d) > options.max_memory) d *= 2;
  if (cost(d) > options.max_memory)
    fail_limit({name}, options.memory_limit, options.max_memory,
               "image of " + std::to_string(header.width) + "x" + std::to_string(header.height) +
                   " pixels needs " + std::to_string(cost(d)) + " bytes to decode");
  return d;
}

Pixmap decode_image(std::string_view bytes, const std::string& name, const DecodeOptions& options,
                    Pixmap reuse) {
  check_bytes(bytes, name, options);
  switch (sniff_image(bytes)) {
    case ImageType::png:
      return decode_png(bytes, name, options, std::move(reuse));
    case ImageType::jpeg:
      return decode_jpeg(bytes, name, options);
    case ImageType::webp:
      return decode_webp(bytes, name, options);
    case ImageType::unknown:
      break;
  }
  fail_unknown(name);
}

}  // namespace placard
