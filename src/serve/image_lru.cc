#include "serve/image_lru.h"

namespace placard {

std::shared_ptr<const std::string> ImageLru::get(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = at_.find(key);
  if (it == at_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->image;
}

void ImageLru::put(const std::string& key, std::shared_ptr<const std::string> image) {
  std::lock_guard lock(mu_);
  if (auto it = at_.find(key); it != at_.end()) {
    bytes_ -= cost(*it->second);
    order_.erase(it->second);
    at_.erase(it);
  }
  Entry e{key, std::move(image)};
  if (cost(e) > max_bytes_) return;
  bytes_ += cost(e);
  order_.push_front(std::move(e));
  at_[key] = order_.begin();
  while (bytes_ > max_bytes_) {
    bytes_ -= cost(order_.back());
    at_.erase(order_.back().key);
    order_.pop_back();
  }
}

size_t ImageLru::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

size_t ImageLru::entries() const {
  std::lock_guard lock(mu_);
  return order_.size();
}

}  // namespace placard
