#include "layout/budgets.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "base/file_io.h"
#include "base/resources.h"
#include "base/yaml_map.h"
#include "layout/platforms.h"

namespace placard {

bool parse_byte_size(std::string text, std::int64_t& out) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  size_t digits = 0;
  while (digits < text.size() &&
         ((text[digits] >= '0' && text[digits] <= '9') || text[digits] == '.'))
    ++digits;
  if (digits == 0) return false;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + digits, value);
  if (ec != std::errc() || end != text.data() + digits) return false;
  std::string unit = text.substr(digits);
  while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  double scale = 0;
  if (unit.empty() || unit == "B" || unit == "bytes")
    scale = 1;
  else if (unit == "kB" || unit == "KB")
    scale = 1e3;
  else if (unit == "MB")
    scale = 1e6;
  else if (unit == "KiB")
    scale = 1024;
  else if (unit == "MiB")
    scale = 1024.0 * 1024;
  else
    return false;
  const double bytes = std::floor(value * scale);
  if (bytes < 1 || bytes > 1e12) return false;
  out = static_cast<std::int64_t>(bytes);
  return true;
}

Budgets load_budgets(const std::string& path, const Budgets& base) {
  Budgets out = base;
  out.path = path;
  YAML::Node root = parse_yaml(read_file(path, 1 << 20, "file-bytes"), path);
  if (!root.IsMap())
    fail({path, 1, 1}, "budgets file '" + path + "' must map sizes to bytes",
         {"write one line per size, e.g. 'og: 300 kB'"});
  std::vector<std::string> names = {"custom"};
  for (const SizePreset& p : size_presets()) names.push_back(p.name);
  for (const YamlEntry& e : yaml_entries(root)) {
    const SourceLoc key_loc = yaml_loc(e.key, path);
    if (std::find(names.begin(), names.end(), e.name) == names.end()) {
      auto hints = did_you_mean(e.name, names);
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      hints.push_back("budgets are set per size: " + all);
      fail(key_loc, "unknown size '" + e.name + "' in budgets", hints);
    }
    std::int64_t bytes = 0;
    if (!e.value.IsScalar() || !parse_byte_size(e.value.Scalar(), bytes))
      fail(yaml_loc(e.value, path), "budget of '" + e.name + "' must be a size in bytes",
           {"write it as 300000, 300 kB or 5 MB (kB and MB are 1000-based; KiB and MiB 1024)"});
    out.bytes[e.name] = bytes;
  }
  return out;
}

Budgets budgets_from(const Platforms& platforms) {
  Budgets out;
  for (const auto& [size, names] : platforms.sizes) {
    std::vector<Surface> surfaces;
    for (const std::string& n : names)
      if (const Surface* s = platforms.find(n)) surfaces.push_back(*s);
    if (const std::int64_t bytes = strictest_bytes(surfaces); bytes > 0) out.bytes[size] = bytes;
  }
  return out;
}

const Budgets& default_budgets() {
  static const Budgets budgets = budgets_from(default_platforms());
  return budgets;
}

std::int64_t budget_for(const Budgets& budgets, const SizePreset& size) {
  bool preset = false;
  for (const SizePreset& p : size_presets()) preset = preset || p.name == size.name;
  auto it = budgets.bytes.find(preset ? size.name : "custom");
  return it == budgets.bytes.end() ? 0 : it->second;
}

std::string human_size(std::int64_t bytes) {
  char buf[32];
  if (bytes >= 1'000'000)
    std::snprintf(buf, sizeof buf, "%.3g MB", static_cast<double>(bytes) / 1e6);
  else if (bytes >= 1000)
    std::snprintf(buf, sizeof buf, "%.4g kB", static_cast<double>(bytes) / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%lld bytes", static_cast<long long>(bytes));
  return buf;
}

}  // namespace placard
