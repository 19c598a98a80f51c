#include "layout/platforms.h"

#include <algorithm>
#include <charconv>
#include <regex>

#include "base/file_io.h"
#include "base/resources.h"
#include "base/yaml_map.h"
#include "layout/budgets.h"
#include "layout/sizes.h"

namespace placard {
namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool parse_number(const std::string& s, double& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out > 0;
}

// "2:1", "1.91:1" -> width / height.
bool parse_ratio(const std::string& s, double& out) {
  const auto colon = s.find(':');
  double w = 0, h = 0;
  if (colon == std::string::npos || !parse_number(s.substr(0, colon), w) ||
      !parse_number(s.substr(colon + 1), h))
    return false;
  out = w / h;
  return true;
}

// "1080x1920" -> 1080, 1920.
bool parse_frame(const std::string& s, double& w, double& h) {
  const auto x = s.find('x');
  return x != std::string::npos && parse_number(s.substr(0, x), w) &&
         parse_number(s.substr(x + 1), h);
}

SurfaceCover read_cover(const YAML::Node& node, const std::string& path, const std::string& what) {
  YamlMap m(node, path, what);
  SurfaceCover c;
  c.name = m.str("name");
  if (c.name.empty()) m.fail_at("name", what + " needs a name", {"e.g. 'name: right rail'"});
  if (m.has("box")) {
    const YAML::Node box = m.node("box");
    if (!box.IsSequence() || box.size() != 4)
      m.fail_at("box", what + " box must be [x, y, width, height] in px of the frame");
    double v[4];
    for (size_t i = 0; i < 4; ++i)
      if (!box[i].IsScalar() ||
          !std::from_chars(box[i].Scalar().data(), box[i].Scalar().data() + box[i].Scalar().size(),
                           v[i])
               .ptr ||
          v[i] < 0)
        fail(yaml_loc(box[i], path), what + " box values must be px (numbers, 0 or more)");
    c.edge = SurfaceCover::Edge::box;
    c.box = {v[0], v[1], v[2], v[3]};
  } else {
    const std::string edge = m.choice("edge", {"top", "bottom", "left", "right"}, "");
    if (edge.empty())
      fail(m.loc(), what + " needs 'edge' and 'px', or 'box'",
           {"e.g. '{name: right rail, edge: right, px: 200}'"});
    c.edge = edge == "top"      ? SurfaceCover::Edge::top
             : edge == "bottom" ? SurfaceCover::Edge::bottom
             : edge == "left"   ? SurfaceCover::Edge::left
                                : SurfaceCover::Edge::right;
    c.px = m.num("px", 0);
    if (c.px <= 0) m.fail_at("px", what + " needs 'px', the band's depth in px of the frame");
  }
  m.finish();
  return c;
}

Surface read_surface(const YamlEntry& e, const std::string& path) {
  const std::string what = "surface '" + e.name + "'";
  YamlMap m(e.value, path, what);
  Surface s;
  s.name = e.name;
  s.loc = yaml_loc(e.key, path);
  s.platform = m.str("platform");
  if (s.platform.empty())
    fail(s.loc, what + " needs 'platform', the name people know", {"e.g. 'platform: TikTok'"});
  s.shows = m.str("shows");
  if (m.has("crop")) {
    const std::string crop = m.str("crop");
    if (crop == "square") {
      s.crop.kind = SurfaceCrop::Kind::square;
    } else if (parse_ratio(crop, s.crop.ratio)) {
      s.crop.kind = SurfaceCrop::Kind::ratio;
    } else {
      m.fail_at("crop", what + " crop '" + crop + "' is not a ratio or 'square'",
                {"write a ratio as width:height, e.g. '2:1' or '1.91:1'"});
    }
  }
  const std::string anchor =
      m.choice("anchor", {"center", "top", "bottom", "left", "right"}, "center");
  s.crop.anchor = anchor == "center"                    ? SurfaceCrop::Anchor::center
                  : anchor == "top" || anchor == "left" ? SurfaceCrop::Anchor::start
                                                        : SurfaceCrop::Anchor::end;
  if (m.has("frame") && !parse_frame(m.str("frame"), s.frame_w, s.frame_h))
    m.fail_at("frame", what + " frame must be WIDTHxHEIGHT in px", {"e.g. 'frame: 1080x1920'"});
  if (m.has("covers")) {
    const YAML::Node covers = m.node("covers");
    if (!covers.IsSequence())
      m.fail_at("covers", what + " covers must be a list",
                {"one '- {name: ..., edge: ..., px: ...}' a line"});
    if (s.frame_w <= 0)
      m.fail_at("covers", what + " has covers but no 'frame' to measure them in",
                {"add 'frame: WIDTHxHEIGHT', the image as the platform shows it"});
    int i = 0;
    for (const YAML::Node& c : covers)
      s.covers.push_back(read_cover(c, path, what + " cover " + std::to_string(++i)));
  }
  if (m.has("bytes")) {
    const YAML::Node b = m.node("bytes");
    if (!b.IsScalar() || !parse_byte_size(b.Scalar(), s.bytes))
      fail(yaml_loc(b, path), what + " bytes must be a size in bytes",
           {"write it as 1000000, 300 kB or 5 MB (kB and MB are 1000-based; KiB and MiB 1024)"});
  }
  s.formats = m.str_list("formats");
  s.sources = m.str_list("sources");
  // Every number needs a source a reader can check, and when it was read.
  static const std::regex dated(R"(\b20\d\d-(0[1-9]|1[0-2])\b)");
  if (s.sources.empty())
    fail(s.loc, what + " has no source",
         {"add 'sources:' with where each number comes from and the date it was read, e.g. "
          "\"5 MB: developer.x.com/... [P], read 2026-12-06\""});
  for (const std::string& src : s.sources)
    if (!std::regex_search(src, dated))
      m.fail_at("sources", what + " source '" + src + "' has no date",
                {"add the date it was read as YYYY-MM or YYYY-MM-DD"});
  m.finish();
  return s;
}

}  // namespace

const Surface* Platforms::find(const std::string& name) const {
  for (const Surface& s : surfaces)
    if (s.name == name) return &s;
  return nullptr;
}

Platforms load_platforms(const std::string& path, const Platforms& base) {
  Platforms out = base;
  out.path = path;
  out.files.push_back(path);
  YAML::Node root = parse_yaml(read_file(path, 1 << 20, "file-bytes"), path);
  YamlMap top(root, path, "platforms file");
  if (!root.IsMap())
    fail({path, 1, 1}, "platforms file '" + path + "' must have 'surfaces:' and 'sizes:'");
  if (top.has("surfaces")) {
    const YAML::Node surfaces = top.node("surfaces");
    if (!surfaces.IsMap()) top.fail_at("surfaces", "'surfaces' must map names to surfaces");
    for (const YamlEntry& e : yaml_entries(surfaces)) {
      Surface s = read_surface(e, path);
      auto it = std::find_if(out.surfaces.begin(), out.surfaces.end(),
                             [&](const Surface& o) { return o.name == s.name; });
      if (it != out.surfaces.end())
        *it = std::move(s);
      else
        out.surfaces.push_back(std::move(s));
    }
  }
  if (top.has("sizes")) {
    const YAML::Node sizes = top.node("sizes");
    if (!sizes.IsMap()) top.fail_at("sizes", "'sizes' must map sizes to lists of surfaces");
    std::vector<std::string> names = preset_names();
    names.push_back("custom");
    std::vector<std::string> surface_names;
    for (const Surface& s : out.surfaces) surface_names.push_back(s.name);
    for (const YamlEntry& e : yaml_entries(sizes)) {
      if (std::find(names.begin(), names.end(), e.name) == names.end()) {
        auto hints = did_you_mean(e.name, names);
        std::string all;
        for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
        hints.push_back("sizes are " + all);
        fail(yaml_loc(e.key, path), "unknown size '" + e.name + "' in platforms file", hints);
      }
      if (!e.value.IsSequence())
        fail(yaml_loc(e.value, path), "surfaces of size '" + e.name + "' must be a list",
             {"e.g. 'story: [tiktok, reels, shorts]'"});
      std::vector<std::string> list;
      for (const YAML::Node& n : e.value) {
        const std::string name = n.IsScalar() ? n.Scalar() : "";
        if (!out.find(name)) {
          auto hints = did_you_mean(name, surface_names);
          hints.push_back("name a surface from 'surfaces:' (placard platforms lists them)");
          fail(yaml_loc(n, path), "unknown surface '" + name + "' for size '" + e.name + "'",
               hints);
        }
        list.push_back(name);
      }
      out.sizes[e.name] = std::move(list);
    }
  }
  top.finish();
  return out;
}

namespace {

std::string& platforms_file() {
  static std::string path;
  return path;
}

}  // namespace

void use_platforms_file(const std::string& path) {
  platforms_file() = path;
}

const Platforms& default_platforms() {
  static const Platforms platforms = [] {
    const Platforms built_in = load_platforms(data_dir() + "/platforms.yaml");
    return platforms_file().empty() ? built_in : load_platforms(platforms_file(), built_in);
  }();
  return platforms;
}

std::vector<Surface> surfaces_for_size(const Platforms& platforms, const std::string& size_name,
                                       int width, int height) {
  const auto& names = preset_names();
  std::string key = size_name;
  if (std::find(names.begin(), names.end(), size_name) == names.end())
    key = orientation_of(width, height) == Orientation::story ? "story" : "custom";
  std::vector<Surface> out;
  auto it = platforms.sizes.find(key);
  if (it == platforms.sizes.end()) return out;
  for (const std::string& n : it->second)
    if (const Surface* s = platforms.find(n)) out.push_back(*s);
  return out;
}

std::vector<Surface> select_surfaces(const std::vector<Surface>& surfaces,
                                     const std::vector<std::string>& only) {
  if (only.empty()) return surfaces;
  std::vector<Surface> out;
  for (const Surface& s : surfaces)
    for (const std::string& want : only)
      if (s.name == want || lower(s.platform) == lower(want)) {
        out.push_back(s);
        break;
      }
  return out;
}

void check_platform_names(const Platforms& platforms, const std::vector<std::string>& only) {
  std::vector<std::string> known;
  for (const Surface& s : platforms.surfaces) {
    known.push_back(s.name);
    if (std::find(known.begin(), known.end(), lower(s.platform)) == known.end())
      known.push_back(lower(s.platform));
  }
  for (const std::string& want : only)
    if (std::find(known.begin(), known.end(), lower(want)) == known.end() &&
        std::find(known.begin(), known.end(), want) == known.end()) {
      auto hints = did_you_mean(want, known);
      hints.push_back("'placard platforms' lists the surfaces and platforms");
      fail_usage("unknown platform '" + want + "' in --platforms", hints);
    }
}

std::int64_t strictest_bytes(const std::vector<Surface>& surfaces) {
  std::int64_t out = 0;
  for (const Surface& s : surfaces)
    if (s.bytes > 0 && (out == 0 || s.bytes < out)) out = s.bytes;
  return out;
}

}  // namespace placard
