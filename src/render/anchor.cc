#include "render/anchor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace placard {

namespace {

Rect ink_of(const PlacedBlock& b) {
  return {b.x + b.measure.ink.x, b.y + b.measure.ink.y, b.measure.ink.w, b.measure.ink.h};
}

Rect united(const Rect& a, const Rect& b) {
  if (a.w <= 0 && a.h <= 0) return b;
  const double x = std::min(a.x, b.x), y = std::min(a.y, b.y);
  return {x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y};
}

// Where the eye sees the frame's text begin or end: the ink of its first
// line (the top of its capitals, or of an Arabic line's tallest letters), or
// of its last line.
double line_edge(const PlacedFrame& frame, bool bottom) {
  const PlacedBlock& b = bottom ? frame.blocks.back() : frame.blocks.front();
  const TextMeasure& m = b.measure;
  if (m.line_inks.empty()) return b.y + (bottom ? m.ink.bottom() : m.ink.y);
  return b.y + (bottom ? m.line_inks.back().bottom() : m.line_inks.front().y);
}

void move(CardItem& item, PlacedFrame* placed, double dy) {
  if (auto* s = std::get_if<ShapeItem>(&item)) {
    s->box.y += dy;
    s->gradient.y0 += dy;
    s->gradient.y1 += dy;
  } else if (auto* img = std::get_if<ImageItem>(&item)) {
    img->box.y += dy;
  } else if (auto* line = std::get_if<LineItem>(&item)) {
    line->y0 += dy;
    line->y1 += dy;
  } else if (auto* frame = std::get_if<TextFrame>(&item)) {
    frame->box.y += dy;
    for (PlacedBlock& b : placed->blocks) b.y += dy;
  }
}

std::string rect_text(const Rect& r) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "[%.0f, %.0f, %.0f, %.0f]", r.x, r.y, r.w, r.h);
  return buf;
}

}  // namespace

Rect item_extent(const CardItem& item, const PlacedFrame* placed) {
  if (const auto* s = std::get_if<ShapeItem>(&item)) return s->box;
  if (const auto* img = std::get_if<ImageItem>(&item)) return img->box;
  if (const auto* l = std::get_if<LineItem>(&item)) {
    const double half = l->width / 2;
    const double x = std::min(l->x0, l->x1), y = std::min(l->y0, l->y1);
    return {x - half, y - half, std::abs(l->x1 - l->x0) + l->width,
            std::abs(l->y1 - l->y0) + l->width};
  }
  Rect ink{};
  if (placed)
    for (const PlacedBlock& b : placed->blocks) ink = united(ink, ink_of(b));
  return ink;
}

void place_anchored(Card& card, CardLayout& layout) {
  if (card.anchors.empty()) return;
  // The laid-out frame of each text item (frames are laid out in item order).
  std::vector<PlacedFrame*> placed(card.items.size(), nullptr);
  for (size_t i = 0, f = 0; i < card.items.size(); ++i)
    if (std::holds_alternative<TextFrame>(card.items[i])) placed[i] = &layout.frames.at(f++);
  for (const Anchor& a : card.anchors) {
    const PlacedFrame* target = placed.at(a.target);
    if (!target || target->blocks.empty()) continue;
    const double edge = line_edge(*target, a.bottom);
    Rect extent{};
    for (size_t i : a.items) extent = united(extent, item_extent(card.items[i], placed[i]));
    const double dy = a.bottom ? edge + a.gap - extent.y : edge - a.gap - extent.bottom();
    for (size_t i : a.items) move(card.items[i], placed[i], dy);
    // Text keeps to the safe area wherever its anchor takes it.
    for (size_t i : a.items) {
      if (!placed[i]) continue;
      const Rect ink = item_extent(card.items[i], placed[i]);
      const double tol = 0.5;
      if (ink.y >= card.safe.y - tol && ink.bottom() <= card.safe.bottom() + tol) continue;
      const std::string& to = std::get<TextFrame>(card.items[a.target]).name;
      fail(a.loc,
           "card '" + card.id + "' (" + card.size_name + " " + std::to_string(card.width) + "x" +
               std::to_string(card.height) + "): text '" + a.element + "', anchored " +
               (a.bottom ? "below" : "above") + " '" + to + "', lands at " + rect_text(ink) +
               ", outside the safe area " + rect_text(card.safe),
           {"give the anchor a smaller gap, or move '" + to + "' away from the edge"});
    }
  }
}

}  // namespace placard
