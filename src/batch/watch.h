// `placard watch`: render, then re-render whenever a content, layout, brand
// or logo file the last run read is saved (inotify on their folders, so
// editors that save by renaming are seen too). Each run is incremental, so
// only the cards whose inputs changed are drawn again.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "batch/batch.h"

namespace placard {

// An inotify descriptor watching the folders of a set of files (so a save
// by rename is seen too). `placard watch` and `placard serve` use it.
class FileWatcher {
 public:
  // Throws DiagnosticError (io) when inotify is unavailable.
  FileWatcher();
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Watches exactly these files from now on. Folders stay watched (adding
  // one again keeps its descriptor), so a save made meanwhile is still seen.
  void set_files(const std::vector<std::string>& files);
  // True when one of the files changed; waits at most `timeout_ms`.
  bool wait(int timeout_ms);

 private:
  bool drain();  // reads every pending event; true when one names a watched file
  int fd_;
  std::map<int, std::string> dirs_;
  std::set<std::string> files_;
};

// Runs batches until `stop` is set (checked at least every 200 ms), calling
// `on_run` after each. Saves within `settle_ms` of each other make one run.
// Throws DiagnosticError (io) when inotify is unavailable.
void watch(const RenderOptions& options, const std::function<void(const BatchReport&)>& on_run,
           const std::atomic<bool>& stop, int settle_ms = 150);

}  // namespace placard
