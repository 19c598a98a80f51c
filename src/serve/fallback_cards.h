// The launch-day fallback cards of `placard serve --on-overload fallback`:
// the images answered (200, max-age=60, no ETag) when a render cannot be
// queued or misses its deadline, so that a crawler's first fetch gets a
// picture. Each is rendered once, by a thread of its own with a Renderer of
// its own: never on the request path, and never behind the render queue
// that is full when it is needed.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "base/run_limits.h"

namespace placard {

class Renderer;

class FallbackCards {
 public:
  using Render = std::function<std::string(Renderer&)>;
  // At most `max_cards` are kept (made or failed); wants beyond are dropped.
  FallbackCards(const Limits& limits, std::FILE* log, size_t max_cards = 512);
  // What is still queued is dropped; a render under way finishes first.
  ~FallbackCards();
  FallbackCards(const FallbackCards&) = delete;
  FallbackCards& operator=(const FallbackCards&) = delete;

  // Queues `render` for `key` unless that key is made, has failed, is queued
  // already, or the table is full. Never waits.
  void want(const std::string& key, Render render);
  // The image made for `key`, or null (not yet, failed, or never wanted).
  std::shared_ptr<const std::string> get(const std::string& key) const;

 private:
  void run();
  const Limits limits_;
  std::FILE* log_;
  const size_t max_cards_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, std::shared_ptr<const std::string>> made_;  // null: it failed
  std::set<std::string> queued_keys_;
  std::deque<std::pair<std::string, Render>> queue_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace placard
