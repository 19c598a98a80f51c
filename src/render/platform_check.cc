#include "render/platform_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <variant>

namespace placard {
namespace {

constexpr double kTolerance = 0.5;  // px: antialiasing, not a real overlap

Rect united(const Rect& a, const Rect& b) {
  if (a.w <= 0 && a.h <= 0) return b;
  const double x = std::min(a.x, b.x), y = std::min(a.y, b.y);
  return {x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y};
}

Rect item_box(const CardItem& item) {
  if (const auto* s = std::get_if<ShapeItem>(&item)) return s->box;
  if (const auto* i = std::get_if<ImageItem>(&item)) return i->box;
  if (const auto* l = std::get_if<LineItem>(&item)) {
    const double half = l->width / 2;
    const double x = std::min(l->x0, l->x1) - half, y = std::min(l->y0, l->y1) - half;
    return {x, y, std::fabs(l->x1 - l->x0) + l->width, std::fabs(l->y1 - l->y0) + l->width};
  }
  return std::get<TextFrame>(item).box;
}

struct Checked {
  std::string element;
  Rect box;
  SourceLoc loc;
};

// Each text block by its ink, then each kept element by its items' boxes.
std::vector<Checked> checked_elements(const Card& card, const CardLayout& layout) {
  std::vector<Checked> out;
  size_t frame_index = 0;
  for (const CardItem& item : card.items) {
    const auto* frame = std::get_if<TextFrame>(&item);
    if (!frame) continue;
    if (frame_index < layout.frames.size())
      for (const PlacedBlock& b : layout.frames[frame_index].blocks) {
        const Rect& ink = b.measure.ink;
        if (ink.w <= 0 || ink.h <= 0) continue;
        out.push_back({b.block.field, {b.x + ink.x, b.y + ink.y, ink.w, ink.h}, frame->loc});
      }
    ++frame_index;
  }
  for (const KeptElement& k : card.kept) {
    Rect box;
    for (size_t i : k.items)
      if (i < card.items.size()) box = united(box, item_box(card.items[i]));
    if (box.w > 0 || box.h > 0) out.push_back({k.element, box, k.loc});
  }
  return out;
}

int whole_px(double px) {
  return static_cast<int>(std::ceil(px - 1e-6));
}

std::string crop_name(const SurfaceCrop& crop) {
  if (crop.kind == SurfaceCrop::Kind::square) return "square thumbnail";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g:1 crop", std::round(crop.ratio * 100) / 100);
  return buf;
}

}  // namespace

std::vector<PlatformIssue> check_platforms(const Card& card, const CardLayout& layout,
                                           const std::vector<Surface>& surfaces) {
  std::vector<PlatformIssue> out;
  const std::vector<Checked> elements = checked_elements(card, layout);
  for (const Surface& s : surfaces) {
    const Rect shown = shown_area(s.crop, card.width, card.height);
    const std::vector<CoveredArea> covered = covered_areas(s, card.width, card.height);
    for (const Checked& e : elements) {
      PlatformIssue base{e.element, s.name, s.platform, "", "", 0, e.box, shown, e.loc};
      // Cut off: how far it reaches past the shown area on any side.
      const double past = std::max({shown.x - e.box.x, e.box.right() - shown.right(),
                                    shown.y - e.box.y, e.box.bottom() - shown.bottom()});
      if (s.crop.kind != SurfaceCrop::Kind::none && past > kTolerance) {
        PlatformIssue issue = base;
        issue.crop = crop_name(s.crop);
        issue.px = whole_px(past);
        out.push_back(std::move(issue));
      }
      // Covered: how far it reaches in across the area's inner edge, which is
      // how far it must move to clear it (a box: to its nearest side).
      for (const CoveredArea& c : covered) {
        const double w = std::min(e.box.right(), c.area.right()) - std::max(e.box.x, c.area.x);
        const double h = std::min(e.box.bottom(), c.area.bottom()) - std::max(e.box.y, c.area.y);
        if (w <= kTolerance || h <= kTolerance) continue;
        const double from_top = c.area.bottom() - e.box.y, from_bottom = e.box.bottom() - c.area.y;
        const double from_left = c.area.right() - e.box.x, from_right = e.box.right() - c.area.x;
        // A box clears on a side that leaves room before the shown edge:
        // X's title runs along the bottom, so the way out is up.
        double depth = 1e9;
        if (c.area.bottom() < shown.bottom() - kTolerance) depth = std::min(depth, from_top);
        if (c.area.y > shown.y + kTolerance) depth = std::min(depth, from_bottom);
        if (c.area.right() < shown.right() - kTolerance) depth = std::min(depth, from_left);
        if (c.area.x > shown.x + kTolerance) depth = std::min(depth, from_right);
        if (depth == 1e9) depth = std::min({from_top, from_bottom, from_left, from_right});
        if (c.edge == SurfaceCover::Edge::top) depth = from_top;
        if (c.edge == SurfaceCover::Edge::bottom) depth = from_bottom;
        if (c.edge == SurfaceCover::Edge::left) depth = from_left;
        if (c.edge == SurfaceCover::Edge::right) depth = from_right;
        PlatformIssue issue = base;
        issue.cover = c.name;
        issue.area = c.area;
        issue.px = whole_px(depth);
        out.push_back(std::move(issue));
      }
    }
  }
  return out;
}

std::string describe(const PlatformIssue& issue) {
  // "TikTok's", "YouTube Shorts'".
  const std::string whose =
      issue.platform + (!issue.platform.empty() && issue.platform.back() == 's' ? "' " : "'s ");
  const std::string where = issue.cover.empty() ? "is cut off by " + whose + issue.crop
                                                : "is under " + whose + issue.cover;
  return issue.element + " " + where + " by " + std::to_string(issue.px) + " px (" + issue.surface +
         ")";
}

}  // namespace placard
