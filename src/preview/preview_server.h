// `placard preview`: a live page for designers, on the same HTTP server as
// `placard serve` and the same render_one() as `placard render`.
//
//   GET /                            the page (preview/index.html, .js, .css)
//   GET /events                      Server-Sent Events: the whole state on
//                                    connect and after every refresh
//   GET /api/state                   the same state, once
//   GET /api/choose?layout=ID&brand=ID   pick a listed layout and brand
//   GET /img/{id}/{size}.png?v=VER   an image, from memory
//   GET /dump/{id}/{size}.json?v=VER its layout dump (--dump-layout, with lines,
//                                    and each surface's shown and covered
//                                    areas with the platform check's findings)
//
// Nothing is read from a path in a URL: the page's three files come from
// Placard's data folder, and images and dumps from the engine's memory, so
// nothing outside the project can be served. It binds 127.0.0.1 unless told
// otherwise, answers only requests whose Host is the address it listens on
// or localhost (no DNS rebinding), and refuses cross-site picks.
#pragma once

#include <atomic>
#include <cstdio>
#include <string>

#include "preview/preview_engine.h"

namespace placard {

struct PreviewServeOptions {
  PreviewOptions preview;
  std::string listen = "127.0.0.1:0";  // port 0: any free port
  int settle_ms = 40;                  // saves closer than this count as one
};

// Renders everything, then serves until `stop`. The first line on `out` is
// "preview on http://HOST:PORT"; a line per refresh goes to `log`.
void run_preview(const PreviewServeOptions& options, const std::atomic<bool>& stop, std::FILE* out,
                 std::FILE* log);

}  // namespace placard
