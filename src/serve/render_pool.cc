#include "serve/render_pool.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <memory>

#include "render/pipeline.h"

namespace placard {

RenderPool::RenderPool(int workers, size_t queue_capacity, const Limits& limits)
    : capacity_(queue_capacity), limits_(limits) {
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

RenderPool::~RenderPool() {
  stop();
}

void RenderPool::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

bool RenderPool::submit(Job job) {
  {
    std::lock_guard lock(mu_);
    if (stop_ || queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(job));
  }
  cv_.notify_one();
  return true;
}

void RenderPool::renew_renderers() {
  {
    std::lock_guard lock(mu_);
    ++generation_;
  }
  cv_.notify_all();
}

int RenderPool::queued() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(queue_.size());
}

void RenderPool::work() {
  // Renders yield to the HTTP thread: under load, cache hits, 304s, 503s and
  // /healthz stay quick while the workers take what CPU is left. (Linux nice
  // values are per thread. Where a sandbox forbids it, nothing changes.)
  const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
  ::setpriority(PRIO_PROCESS, tid, ::getpriority(PRIO_PROCESS, tid) + 5);
  auto renderer = std::make_unique<Renderer>(limits_);
  int generation = generation_;
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stop_ || !queue_.empty() || generation != generation_; });
      if (queue_.empty() && stop_) return;
      if (queue_.empty()) {
        // Renewed while idle: let go of the old renderer now.
        generation = generation_;
        lock.unlock();
        renderer.reset();
        renderer = std::make_unique<Renderer>(limits_);
        continue;
      }
      job = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
    }
    if (generation != generation_) {
      generation = generation_;
      renderer.reset();
      renderer = std::make_unique<Renderer>(limits_);
    }
    job(*renderer);  // a job catches its own errors
    renderer->card_done(1);
    --busy_;
  }
}

}  // namespace placard
