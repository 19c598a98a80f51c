// The bytes of a text file before any reader sees them: a BOM is dropped, the
// encoding is checked, CRLF line ends become LF.
#pragma once

#include <string>
#include <string_view>

namespace placard {

// Offset of the first byte that does not start a well-formed UTF-8 sequence,
// or std::string_view::npos when there is none.
size_t find_invalid_utf8(std::string_view s);

// Strips a UTF-8 BOM, fails with file:line:col on invalid UTF-8 and turns
// CRLF into LF.
std::string clean_source(std::string_view text, const std::string& path);

}  // namespace placard
