// GET /render/{layout}/{size}.{png,jpg,webp}?headline=…&sig=… → what to render.
// Every request is hostile until checked, in this order: limits (parameter
// count, sizes, duplicates), then the signature, then the path and fields.
// Nothing here renders; the answer is a RenderQuery or an HttpError.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/run_limits.h"
#include "http/http_error.h"
#include "image/encode.h"
#include "serve/signing.h"

namespace placard {

// The last segment of an image path: "og.webp" → size "og", format WebP.
struct ImageName {
  std::string size;  // "og", "1500x500", … (not checked here)
  ImageFormat format = ImageFormat::png;
};

// Splits `file` at its extension: .png, .jpg or .jpeg, .webp. Anything else
// is a 404 whose hint lists those; `shape` ("/card/ID/SIZE") names the path
// in the hint when there is no extension at all.
ImageName parse_image_name(std::string_view file, std::string_view shape);

struct RenderQuery {
  std::string layout;                     // one of the server's layout names
  std::string brand;                      // one of the server's brand names; "" = the default
  std::string size;                       // "og", "1500x500", …
  ImageFormat format = ImageFormat::png;  // by the extension, which the signature covers
  std::string headline, kicker, body, footer, lang;
  // GET /render/{layout}/{size}.{ext}/meta?…&sig=…: the link tags of the
  // image whose URL is the same without "/meta" (the same signature).
  bool meta = false;
};

// What the server was started with: names, never paths.
struct RenderNames {
  std::vector<std::string> layouts;
  std::vector<std::string> brands;
};

// The parameters a render URL may carry besides `sig`.
inline constexpr const char* kRenderFields[] = {"headline", "kicker", "body",
                                                "footer",   "lang",   "brand"};

// Checks `target` (path and query, as sent) for the /render route. An empty
// `key` (no --key-file) refuses every request with 403. Throws HttpError.
RenderQuery parse_render_target(std::string_view target, std::string_view key,
                                const RenderNames& names, const Limits& limits);

}  // namespace placard
