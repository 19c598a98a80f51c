#include "batch/watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <new>
#include <set>
#include <string>

#include "base/diagnostics.h"

namespace fs = std::filesystem;

namespace placard {

FileWatcher::FileWatcher() : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
  if (fd_ < 0) fail_io({}, std::string("cannot watch files: ") + std::strerror(errno));
}

FileWatcher::~FileWatcher() {
  ::close(fd_);
}

void FileWatcher::set_files(const std::vector<std::string>& files) {
  files_.clear();
  for (const std::string& f : files) {
    std::error_code ec;
    fs::path p = fs::absolute(f, ec);
    if (ec) continue;
    const std::string dir = p.parent_path().string();
    files_.insert(p.string());
    int wd =
        inotify_add_watch(fd_, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE);
    if (wd >= 0) dirs_[wd] = dir;
  }
}

bool FileWatcher::wait(int timeout_ms) {
  pollfd pfd{fd_, POLLIN, 0};
  if (::poll(&pfd, 1, timeout_ms) <= 0) return false;
  return drain();
}

bool FileWatcher::drain() {
  bool hit = false;
  alignas(inotify_event) char buf[8192];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) break;
    for (char* p = buf; p < buf + n;) {
      auto* e = reinterpret_cast<inotify_event*>(p);
      auto it = dirs_.find(e->wd);
      if (it != dirs_.end() && e->len > 0 &&
          files_.contains((fs::path(it->second) / e->name).string()))
        hit = true;
      p += sizeof(inotify_event) + e->len;
    }
  }
  return hit;
}

void watch(const RenderOptions& options, const std::function<void(const BatchReport&)>& on_run,
           const std::atomic<bool>& stop, int settle_ms) {
  FileWatcher watcher;
  std::vector<std::string> watched = options.inputs;
  while (!stop) {
    try {
      BatchReport report = run_batch(options);
      // Watch what this run read (a layout named in new front matter joins).
      watched = report.inputs;
      watcher.set_files(watched);
      on_run(report);
    } catch (const std::exception& e) {
      // Beyond a card's error (those are in the report): running out of
      // memory, say. The last good outputs stay; the next save tries again.
      std::fprintf(stderr, "placard: this run failed (%s); waiting for the next change\n",
                   dynamic_cast<const std::bad_alloc*>(&e) ? "out of memory" : e.what());
      watcher.set_files(watched);
    }
    bool changed = false;
    while (!stop && !changed) changed = watcher.wait(200);
    // Let a burst of saves (an editor's temp file, rename, chmod) settle.
    while (!stop && watcher.wait(settle_ms)) {
    }
  }
}

}  // namespace placard
