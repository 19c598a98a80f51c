// A run limit gone over (run_limits.h): the diagnostic fail_limit() throws,
// with the limit's name, so that a front-end can say in its own words how
// to raise it, or, for a server's client, say nothing of it.
#pragma once

#include <string>
#include <utility>

#include "base/diagnostics.h"

namespace placard {

class LimitError : public DiagnosticError {
 public:
  LimitError(Diagnostic d, std::string limit)
      : DiagnosticError(std::move(d)), limit_(std::move(limit)) {}
  const std::string& limit() const { return limit_; }  // "photo-memory"

 private:
  std::string limit_;
};

}  // namespace placard
