#include "http/request_checks.h"

#include <strings.h>

#include <algorithm>
#include <cctype>

#include "http/url_codec.h"

namespace placard {

namespace {

bool is_tchar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return is_tchar(static_cast<unsigned char>(c)); });
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::optional<RequestFault> check_request_line(std::string_view method, std::string_view target) {
  if (!is_token(method)) return RequestFault{400, "the method is not a token"};
  for (unsigned char c : target)
    if (c <= 0x20 || c >= 0x7f) return RequestFault{400, "the request target holds a control byte"};
  return std::nullopt;
}

std::optional<RequestFault> check_headers(
    const std::vector<std::pair<std::string, std::string>>& headers) {
  std::optional<std::string> length;
  bool chunked = false;
  for (const auto& [name, value] : headers) {
    if (!is_token(name))
      return RequestFault{400, "a header name holds whitespace or a character outside a token"};
    for (unsigned char c : value)
      if ((c < 0x20 && c != '\t') || c == 0x7f)
        return RequestFault{400, "a header value holds a control byte"};
    if (same_name(name, "Content-Length")) {
      if (value.empty() || value.size() > 19 ||
          value.find_first_not_of("0123456789") != std::string::npos)
        return RequestFault{400, "Content-Length is not a number"};
      if (length && *length != value) return RequestFault{400, "Content-Length is sent twice"};
      length = value;
    } else if (same_name(name, "Transfer-Encoding")) {
      chunked = true;
    }
  }
  if (chunked && length)
    return RequestFault{400, "Transfer-Encoding and Content-Length are both sent"};
  return std::nullopt;
}

std::optional<RequestFault> check_host(
    std::string_view version, const std::vector<std::pair<std::string, std::string>>& headers) {
  const std::string* host = nullptr;
  for (const auto& [name, value] : headers) {
    if (!same_name(name, "Host")) continue;
    if (host) return RequestFault{400, "the Host header is sent twice"};
    host = &value;
  }
  if (!host) {
    if (version == "HTTP/1.0") return std::nullopt;  // 1.0 had no Host to require
    return RequestFault{400, "an HTTP/1.1 request must name its Host"};
  }
  // host [ ":" port ], or an IP literal in brackets: nothing that could be
  // read as a path, a user or a second field.
  if (host->empty()) return std::nullopt;  // allowed (RFC 9112 3.2) for a target with no authority
  for (unsigned char c : *host)
    if (!(std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_' ||
          c == '~' || c == '%'))
      return RequestFault{400, "the Host header is not a host name"};
  return std::nullopt;
}

std::optional<RequestFault> check_header_block(std::string_view block,
                                               std::vector<HeaderPlace> places) {
  const RequestFault folded{400, "a header is continued on a second line (obs-fold)"};
  for (const HeaderPlace& p : places)
    if (!p.name_at || *p.name_at >= block.size() || p.value_end > block.size() ||
        p.value_end < *p.name_at)
      return folded;
  if (places.empty()) return std::nullopt;
  std::sort(places.begin(), places.end(),
            [](const HeaderPlace& a, const HeaderPlace& b) { return *a.name_at < *b.name_at; });
  // From the first header on, every byte is a header's or a line end's.
  auto only_line_ends = [&block](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i)
      if (block[i] != '\0' && block[i] != '\r' && block[i] != '\n') return false;
    return true;
  };
  size_t at = *places.front().name_at;
  for (const HeaderPlace& p : places) {
    if (*p.name_at > at && !only_line_ends(at, *p.name_at)) return folded;
    at = std::max(at, p.value_end);
  }
  if (!only_line_ends(at, block.size())) return folded;
  return std::nullopt;
}

size_t query_parameter_count(std::string_view target) {
  const size_t q = target.find('?');
  if (q == std::string_view::npos || q + 1 == target.size()) return 0;
  return static_cast<size_t>(
             std::count(target.begin() + static_cast<std::ptrdiff_t>(q) + 1, target.end(), '&')) +
         1;
}

std::string printable(std::string_view s) {
  return percent_encode(s, [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

}  // namespace placard
