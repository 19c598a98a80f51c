#include "image/webp_write.h"

#include <webp/encode.h>
#include <webp/mux.h>

#include <bit>
#include <cstring>
#include <memory>
#include <vector>

#include "base/diagnostics.h"
#include "image/encode_input.h"

namespace placard {
namespace {

// The settings (WebpTuning's defaults), measured as in jpeg_write.cc: the
// photo layout over a 2400x1600 noisy photo, four cards at og and story;
// "dB" cream on green, "dB*" yellow on blue (worst card "min*", within 2 px
// of text edges "edge*"). CPU ms of one encode, median of 3; libwebp 1.2.4.
//
//   setting           | og: KB    ms   dB   dB*  min* edge* | story: KB    ms   dB   dB*
//   q80 m2            |     30.0  18.2 38.6 31.6 29.8 20.4  |     56.4  47.4 39.4 34.0
//   q85 m0            |     48.6  13.4 39.5 31.8 29.9 20.5  |     97.6  31.8 40.0 34.2
//   q85 m2            |     40.5  20.8 39.3 31.8 30.0 20.5  |     86.1  53.8 40.1 34.2
//   q85 m4            |     39.4  51.8 39.4 31.9 30.0 20.5  |     85.4 140.4 40.2 34.3
//   q85 m6            |     37.6  80.3 39.4 31.9 30.0 20.5  |     81.4 201.4 40.1 34.3
//   q85 m4 sharp      |     47.0 105.0 39.6 33.3 31.5 22.2  |    107.8 280.2 40.4 35.5
//   q85 m2 sharp (1)  |     51.7  71.3 39.2 32.4    -    -  |        -     -    -    -   chosen
//   q90 m4            |     65.7  61.0 40.4 32.0 30.1 20.6  |    153.6 157.6 41.1 34.5
//   (1) one card of each brand, measured afterwards.
//
// Lossy WebP (VP8) always halves chroma (4:2:0), so saturated text loses
// 7-8 dB against JPEG 4:4:4 at any quality or method, and plain RGB->YUV
// draws a dark outline round yellow letters on blue at 100%. libwebp's
// sharp (iterative) RGB->YUV removes that outline, which is worth its cost
// (+50 ms og, +15% bytes). Method 2 is within 3% of method 4's bytes at
// two-thirds of the time; 6 saves 5% more for another 60%. Quality 85 keeps
// cream-on-green above 39 dB at a third of JPEG's bytes. This is why
// `auto` picks JPEG for photo cards: WebP is the smaller file when the
// platform takes it and the text is not saturated colour on colour.
//
// On flat cards (the example campaign's 6 cards at og, standard layout, no
// photo; `placard_bench encoder og`, CPU ms of one encode, median over cards
// of 7 runs; machine shared with other builds, so compare rows, not runs):
//
//   setting           |   ms    kB   dB median  dB min
//   q85 m0            |  21.6  38.9  38.06      35.49
//   q85 m2            |  35.2  30.8  37.96      35.35
//   q85 m4            |  66.3  29.5  37.97      35.39
//   q85 m0 sharp      |  67.5  39.9  38.97      36.67
//   q85 m2 sharp      |  88.7  32.1  38.73      36.42   chosen
//   q85 m4 sharp      | 115.2  30.6  38.78      36.49
//   PNG (palette)     |   6.7  19.6  58.12      54.25   for comparison
//
// So a WebP card costs about 13x a PNG one; sharp RGB->YUV is 60% of it
// (+53 ms for +0.8 dB and no dark fringe on saturated text) and method 2 a
// further 15-20% (-20% bytes against method 0). Kept: WebP is asked for by
// name (`auto` never picks it), for its bytes, and PNG stays the fast default.
//
// End to end (`placard_bench formats 3`, the bench's row for it: `placard
// render` of the example's 6 cards at og and story, -j 1, --force, PNG and
// WebP in turn; also `farm-bench -n 5` A/B, whole process; machine shared,
// load ~10 on 2 cores, so CPU s, not wall): 12 WebP images take 2.12 s CPU
// against PNG's 0.32 s, 6.6x (the 1.75 s against 0.19 s was wall
// time); JPEG takes 0.29 s. The per-encode rows above account for it.

const char* encode_error(WebPEncodingError e) {
  switch (e) {
    case VP8_ENC_ERROR_OUT_OF_MEMORY:
    case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY:
      return "out of memory";
    case VP8_ENC_ERROR_BAD_DIMENSION:
      return "bad dimensions";
    case VP8_ENC_ERROR_PARTITION0_OVERFLOW:
    case VP8_ENC_ERROR_PARTITION_OVERFLOW:
      return "partition overflow";
    case VP8_ENC_ERROR_FILE_TOO_BIG:
      return "file too big";
    default:
      return "encoder error";
  }
}

struct PictureFree {
  void operator()(WebPPicture* p) const { WebPPictureFree(p); }
};
struct MuxFree {
  void operator()(WebPMux* m) const { WebPMuxDelete(m); }
};

}  // namespace

std::string encode_webp(const Pixmap& pixmap, const WebpTuning& tuning, std::string_view xmp) {
  const Pixmap& p = pixmap;
  check_encodable(p, WEBP_MAX_DIMENSION, "WebP");
  WebPConfig config;
  if (!WebPConfigInit(&config)) fail_io({}, "cannot encode WebP image: libwebp version mismatch");
  config.quality = static_cast<float>(tuning.quality);
  config.method = tuning.method;
  config.use_sharp_yuv = tuning.sharp_yuv ? 1 : 0;
  config.thread_level = 0;  // a batch already uses every core
  if (!WebPValidateConfig(&config))
    fail_io({}, "cannot encode WebP image: quality " + std::to_string(tuning.quality) +
                    " or method " + std::to_string(tuning.method) + " is out of range");

  WebPPicture picture;
  if (!WebPPictureInit(&picture)) fail_io({}, "cannot encode WebP image: libwebp version mismatch");
  std::unique_ptr<WebPPicture, PictureFree> owned(&picture);
  picture.width = p.width;
  picture.height = p.height;
  picture.use_argb = 1;  // converted to YUV by WebPEncode, which applies sharp_yuv
  const bool opaque = all_opaque(p);
  int imported = 0;
  if (opaque && std::endian::native == std::endian::little) {
    // The pixmap's own bytes: B, G, R, 0xff.
    imported = WebPPictureImportBGRX(&picture, p.data.data(), p.stride);
  } else {
    // Straight alpha in R, G, B, A order, as libwebp expects.
    std::vector<uint8_t> rgba(4 * static_cast<size_t>(p.width) * static_cast<size_t>(p.height));
    uint8_t* d = rgba.data();
    for (int y = 0; y < p.height; ++y)
      for (int x = 0; x < p.width; ++x, d += 4) {
        const Rgba c = p.rgba(x, y);
        d[0] = c.r, d[1] = c.g, d[2] = c.b, d[3] = c.a;
      }
    imported = opaque ? WebPPictureImportRGBX(&picture, rgba.data(), 4 * p.width)
                      : WebPPictureImportRGBA(&picture, rgba.data(), 4 * p.width);
  }
  if (!imported) fail_io({}, "cannot encode WebP image: out of memory");

  WebPMemoryWriter writer;
  WebPMemoryWriterInit(&writer);
  picture.writer = WebPMemoryWrite;
  picture.custom_ptr = &writer;
  const bool encoded = WebPEncode(&config, &picture) != 0;
  const WebPEncodingError why = picture.error_code;
  owned.reset();
  std::unique_ptr<uint8_t, decltype(&WebPFree)> bitstream(writer.mem, WebPFree);
  if (!encoded) fail_io({}, std::string("cannot encode WebP image: ") + encode_error(why));
  if (xmp.empty()) return std::string(reinterpret_cast<const char*>(writer.mem), writer.size);

  // With metadata: the extended format, VP8X + the image + "XMP ".
  std::unique_ptr<WebPMux, MuxFree> mux(WebPMuxNew());
  if (!mux) fail_io({}, "cannot encode WebP image: out of memory");
  const WebPData image{writer.mem, writer.size};
  const WebPData meta{reinterpret_cast<const uint8_t*>(xmp.data()), xmp.size()};
  WebPData assembled{nullptr, 0};
  if (WebPMuxSetImage(mux.get(), &image, 0) != WEBP_MUX_OK ||
      WebPMuxSetChunk(mux.get(), "XMP ", &meta, 0) != WEBP_MUX_OK ||
      WebPMuxAssemble(mux.get(), &assembled) != WEBP_MUX_OK) {
    WebPDataClear(&assembled);
    fail_io({}, "cannot encode WebP image: cannot add its XMP metadata");
  }
  std::string out(reinterpret_cast<const char*>(assembled.bytes), assembled.size);
  WebPDataClear(&assembled);
  return out;
}

}  // namespace placard
