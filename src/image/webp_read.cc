// WebP decoding (libwebp), hostile-input safe: the size comes from the
// header and is checked against the pixel limit before any pixel memory
// exists; libwebp writes straight into the Pixmap.
#include <webp/decode.h>
#include <webp/demux.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <memory>
#include <string>

#include "base/diagnostics.h"
#include "base/run_limits.h"
#include "image/image_read.h"
#include "image/orientation.h"

namespace placard {
namespace {

const char* status_text(VP8StatusCode s) {
  switch (s) {
    case VP8_STATUS_OUT_OF_MEMORY:
      return "out of memory";
    case VP8_STATUS_INVALID_PARAM:
      return "invalid parameter";
    case VP8_STATUS_BITSTREAM_ERROR:
      return "bitstream error";
    case VP8_STATUS_UNSUPPORTED_FEATURE:
      return "unsupported feature";
    case VP8_STATUS_SUSPENDED:
      return "suspended";
    case VP8_STATUS_USER_ABORT:
      return "aborted";
    case VP8_STATUS_NOT_ENOUGH_DATA:
      return "truncated file";
    default:
      return "unknown error";
  }
}

// The orientation in the file's "EXIF" chunk (extended format only), or 1.
int webp_orientation(std::string_view bytes) {
  const WebPData data{reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
  struct Free {
    void operator()(WebPDemuxer* d) const { WebPDemuxDelete(d); }
  };
  std::unique_ptr<WebPDemuxer, Free> demux(WebPDemux(&data));
  if (!demux || !(WebPDemuxGetI(demux.get(), WEBP_FF_FORMAT_FLAGS) & EXIF_FLAG)) return 1;
  WebPChunkIterator chunk;
  if (!WebPDemuxGetChunk(demux.get(), "EXIF", 1, &chunk)) return 1;
  const int o =
      exif_orientation({reinterpret_cast<const char*>(chunk.chunk.bytes), chunk.chunk.size});
  WebPDemuxReleaseChunkIterator(&chunk);
  return o;
}

// Reads the features into `config` and checks them (a still image, under
// the pixel limit).
ImageHeader open_webp(WebPDecoderConfig& config, std::string_view bytes, const std::string& name,
                      const DecodeOptions& options) {
  if (!WebPInitDecoderConfig(&config))
    fail_io({name}, "cannot decode WebP: libwebp version mismatch");
  const VP8StatusCode header =
      WebPGetFeatures(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &config.input);
  if (header != VP8_STATUS_OK)
    fail({name}, std::string("corrupt WebP image: ") + status_text(header));
  if (config.input.has_animation)
    fail({name}, "'" + name + "' is an animated WebP", {"save one frame as a still image"});
  return checked_header(ImageType::webp, static_cast<std::uint32_t>(config.input.width),
                        static_cast<std::uint32_t>(config.input.height), webp_orientation(bytes),
                        name, options.max_pixels);
}

}  // namespace

ImageHeader read_webp_header(std::string_view bytes, const std::string& name,
                             const DecodeOptions& options) {
  WebPDecoderConfig config;
  return open_webp(config, bytes, name, options);
}

Pixmap decode_webp(std::string_view bytes, const std::string& name, const DecodeOptions& options) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  WebPDecoderConfig config;
  const ImageHeader header = open_webp(config, bytes, name, options);
  const int w = config.input.width, h = config.input.height;  // as stored
  // Reduced size: libwebp's scaler averages the pixels each output pixel
  // covers, as it decodes each row.
  // The pixmap, and its turned copy when the photo has an orientation;
  // libwebp keeps a lossless image's pixels (4 bytes each) and a lossy
  // one's alpha plane (1 byte each) at full size whatever the scale.
  const std::int64_t stored = std::int64_t{w} * h;
  const std::int64_t fixed = config.input.format == 2 ? 4 * stored
                             : config.input.has_alpha ? stored
                                                      : 0;
  const int d = budgeted_reduction(header, options, fixed, header.orientation == 1 ? 4 : 8, name);
  const int out_w = (w + d - 1) / d, out_h = (h + d - 1) / d;
  if (d > 1) {
    config.options.use_scaling = 1;
    config.options.scaled_width = out_w;
    config.options.scaled_height = out_h;
  }
  // Premultiplied BGRA in memory is Cairo's ARGB32 on a little-endian machine.
  Pixmap p = Pixmap::make(out_w, out_h);
  config.output.colorspace = std::endian::native == std::endian::little ? MODE_bgrA : MODE_Argb;
  config.output.is_external_memory = 1;
  config.output.u.RGBA.rgba = p.data.data();
  config.output.u.RGBA.stride = p.stride;
  config.output.u.RGBA.size = p.data.size();
  const VP8StatusCode status = WebPDecode(data, bytes.size(), &config);
  WebPFreeDecBuffer(&config.output);  // external memory: frees nothing of ours
  if (status != VP8_STATUS_OK)
    fail({name}, std::string("corrupt WebP image: ") + status_text(status));
  return apply_orientation(std::move(p), header.orientation);
}

}  // namespace placard
