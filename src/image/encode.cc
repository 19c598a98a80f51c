#include "image/encode.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "image/jpeg_write.h"
#include "image/png_write.h"
#include "image/webp_write.h"
#include "image/xmp.h"

namespace placard {
namespace {

// The budget search's range of qualities. The top is each encoder's
// measured choice (jpeg_write.cc, webp_write.cc): no card gets a larger file
// than that choice just because its budget would allow one. The bottom is
// the lowest quality whose text, looked at on cards at 100%, still shows no
// ringing or blocks (JPEG 4:4:4 q50; WebP q50 with sharp YUV).
constexpr int kJpegMaxQuality = JpegTuning{}.quality;
constexpr int kWebpMaxQuality = WebpTuning{}.quality;
constexpr int kJpegMinQuality = 50;
constexpr int kWebpMinQuality = 50;

// How a file's size follows its quality: log(bytes) is close to linear in
// position(q), with the given slope. For libjpeg, q sets a scale on the
// quantisation tables (5000/q below 50, 200 - 2q above), and the bytes go as
// scale^-0.7 on text over photos (0.70 from q85 to 90, 0.69 from q80 to 85,
// measured with jpeg_write.cc's table). For libwebp, log(bytes) rises by
// about 0.06 a step from q80 to q85.
struct SizeModel {
  double (*position)(int q);
  double slope;
};

double jpeg_position(int q) {
  const double scale = q < 50 ? 5000.0 / q : 200.0 - 2.0 * q;
  return -std::log(scale);
}
double webp_position(int q) {
  return q;
}

constexpr SizeModel kJpegModel{jpeg_position, 0.70};
constexpr SizeModel kWebpModel{webp_position, 0.06};

// A file that fits and uses this much of its budget ends the search: one
// quality step changes the bytes by about 5%, so it is the highest quality
// that fits or one step below, and proving which would cost another encode.
constexpr double kGoodEnough = 0.95;

// The highest quality in [bottom, top] whose file fits `budget` (within
// kGoodEnough). Each guess moves from the last size measured along the
// slope (the model's, then the one through the last two sizes) to just
// under the budget; when three guesses in a row land on the same side of
// it, the next one halves the range still open. One encode when the top
// fits (every preset's built-in budget, on the measured photo cards); else
// usually two or three.
template <typename EncodeAt>
Encoded search(EncodeAt encode_at, int top, int bottom, SizeModel model, std::int64_t budget) {
  Encoded out;
  out.quality = top;
  out.bytes = encode_at(top);
  out.encodes = 1;
  if (budget <= 0 || static_cast<std::int64_t>(out.bytes.size()) <= budget) return out;
  const double target = std::log(static_cast<double>(budget) * 0.97);  // aim a little under
  int hi = top;                                                        // known too large
  int lo = bottom - 1;  // known to fit once `fitted` is set
  std::string fitted;
  int last_q = top, prev_q = top;
  double last_log = std::log(static_cast<double>(out.bytes.size())), prev_log = last_log;
  int same_side = 0;
  bool last_fit = false;
  while (fitted.empty() || hi - lo > 1) {
    int q;
    if (same_side >= 3 && !fitted.empty()) {
      q = lo + (hi - lo) / 2;
    } else {
      // The slope through the last two sizes, when they are far enough
      // apart and it is plausible: the model's own is only right near the top.
      double slope = model.slope;
      if (std::abs(prev_q - last_q) >= 3) {  // nearer, the sizes are mostly noise
        const double local =
            (last_log - prev_log) / (model.position(last_q) - model.position(prev_q));
        if (local > model.slope / 4 && local < model.slope * 4) slope = local;
      }
      const double want = model.position(last_q) - (last_log - target) / slope;
      q = hi - 1;  // the highest quality whose position is at most `want`
      while (q > lo + 1 && model.position(q) > want) --q;
    }
    q = std::clamp(q, lo + 1, hi - 1);
    std::string bytes = encode_at(q);
    ++out.encodes;
    const bool fit = static_cast<std::int64_t>(bytes.size()) <= budget;
    same_side = out.encodes > 2 && fit == last_fit ? same_side + 1 : 1;
    last_fit = fit;
    prev_q = last_q;
    prev_log = last_log;
    last_q = q;
    last_log = std::log(static_cast<double>(bytes.size()));
    if (fit) {
      lo = q;
      const bool full =
          static_cast<double>(bytes.size()) >= kGoodEnough * static_cast<double>(budget);
      fitted = std::move(bytes);
      if (full) break;
    } else if (q == bottom) {  // not even the floor fits
      out.bytes = std::move(bytes);
      out.quality = q;
      out.fits = false;
      return out;
    } else {
      hi = q;
    }
  }
  out.bytes = std::move(fitted);
  out.quality = lo;
  return out;
}

// A lossy encoder as the budget search calls it: the pixels at quality q,
// every other setting at its measured default.
template <typename Tuning>
auto at_quality(std::string (*encode)(const Pixmap&, const Tuning&, std::string_view),
                const Pixmap& pixels, std::string_view xmp) {
  return [encode, &pixels, xmp](int q) {
    Tuning t;
    t.quality = q;
    return encode(pixels, t, xmp);
  };
}

// One row a format: the name --format and `format:` take, the file
// extension (also accepted as a name), the MIME type and the encoder's id.
struct FormatInfo {
  ImageFormat format;
  std::string_view name, extension, mime, encoding;
};
constexpr FormatInfo kFormats[] = {
    {ImageFormat::png, "png", "png", "image/png", kPngEncoding},
    {ImageFormat::jpeg, "jpeg", "jpg", "image/jpeg", kJpegEncoding},
    {ImageFormat::webp, "webp", "webp", "image/webp", kWebpEncoding},
};

const FormatInfo& info(ImageFormat f) {
  for (const FormatInfo& i : kFormats)
    if (i.format == f) return i;
  return kFormats[0];
}

}  // namespace

std::string_view format_name(ImageFormat f) {
  return info(f).name;
}

std::optional<ImageFormat> parse_format(std::string_view name) {
  for (const FormatInfo& i : kFormats)
    if (name == i.name || name == i.extension) return i.format;
  return std::nullopt;
}

std::string_view mime_type(ImageFormat f) {
  return info(f).mime;
}

std::string_view file_extension(ImageFormat f) {
  return info(f).extension;
}

std::string_view encoding_id(ImageFormat f) {
  return info(f).encoding;
}

std::optional<FormatChoice> parse_format_choice(std::string_view name) {
  if (name == "auto" || name.empty()) return FormatChoice{};
  if (auto f = parse_format(name)) return FormatChoice{false, *f};
  return std::nullopt;
}

std::optional<ImageFormat> format_of_path(std::string_view path) {
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos)
    return std::nullopt;
  return parse_format(path.substr(dot + 1));
}

Encoded encode_card(const Pixmap& pixels, ImageFormat format, const CardMeta& meta,
                    std::int64_t budget) {
  const std::string xmp = xmp_packet(meta.title, meta.alt);
  switch (format) {
    case ImageFormat::png: {
      Encoded e;
      e.bytes = encode_png(pixels, {meta.title, meta.alt, meta.software, xmp});
      e.encodes = 1;
      e.fits = budget <= 0 || static_cast<std::int64_t>(e.bytes.size()) <= budget;
      return e;
    }
    case ImageFormat::jpeg:
      return search(at_quality(encode_jpeg, pixels, xmp), kJpegMaxQuality, kJpegMinQuality,
                    kJpegModel, budget);
    case ImageFormat::webp:
      return search(at_quality(encode_webp, pixels, xmp), kWebpMaxQuality, kWebpMinQuality,
                    kWebpModel, budget);
  }
  return {};
}

}  // namespace placard
