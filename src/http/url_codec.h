// The URL codec of HTTP requests: percent escapes, query strings and paths,
// as browsers send them and as signed URLs are canonicalised (serve/signing.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace placard {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// "%41" → "A"; in a query '+' is a space, as in HTML forms. nullopt on a bad
// escape ("%4", "%zz").
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space = true);

// encodeURIComponent: everything but A-Z a-z 0-9 - _ . ! ~ * ' ( ) as %XX.
std::string percent_encode(std::string_view s);

// `s` with every byte that keep(byte) refuses as %XX (upper-case hex digits).
std::string percent_encode(std::string_view s, bool (*keep)(unsigned char));

// "a=1&b=%20" → {{"a","1"},{"b"," "}}, decoded, in the order sent. Empty
// pieces ("a=1&&b") are skipped. nullopt on a bad escape.
std::optional<QueryParams> parse_query(std::string_view query);

// A path of exactly two segments under `prefix`: "/card/ID/SIZE.png" under
// "/card/" → {"ID", "SIZE.png"}. nullopt for any other shape (one segment,
// three, an empty one). The segments are as sent, not decoded.
std::optional<std::pair<std::string, std::string>> two_segments(std::string_view path,
                                                                std::string_view prefix);

// The value of one query parameter, decoded; "" when absent or malformed.
std::string query_value(std::string_view query, std::string_view key);

// The canonical path: each segment decoded and encoded again. nullopt on a bad escape.
std::optional<std::string> canonical_path(std::string_view raw_path);

}  // namespace placard
