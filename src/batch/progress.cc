#include "batch/progress.h"

#include <cmath>

namespace placard {

std::string progress_line(int done, int total, double seconds, int bar_width) {
  const double fraction = total > 0 ? double(done) / total : 1.0;
  const int filled = static_cast<int>(fraction * bar_width);
  std::string bar = "[" + std::string(filled, '#') + std::string(bar_width - filled, '.') + "]";
  char tail[96];
  if (done > 0 && seconds > 0) {
    const double rate = done / seconds;
    const int left = static_cast<int>(std::lround((total - done) / rate));
    std::snprintf(tail, sizeof tail, "  %d/%d cards  %.1f cards/s  ETA %d:%02d", done, total, rate,
                  left / 60, left % 60);
  } else {
    std::snprintf(tail, sizeof tail, "  %d/%d cards", done, total);
  }
  return bar + tail;
}

Progress::Progress(std::FILE* out, bool enabled, int total)
    : out_(out),
      enabled_(enabled && total > 0),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() {
  finish();
}

void Progress::advance() {
  ++done_;
  if (!enabled_) return;
  std::unique_lock lock(mu_, std::try_to_lock);
  if (lock.owns_lock()) draw(false);
}

void Progress::print(const std::string& line) {
  std::lock_guard lock(mu_);
  if (enabled_ && drawn_) std::fputs("\r\033[K", out_);
  std::fputs(line.c_str(), out_);
  if (enabled_ && drawn_) draw(true);
}

void Progress::finish() {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  if (drawn_) std::fputs("\r\033[K", out_);
  std::fflush(out_);
  drawn_ = false;
  enabled_ = false;
}

void Progress::draw(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_ < std::chrono::milliseconds(100) && done_ < total_) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  std::fprintf(out_, "\r\033[K%s", progress_line(done_, total_, secs).c_str());
  std::fflush(out_);
  drawn_ = true;
}

}  // namespace placard
