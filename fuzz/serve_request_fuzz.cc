// libFuzzer target: the request → card mapping of `placard serve`. Bytes as
// a request target go through the access-log filter and the /render checks
// (query parsing, limits, signature, path, fields). A refusal is an
// HttpError; anything else escaping, or an accepted request that breaks the
// rules below, is a bug. Every fourth input is instead split into fields,
// signed, and must come back unchanged (signature canonicalisation). Every
// input also goes through the edge's framing checks as a request line and
// header lines (request_checks.h): a refusal is a 400, an HTTP/1.1 request
// without a Host is refused, and the log's form of any bytes is printable; and as a header block in
// which libmicrohttpd joined a continued line (obs-fold), which must be refused.
#include <algorithm>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "fuzz_support.h"
#include "http/http_server.h"
#include "http/request_checks.h"
#include "serve/render_query.h"
#include "serve/signing.h"

using namespace placard;

namespace {

const std::string kKey(32, 'k');
const RenderNames kNames{{"statement", "quote", "standard"}, {"default", "common-ground"}};

void check_log_line(std::string_view target) {
  const std::string line = loggable_target(target);
  if (line.size() > 200) __builtin_trap();
  for (unsigned char c : line)
    if (c <= 0x20 || c >= 0x7f) __builtin_trap();
  // The query is reduced to its keys: no value (so no signature) is logged.
  const size_t q = line.find('?');
  if (q != std::string::npos && line.find('=', q) != std::string::npos) __builtin_trap();
}

void check_target(std::string_view target) {
  try {
    RenderQuery q = parse_render_target(target, kKey, kNames, Limits{});
    // Accepted: it was signed with the key, and names only what the server has.
    if (q.headline.empty() || find_invalid_utf8(q.headline) != std::string_view::npos)
      __builtin_trap();
    bool known = false;
    for (const auto& l : kNames.layouts) known = known || l == q.layout;
    if (!known) __builtin_trap();
  } catch (const HttpError& e) {
    if (e.status < 400 || e.status > 499) __builtin_trap();
  }
}

void check_round_trip(std::string_view bytes) {
  // headline \0 kicker \0 body \0 size
  std::vector<std::string> f(4);
  size_t i = 0;
  for (char c : bytes) {
    if (c == '\0' && i < 3)
      ++i;
    else
      f[i] += c;
  }
  QueryParams params = {{"headline", f[0]}};
  if (!f[1].empty()) params.emplace_back("kicker", f[1]);
  if (!f[2].empty()) params.emplace_back("body", f[2]);
  const std::string size = f[3].empty() ? "og" : f[3];
  const std::string path = signed_render_path(kKey, "statement", size, params);
  if (path.size() > 20000) return;
  try {
    RenderQuery q = parse_render_target(path, kKey, kNames, Limits{});
    if (q.headline != f[0] || q.kicker != f[1] || q.body != f[2] || q.size != size)
      __builtin_trap();
  } catch (const HttpError& e) {
    // Only content may refuse a signed URL: never the signature itself.
    if (e.status == 403) __builtin_trap();
  }
}

void check_edge(std::string_view bytes) {
  // "METHOD TARGET" on the first line, then "name:value" lines.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string_view first = bytes.substr(0, bytes.find('\n'));
  std::string_view rest = first.size() < bytes.size() ? bytes.substr(first.size() + 1) : "";
  while (!rest.empty()) {
    std::string_view line = rest.substr(0, rest.find('\n'));
    rest.remove_prefix(std::min(rest.size(), line.size() + 1));
    const size_t colon = line.find(':');
    headers.emplace_back(
        std::string(line.substr(0, colon)),
        colon == std::string_view::npos ? "" : std::string(line.substr(colon + 1)));
  }
  const size_t sp = first.find(' ');
  auto line = check_request_line(first.substr(0, sp),
                                 sp == std::string_view::npos ? "" : first.substr(sp + 1));
  if (line && line->status != 400) __builtin_trap();
  auto fault = check_headers(headers);
  if (fault && fault->status != 400) __builtin_trap();
  // The version is the first line's last word; an HTTP/1.1 request with no
  // Host header at all is always refused.
  const std::string_view version = first.substr(first.rfind(' ') + 1);
  auto host = check_host(version, headers);
  if (host && host->status != 400) __builtin_trap();
  const bool any_host = std::any_of(headers.begin(), headers.end(), [](const auto& h) {
    return h.first.size() == 4 && (h.first[0] | 0x20) == 'h' && (h.first[1] | 0x20) == 'o' &&
           (h.first[2] | 0x20) == 's' && (h.first[3] | 0x20) == 't';
  });
  if (!any_host && version != "HTTP/1.0" && !host) __builtin_trap();
  for (unsigned char c : printable(bytes))
    if (c <= 0x20 || c >= 0x7f) __builtin_trap();
}

// The bytes as libmicrohttpd 0.9.75 leaves a header block: each line end
// and the colon of each header a NUL, a continued line (obs-fold) joined to
// the header before it, whose name then moves out of the block. Refused
// exactly when a line was continued or a line is no header.
void check_fold(std::string_view bytes) {
  std::string block(bytes);
  std::vector<HeaderPlace> places;
  bool folded = false, stray = false;
  size_t at = block.find('\n');
  if (at == std::string::npos) return;
  block[at] = '\0';
  for (size_t start = at + 1; start < block.size();) {
    size_t end = block.find('\n', start);
    if (end == std::string::npos) end = block.size();
    size_t value_end = end;
    if (value_end > start && block[value_end - 1] == '\r') block[--value_end] = '\0';
    if (end < block.size()) block[end] = '\0';
    const std::string_view line(block.data() + start, value_end - start);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !places.empty()) {
      folded = true;
      places.back().name_at.reset();
    } else if (const size_t colon = line.find(':'); colon != std::string_view::npos) {
      block[start + colon] = '\0';
      places.push_back({start, value_end});
    } else if (line.find_first_not_of(std::string_view("\0", 1)) != std::string_view::npos) {
      stray = true;
    }
    start = end + 1;
  }
  const bool refused = check_header_block(block, places).has_value();
  if (folded && !refused) __builtin_trap();
  if (!folded && !stray && refused) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::as_text(data, size);
  check_edge(bytes);
  check_fold(bytes);
  if (!bytes.empty() && bytes[0] % 4 == 0) {
    check_round_trip(bytes.substr(1));
    return 0;
  }
  check_log_line(bytes);
  check_target(bytes);
  return 0;
}
