#include "render/draw.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "base/file_io.h"
#include "image/image_read.h"
#include "layout/rsvg_api.h"
#include "model/image_fit.h"
#include "render/cairo_pixmap.h"
#include "render/decoration.h"
#include "text/pango_text.h"

namespace placard {

struct ImageCache::Entry {
  RsvgHandle* svg = nullptr;
  Pixmap raster;                 // when not SVG; maybe reduced, so smaller than width x height
  double width = 0, height = 0;  // the image's own size, upright: what fit_image places
  ~Entry() {
    if (svg) g_object_unref(svg);
  }
};

ImageCache::ImageCache(const Limits& limits) : limits_(limits) {}
ImageCache::~ImageCache() = default;

DecodeOptions decode_options_for(const ImageItem& item, const ImageHeader& header,
                                 const Limits& limits) {
  DecodeOptions o = decode_options(limits);
  const Rect r = fit_image(item.box, header.width, header.height, item.fit, item.halign,
                           item.valign, item.focus_x, item.focus_y, item.zoom);
  // Whole pixels, and at least one: an empty box still decodes something.
  auto side = [](double v) { return static_cast<int>(std::clamp(std::ceil(v - 1e-6), 1.0, 1e6)); };
  o.min_width = side(r.w);
  o.min_height = side(r.h);
  return o;
}

namespace {
std::string cache_key(const std::string& path, const std::vector<std::string>& hide_ids) {
  std::string key = path;
  for (const auto& id : hide_ids) key += '\n' + id;
  return key;
}

// The item of a file drawn at full size (no box to fit).
ImageItem full_size(const std::string& path, const std::vector<std::string>& hide_ids) {
  ImageItem item;
  item.path = path;
  item.hide_ids = hide_ids;
  return item;
}
}  // namespace

DecodeOptions ImageCache::options_for(const ImageItem& item, const ImageHeader& header) const {
  const bool full = !reduced_ || item.box.w <= 0 || item.box.h <= 0;
  return full ? decode_options(limits_) : decode_options_for(item, header, limits_);
}

std::string ImageCache::key_for(const ImageItem& item) const {
  std::string key = cache_key(item.path, item.hide_ids);
  auto h = headers_.find(item.path);
  if (h == headers_.end()) return key;  // an SVG, or not loaded yet
  return key + "\n1/" + std::to_string(decode_reduction(h->second, options_for(item, h->second)));
}

void ImageCache::load(const std::string& path, const std::vector<std::string>& hide_ids) {
  load(full_size(path, hide_ids));
}

void ImageCache::load(const ImageItem& item) {
  if (entries_.count(key_for(item))) return;
  const std::string& path = item.path;
  const std::vector<std::string>& hide_ids = item.hide_ids;
  auto e = std::make_unique<Entry>();
  std::string bytes = read_file(path, limits_.image_bytes);
  if (sniff_image(bytes) != ImageType::unknown) {
    // PNG, JPEG or WebP, upright by its EXIF orientation; none of the
    // photo's metadata goes further than this. The header first: its size
    // decides the reduction, and so the entry.
    auto h = headers_.find(path);
    if (h == headers_.end())
      h = headers_.emplace(path, read_image_header(bytes, path, decode_options(limits_))).first;
    const std::string key = key_for(item);
    if (entries_.count(key)) return;
    const DecodeOptions options = options_for(item, h->second);
    e->raster = decode_image(bytes, path, options);
    // A full-size decode is its own size (a PNG whose orientation comes
    // after its image data included); a reduced one keeps the header's.
    const bool full = decode_reduction(h->second, options) == 1;
    e->width = full ? e->raster.width : h->second.width;
    e->height = full ? e->raster.height : h->second.height;
    entries_[key] = std::move(e);
    return;
  } else if (bytes.rfind("GIF8", 0) == 0) {
    fail({path, 0, 0}, "'" + path + "' is a GIF image", {"save it as PNG, JPEG or WebP"});
  } else {
    GError* err = nullptr;
    e->svg = rsvg_api().new_from_data(reinterpret_cast<const guint8*>(bytes.data()), bytes.size(),
                                       &err);
    if (!e->svg) {
      std::string why = err ? err->message : "unknown error";
      if (err) g_error_free(err);
      // libxml2's messages end in a newline: keep the error on one line.
      for (char& c : why)
        if (c == '\n' || c == '\r') c = ' ';
      while (!why.empty() && why.back() == ' ') why.pop_back();
      fail({path, 0, 0}, "'" + path + "' is not a PNG, JPEG, WebP or SVG image (" + why + ")");
    }
    if (!hide_ids.empty()) {
      // Hide the template's field elements: their text is set by Placard.
      std::string css;
      for (const auto& id : hide_ids) {
        std::string quoted;
        for (char c : id)
          quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
        css += (css.empty() ? "" : ", ") + std::string("[id=\"") + quoted + "\"]";
      }
      css += " { display: none !important; }";
      GError* cerr = nullptr;
      if (!rsvg_api().set_stylesheet(e->svg, reinterpret_cast<const guint8*>(css.data()),
                                      css.size(), &cerr)) {
        std::string why = cerr ? cerr->message : "unknown error";
        if (cerr) g_error_free(cerr);
        fail({path, 0, 0}, "cannot hide the fields of '" + path + "': " + why);
      }
    }
    gdouble w = 0, h = 0;
    gboolean has_w = FALSE, has_h = FALSE, has_vb = FALSE;
    RsvgLength lw{}, lh{};
    RsvgRectangle vb{};
    rsvg_api().get_intrinsic_dimensions(e->svg, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
    if (has_vb) {
      // The viewBox decides the drawing's proportions; a viewport of the same
      // shape maps it without letterboxing.
      w = vb.width;
      h = vb.height;
    } else if (!rsvg_api().get_intrinsic_size_in_pixels(e->svg, &w, &h)) {
      RsvgRectangle ink, logical;
      rsvg_api().get_geometry_for_element(e->svg, nullptr, &ink, &logical, nullptr);
      w = logical.width;
      h = logical.height;
    }
    if (w <= 0 || h <= 0)
      fail({path, 0, 0},
           "SVG image '" + path + "' has no size (set width and height or a viewBox)");
    e->width = w;
    e->height = h;
  }
  entries_[cache_key(path, hide_ids)] = std::move(e);
}

const ImageCache::Entry& ImageCache::get(const ImageItem& item) const {
  return *entries_.at(key_for(item));
}

void load_images(const Card& card, ImageCache& cache) {
  for (const CardItem& item : card.items)
    if (const auto* img = std::get_if<ImageItem>(&item); img && !img->supporter) cache.load(*img);
}

namespace {

void rounded_rect(cairo_t* cr, const Rect& r, double radius) {
  radius = std::min({radius, r.w / 2, r.h / 2});
  if (radius <= 0) {
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    return;
  }
  cairo_new_sub_path(cr);
  cairo_arc(cr, r.right() - radius, r.y + radius, radius, -M_PI / 2, 0);
  cairo_arc(cr, r.right() - radius, r.bottom() - radius, radius, 0, M_PI / 2);
  cairo_arc(cr, r.x + radius, r.bottom() - radius, radius, M_PI / 2, M_PI);
  cairo_arc(cr, r.x + radius, r.y + radius, radius, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

void draw_shape(cairo_t* cr, const ShapeItem& s) {
  const Gradient& g = s.gradient;
  cairo_pattern_t* pattern = nullptr;
  if (g.kind == Gradient::Kind::linear)
    pattern = cairo_pattern_create_linear(g.x0, g.y0, g.x1, g.y1);
  if (g.kind == Gradient::Kind::radial)
    pattern = cairo_pattern_create_radial(g.x0, g.y0, 0, g.x0, g.y0, std::max(g.radius, 1e-3));
  if (pattern) {
    for (const GradientStop& st : g.stops)
      cairo_pattern_add_color_stop_rgba(pattern, st.at, st.color.r, st.color.g, st.color.b,
                                        st.color.a);
    cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD);
    cairo_set_source(cr, pattern);
  } else {
    cairo_set_source_rgba(cr, s.fill.r, s.fill.g, s.fill.b, s.fill.a);
  }
  rounded_rect(cr, s.box, s.radius);
  cairo_fill(cr);
  if (pattern) cairo_pattern_destroy(pattern);
}

void draw_line(cairo_t* cr, const LineItem& l) {
  cairo_save(cr);
  cairo_set_source_rgba(cr, l.color.r, l.color.g, l.color.b, l.color.a);
  cairo_set_line_width(cr, l.width);
  cairo_set_line_cap(cr, l.cap == LineItem::Cap::round    ? CAIRO_LINE_CAP_ROUND
                         : l.cap == LineItem::Cap::square ? CAIRO_LINE_CAP_SQUARE
                                                          : CAIRO_LINE_CAP_BUTT);
  if (!l.dash.empty()) cairo_set_dash(cr, l.dash.data(), static_cast<int>(l.dash.size()), 0);
  cairo_move_to(cr, l.x0, l.y0);
  cairo_line_to(cr, l.x1, l.y1);
  cairo_stroke(cr);
  cairo_restore(cr);
}

// Places the image in its box (contain, cover around the focal point, or
// fill), clipped to the box and its rounded corners.
// A supporter's photo comes with the request, not from the cache.
void draw_image(cairo_t* cr, const ImageItem& item, const ImageCache& cache,
                const Pixmap* supporter_photo) {
  if (item.supporter &&
      (!supporter_photo || supporter_photo->width <= 0 || supporter_photo->height <= 0))
    return;
  const ImageCache::Entry* cached = item.supporter ? nullptr : &cache.get(item);
  struct {
    RsvgHandle* svg;
    const Pixmap& raster;
    double width, height;
  } e = cached ? decltype(e){cached->svg, cached->raster, cached->width, cached->height}
               : decltype(e){nullptr, *supporter_photo, double(supporter_photo->width),
                             double(supporter_photo->height)};
  const Rect r = fit_image(item.box, e.width, e.height, item.fit, item.halign, item.valign,
                           item.focus_x, item.focus_y, item.zoom);
  cairo_save(cr);
  rounded_rect(cr, item.box, item.radius);
  cairo_clip(cr);
  if (item.opacity < 1) cairo_push_group(cr);
  cairo_translate(cr, r.x, r.y);
  if (e.svg) {
    cairo_scale(cr, r.w / e.width, r.h / e.height);
    RsvgRectangle viewport{0, 0, e.width, e.height};
    rsvg_api().render_document(e.svg, cr, &viewport, nullptr);
  } else {
    // The pixels decoded (maybe at 1/2, 1/4 or 1/8) onto the place the
    // image's own size was fitted to.
    const int w = e.raster.width, h = e.raster.height;
    cairo_scale(cr, r.w / w, r.h / h);
    cairo_surface_t* src =
        cairo_image_surface_create_for_data(const_cast<unsigned char*>(e.raster.data.data()),
                                            CAIRO_FORMAT_ARGB32, w, h, e.raster.stride);
    cairo_set_source_surface(cr, src, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_fill(cr);
    cairo_surface_destroy(src);
  }
  if (item.opacity < 1) {
    cairo_pop_group_to_source(cr);
    cairo_identity_matrix(cr);
    cairo_paint_with_alpha(cr, item.opacity);
  }
  cairo_restore(cr);
}

// The pixels where `alpha` exceeds `threshold`, grown by `r` pixels in every
// direction (a square max filter), as 0/255 bytes. The work is done on one
// bit per pixel, 64 to a word: growing by one pixel is a shift and OR per
// word along the rows and an OR of neighbouring rows, repeated r times.
std::vector<uint8_t> grown_mask(const uint8_t* alpha, int stride, int w, int h, uint8_t threshold,
                                int r) {
  const size_t words = (size_t(w) + 63) / 64;
  std::vector<uint64_t> bits(words * h, 0), tmp(words * h);
  for (int y = 0; y < h; ++y) {
    const uint8_t* in = alpha + size_t(y) * stride;
    uint64_t* row = bits.data() + words * y;
    for (int x = 0; x < w; ++x)
      if (in[x] > threshold) row[x / 64] |= uint64_t{1} << (x % 64);
  }
  const uint64_t last_word = w % 64 ? (uint64_t{1} << (w % 64)) - 1 : ~uint64_t{0};
  for (int step = 0; step < r; ++step) {
    for (int y = 0; y < h; ++y) {  // along the rows: bit x takes x-1 and x+1
      const uint64_t* in = bits.data() + words * y;
      uint64_t* out = tmp.data() + words * y;
      for (size_t i = 0; i < words; ++i) {
        const uint64_t from_left = in[i] << 1 | (i > 0 ? in[i - 1] >> 63 : 0);
        const uint64_t from_right = in[i] >> 1 | (i + 1 < words ? in[i + 1] << 63 : 0);
        out[i] = in[i] | from_left | from_right;
      }
      out[words - 1] &= last_word;
    }
    for (int y = 0; y < h; ++y) {  // across the rows: row y takes y-1 and y+1
      uint64_t* out = bits.data() + words * y;
      const uint64_t* mid = tmp.data() + words * y;
      const uint64_t* above = y > 0 ? mid - words : nullptr;
      const uint64_t* below = y + 1 < h ? mid + words : nullptr;
      for (size_t i = 0; i < words; ++i)
        out[i] = mid[i] | (above ? above[i] : 0) | (below ? below[i] : 0);
    }
  }
  std::vector<uint8_t> mask(size_t(w) * h, 0);
  for (int y = 0; y < h; ++y)
    for (size_t i = 0; i < words; ++i)
      for (uint64_t word = bits[words * y + i]; word; word &= word - 1)
        mask[size_t(y) * w + i * 64 + size_t(__builtin_ctzll(word))] = 255;
  return mask;
}

// True when every pixel of the w x h region at (x0, y0) has one value.
bool is_one_colour(const Pixmap& pix, int x0, int y0, int w, int h) {
  const uint32_t first = pix.argb(x0, y0);
  for (int y = y0; y < y0 + h; ++y) {
    const uint8_t* row = pix.row(y) + 4 * size_t(x0);
    for (int x = 0; x < w; ++x) {
      uint32_t v;
      std::memcpy(&v, row + 4 * size_t(x), 4);
      if (v != first) return false;
    }
  }
  return true;
}

// What lies under one block of text, before the text is drawn: the pixels
// of its inked area (plus a margin) and the glyphs' coverage, widened a
// little so the colour right around each stroke counts too. On a flat
// colour, that colour alone.
TextBackdrop capture_backdrop(cairo_surface_t* surface, const Pixmap& pix, const TextBlock& block,
                              const PlacedBlock& b, PangoText& text) {
  TextBackdrop d;
  d.size = b.size;
  const int pad = static_cast<int>(std::ceil(b.size * 0.08)) + 1;
  const int x0 = std::max(0, static_cast<int>(std::floor(b.x + b.measure.ink.x)) - pad);
  const int y0 = std::max(0, static_cast<int>(std::floor(b.y + b.measure.ink.y)) - pad);
  const int x1 =
      std::min(pix.width, static_cast<int>(std::ceil(b.x + b.measure.ink.right())) + pad);
  const int y1 =
      std::min(pix.height, static_cast<int>(std::ceil(b.y + b.measure.ink.bottom())) + pad);
  if (x1 <= x0 || y1 <= y0) return d;
  const int w = x1 - x0, h = y1 - y0;
  d.area = {double(x0), double(y0), double(w), double(h)};
  cairo_surface_flush(surface);
  if (is_one_colour(pix, x0, y0, w, h)) {
    // Every glyph pixel lies on this colour: one pixel says it all, and the
    // glyphs need not be drawn a second time.
    d.background = Pixmap::make(1, 1);
    d.background.set_argb(0, 0, pix.argb(x0, y0));
    d.mask = {255};
    return d;
  }
  d.background = Pixmap::make(w, h);
  for (int y = 0; y < h; ++y)
    std::memcpy(d.background.row(y), pix.row(y0 + y) + 4 * x0, size_t(w) * 4);
  // The glyphs alone, drawn opaque into an alpha mask.
  const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, w);
  std::vector<uint8_t> alpha(size_t(stride) * h, 0);
  cairo_surface_t* a8 =
      cairo_image_surface_create_for_data(alpha.data(), CAIRO_FORMAT_A8, w, h, stride);
  cairo_t* cr = cairo_create(a8);
  text.draw(cr, block, b.size, b.wrap, b.x - x0, b.y - y0, /*opaque=*/true);
  cairo_destroy(cr);
  cairo_surface_flush(a8);
  cairo_surface_destroy(a8);
  d.mask = grown_mask(alpha.data(), stride, w, h, 40, static_cast<int>(std::lround(b.size * 0.04)));
  return d;
}

// Where decorations may paint: everywhere but the card's glyphs grown by
// their margin (an A8 surface, 255 outside the glyphs, 0 on and around them).
class KeepOut {
 public:
  KeepOut(const Card& card, const CardLayout& layout, PangoText& text)
      : card_(card), layout_(layout), text_(text) {}
  ~KeepOut() {
    if (surface_) cairo_surface_destroy(surface_);
  }
  cairo_surface_t* surface() {
    if (surface_) return surface_;
    const int w = card_.width, h = card_.height;
    const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, w);
    std::vector<uint8_t> glyphs(size_t(stride) * h, 0);
    cairo_surface_t* a8 =
        cairo_image_surface_create_for_data(glyphs.data(), CAIRO_FORMAT_A8, w, h, stride);
    cairo_t* cr = cairo_create(a8);
    double margin = 2;
    for (const PlacedFrame& f : layout_.frames)
      for (const PlacedBlock& b : f.blocks) {
        text_.draw(cr, b.block, b.size, b.wrap, b.x, b.y, /*opaque=*/true);
        margin = std::max(margin, decoration_margin(b));
      }
    cairo_destroy(cr);
    cairo_surface_flush(a8);
    cairo_surface_destroy(a8);
    // Any glyph pixel at all (antialiasing included), grown by the margin.
    const std::vector<uint8_t> grown =
        grown_mask(glyphs.data(), stride, w, h, 0, static_cast<int>(std::ceil(margin)));
    data_.assign(size_t(stride) * h, 0);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) data_[size_t(y) * stride + x] = 255 - grown[size_t(y) * w + x];
    surface_ = cairo_image_surface_create_for_data(data_.data(), CAIRO_FORMAT_A8, w, h, stride);
    return surface_;
  }
  // The text's ink boxes, grown by their margins.
  const std::vector<Rect>& ink() {
    if (!ink_ready_) ink_ = text_ink(layout_);
    ink_ready_ = true;
    return ink_;
  }

 private:
  const Card& card_;
  const CardLayout& layout_;
  PangoText& text_;
  cairo_surface_t* surface_ = nullptr;
  std::vector<uint8_t> data_;
  std::vector<Rect> ink_;
  bool ink_ready_ = false;
};

bool is_decoration(const CardItem& item) {
  if (const auto* s = std::get_if<ShapeItem>(&item)) return s->decoration.on;
  if (const auto* l = std::get_if<LineItem>(&item)) return l->decoration.on;
  if (const auto* i = std::get_if<ImageItem>(&item)) return i->decoration.on;
  return false;
}

}  // namespace

Pixmap draw_card(const Card& card, const CardLayout& layout, PangoText& text,
                 const ImageCache& images, std::vector<TextBackdrop>* backdrops,
                 const Pixmap* supporter_photo) {
  Pixmap pix;
  draw_card_into(pix, card, layout, text, images, backdrops, supporter_photo);
  return pix;
}

void draw_card_into(Pixmap& pix, const Card& card, const CardLayout& layout, PangoText& text,
                    const ImageCache& images, std::vector<TextBackdrop>* backdrops,
                    const Pixmap* supporter_photo) {
  pix.width = card.width;
  pix.height = card.height;
  pix.stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, card.width);
  // No clearing: the opaque background paint below covers every pixel.
  pix.data.resize(size_t(pix.stride) * card.height);
  cairo_t* cr = draw_into(pix);
  cairo_surface_t* surface = cairo_get_target(cr);

  // Background, then items in layout order.
  cairo_set_source_rgba(cr, card.background.r, card.background.g, card.background.b, 1.0);
  cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);  // replaces the last card's pixels
  cairo_paint(cr);
  cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
  size_t frame_index = 0;
  KeepOut keep_out(card, layout, text);
  for (const CardItem& item : card.items) {
    // A decoration that could not move off the text (decoration.cc) is
    // drawn around it: its ink knocked out on and near every glyph.
    const bool knock_out = is_decoration(item) && touches(item, keep_out.ink());
    if (knock_out) cairo_push_group(cr);
    if (const auto* s = std::get_if<ShapeItem>(&item)) {
      draw_shape(cr, *s);
    } else if (const auto* img = std::get_if<ImageItem>(&item)) {
      draw_image(cr, *img, images, supporter_photo);
    } else if (const auto* line = std::get_if<LineItem>(&item)) {
      draw_line(cr, *line);
    } else if (std::holds_alternative<TextFrame>(item)) {
      const PlacedFrame& placed = layout.frames.at(frame_index);
      if (backdrops) {
        for (const PlacedBlock& b : placed.blocks) {
          TextBackdrop d = capture_backdrop(surface, pix, b.block, b, text);
          d.frame = frame_index;
          d.block = b.index;
          if (!d.mask.empty()) backdrops->push_back(std::move(d));
        }
      }
      for (const PlacedBlock& b : placed.blocks) text.draw(cr, b.block, b.size, b.wrap, b.x, b.y);
      ++frame_index;
    }
    if (knock_out) {
      cairo_pop_group_to_source(cr);
      cairo_mask_surface(cr, keep_out.surface(), 0, 0);
    }
  }

  finish_drawing(cr, "card");
}

}  // namespace placard
