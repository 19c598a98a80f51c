#include "render/platform_dump.h"

#include "render/dump_json.h"

#include <cmath>

namespace placard {
namespace {

const char* edge_name(SurfaceCover::Edge e) {
  switch (e) {
    case SurfaceCover::Edge::top:
      return "top";
    case SurfaceCover::Edge::bottom:
      return "bottom";
    case SurfaceCover::Edge::left:
      return "left";
    case SurfaceCover::Edge::right:
      return "right";
    case SurfaceCover::Edge::box:
      break;
  }
  return "box";
}

nlohmann::ordered_json crop_json(const SurfaceCrop& crop) {
  nlohmann::ordered_json j;
  j["kind"] = crop.kind == SurfaceCrop::Kind::ratio    ? "ratio"
              : crop.kind == SurfaceCrop::Kind::square ? "square"
                                                       : "none";
  if (crop.kind == SurfaceCrop::Kind::ratio) j["ratio"] = std::round(crop.ratio * 1000) / 1000;
  if (crop.kind != SurfaceCrop::Kind::none)
    j["anchor"] = crop.anchor == SurfaceCrop::Anchor::start ? "start"
                  : crop.anchor == SurfaceCrop::Anchor::end ? "end"
                                                            : "center";
  return j;
}

}  // namespace

nlohmann::ordered_json surfaces_json(const std::vector<Surface>& surfaces, int width, int height,
                                     const std::vector<PlatformIssue>& issues) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Surface& s : surfaces) {
    nlohmann::ordered_json j;
    j["name"] = s.name;
    j["platform"] = s.platform;
    j["shows"] = s.shows;
    j["crop"] = crop_json(s.crop);
    j["shown"] = dump_rect(shown_area(s.crop, width, height));
    j["covered"] = nlohmann::ordered_json::array();
    for (const CoveredArea& c : covered_areas(s, width, height))
      j["covered"].push_back(
          {{"name", c.name}, {"edge", edge_name(c.edge)}, {"area", dump_rect(c.area)}});
    j["issues"] = nlohmann::ordered_json::array();
    for (const PlatformIssue& i : issues) {
      if (i.surface != s.name) continue;
      j["issues"].push_back({{"element", i.element},
                             {"cover", i.cover},
                             {"crop", i.crop},
                             {"px", i.px},
                             {"box", dump_rect(i.box)},
                             {"area", dump_rect(i.area)},
                             {"text", describe(i)}});
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace placard
