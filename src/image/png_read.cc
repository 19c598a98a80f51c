#include "image/png_read.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>

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
  if (!read_png(r, transforms, info_only)) fail({name}, std::string("corrupt PNG image: ") + r.error);
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
  check_pixels(bytes, name_for_errors, max_pixels);
  Reader r(bytes);
  // Palette, low-bit gray and tRNS -> 8-bit; 16-bit -> 8-bit; gray -> RGB.
  read_or_fail(r, PNG_TRANSFORM_EXPAND | PNG_TRANSFORM_SCALE_16 | PNG_TRANSFORM_GRAY_TO_RGB,
               name_for_errors);
  int width = static_cast<int>(png_get_image_width(r.png, r.info));
  int height = static_cast<int>(png_get_image_height(r.png, r.info));
  int channels = png_get_channels(r.png, r.info);  // 3 (RGB) or 4 (RGBA)
  png_bytepp rows = png_get_rows(r.png, r.info);
  const int orientation = png_orientation(r);
  Pixmap p = Pixmap::make(width, height);
  for (int y = 0; y < height; ++y) {
    const png_byte* src = rows[y];
    for (int x = 0; x < width; ++x, src += channels) {
      uint8_t a = channels == 4 ? src[3] : 0xff;
      p.set_rgba(x, y, {src[0], src[1], src[2], a});
    }
  }
  return apply_orientation(std::move(p), orientation);
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
