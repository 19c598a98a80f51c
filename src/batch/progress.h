// Progress of a batch on a terminal: a bar with done/total, cards per second
// and the time left, redrawn in place at most ten times a second. Off (a
// no-op) when the output is not a terminal.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace placard {

// "[#########...........]  120/600 cards  45.2 cards/s  ETA 0:10" for a bar of
// `bar_width` cells; `seconds` is the time so far.
std::string progress_line(int done, int total, double seconds, int bar_width = 24);

class Progress {
 public:
  Progress(std::FILE* out, bool enabled, int total);
  ~Progress();
  // Thread-safe.
  void advance();
  // Prints a line above the bar (errors and notes on a terminal).
  void print(const std::string& line);
  // Clears the bar; later output starts on a clean line.
  void finish();

 private:
  void draw(bool force);
  std::FILE* out_;
  bool enabled_;
  int total_;
  std::atomic<int> done_{0};
  std::mutex mu_;
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false;
};

}  // namespace placard
