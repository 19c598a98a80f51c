// Signed render URLs: HMAC-SHA256 (GLib) over the canonical path and
// query, with the server's secret key, as Thumbor and imgix do.
//
// Canonical form: each path segment and each query key and value is
// percent-decoded, then encoded again as JavaScript's encodeURIComponent does
// (A-Z a-z 0-9 - _ . ! ~ * ' ( ) stay; every other byte becomes %XX, upper
// case). The query keys, less `sig`, are sorted by byte value and joined with
// '&'. The message is "<path>?<query>"; the signature is its HMAC in lower-case
// hex, sent as the last parameter `sig`. docs/serve.md shows the same in
// JavaScript and Python.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/url_codec.h"
#include "image/encode.h"

namespace placard {

// The signed message: canonical path, '?', the sorted, encoded parameters
// other than `sig`.
std::string canonical_message(std::string_view canonical_path, const QueryParams& params);

// 32 random bytes from the kernel's generator (getrandom), as 64 hex digits.
std::string new_key_hex();

// The key file's secret: hex digits (surrounding whitespace ignored), at
// least 32 bytes' worth. Throws DiagnosticError (usage) naming the file.
std::string load_key(const std::string& path);

// HMAC-SHA256 of `message` under `key`, as 64 lower-case hex digits.
std::string hmac_hex(std::string_view key, std::string_view message);

// Compares in constant time.
bool signature_matches(std::string_view key, std::string_view message, std::string_view sig);

// What `placard sign` prints: "/render/LAYOUT/SIZE.EXT?k=v&…&sig=…", EXT
// png, jpg or webp by `format`. The signature covers the path, extension
// included: a path signed for one format opens in that format only.
std::string signed_render_path(std::string_view key, const std::string& layout,
                               const std::string& size, const QueryParams& params,
                               ImageFormat format = ImageFormat::png);

}  // namespace placard
