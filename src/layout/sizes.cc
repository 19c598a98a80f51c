#include "layout/sizes.h"

#include "base/yaml_map.h"
#include "layout/platforms.h"

#include <algorithm>
#include <charconv>

namespace placard {

const char* orientation_name(Orientation o) {
  return name_of(kOrientations, o, "?");
}

Orientation orientation_of(int width, int height) {
  double aspect = double(height) / double(width);
  if (aspect < 0.9) return Orientation::landscape;
  if (aspect <= 1.1) return Orientation::square;
  if (aspect < 1.6) return Orientation::portrait;
  return Orientation::story;
}

namespace {

// A size with its surfaces from the built-in platforms file, and the safe
// zone that clears every band they cover along the edges.
SizePreset with_surfaces(SizePreset p) {
  p.surfaces = surfaces_for_size(default_platforms(), p.name, p.width, p.height);
  const Rect clear = clear_of_edges(p.surfaces, p.width, p.height);
  p.safe_left = clear.x / p.width;
  p.safe_top = clear.y / p.height;
  p.safe_right = (p.width - clear.right()) / p.width;
  p.safe_bottom = (p.height - clear.bottom()) / p.height;
  return p;
}

SizePreset preset(std::string name, int w, int h, std::string label) {
  SizePreset p;
  p.name = std::move(name);
  p.width = w;
  p.height = h;
  p.label = std::move(label);
  return with_surfaces(std::move(p));
}

SizePreset custom(std::string name, int w, int h) {
  return preset(std::move(name), w, h, "custom size");
}

bool parse_custom(const std::string& s, int& w, int& h) {
  auto x = s.find('x');
  if (x == std::string::npos) return false;
  const char* b = s.data();
  auto r1 = std::from_chars(b, b + x, w);
  auto r2 = std::from_chars(b + x + 1, b + s.size(), h);
  return r1.ec == std::errc() && r1.ptr == b + x && r2.ec == std::errc() && r2.ptr == b + s.size();
}

}  // namespace

const std::vector<SizePreset>& size_presets() {
  static const std::vector<SizePreset> presets = [] {
    return std::vector<SizePreset>{
        preset("og", 1200, 630,
               "link card: Open Graph, Facebook, LinkedIn, Threads, Bluesky, Mastodon, "
               "WhatsApp, Telegram"),
        preset("x", 1600, 900, "X (Twitter) post image"),
        preset("square", 1080, 1080, "Instagram and Facebook feed, square"),
        preset("portrait", 1080, 1350, "Instagram and Facebook feed, portrait 4:5"),
        preset("story", 1080, 1920,
               "Instagram, Facebook and WhatsApp stories, TikTok, Reels, Shorts"),
        preset("pinterest", 1000, 1500, "Pinterest pin 2:3"),
    };
  }();
  return presets;
}

const std::vector<std::string>& preset_names() {
  static const std::vector<std::string> names = {"og",       "x",     "square",
                                                 "portrait", "story", "pinterest"};
  return names;
}

std::vector<SizePreset> parse_sizes(const std::vector<std::string>& specs, const SourceLoc& loc) {
  // Sizes from the command line (no file) are usage errors.
  auto fail = [&loc](std::string message, std::vector<std::string> hints = {}) {
    if (loc.file.empty()) fail_usage(std::move(message), std::move(hints));
    placard::fail(loc, std::move(message), std::move(hints));
  };
  std::vector<SizePreset> out;
  auto add = [&](const SizePreset& p) {
    bool seen =
        std::any_of(out.begin(), out.end(), [&](const SizePreset& q) { return q.name == p.name; });
    if (!seen) out.push_back(p);
  };
  std::vector<std::string> names;
  for (const auto& p : size_presets()) names.push_back(p.name);
  for (const auto& spec : specs) {
    for (const auto& s : split_list(spec)) {
      if (s == "all") {
        for (const auto& p : size_presets()) add(p);
        continue;
      }
      auto it = std::find_if(size_presets().begin(), size_presets().end(),
                             [&](const SizePreset& p) { return p.name == s; });
      if (it != size_presets().end()) {
        add(*it);
        continue;
      }
      int w = 0, h = 0;
      if (parse_custom(s, w, h)) {
        if (w < 16 || h < 16 || w > kMaxCanvasSide || h > kMaxCanvasSide)
          fail("size '" + s + "' is outside 16x16 .. " + std::to_string(kMaxCanvasSide) + "x" +
               std::to_string(kMaxCanvasSide));
        add(custom(s, w, h));
        continue;
      }
      auto hints = did_you_mean(s, names);
      hints.push_back("sizes are " + [&] {
        std::string all;
        for (const auto& n : names) all += n + ", ";
        return all + "all, or WIDTHxHEIGHT such as 1500x500";
      }());
      fail("unknown size '" + s + "'", hints);
    }
  }
  if (out.empty())
    fail("no sizes given", {loc.file.empty() ? "try --sizes og or --sizes all"
                                             : "list sizes such as 'og, story' or 'all'"});
  return out;
}

}  // namespace placard
