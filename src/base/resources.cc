#include "base/resources.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace placard {

namespace {
bool has_data(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "layouts", ec) && fs::is_directory(dir / "fonts", ec);
}

std::string find_data_dir() {
  if (const char* env = std::getenv("PLACARD_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / PLACARD_INSTALL_DATADIR;
    if (has_data(installed)) return installed.string();
  }
  return PLACARD_SOURCE_DIR;
}
}  // namespace

std::string data_dir() {
  static const std::string dir = find_data_dir();
  return dir;
}

std::string layouts_dir() {
  return data_dir() + "/layouts";
}
std::string fonts_dir() {
  return data_dir() + "/fonts";
}
std::string default_brand_path() {
  return data_dir() + "/brands/default.yaml";
}
std::string gallery_dir() {
  return data_dir() + "/gallery";
}
std::string typesetting_dir() {
  return data_dir() + "/typesetting";
}

}  // namespace placard
