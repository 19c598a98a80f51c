// Where an image of iw x ih lands in a box: inside it whole (contain, aligned),
// covering it around a focal point (cover; `zoom` times larger than it must
// be to cover, so a supporter's photo can be framed closer), or stretched (fill). Plain math,
// shared by build_card (SVG template fields) and draw (pixels), so text frames
// bound to an SVG template land exactly where librsvg draws their elements.
#pragma once

#include <algorithm>

#include "model/card.h"

namespace placard {

inline Rect fit_image(const Rect& box, double iw, double ih, ImageFit fit, Align halign,
                      VAlign valign, double focus_x, double focus_y, double zoom = 1) {
  if (iw <= 0 || ih <= 0) return box;
  if (fit == ImageFit::fill) return box;
  const double sx = box.w / iw, sy = box.h / ih;
  const double s =
      fit == ImageFit::cover ? std::max(sx, sy) * std::max(zoom, 1.0) : std::min(sx, sy);
  const double w = iw * s, h = ih * s;
  double x = 0, y = 0;
  if (fit == ImageFit::cover) {
    // The focal point goes to the box's centre, as far as the image allows.
    x = std::clamp(box.x + box.w / 2 - focus_x * w, box.right() - w, box.x);
    y = std::clamp(box.y + box.h / 2 - focus_y * h, box.bottom() - h, box.y);
  } else {
    x = box.x + (halign == Align::center ? (box.w - w) / 2 : halign == Align::end ? box.w - w : 0);
    y = box.y + (valign == VAlign::center   ? (box.h - h) / 2
                 : valign == VAlign::bottom ? box.h - h
                                            : 0);
  }
  return {x, y, w, h};
}

}  // namespace placard
