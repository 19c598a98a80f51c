// JPEG decoding (libjpeg-turbo), hostile-input safe: the size is checked
// against the pixel limit before any pixel memory exists, libjpeg's own
// memory is capped, progressive files with an absurd number of scans are
// refused, and corrupt or truncated data is an error rather than grey blocks.
#include <cstddef>
#include <cstdio>  // jpeglib.h needs size_t and FILE first

#include <jerror.h>
#include <jpeglib.h>

#include <algorithm>
#include <bit>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/run_limits.h"
#include "image/image_read.h"
#include "image/orientation.h"

namespace placard {
namespace {

// A progressive file may have any number of scans, each a pass over the
// whole image; a few kilobytes can ask for millions (libjpeg-turbo's
// "djpeg -maxscans" advice). Real encoders write at most a few dozen.
constexpr int kMaxScans = 256;

struct ErrorManager {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = "";
};

struct Decoder {
  jpeg_decompress_struct cinfo;
  ErrorManager err;
  jpeg_progress_mgr progress;
  bool created = false;
  Decoder() = default;
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;
  ~Decoder() {
    if (created) jpeg_destroy_decompress(&cinfo);
  }
};

[[noreturn]] void stop(j_common_ptr cinfo) {
  std::longjmp(reinterpret_cast<ErrorManager*>(cinfo->err)->jump, 1);
}

// libjpeg's message, lowercased as Placard's messages are ("Premature end
// of JPEG file" -> "premature end of JPEG file").
[[noreturn]] void on_error(j_common_ptr cinfo) {
  char* message = reinterpret_cast<ErrorManager*>(cinfo->err)->message;
  (*cinfo->err->format_message)(cinfo, message);
  if (message[0] >= 'A' && message[0] <= 'Z' && !(message[1] >= 'A' && message[1] <= 'Z'))
    message[0] = static_cast<char>(message[0] - 'A' + 'a');
  stop(cinfo);
}

// Warnings that mean the image data is damaged (libjpeg would go on and
// paint the rest grey) are errors; the rest (an extra byte before a marker, a
// bad JFIF field) are not worth refusing a photo for.
void on_message(j_common_ptr cinfo, int level) {
  if (level != -1) return;  // trace messages
  switch (cinfo->err->msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_MUST_RESYNC:
    case JWRN_NOT_SEQUENTIAL:
      on_error(cinfo);
    default:
      break;
  }
}

void on_progress(j_common_ptr cinfo) {
  auto* d = reinterpret_cast<j_decompress_ptr>(cinfo);
  if (d->input_scan_number > kMaxScans) {
    std::snprintf(reinterpret_cast<ErrorManager*>(cinfo->err)->message, JMSG_LENGTH_MAX,
                  "more than %d progressive scans", kMaxScans);
    stop(cinfo);
  }
}

// Each of these runs libjpeg under its setjmp/longjmp error handling; no
// object with a destructor lives in their frames. False on error, with
// d.err.message set.

bool read_header(Decoder& d, std::string_view bytes, long max_memory) {
  d.cinfo.err = jpeg_std_error(&d.err.pub);
  d.err.pub.error_exit = on_error;
  d.err.pub.emit_message = on_message;
  if (setjmp(d.err.jump)) return false;
  jpeg_create_decompress(&d.cinfo);
  d.created = true;
  // Caps libjpeg's own buffers (a progressive file keeps every coefficient
  // of the image); beyond this it would need a backing store, which this
  // build of libjpeg does not have, so it fails instead.
  d.cinfo.mem->max_memory_to_use = max_memory;
  d.progress.progress_monitor = on_progress;
  d.cinfo.progress = &d.progress;
  jpeg_mem_src(&d.cinfo, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_save_markers(&d.cinfo, JPEG_APP0 + 1, 0xFFFF);  // EXIF (and XMP, ignored)
  jpeg_read_header(&d.cinfo, TRUE);
  return true;
}

bool start(Decoder& d, unsigned scale_num, J_COLOR_SPACE out) {
  if (setjmp(d.err.jump)) return false;
  d.cinfo.scale_num = scale_num;
  d.cinfo.scale_denom = 8;
  d.cinfo.out_color_space = out;
  d.cinfo.dct_method = JDCT_ISLOW;
  d.cinfo.do_fancy_upsampling = TRUE;
  jpeg_start_decompress(&d.cinfo);
  return true;
}

// Reads each scanline into `row` (libjpeg's output: BGRA/ARGB, or CMYK)
// and places its pixels upright in `p` (the stored image turned by
// `orientation`), so no second copy of the image is made.
bool read_rows(Decoder& d, Pixmap& p, int orientation, std::vector<uint8_t>& row) {
  if (setjmp(d.err.jump)) return false;
  const bool is_cmyk = d.cinfo.out_color_space == JCS_CMYK;
  // Adobe's CMYK JPEGs (the only kind in practice) store inverted inks.
  const bool inverted = d.cinfo.saw_Adobe_marker;
  const int w = static_cast<int>(d.cinfo.output_width), h = static_cast<int>(d.cinfo.output_height);
  while (d.cinfo.output_scanline < d.cinfo.output_height) {
    const int y = static_cast<int>(d.cinfo.output_scanline);
    JSAMPROW in = row.data();
    if (jpeg_read_scanlines(&d.cinfo, &in, 1) != 1) return false;
    for (int x = 0; x < w; ++x) {
      uint32_t argb;
      if (is_cmyk) {
        uint32_t c = row[4 * x], m = row[4 * x + 1], yy = row[4 * x + 2], k = row[4 * x + 3];
        if (!inverted) c = 255 - c, m = 255 - m, yy = 255 - yy, k = 255 - k;
        argb = 0xFF000000u | (c * k + 127) / 255 << 16 | (m * k + 127) / 255 << 8 |
               (yy * k + 127) / 255;
      } else {
        std::memcpy(&argb, &row[4 * x], 4);  // the Pixmap's own layout
      }
      const Point at = upright_point(orientation, w, h, x, y);
      p.set_argb(at.x, at.y, argb);
    }
  }
  jpeg_finish_decompress(&d.cinfo);
  return true;
}

// The bytes libjpeg keeps whatever the output scale: a progressive file's
// coefficients for the whole image (64 of 2 bytes a block, every component).
std::int64_t coefficient_bytes(const jpeg_decompress_struct& cinfo) {
  if (!cinfo.progressive_mode) return 0;
  std::int64_t blocks = 0;
  for (int c = 0; c < cinfo.num_components; ++c)
    blocks +=
        std::int64_t{cinfo.comp_info[c].width_in_blocks} * cinfo.comp_info[c].height_in_blocks;
  return blocks * 64 * 2;
}

// The orientation from the first APP1 segment that is EXIF.
int orientation_of(const jpeg_decompress_struct& cinfo) {
  for (jpeg_saved_marker_ptr m = cinfo.marker_list; m; m = m->next) {
    if (m->marker != JPEG_APP0 + 1 || m->data_length < 6) continue;
    if (std::memcmp(m->data, "Exif\0\0", 6) != 0) continue;
    return exif_orientation({reinterpret_cast<const char*>(m->data), m->data_length});
  }
  return 1;
}

// Reads the header into `d` and checks the size against the pixel limit.
ImageHeader open_jpeg(Decoder& d, std::string_view bytes, const std::string& name,
                      const DecodeOptions& options) {
  // A legitimate image under the pixel limit needs at most 3 components x 2
  // bytes of coefficients per pixel (progressive, 4:4:4), plus row buffers.
  const long max_memory =
      static_cast<long>(std::min<std::int64_t>(options.max_pixels, 1LL << 31) * 6 + (16L << 20));
  if (!read_header(d, bytes, max_memory))
    fail({name}, std::string("corrupt JPEG image: ") + d.err.message);
  return checked_header(ImageType::jpeg, d.cinfo.image_width, d.cinfo.image_height,
                        orientation_of(d.cinfo), name, options.max_pixels);
}

}  // namespace

ImageHeader read_jpeg_header(std::string_view bytes, const std::string& name,
                             const DecodeOptions& options) {
  Decoder d;
  return open_jpeg(d, bytes, name, options);
}

Pixmap decode_jpeg(std::string_view bytes, const std::string& name, const DecodeOptions& options) {
  Decoder d;
  const ImageHeader header = open_jpeg(d, bytes, name, options);
  // libjpeg scales by n/8; the reductions 1/2, 1/4 and 1/8 have fast inverse
  // DCTs (SIMD in libjpeg-turbo for 1/2 and 1/4; 1/8 is the DC term alone).
  // The pixmap and one row; a progressive file's coefficients besides.
  const std::int64_t coefficients = coefficient_bytes(d.cinfo);
  const unsigned n =
      8 / static_cast<unsigned>(budgeted_reduction(header, options, coefficients, 4, name));
  if (options.max_memory > 0)
    d.cinfo.mem->max_memory_to_use = static_cast<long>(
        std::min<std::int64_t>(d.cinfo.mem->max_memory_to_use, coefficients + (4L << 20)));
  const bool cmyk = d.cinfo.jpeg_color_space == JCS_CMYK || d.cinfo.jpeg_color_space == JCS_YCCK;
  const J_COLOR_SPACE out = cmyk                                         ? JCS_CMYK
                            : std::endian::native == std::endian::little ? JCS_EXT_BGRA
                                                                         : JCS_EXT_ARGB;
  if (!start(d, n, out)) fail({name}, std::string("corrupt JPEG image: ") + d.err.message);
  // Opaque, so premultiplied and straight alpha agree: libjpeg writes the
  // Pixmap's own layout (alpha 0xff).
  const int w = static_cast<int>(d.cinfo.output_width), h = static_cast<int>(d.cinfo.output_height);
  Pixmap p = swaps_sides(header.orientation) ? Pixmap::make(h, w) : Pixmap::make(w, h);
  std::vector<uint8_t> row(4 * static_cast<size_t>(w));
  if (!read_rows(d, p, header.orientation, row)) {
    if (!*d.err.message) std::snprintf(d.err.message, sizeof d.err.message, "no image data");
    fail({name}, std::string("corrupt JPEG image: ") + d.err.message);
  }
  return p;
}

}  // namespace placard
