// The encode stage: a rendered card's pixels -> the bytes of its file, in
// the card's format, with its title and alt text inside (XMP), within its
// byte budget when a lossy format can get there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "image/pixmap.h"

namespace placard {

enum class ImageFormat { png, jpeg, webp };

// "png", "jpeg", "webp": the names --format and `format:` take (also "jpg").
std::string_view format_name(ImageFormat f);
std::optional<ImageFormat> parse_format(std::string_view name);
// "image/png", "image/jpeg", "image/webp".
std::string_view mime_type(ImageFormat f);
// The file extension without the dot: "png", "jpg", "webp".
std::string_view file_extension(ImageFormat f);
// The format a file name's extension names, if any.
std::optional<ImageFormat> format_of_path(std::string_view path);

// What --format and `format:` ask for: one format, or automatic (decided
// per card by whether it shows a photo; see render/pipeline.h).
struct FormatChoice {
  bool automatic = true;
  ImageFormat format = ImageFormat::png;  // when not automatic
};

// "auto", "png", "jpeg" (or "jpg"), "webp"; nullopt for anything else.
std::optional<FormatChoice> parse_format_choice(std::string_view name);

// Names the encoder and its settings (and, for lossy formats, the quality
// range the budget search may use); part of every output's input digest.
std::string_view encoding_id(ImageFormat f);

struct CardMeta {
  std::string title;     // dc:title, PNG "Title"
  std::string alt;       // Iptc4xmpCore:AltTextAccessibility, PNG "Description"
  std::string software;  // PNG "Software"
};

struct Encoded {
  std::string bytes;
  int quality = 0;   // JPEG/WebP: the quality used; PNG: 0
  int encodes = 0;   // encoder runs the budget search needed
  bool fits = true;  // within the budget (always, without one)
};

// The card as `format`. A budget (bytes > 0) makes a lossy format search,
// from its measured quality downwards, for the highest quality whose file
// fits; when even the lowest allowed quality does not fit, that file is
// returned with fits = false (the caller warns, or fails under --strict). A
// PNG is lossless: over budget only sets fits = false.
Encoded encode_card(const Pixmap& pixels, ImageFormat format, const CardMeta& meta,
                    std::int64_t budget_bytes = 0);

}  // namespace placard
