// A fixed pool of render workers, each with its own Renderer (fonts, text
// engines, canvas), fed by a bounded queue. A full queue refuses the job at
// once: the caller answers 503 instead of letting work pile up.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "base/run_limits.h"

namespace placard {

class Renderer;

class RenderPool {
 public:
  using Job = std::function<void(Renderer&)>;
  // Starts `workers` threads; each makes its Renderer before taking jobs.
  RenderPool(int workers, size_t queue_capacity, const Limits& limits);
  // Runs what is queued, then joins the workers.
  ~RenderPool();
  // The same, while the pool is still there for the jobs it runs: a job that
  // submits another is refused instead of reaching a pool half torn down.
  // Safe to call more than once.
  void stop();
  RenderPool(const RenderPool&) = delete;
  RenderPool& operator=(const RenderPool&) = delete;

  // False when the queue is full.
  bool submit(Job job);
  int queued() const;
  int busy() const { return busy_; }
  // Each worker makes a fresh Renderer, dropping decoded logos, pictures and
  // the brands' font sets (after content, brand or layout files changed): a
  // busy worker before its next job, an idle one at once, so that a reload
  // leaves no old font set in a worker that gets no more work.
  void renew_renderers();

 private:
  void work();
  const size_t capacity_;
  const Limits limits_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stop_ = false;
  std::atomic<int> busy_{0};
  std::atomic<int> generation_{0};
  std::vector<std::thread> threads_;
};

}  // namespace placard
