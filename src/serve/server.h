// `placard serve`: cards rendered on request over HTTP.
//
//   GET /card/{id}/{size}.png      a card of the loaded campaigns (reloaded on save)
//   GET /render/{layout}/{size}.png?headline=…&sig=…   any text, signed with --key-file
//   (.jpg or .jpeg and .webp instead of .png: that format, within the size's byte budget)
//   GET /healthz, GET /metrics     liveness and Prometheus counters
//   GET /…                         the --root folder's files, when given
//
// Each image goes through the same render_one() as `placard card` and
// `placard render`, on a fixed pool of workers behind a bounded queue. Its
// ETag is the digest the manifest records, so a repeat request costs a
// lookup, and If-None-Match costs nothing at all.
#pragma once

#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

#include "base/run_limits.h"

namespace placard {

// The run limits a server starts with: the CLI's, with the canvas held to
// 4096 px a side and 3840×2160 pixels, since anyone may ask for a size.
Limits serve_default_limits();

struct ServeOptions {
  std::vector<std::string> inputs;  // content files for /card/
  std::string root;                 // --root: a rendered folder to serve, or ""
  std::string key_file;             // --key-file: enables /render/
  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> layouts;  // --layout FILE: more layouts for /render/ (by file stem)
  std::vector<std::string> brands;   // --brand [NAME=]FILE: brands for /render/ (first = default)
  int jobs = 0;                      // render workers; 0 = every core
  int queue = 0;                     // renders waiting at most; 0 = 16 per worker
  int cache_mb = 256;                // in-memory image cache
  std::string cache_dir;    // --cache-dir: images on disk by digest, shared, kept over restarts
  int cache_dir_mb = 1024;  // its bound (least recently used files go first)
  int render_timeout_ms = 2000;  // a request waits at most this long for its render
  int client_timeout_s = 10;     // an idle or slow connection is closed after this
  double grace_s = 10;           // SIGTERM: in-flight requests get this long to finish
  int max_connections = 1024;
  int max_connections_per_ip = 128;  // from one client address; more are refused
  int header_timeout_s = 10;         // a request (a POST with its body) is whole within, else 408
  int card_max_age_s = 300;          // Cache-Control of /card/ and --root answers
  int personal_rate = 10;            // personal renders a client may have a minute (and burst)
  int photo_mb = 10;                 // largest supporter photo, in MB
  // When a /card/ render cannot be queued or misses its deadline: "fallback"
  // answers the --root file of that card and size, else a fallback card
  // (the campaign's name in its brand, or --fallback FILE), for 60 s and
  // with no ETag, while the real render goes on into the cache; a /render/
  // answers its layout's fallback card (the brand's name on that layout, in
  // that brand, size and format) or --fallback FILE. "503" refuses.
  std::string on_overload = "fallback";
  std::string fallback_file;  // --fallback: one image for every size
  std::string base_url;       // --base-url: where /card/ is reached from outside (for /meta)
  Limits limits = serve_default_limits();  // --limit NAME=VALUE
};

// Serves until `stop` is set, then stops accepting, lets in-flight requests
// finish within the grace period and returns. The first line on `out` is
// "listening on http://HOST:PORT". The access log and reload notes go to
// `log`. Throws DiagnosticError when it cannot start (a bad key file, a port
// in use, unreadable content).
void serve(const ServeOptions& options, const std::atomic<bool>& stop, std::FILE* out,
           std::FILE* log);

}  // namespace placard
