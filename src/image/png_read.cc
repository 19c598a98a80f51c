#include "image/png_read.h"

#include <png.h>

#include <algorithm>
#include <array>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include "base/diagnostics.h"
#include "base/run_limits.h"
#include "image/orientation.h"

namespace placard {
namespace {

constexpr int kMaxSide = 16384;  // refuse absurd sizes from corrupt headers

struct Reader {
  std::string_view bytes;
  size_t pos = 0;
  png_structp png = nullptr;
  png_infop info = nullptr;
  char error[200] = "";

  explicit Reader(std::string_view b) : bytes(b) {}
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  ~Reader() { png_destroy_read_struct(&png, &info, nullptr); }
};

void on_error(png_structp png, png_const_charp message) {
  auto* r = static_cast<Reader*>(png_get_error_ptr(png));
  std::snprintf(r->error, sizeof r->error, "%s", message);
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}

void on_read(png_structp png, png_bytep out, size_t size) {
  auto* r = static_cast<Reader*>(png_get_io_ptr(png));
  if (r->bytes.size() - r->pos < size) png_error(png, "unexpected end of file");
  std::memcpy(out, r->bytes.data() + r->pos, size);
  r->pos += size;
}

// Reads the whole file into r.info with png_read_png(transforms), or with
// `info_only` the chunks before the image data (png_read_info). The only
// code that runs under libpng's setjmp/longjmp error handling; no object with
// a destructor lives in this frame. False on error, r.error set.
bool read_png(Reader& r, int transforms, bool info_only) {
  r.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &r, on_error, on_warning);
  if (r.png) r.info = png_create_info_struct(r.png);
  if (!r.info) {
    std::snprintf(r.error, sizeof r.error, "out of memory");
    return false;
  }
  if (setjmp(png_jmpbuf(r.png))) return false;
  png_set_read_fn(r.png, &r, on_read);
  png_set_user_limits(r.png, kMaxSide, kMaxSide);
#ifdef PNG_IGNORE_ADLER32
  // Every IDAT chunk's CRC-32 is still checked, so a damaged stream is still
  // refused; zlib's Adler-32 over the inflated bytes only repeated that check
  // and was 5% of placard diff's CPU (browsers skip it too).
  png_set_option(r.png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
  if (info_only)
    png_read_info(r.png, r.info);
  else
    png_read_png(r.png, r.info, transforms, nullptr);
  return true;
}

// Opens and reads `bytes`, failing with `name` as the place.
void read_or_fail(Reader& r, int transforms, const std::string& name, bool info_only = false) {
  const auto* sig = reinterpret_cast<png_const_bytep>(r.bytes.data());
  if (r.bytes.size() < 8 || png_sig_cmp(sig, 0, 8) != 0) fail({name}, "not a PNG image");
  if (!read_png(r, transforms, info_only))
    fail({name}, std::string("corrupt PNG image: ") + r.error);
}

// IHDR is always the first chunk: its width and height sit at bytes 16-23.
// Checked before libpng allocates rows for a small file that claims to be a
// huge image.
void check_pixels(std::string_view bytes, const std::string& name, std::int64_t max_pixels) {
  if (bytes.size() < 24 || bytes.compare(12, 4, "IHDR") != 0) return;  // libpng says what is wrong
  auto be32 = [&](size_t at) {
    std::uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  checked_header(ImageType::png, be32(16), be32(20), 1, name, max_pixels);
}

// The orientation in the eXIf chunk read so far (PNG 1.5: a camera's
// orientation, as in a JPEG), or 1.
int png_orientation(const Reader& r) {
  png_uint_32 exif_size = 0;
  png_bytep exif = nullptr;
  if (png_get_eXIf_1(r.png, r.info, &exif_size, &exif) != 0 && exif && exif_size > 0)
    return exif_orientation({reinterpret_cast<const char*>(exif), exif_size});
  return 1;
}

std::string latin1_to_utf8(const char* s) {
  std::string out;
  for (; *s; ++s) {
    auto c = static_cast<unsigned char>(*s);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xc0 | c >> 6);
      out += static_cast<char>(0x80 | (c & 0x3f));
    }
  }
  return out;
}

// Where streamed rows go: straight into the upright pixmap (d = 1), or
// summed into the d x d block each pixel falls in (premultiplied, so that
// the averages are those of what is drawn).
struct Rows {
  int width = 0, height = 0;  // as stored
  int d = 1, orientation = 1;
  int out_w = 0, out_h = 0;  // the stored image at 1/d
  Pixmap* out = nullptr;
  std::uint16_t* sums = nullptr;  // 4 per block (r, g, b, a) when d > 1
  int channels = 4;
  // A palette image read as its indices (channels 1): each entry's
  // premultiplied ARGB; entries past the palette are opaque black, as
  // libpng's expansion makes them.
  std::array<std::uint32_t, 256> palette{};
};

// Premultiplied ARGB from straight channels; an opaque pixel as it is.
std::uint32_t argb_of(std::uint32_t r, std::uint32_t g, std::uint32_t b, std::uint32_t a) {
  if (a == 0xff) return 0xFF000000u | r << 16 | g << 8 | b;
  return a << 24 | std::uint32_t{premultiply(r, a)} << 16 | std::uint32_t{premultiply(g, a)} << 8 |
         premultiply(b, a);
}

// The common case, an upright image at full size (every card): a row's
// pixels straight into the pixmap's row.
void put_row(Rows& r, int y, int x0, int dx, const png_byte* src, int count) {
  png_byte* out = r.out->row(y) + 4 * static_cast<size_t>(x0);
  const size_t step = 4 * static_cast<size_t>(dx);
  std::uint32_t v;
  switch (r.channels) {
    case 1:  // palette indices
      for (int i = 0; i < count; ++i, out += step) std::memcpy(out, &r.palette[src[i]], 4);
      break;
    case 3:
      for (int i = 0; i < count; ++i, src += 3, out += step) {
        v = argb_of(src[0], src[1], src[2], 0xff);
        std::memcpy(out, &v, 4);
      }
      break;
    default:
      for (int i = 0; i < count; ++i, src += 4, out += step) {
        v = argb_of(src[0], src[1], src[2], src[3]);
        std::memcpy(out, &v, 4);
      }
  }
}

void put_pixels(Rows& r, int y, int x0, int dx, const png_byte* src, int count) {
  if (r.d == 1 && r.orientation == 1) return put_row(r, y, x0, dx, src, count);
  for (int i = 0; i < count; ++i, src += r.channels) {
    const std::uint32_t a = r.channels == 4 ? src[3] : 0xff;
    const std::uint32_t pr = premultiply(src[0], a), pg = premultiply(src[1], a),
                        pb = premultiply(src[2], a);
    const int x = x0 + i * dx;
    if (r.d == 1) {
      const Point at = upright_point(r.orientation, r.width, r.height, x, y);
      r.out->set_argb(at.x, at.y, a << 24 | pr << 16 | pg << 8 | pb);
      continue;
    }
    // d <= 8: a block's sum is at most 64 x 255, which 16 bits hold.
    std::uint16_t* s =
        r.sums + 4 * (static_cast<size_t>(y / r.d) * static_cast<size_t>(r.out_w) + x / r.d);
    s[0] = static_cast<std::uint16_t>(s[0] + pr);
    s[1] = static_cast<std::uint16_t>(s[1] + pg);
    s[2] = static_cast<std::uint16_t>(s[2] + pb);
    s[3] = static_cast<std::uint16_t>(s[3] + a);
  }
}

// Decodes the rows one at a time into `rows` (an interlaced image pass by
// pass, each pass's pixels placed where Adam7 puts them), then reads the
// chunks after the image data. Runs under libpng's setjmp/longjmp error
// handling (`buffer`, one row, is owned by the caller). False on error,
// r.error set.
bool stream_rows(Reader& r, Rows& rows, png_bytep buffer) {
  if (setjmp(png_jmpbuf(r.png))) return false;
  const bool interlaced = png_get_interlace_type(r.png, r.info) == PNG_INTERLACE_ADAM7;
  for (int pass = 0; pass < (interlaced ? 7 : 1); ++pass) {
    const int cols = interlaced ? static_cast<int>(PNG_PASS_COLS(rows.width, pass)) : rows.width;
    const int n = interlaced ? static_cast<int>(PNG_PASS_ROWS(rows.height, pass)) : rows.height;
    if (cols == 0 || n == 0) continue;  // libpng skips empty passes too
    for (int i = 0; i < n; ++i) {
      png_read_row(r.png, buffer, nullptr);
      const int y = interlaced ? static_cast<int>(PNG_ROW_FROM_PASS_ROW(i, pass)) : i;
      const int x0 = interlaced ? static_cast<int>(PNG_COL_FROM_PASS_COL(0, pass)) : 0;
      const int dx = interlaced ? 1 << PNG_PASS_COL_SHIFT(pass) : 1;
      put_pixels(rows, y, x0, dx, buffer, cols);
    }
  }
  png_read_end(r.png, r.info);
  return true;
}

// Sets the transforms to 8-bit RGB(A) and says how many bytes a row takes.
// Under libpng's setjmp/longjmp error handling. False on error, r.error set.
bool prepare_rows(Reader& r, Rows& rows, size_t& row_bytes) {
  if (setjmp(png_jmpbuf(r.png))) return false;
  // A palette image for put_row: one byte an index, looked up in rows.palette
  // (libpng's expansion would make RGB(A) rows of it first).
  if (png_get_color_type(r.png, r.info) == PNG_COLOR_TYPE_PALETTE && rows.d == 1 &&
      rows.orientation == 1) {
    png_colorp plte = nullptr;
    int entries = 0;
    png_get_PLTE(r.png, r.info, &plte, &entries);
    png_bytep alpha = nullptr;
    int alphas = 0;
    if (png_get_valid(r.png, r.info, PNG_INFO_tRNS))
      png_get_tRNS(r.png, r.info, &alpha, &alphas, nullptr);
    rows.palette.fill(0xFF000000u);
    for (int i = 0; i < std::min(entries, 256); ++i)
      rows.palette[static_cast<size_t>(i)] =
          argb_of(plte[i].red, plte[i].green, plte[i].blue, i < alphas ? alpha[i] : 0xff);
    png_set_packing(r.png);
    png_read_update_info(r.png, r.info);
    rows.channels = 1;
    row_bytes = png_get_rowbytes(r.png, r.info);
    return true;
  }
  // Palette, low-bit gray and tRNS -> 8-bit; 16-bit -> 8-bit; gray -> RGB.
  png_set_expand(r.png);
  png_set_scale_16(r.png);
  png_set_gray_to_rgb(r.png);
  png_read_update_info(r.png, r.info);
  rows.channels = png_get_channels(r.png, r.info);  // 3 (RGB) or 4 (RGBA)
  row_bytes = png_get_rowbytes(r.png, r.info);
  return true;
}

}  // namespace

ImageHeader read_png_header(std::string_view bytes, const std::string& name_for_errors,
                            std::int64_t max_pixels) {
  check_pixels(bytes, name_for_errors, max_pixels);
  Reader r(bytes);
  read_or_fail(r, 0, name_for_errors, true);
  return checked_header(ImageType::png, png_get_image_width(r.png, r.info),
                        png_get_image_height(r.png, r.info), png_orientation(r), name_for_errors,
                        max_pixels);
}

Pixmap decode_png(std::string_view bytes, const std::string& name_for_errors,
                  std::int64_t max_pixels) {
  DecodeOptions options;
  options.max_pixels = max_pixels;
  return decode_png(bytes, name_for_errors, options);
}

Pixmap decode_png(std::string_view bytes, const std::string& name_for_errors,
                  const DecodeOptions& options, Pixmap reuse) {
  check_pixels(bytes, name_for_errors, options.max_pixels);
  Reader r(bytes);
  read_or_fail(r, 0, name_for_errors, true);
  const ImageHeader header = checked_header(ImageType::png, png_get_image_width(r.png, r.info),
                                            png_get_image_height(r.png, r.info), png_orientation(r),
                                            name_for_errors, options.max_pixels);
  // At 1/d: the pixmap (4 bytes a pixel) and, when d > 1, the sums of each
  // block (4 x 16 bits); libpng itself keeps two rows.
  const int d = budgeted_reduction(header, options, 0, 12, name_for_errors);
  Rows rows;
  rows.width = static_cast<int>(png_get_image_width(r.png, r.info));
  rows.height = static_cast<int>(png_get_image_height(r.png, r.info));
  rows.d = d;
  rows.orientation = header.orientation;
  const int out_w = (rows.width + d - 1) / d, out_h = (rows.height + d - 1) / d;
  rows.out_w = out_w;
  rows.out_h = out_h;
  Pixmap p = swaps_sides(header.orientation) ? Pixmap::make(out_h, out_w, std::move(reuse))
                                             : Pixmap::make(out_w, out_h, std::move(reuse));
  std::vector<std::uint16_t> sums(d > 1 ? 4 * static_cast<size_t>(out_w) * out_h : 0);
  rows.out = &p;
  rows.sums = sums.data();
  size_t row_bytes = 0;
  if (!prepare_rows(r, rows, row_bytes))
    fail({name_for_errors}, std::string("corrupt PNG image: ") + r.error);
  std::vector<png_byte> row(row_bytes);
  if (!stream_rows(r, rows, row.data()))
    fail({name_for_errors}, std::string("corrupt PNG image: ") + r.error);
  if (d > 1) {
    // Each block's average; the blocks at the right and bottom edges may
    // hold fewer than d x d pixels.
    for (int by = 0; by < out_h; ++by) {
      const std::uint32_t bh = static_cast<std::uint32_t>(std::min(d, rows.height - by * d));
      for (int bx = 0; bx < out_w; ++bx) {
        const std::uint32_t n = bh * static_cast<std::uint32_t>(std::min(d, rows.width - bx * d));
        const std::uint16_t* s = sums.data() + 4 * (static_cast<size_t>(by) * out_w + bx);
        auto avg = [&](int c) { return (std::uint32_t{s[c]} + n / 2) / n; };
        const Point at = upright_point(header.orientation, out_w, out_h, bx, by);
        p.set_argb(at.x, at.y, avg(3) << 24 | avg(0) << 16 | avg(1) << 8 | avg(2));
      }
    }
  }
  // An eXIf chunk after the image data is seen only now; its turn costs a
  // copy of the (reduced) pixels.
  if (header.orientation == 1) return apply_orientation(std::move(p), png_orientation(r));
  return p;
}

std::map<std::string, std::string> read_png_text(std::string_view bytes) {
  Reader r(bytes);
  read_or_fail(r, PNG_TRANSFORM_IDENTITY, "");
  png_textp text = nullptr;
  int count = png_get_text(r.png, r.info, &text, nullptr);
  std::map<std::string, std::string> out;
  for (int i = 0; i < count; ++i) {
    bool itxt = text[i].compression >= PNG_ITXT_COMPRESSION_NONE;  // tEXt/zTXt are Latin-1
    out[text[i].key] = itxt ? std::string(text[i].text) : latin1_to_utf8(text[i].text);
  }
  return out;
}

}  // namespace placard
