#include "http/http_error.h"

namespace placard {

HttpError http_error(const Diagnostic& d, bool quote) {
  if (d.kind != FailureKind::bad_input) return HttpError(500, "the card could not be rendered");
  if (!quote) return HttpError(422, "the card cannot hold this text", "shorten the fields");
  std::string hint;
  for (const std::string& h : d.hints) hint += (hint.empty() ? "" : "; ") + h;
  return HttpError(422, d.message, hint);
}

HttpResponse answer_of(const HttpError& e) {
  HttpResponse r = json_error(e.status, e.what(), e.hint, e.field);
  if (e.status == 503) r.headers.emplace_back("Retry-After", "1");
  return r;
}

}  // namespace placard
