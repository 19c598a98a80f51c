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

// The Host header, as RFC 9112 section 3.2 asks of a server: an HTTP/1.1
// request names exactly one host, and no request names two or an empty-
// looking one with a space or a path in it. libmicrohttpd 0.9.75 can
// refuse a missing Host itself, but then answers with its own page, which
// carries none of our headers; so it is told not to, and this does.
std::optional<RequestFault> check_host(
    std::string_view version, const std::vector<std::pair<std::string, std::string>>& headers);

// Where one header sits in the request's header block as libmicrohttpd
// leaves it: the offsets of its name's first byte and of its value's end;
// no name_at when its name is not in the block.
struct HeaderPlace {
  std::optional<size_t> name_at;
  size_t value_end = 0;
};

// obs-fold (a header line continued on the next line with a leading space
// or tab, RFC 9112 section 5.2), which libmicrohttpd 0.9.75 has no option to
// refuse: it joins the continuation to the header's *name* ("X: a\r\n b"
// becomes the header "Xb: a", so "Transfer-Encoding: chunked\r\n x" hides
// the Transfer-Encoding a proxy sees) in a copy outside its read buffer, and
// leaves the continued line where it was. `block` is the request's header
// as received, from its method to the blank line, in which libmicrohttpd
// has written a NUL over each line end, each colon and the request line's
// spaces. Refused: a header whose name is not in the block, and any byte
// between the first header and the block's end that belongs to no header
// and is not a NUL, CR or LF (a continued line).
std::optional<RequestFault> check_header_block(std::string_view block,
                                               std::vector<HeaderPlace> places);

// How many key=value pairs the query holds ("" holds none).
size_t query_parameter_count(std::string_view target);

// `s` with each control byte, space and non-ASCII byte as %XX: what the
// access log may print of a method or a target.
std::string printable(std::string_view s);

}  // namespace placard
