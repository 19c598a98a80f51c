// Encoded images in memory, least recently used first out, bounded in bytes
// (`placard serve --cache-mb`). Keys are output digests, so an entry never
// goes stale: changed inputs make a new key and the old one ages out.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace placard {

class ImageLru {
 public:
  explicit ImageLru(size_t max_bytes) : max_bytes_(max_bytes) {}
  // The image, made most recently used; null when absent.
  std::shared_ptr<const std::string> get(const std::string& key);
  // Stores (or refreshes) an image, dropping the least recently used ones
  // until the total fits. An image larger than the whole cache is not kept.
  void put(const std::string& key, std::shared_ptr<const std::string> image);
  size_t bytes() const;
  size_t entries() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const std::string> image;
  };
  static size_t cost(const Entry& e) { return e.key.capacity() + e.image->capacity() + 128; }
  mutable std::mutex mu_;
  std::list<Entry> order_;  // front: most recent
  std::unordered_map<std::string, std::list<Entry>::iterator> at_;
  size_t bytes_ = 0;
  size_t max_bytes_;
};

}  // namespace placard
