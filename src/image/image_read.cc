#include "image/image_read.h"

#include "base/diagnostics.h"
#include "image/png_read.h"

namespace placard {

ImageType sniff_image(std::string_view b) {
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return ImageType::png;
  if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return ImageType::jpeg;
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return ImageType::webp;
  return ImageType::unknown;
}

Pixmap decode_image(std::string_view bytes, const std::string& name, const DecodeOptions& options) {
  switch (sniff_image(bytes)) {
    case ImageType::png: return decode_png(bytes, name, options.max_pixels);
    case ImageType::jpeg: return decode_jpeg(bytes, name, options);
    case ImageType::webp: return decode_webp(bytes, name, options);
    case ImageType::unknown: break;
  }
  fail({name}, "'" + name + "' is not a PNG, JPEG or WebP image",
       {"save it as PNG, JPEG or WebP (GIF, HEIC and TIFF are not read)"});
}

}  // namespace placard
