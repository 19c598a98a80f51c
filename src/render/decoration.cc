#include "render/decoration.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace placard {

namespace {

bool overlaps(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

// The distances from (cx, cy) to the nearest and farthest points of `r`.
std::pair<double, double> distances(double cx, double cy, const Rect& r) {
  const double nx = std::clamp(cx, r.x, r.right()), ny = std::clamp(cy, r.y, r.bottom());
  const double fx = std::max(std::abs(cx - r.x), std::abs(cx - r.right()));
  const double fy = std::max(std::abs(cy - r.y), std::abs(cy - r.bottom()));
  return {std::hypot(cx - nx, cy - ny), std::hypot(fx, fy)};
}

// The band of a radial gradient that has ink, as fractions of its radius:
// from the first stop interval with any alpha to the last one.
std::pair<double, double> inked_band(const Gradient& g) {
  double lo = 1, hi = 0;
  const auto& st = g.stops;
  for (size_t i = 0; i < st.size(); ++i) {
    const bool ink = st[i].color.a > 0;
    const bool before = i > 0 && st[i - 1].color.a > 0;
    const bool after = i + 1 < st.size() && st[i + 1].color.a > 0;
    if (!ink && !before && !after) continue;
    // The interval around this stop that is inked reaches to its neighbours.
    lo = std::min(lo, ink || before ? (i > 0 ? st[i - 1].at : 0.0) : st[i].at);
    hi = std::max(hi, ink || after ? (i + 1 < st.size() ? st[i + 1].at : 1e9) : st[i].at);
  }
  if (!st.empty() && st.front().color.a > 0) lo = 0;
  if (!st.empty() && st.back().color.a > 0) hi = 1e9;  // padded past the last stop
  return {lo, hi};
}

bool shape_touches(const ShapeItem& s, const Rect& r) {
  if (!overlaps(s.box, r)) return false;
  if (s.gradient.kind != Gradient::Kind::radial) return true;
  const auto [lo, hi] = inked_band(s.gradient);
  if (hi < lo) return false;
  const auto [near, far] = distances(s.gradient.x0, s.gradient.y0, r);
  return near <= hi * s.gradient.radius && far >= lo * s.gradient.radius;
}

Rect line_box(const LineItem& l) {
  const double half = l.width / 2;
  return {std::min(l.x0, l.x1) - half, std::min(l.y0, l.y1) - half, std::abs(l.x1 - l.x0) + l.width,
          std::abs(l.y1 - l.y0) + l.width};
}

const Decoration* decoration_of(const CardItem& item) {
  if (const auto* s = std::get_if<ShapeItem>(&item)) return &s->decoration;
  if (const auto* l = std::get_if<LineItem>(&item)) return &l->decoration;
  if (const auto* i = std::get_if<ImageItem>(&item)) return &i->decoration;
  return nullptr;
}

Rect scaled(const Rect& r, double s, double dx, double dy) {
  const double cx = r.x + r.w / 2, cy = r.y + r.h / 2;
  return {cx - r.w * s / 2 + dx, cy - r.h * s / 2 + dy, r.w * s, r.h * s};
}

// The item moved by (dx, dy) and scaled by s about its centre. A radial
// gradient moves its centre and scales its radius inside the same box (a
// ring over the whole canvas stays over the whole canvas).
CardItem transformed(const CardItem& item, double s, double dx, double dy) {
  CardItem out = item;
  if (auto* sh = std::get_if<ShapeItem>(&out)) {
    Gradient& g = sh->gradient;
    if (g.kind == Gradient::Kind::radial) {
      g.x0 += dx;
      g.y0 += dy;
      g.radius *= s;
    } else {
      const Rect old = sh->box;
      sh->box = scaled(old, s, dx, dy);
      const double cx = old.x + old.w / 2, cy = old.y + old.h / 2;
      auto at = [&](double& x, double& y) {
        x = cx + (x - cx) * s + dx;
        y = cy + (y - cy) * s + dy;
      };
      if (g.kind == Gradient::Kind::linear) {
        at(g.x0, g.y0);
        at(g.x1, g.y1);
      }
      sh->radius *= s;
    }
  } else if (auto* l = std::get_if<LineItem>(&out)) {
    const double cx = (l->x0 + l->x1) / 2, cy = (l->y0 + l->y1) / 2;
    l->x0 = cx + (l->x0 - cx) * s + dx;
    l->x1 = cx + (l->x1 - cx) * s + dx;
    l->y0 = cy + (l->y0 - cy) * s + dy;
    l->y1 = cy + (l->y1 - cy) * s + dy;
  } else if (auto* im = std::get_if<ImageItem>(&out)) {
    im->box = scaled(im->box, s, dx, dy);
    im->radius *= s;
  }
  return out;
}

}  // namespace

double decoration_margin(const PlacedBlock& b) {
  return std::max(2.0, b.size * 0.05);
}

std::vector<Rect> text_ink(const CardLayout& layout) {
  std::vector<Rect> out;
  for (const PlacedFrame& f : layout.frames)
    for (const PlacedBlock& b : f.blocks) {
      const double m = decoration_margin(b);
      std::vector<Rect> lines = b.measure.line_inks;
      if (lines.empty()) lines.push_back(b.measure.ink);
      for (const Rect& l : lines)
        if (l.w > 0 && l.h > 0)
          out.push_back({b.x + l.x - m, b.y + l.y - m, l.w + 2 * m, l.h + 2 * m});
    }
  return out;
}

bool touches(const CardItem& item, const std::vector<Rect>& ink) {
  for (const Rect& r : ink) {
    if (const auto* s = std::get_if<ShapeItem>(&item)) {
      if (s->fill.a <= 0 && s->gradient.kind == Gradient::Kind::none) continue;
      if (shape_touches(*s, r)) return true;
    } else if (const auto* l = std::get_if<LineItem>(&item)) {
      if (overlaps(line_box(*l), r)) return true;
    } else if (const auto* im = std::get_if<ImageItem>(&item)) {
      if (overlaps(im->box, r)) return true;
    }
  }
  return false;
}

void yield_decorations(Card& card, const CardLayout& layout) {
  std::vector<Rect> ink;
  for (CardItem& item : card.items) {
    const Decoration* d = decoration_of(item);
    if (!d || !d->on) continue;
    if (ink.empty()) ink = text_ink(layout);
    if (!touches(item, ink)) continue;
    // The smallest change that clears the text: shrinking and moving weigh
    // alike, a 10% smaller ring as much as one moved a tenth of the card.
    const double card_size = std::max(card.width, card.height);
    constexpr int kScaleSteps = 10, kMoveSteps = 6, kDirections = 16;
    double best = 1e9;
    std::optional<CardItem> found;
    for (int si = 0; si <= kScaleSteps; ++si) {
      const double s = 1 - (1 - d->scale) * si / kScaleSteps;
      if (si > 0 && d->scale >= 1) break;
      for (int mi = 0; mi <= kMoveSteps; ++mi) {
        const double dist = d->move * mi / kMoveSteps;
        if (mi > 0 && d->move <= 0) break;
        const double cost = (1 - s) + dist / card_size;
        if (cost >= best) continue;
        for (int k = 0; k < (mi == 0 ? 1 : kDirections); ++k) {
          const double a = 2 * M_PI * k / kDirections;
          CardItem t = transformed(item, s, dist * std::cos(a), dist * std::sin(a));
          if (touches(t, ink)) continue;
          best = cost;
          found = std::move(t);
          break;
        }
      }
    }
    if (found) item = std::move(*found);
  }
}

}  // namespace placard
