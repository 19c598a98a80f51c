#include "image/orientation.h"

#include <libexif/exif-data.h>

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>

namespace placard {

int exif_orientation(std::string_view exif) {
  static constexpr char kHeader[] = "Exif\0\0";  // 6 bytes
  // libexif wants the "Exif\0\0" header; a WebP chunk often starts at the
  // TIFF header ("II*\0" or "MM\0*") instead.
  std::string with_header;
  if (exif.size() >= 4 && (exif.substr(0, 4) == std::string_view("II*\0", 4) ||
                           exif.substr(0, 4) == std::string_view("MM\0*", 4))) {
    with_header.assign(kHeader, 6);
    with_header.append(exif);
    exif = with_header;
  }
  if (exif.size() < 6 || std::memcmp(exif.data(), kHeader, 6) != 0) return 1;
  struct Free {
    void operator()(ExifData* d) const { exif_data_unref(d); }
  };
  std::unique_ptr<ExifData, Free> data(exif_data_new());
  if (!data) return 1;
  // Read only: no "fixing" the block to the specification, which adds tags.
  exif_data_unset_option(data.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data(data.get(), reinterpret_cast<const unsigned char*>(exif.data()),
                      static_cast<unsigned>(exif.size()));
  // The orientation of the image itself is in IFD0 (IFD1 describes the thumbnail).
  ExifEntry* e = exif_content_get_entry(data->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
  if (!e || e->format != EXIF_FORMAT_SHORT || e->components < 1 || !e->data || e->size < 2)
    return 1;
  const int v = exif_get_short(e->data, exif_data_get_byte_order(data.get()));
  return v >= 1 && v <= 8 ? v : 1;
}

Pixmap apply_orientation(Pixmap src, int orientation) {
  if (orientation < 2 || orientation > 8) return src;
  const int w = src.width, h = src.height;
  const bool swap = swaps_sides(orientation);
  Pixmap dst = Pixmap::make(swap ? h : w, swap ? w : h);
  // Each upright row walks the stored pixels from `first`, `step` bytes at a
  // time: along a stored row (orientations 2-4) or down a column (5-8).
  const std::ptrdiff_t px = 4, stride = src.stride;
  for (int y = 0; y < dst.height; ++y) {
    const uint8_t* first = nullptr;
    std::ptrdiff_t step = 0;
    switch (orientation) {
      case 2:
        first = src.row(y) + px * (w - 1);
        step = -px;
        break;  // mirrored left-right
      case 3:
        first = src.row(h - 1 - y) + px * (w - 1);
        step = -px;
        break;  // turned 180°
      case 4:
        first = src.row(h - 1 - y);
        step = px;
        break;  // mirrored top-bottom
      case 5:
        first = src.row(0) + px * y;
        step = stride;
        break;  // transposed
      case 6:
        first = src.row(h - 1) + px * y;
        step = -stride;
        break;  // turn 90° clockwise
      case 7:
        first = src.row(h - 1) + px * (w - 1 - y);
        step = -stride;
        break;  // transversed
      case 8:
        first = src.row(0) + px * (w - 1 - y);
        step = stride;
        break;  // turn 90° anticlockwise
    }
    uint8_t* out = dst.row(y);
    for (int x = 0; x < dst.width; ++x) std::memcpy(out + px * x, first + step * x, 4);
  }
  return dst;
}

}  // namespace placard
