#include "image/jpeg_write.h"

#include <cstddef>
#include <cstdio>  // jpeglib.h needs size_t and FILE first

#include <jpeglib.h>

#include <bit>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/diagnostics.h"
#include "image/encode_input.h"

namespace placard {
namespace {

// The settings (JpegTuning's defaults), measured on the photo layout over a
// 2400x1600 noisy photo (ImageMagick plasma:fractal + Gaussian noise, a
// stand-in for a phone picture), four cards (recommendation, heading, quote)
// at og (1200x630) and story (1080x1920). PSNR (RGB) is against the lossless
// render. "dB" is the Common Ground brand (cream text on a green tint); "dB*"
// is the same cards with yellow text on a blue tint, where colour edges are
// sharpest; "min*" is its worst card and "edge*" its PSNR within 2 px of
// text edges. CPU ms of one encode, median of 5; libjpeg-turbo 2.1.5; shared
// machine, +-10%.
//
//   setting           | og: KB    ms   dB   dB*  min* edge* | story: KB    ms   dB   dB*
//   q85 4:2:0         |     77.2   1.9 38.7 31.5 29.7 20.2  |    181.6   5.1 39.8 33.9
//   q90 4:2:0         |    102.1   1.9 39.6 31.9 29.9 20.5  |    247.1   5.5 40.5 34.3
//   q80 4:4:4         |     86.9   2.8 39.1 36.7 35.3 27.1  |    205.3   7.6 40.2 38.3
//   q85 4:4:4         |    105.9   2.9 40.0 38.0 36.7 29.0  |    257.3   8.0 41.0 39.5
//   q90 4:4:4         |    140.8   3.1 41.1 39.7 38.7 31.8  |    351.7   8.6 42.0 41.0   chosen
//   q90 4:4:4 opt     |    136.6   7.1 41.1 39.7 38.7 31.8  |    337.3  19.1 42.0 41.0
//   q90 4:4:4 prog    |    132.9  15.4 41.1 39.7 38.7 31.8  |    329.8  42.7 42.0 41.0
//   PNG (lossless)    |   1050.1  30.0    -    -    -    -  |   2431.9  87.3    -    -
//
// Chroma subsampling (4:2:0) costs little on cream-on-green but ruins
// saturated colour edges: yellow on blue loses 6-8 dB whatever the quality,
// and at 100% the letters get a dark outline. Text is what a card is for,
// so chroma is kept whole (4:4:4). Quality 90 is the lowest whose worst
// card stays above 38 dB with saturated text; its og card is under half of
// WhatsApp's 300 kB. Huffman tables made for the image ("opt") save 3% for
// twice the time, progressive scans 6% for five times: both would break the
// 6 ms budget of an og encode, and the budget search (encode.cc) gets the
// bytes back when they matter. Integer DCT (islow): libjpeg-turbo's SIMD and
// C versions give the same bytes.

// XMP in JPEG: APP1 = namespace, NUL, packet (XMP Specification Part 3, 1.1.3).
constexpr char kXmpNamespace[] = "http://ns.adobe.com/xap/1.0/";
constexpr size_t kMaxApp1 = 65533;  // segment length field counts itself

struct ErrorManager {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = "";
};

void on_error(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

void on_message(j_common_ptr, int) {}  // encoder warnings: nothing a user could act on

struct Job {
  const Pixmap* pixmap = nullptr;
  JpegTuning tuning;
  std::string_view xmp_segment;  // namespace + NUL + packet, or empty
  bool opaque = true;
  std::vector<uint8_t> flat;  // one row composited over white, for translucent images
  unsigned char* out = nullptr;
  unsigned long out_size = 0;
  ErrorManager err;
};

// Row `y` as 4-byte pixels in the layout given to libjpeg (BGRX on a
// little-endian machine): the pixmap's own row when opaque.
const uint8_t* source_row(Job& job, int y) {
  const Pixmap& p = *job.pixmap;
  if (job.opaque) return p.row(y);
  const uint8_t* src = p.row(y);
  uint8_t* dst = job.flat.data();
  for (int x = 0; x < p.width; ++x) {
    uint32_t v;
    std::memcpy(&v, src + 4 * x, 4);
    // Premultiplied over white: c + (255 - a) on every channel.
    const uint32_t a = v >> 24, add = 255 - a;
    v = 0xFF000000u | (((v >> 16) & 0xff) + add) << 16 | (((v >> 8) & 0xff) + add) << 8 |
        ((v & 0xff) + add);
    std::memcpy(dst + 4 * x, &v, 4);
  }
  return dst;
}

// The only code that runs under libjpeg's setjmp/longjmp error handling; no
// object with a destructor lives in this frame. False on error, job.err set.
bool write_jpeg(Job& job) {
  jpeg_compress_struct cinfo;
  cinfo.err = jpeg_std_error(&job.err.pub);
  job.err.pub.error_exit = on_error;
  job.err.pub.emit_message = on_message;
  if (setjmp(job.err.jump)) {
    jpeg_destroy_compress(&cinfo);
    return false;
  }
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, &job.out, &job.out_size);
  const Pixmap& p = *job.pixmap;
  cinfo.image_width = static_cast<JDIMENSION>(p.width);
  cinfo.image_height = static_cast<JDIMENSION>(p.height);
  cinfo.input_components = 4;
  cinfo.in_color_space = std::endian::native == std::endian::little ? JCS_EXT_BGRX : JCS_EXT_XRGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, job.tuning.quality, TRUE);
  const int h = job.tuning.subsample ? 2 : 1;
  cinfo.comp_info[0].h_samp_factor = h;
  cinfo.comp_info[0].v_samp_factor = h;
  cinfo.comp_info[1].h_samp_factor = cinfo.comp_info[1].v_samp_factor = 1;
  cinfo.comp_info[2].h_samp_factor = cinfo.comp_info[2].v_samp_factor = 1;
  cinfo.optimize_coding = job.tuning.optimize ? TRUE : FALSE;
  cinfo.dct_method = JDCT_ISLOW;  // bit-exact in libjpeg-turbo's SIMD and C code
  if (job.tuning.progressive) jpeg_simple_progression(&cinfo);
  jpeg_start_compress(&cinfo, TRUE);
  if (!job.xmp_segment.empty())
    jpeg_write_marker(&cinfo, JPEG_APP0 + 1,
                      reinterpret_cast<const JOCTET*>(job.xmp_segment.data()),
                      static_cast<unsigned>(job.xmp_segment.size()));
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(source_row(job, static_cast<int>(cinfo.next_scanline)));
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  return true;
}

}  // namespace

std::string encode_jpeg(const Pixmap& pixmap, const JpegTuning& tuning, std::string_view xmp) {
  const Pixmap& p = pixmap;
  check_encodable(p, JPEG_MAX_DIMENSION, "JPEG");
  if (tuning.quality < 1 || tuning.quality > 100)
    fail_io({}, "JPEG quality " + std::to_string(tuning.quality) + " is outside 1-100");
  std::string segment;
  if (!xmp.empty()) {
    segment.reserve(sizeof kXmpNamespace + xmp.size());
    segment.append(kXmpNamespace, sizeof kXmpNamespace);  // with its NUL
    segment.append(xmp);
    if (segment.size() + 2 > kMaxApp1)
      fail_io({}, "cannot encode JPEG image: its XMP metadata is " + std::to_string(xmp.size()) +
                      " bytes, more than one APP1 segment holds");
  }
  Job job;
  job.pixmap = &p;
  job.tuning = tuning;
  job.xmp_segment = segment;
  job.opaque = all_opaque(p);
  if (!job.opaque) job.flat.resize(4 * static_cast<size_t>(p.width));
  const bool ok = write_jpeg(job);
  std::string out;
  if (ok) out.assign(reinterpret_cast<const char*>(job.out), job.out_size);
  std::free(job.out);
  if (!ok) fail_io({}, std::string("cannot encode JPEG image: ") + job.err.message);
  return out;
}

}  // namespace placard
