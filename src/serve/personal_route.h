// The routes of supporters' own cards (issue 16):
//
//   GET  /personal                          which cards may be personalised, as JSON
//   POST /personal/{id}/{size}.{png|jpg}    one supporter's card from a form
//
// A POST is refused as early as it can be: the card, size and rate limit
// when its headers arrive (before any of the body is read), the form's
// limits as it streams in (http_server), the fields once it is complete,
// the photo on a render worker. What the supporter sent is held for this
// one request: never written, cached or logged. Every answer says
// Cache-Control: no-store and Access-Control-Allow-Origin: *.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include "base/run_limits.h"
#include "http/http_server.h"
#include "serve/render_pool.h"

namespace placard {

class Catalog;

struct PersonalSetup {
  std::function<std::shared_ptr<const Catalog>()> catalog;  // the current snapshot, or null
  std::function<bool(RenderPool::Job)> submit;              // false: the queue is full
  std::function<void(const Reply&)> deadline;               // 503 when the render is late
  Limits limits;
  int photo_mb = 10;
  int rate_per_minute = 10;
  std::FILE* log = nullptr;  // the operator's: internal errors, never the supporter's input
};

// The two routes, in the order they must be tried.
std::vector<Route> personal_routes(const PersonalSetup& setup);

}  // namespace placard
