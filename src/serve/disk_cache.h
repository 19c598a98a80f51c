// `placard serve --cache-dir DIR`: encoded images kept on disk by their input
// digest (the ETag), so that a restart, or another server process on the
// same volume, answers from disk instead of rendering again. Behind the
// memory LRU (image_lru.h).
//
// Each file is written whole to a temporary name and renamed into place
// (base/file_io.h), so a reader — this process or another — sees a whole
// image or none: a writer killed mid-write, two writers of one digest, or a
// full disk leave no torn file under a digest's name (a killed writer's
// temporary file is removed at the next start). The folder is held to
// `max_bytes` by removing the least recently used files (a hit touches its
// file's time), by whichever process finds it over.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace placard {

class DiskCache {
 public:
  // Creates `dir` when missing; throws DiagnosticError (io) when it cannot.
  DiskCache(std::string dir, std::uint64_t max_bytes);
  // The image stored for `digest`, or null.
  std::shared_ptr<const std::string> get(const std::string& digest) const;
  // Stores it; a failed write (full disk) is logged by the caller's choice:
  // false, and nothing is left behind.
  bool put(const std::string& digest, const std::string& bytes);

 private:
  std::string path_of(const std::string& digest) const;  // "" for a digest that is not hex
  void trim();
  std::string dir_;
  std::uint64_t max_bytes_;
  std::atomic<std::uint64_t> written_since_trim_{0};
  std::mutex trim_mu_;
};

}  // namespace placard
