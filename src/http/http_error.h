// A refused request and its answer. Every route throws HttpError for what it
// refuses; a failed render's diagnostic becomes one by http_error(), the one
// place that decides which failures are the client's (422) and which are the
// server's (500, reason kept for the log).
#pragma once

#include <stdexcept>
#include <string>

#include "base/diagnostics.h"
#include "http/http_server.h"

namespace placard {

// A refusal: the status and the {"error", "hint", "field"} of the answer
// (field: the form part at fault, or "").
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string error, std::string hint = {}, std::string field = {})
      : std::runtime_error(error), status(status), hint(std::move(hint)), field(std::move(field)) {}
  int status;
  std::string hint;
  std::string field;
};

// Whose fault a diagnostic is, as an answer. Bad input (text that cannot
// fit, a value out of range) is 422: with the diagnostic's message and hints
// when `quote` (the text came from a signed URL or the campaign; any file
// path in them cut to its file name, the log keeps the whole), else with a
// plain sentence (a supporter's form: the message could quote what they
// sent). Anything else (an operator's file that cannot be read, an I/O
// error) is a 500 that says nothing more; the caller logs the diagnostic.
HttpError http_error(const Diagnostic& d, bool quote = true);

// The JSON answer of a refusal; a 503 says when to come back.
HttpResponse answer_of(const HttpError& e);

}  // namespace placard
