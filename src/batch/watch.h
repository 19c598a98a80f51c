// `placard watch`: render, then re-render whenever a content, layout, brand
// or logo file the last run read is saved (inotify on their folders, so
// editors that save by renaming are seen too). Each run is incremental, so
// only the cards whose inputs changed are drawn again.
#pragma once

#include <atomic>
#include <functional>

#include "batch/batch.h"

namespace placard {

// Runs batches until `stop` is set (checked at least every 200 ms), calling
// `on_run` after each. Saves within `settle_ms` of each other make one run.
// Throws DiagnosticError (io) when inotify is unavailable.
void watch(const RenderOptions& options, const std::function<void(const BatchReport&)>& on_run,
           const std::atomic<bool>& stop, int settle_ms = 150);

}  // namespace placard
