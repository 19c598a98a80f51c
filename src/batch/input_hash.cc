#include "batch/input_hash.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "base/diagnostics.h"
#include "base/file_io.h"

namespace placard {

struct InputHash::State {
  XXH3_state_t* xxh = XXH3_createState();
};

InputHash::InputHash() : state_(std::make_unique<State>()) {
  if (!state_->xxh) throw std::bad_alloc();
  XXH3_128bits_reset(state_->xxh);
}

InputHash::~InputHash() {
  XXH3_freeState(state_->xxh);
}

InputHash& InputHash::add(std::string_view bytes) {
  const unsigned long long n = bytes.size();
  XXH3_128bits_update(state_->xxh, &n, sizeof n);
  XXH3_128bits_update(state_->xxh, bytes.data(), bytes.size());
  return *this;
}

InputHash& InputHash::add_file(const std::string& path) {
  try {
    return add(read_file(path));
  } catch (const DiagnosticError&) {
    return add("unreadable:" + path);
  }
}

std::string InputHash::hex() const {
  XXH128_canonical_t c;
  XXH128_canonicalFromHash(&c, XXH3_128bits_digest(state_->xxh));
  std::string out;
  char byte[3];
  for (unsigned char b : c.digest) {
    std::snprintf(byte, sizeof byte, "%02x", b);
    out += byte;
  }
  return out;
}

std::string file_digest(const std::string& path) {
  return InputHash().add_file(path).hex();
}

std::string fonts_digest(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string ext = e.path().extension().string();
    if (ext == ".otf" || ext == ".ttf" || ext == ".ttc") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  InputHash h;
  for (const auto& f : files) h.add(f.filename().string()).add_file(f.string());
  return h.hex();
}

std::string typesetting_digest(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  InputHash h;
  for (const auto& f : files) h.add(f.filename().string()).add_file(f.string());
  return h.hex();
}

}  // namespace placard
