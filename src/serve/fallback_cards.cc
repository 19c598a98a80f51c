#include "serve/fallback_cards.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/diagnostics.h"
#include "render/pipeline.h"

namespace placard {

FallbackCards::FallbackCards(const Limits& limits, std::FILE* log, size_t max_cards)
    : limits_(limits), log_(log), max_cards_(max_cards), thread_([this] { run(); }) {}

FallbackCards::~FallbackCards() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    queue_.clear();
  }
  cv_.notify_one();
  thread_.join();
}

void FallbackCards::want(const std::string& key, Render render) {
  {
    std::lock_guard lock(mu_);
    if (stop_ || made_.count(key) || queued_keys_.count(key) ||
        made_.size() + queued_keys_.size() >= max_cards_)
      return;
    queued_keys_.insert(key);
    queue_.emplace_back(key, std::move(render));
  }
  cv_.notify_one();
}

std::shared_ptr<const std::string> FallbackCards::get(const std::string& key) const {
  std::lock_guard lock(mu_);
  auto it = made_.find(key);
  return it == made_.end() ? nullptr : it->second;
}

void FallbackCards::run() {
  // Below the HTTP thread, as the render workers are (render_pool.cc).
  const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
  ::setpriority(PRIO_PROCESS, tid, ::getpriority(PRIO_PROCESS, tid) + 5);
  std::unique_ptr<Renderer> renderer;
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    auto [key, render] = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    std::shared_ptr<const std::string> image;
    try {
      if (!renderer) renderer = std::make_unique<Renderer>(limits_);
      image = std::make_shared<const std::string>(render(*renderer));
    } catch (const DiagnosticError& e) {
      std::fputs(format_diagnostic(e.diagnostic()).c_str(), log_);
      std::fprintf(log_, "placard: no fallback card for '%s'\n", key.c_str());
    } catch (const std::exception& e) {
      std::fprintf(log_, "placard: no fallback card for '%s' (%s)\n", key.c_str(), e.what());
    }
    lock.lock();
    queued_keys_.erase(key);
    made_[key] = std::move(image);
    if (queue_.empty()) {
      size_t ready = 0;
      for (const auto& [k, v] : made_) ready += v ? 1 : 0;
      std::fprintf(log_, "placard: %zu fallback cards ready\n", ready);
    }
  }
}

}  // namespace placard
