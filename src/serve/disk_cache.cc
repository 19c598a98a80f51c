#include "serve/disk_cache.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "base/diagnostics.h"
#include "base/file_io.h"

namespace fs = std::filesystem;

namespace placard {

DiskCache::DiskCache(std::string dir, std::uint64_t max_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (!fs::is_directory(dir_)) fail_io({dir_, 0, 0}, "cannot use '" + dir_ + "' as a cache folder");
  remove_stale_temp_files(dir_);
  trim();
}

std::string DiskCache::path_of(const std::string& digest) const {
  if (digest.empty() || digest.size() > 128 ||
      !std::all_of(digest.begin(), digest.end(),
                   [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))
    return "";
  return dir_ + "/" + digest + ".img";
}

std::shared_ptr<const std::string> DiskCache::get(const std::string& digest) const {
  const std::string path = path_of(digest);
  if (path.empty()) return nullptr;
  try {
    auto bytes = std::make_shared<const std::string>(read_file(path));
    ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // recently used
    return bytes;
  } catch (const DiagnosticError&) {  // not there (or removed by another process's trim)
    return nullptr;
  }
}

bool DiskCache::put(const std::string& digest, const std::string& bytes) {
  const std::string path = path_of(digest);
  if (path.empty() || bytes.size() > max_bytes_) return false;
  try {
    write_file_atomic(path, bytes, Durability::later);
  } catch (const DiagnosticError&) {
    return false;
  }
  // A scan of the folder every eighth of its bound written.
  if ((written_since_trim_ += bytes.size()) > max_bytes_ / 8) trim();
  return true;
}

void DiskCache::trim() {
  std::lock_guard lock(trim_mu_);
  written_since_trim_ = 0;
  struct Entry {
    fs::file_time_type used;
    std::uint64_t size;
    fs::path path;
  };
  std::vector<Entry> entries;
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    if (e.path().extension() != ".img" || !e.is_regular_file(ec)) continue;
    const std::uint64_t size = e.file_size(ec);
    if (ec) continue;
    entries.push_back({e.last_write_time(ec), size, e.path()});
    total += size;
  }
  if (total <= max_bytes_) return;
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.used < b.used; });
  // Down to 90%, so that the next few writes do not scan again.
  for (const Entry& e : entries) {
    if (total <= max_bytes_ / 10 * 9) break;
    fs::remove(e.path, ec);
    total -= e.size;
  }
}

}  // namespace placard
