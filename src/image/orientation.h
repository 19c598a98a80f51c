// EXIF orientation: how a camera says its pixels must be turned to be seen
// upright (EXIF 2.32, tag 0x0112; TIFF 6.0 "Orientation"). Decoders read the
// tag and turn the pixels, so a portrait phone photo is drawn upright. Nothing
// else of the EXIF data is kept.
#pragma once

#include <string_view>

#include "image/pixmap.h"

namespace placard {

// The orientation (1-8) in an EXIF block: the payload of a JPEG APP1
// segment ("Exif\0\0" then a TIFF header) or of a WebP "EXIF" chunk (a TIFF
// header, with or without that prefix). 1 (as stored) when the block has no
// valid orientation or cannot be read. Parsed by libexif.
int exif_orientation(std::string_view exif);

// True for orientations 5-8, whose upright image is the stored one turned a
// quarter: its width is the stored height.
inline bool swaps_sides(int orientation) {
  return orientation >= 5 && orientation <= 8;
}

// Where the stored pixel (x, y) of a w x h image (as stored) lands in the
// upright image: what apply_orientation() does to each pixel, for decoders
// that place their rows upright as they decode them (no second copy).
struct Point {
  int x = 0, y = 0;
};
inline Point upright_point(int orientation, int w, int h, int x, int y) {
  switch (orientation) {
    case 2:
      return {w - 1 - x, y};
    case 3:
      return {w - 1 - x, h - 1 - y};
    case 4:
      return {x, h - 1 - y};
    case 5:
      return {y, x};
    case 6:
      return {h - 1 - y, x};
    case 7:
      return {h - 1 - y, w - 1 - x};
    case 8:
      return {y, w - 1 - x};
    default:
      return {x, y};
  }
}

// The pixels turned and mirrored so that orientation 1 describes them.
// Orientation 1 (or any value outside 2-8) returns the pixmap unchanged.
Pixmap apply_orientation(Pixmap pixmap, int orientation);

}  // namespace placard
