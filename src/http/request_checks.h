// What the edge refuses before any route sees a request: the framing and
// characters that a lenient parser behind or in front of us could read
// differently (request smuggling), and more query parameters than anyone
// sends. libmicrohttpd 0.9.75 accepts these (it keeps "Content-Length :"
// as a header of another name, takes the first of two Content-Lengths and
// passes control bytes through), so each is checked here on the headers it
// hands over. Pure functions: the server calls them, the tests call them
// directly and over a socket.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace placard {

// A refusal: 400 and why, in the words of the answer.
struct RequestFault {
  int status = 400;
  std::string error;
};

// The method is a token (RFC 9110 tchar), the target has no control byte,
// space or byte above 0x7e.
std::optional<RequestFault> check_request_line(std::string_view method, std::string_view target);

// Each header name is a token (no whitespace before the colon), each value
// has no control byte but tab; Content-Length is digits only, and one value
// however often it is sent; Transfer-Encoding and Content-Length never come
// together.
std::optional<RequestFault> check_headers(
    const std::vector<std::pair<std::string, std::string>>& headers);

// How many key=value pairs the query holds ("" holds none).
size_t query_parameter_count(std::string_view target);

// `s` with each control byte, space and non-ASCII byte as %XX: what the
// access log may print of a method or a target.
std::string printable(std::string_view s);

}  // namespace placard
