// Two renders of one output, pixel by pixel: how much changed, where, and a
// picture of it for a reviewer.
#pragma once

#include <optional>

#include "diff/diff_model.h"
#include "image/pixmap.h"

namespace placard {

struct ImageComparison {
  double changed_share = 0;     // of the after image's pixels, 0-1
  std::optional<PixelBox> box;  // around every changed pixel; none when none changed
  // The after image in grey, faded to a fifth of its contrast, changed pixels in
  // solid magenta over it, and the box outlined: what changed, where.
  Pixmap difference;
};

// A pixel changed when any channel (straight alpha) differs by more than
// `tolerance`, so the rounding of a re-encode is not a change. Images of
// different sizes are compared where they overlap; every pixel of `after`
// outside `before` counts as changed.
// `reuse`: a pixmap whose memory the difference image may take.
inline constexpr int kChangeTolerance = 2;
ImageComparison compare_images(const Pixmap& before, const Pixmap& after,
                               int tolerance = kChangeTolerance, Pixmap reuse = {});

}  // namespace placard
