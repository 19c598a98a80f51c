#include "http/http_error.h"

#include <algorithm>

#include "base/run_limits.h"

namespace placard {

namespace {

// A word that is an absolute path, quoted or not, becomes its last
// component: an answer names the file, never where it lies on the server.
std::string without_paths(const std::string& text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = std::min(text.find_first_of(" '\"", i), text.size());
    std::string_view word(text.data() + i, end - i);
    if (word.starts_with('/')) word.remove_prefix(word.rfind('/') + 1);
    out += word;
    if (end < text.size()) out += text[end];
    i = end + 1;
  }
  return out;
}

}  // namespace

HttpError http_error(const Diagnostic& d, bool quote) {
  if (d.kind != FailureKind::bad_input) return HttpError(500, "the card could not be rendered");
  if (!quote) return HttpError(422, "the card cannot hold this text", "shorten the fields");
  std::string hint;
  for (const std::string& h : d.hints) {
    // How to raise a limit is the operator's business: the client learns
    // only that this server draws no more.
    const std::string said =
        is_raise_limit_hint(h) ? "this server renders no more than that" : without_paths(h);
    hint += (hint.empty() ? "" : "; ") + said;
  }
  return HttpError(422, without_paths(d.message), hint);
}

HttpResponse answer_of(const HttpError& e) {
  HttpResponse r = json_error(e.status, e.what(), e.hint, e.field);
  if (e.status == 503) r.headers.emplace_back("Retry-After", "1");
  return r;
}

}  // namespace placard
