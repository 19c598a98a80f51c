#include "serve/personal_photo.h"

#include "base/diagnostics.h"
#include "base/limit_error.h"
#include "image/image_read.h"
#include "serve/render_query.h"

namespace placard {

Pixmap decode_supporter_photo(std::string_view bytes, std::int64_t max_bytes, const Limits& limits,
                              int cover_width, int cover_height) {
  const std::int64_t cap = std::min(max_bytes, limits.image_bytes);
  if (static_cast<std::int64_t>(bytes.size()) > cap)
    throw HttpError(413, "the photo is larger than " + std::to_string(cap >> 20) + " MB",
                    "send a smaller photo", "photo");
  if (sniff_image(bytes) == ImageType::unknown)
    throw HttpError(422, "the photo is not a JPEG, PNG or WebP image",
                    "save it as JPEG, PNG or WebP", "photo");
  try {
    return decode_image(bytes, "photo", photo_decode_options(limits, cover_width, cover_height));
  } catch (const LimitError&) {
    // Over the photo's pixels or its decode budget (or the image's): too
    // large, in the supporter's words, never the operator's --limit.
    throw HttpError(422, "the photo is too large to read",
                    "send a smaller photo: at most " +
                        std::to_string(limits.photo_pixels / 1'000'000) +
                        " megapixels, saved as a phone or camera saves it",
                    "photo");
  } catch (const DiagnosticError&) {
    // The decoder's words name the library's complaint; the client gets
    // one plain sentence.
    const std::int64_t mp = limits.photo_pixels / 1'000'000;
    throw HttpError(
        422, "the photo could not be read",
        "send a complete JPEG, PNG or WebP photo of at most " + std::to_string(mp) + " megapixels",
        "photo");
  }
}

}  // namespace placard
