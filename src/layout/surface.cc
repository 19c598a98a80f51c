#include "layout/surface.h"

#include <algorithm>

namespace placard {

Rect shown_area(const SurfaceCrop& crop, int width, int height) {
  const double w = width, h = height;
  if (crop.kind == SurfaceCrop::Kind::none) return {0, 0, w, h};
  const double ratio = crop.kind == SurfaceCrop::Kind::square ? 1.0 : crop.ratio;
  // The largest box of the ratio inside the card, placed at the anchor.
  double sw = w, sh = w / ratio;
  if (sh > h) {
    sh = h;
    sw = h * ratio;
  }
  const double along = crop.anchor == SurfaceCrop::Anchor::start ? 0
                       : crop.anchor == SurfaceCrop::Anchor::end ? 1
                                                                 : 0.5;
  return {(w - sw) * along, (h - sh) * along, sw, sh};
}

std::vector<CoveredArea> covered_areas(const Surface& surface, int width, int height) {
  std::vector<CoveredArea> out;
  if (surface.covers.empty() || surface.frame_w <= 0 || surface.frame_h <= 0) return out;
  const Rect shown = shown_area(surface.crop, width, height);
  const double sx = shown.w / surface.frame_w, sy = shown.h / surface.frame_h;
  for (const SurfaceCover& c : surface.covers) {
    Rect r;
    switch (c.edge) {
      case SurfaceCover::Edge::top:
        r = {0, 0, surface.frame_w, c.px};
        break;
      case SurfaceCover::Edge::bottom:
        r = {0, surface.frame_h - c.px, surface.frame_w, c.px};
        break;
      case SurfaceCover::Edge::left:
        r = {0, 0, c.px, surface.frame_h};
        break;
      case SurfaceCover::Edge::right:
        r = {surface.frame_w - c.px, 0, c.px, surface.frame_h};
        break;
      case SurfaceCover::Edge::box:
        r = c.box;
        break;
    }
    out.push_back({c.name, c.edge, {shown.x + r.x * sx, shown.y + r.y * sy, r.w * sx, r.h * sy}});
  }
  return out;
}

const std::vector<Surface>& SurfaceList::empty_list() {
  static const std::vector<Surface> none;
  return none;
}

Rect clear_of_edges(const std::vector<Surface>& surfaces, int width, int height) {
  double left = 0, top = 0, right = width, bottom = height;
  for (const Surface& s : surfaces)
    for (const CoveredArea& c : covered_areas(s, width, height)) {
      // A band along an edge moves that edge in; a box in the middle moves none.
      using Edge = SurfaceCover::Edge;
      if (c.edge == Edge::top) top = std::max(top, c.area.bottom());
      if (c.edge == Edge::bottom) bottom = std::min(bottom, c.area.y);
      if (c.edge == Edge::left) left = std::max(left, c.area.right());
      if (c.edge == Edge::right) right = std::min(right, c.area.x);
    }
  return {left, top, std::max(0.0, right - left), std::max(0.0, bottom - top)};
}

}  // namespace placard
