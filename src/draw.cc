#include "draw.h"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <algorithm>
#include <cmath>

#include "file_io.h"
#include "pango_text.h"
#include "png_read.h"

namespace placard {

struct ImageCache::Entry {
  RsvgHandle* svg = nullptr;
  Pixmap raster;  // when not SVG
  double width = 0, height = 0;
  ~Entry() {
    if (svg) g_object_unref(svg);
  }
};

ImageCache::ImageCache(const Limits& limits) : limits_(limits) {}
ImageCache::~ImageCache() = default;

void ImageCache::load(const std::string& path) {
  if (entries_.count(path)) return;
  auto e = std::make_unique<Entry>();
  std::string bytes = read_file(path, limits_.image_bytes);
  if (bytes.rfind("\x89PNG", 0) == 0) {
    e->raster = decode_png(bytes, path, limits_.image_pixels);
    e->width = e->raster.width;
    e->height = e->raster.height;
  } else {
    GError* err = nullptr;
    e->svg = rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(bytes.data()),
                                       bytes.size(), &err);
    if (!e->svg) {
      std::string why = err ? err->message : "unknown error";
      if (err) g_error_free(err);
      // libxml2's messages end in a newline: keep the error on one line.
      for (char& c : why)
        if (c == '\n' || c == '\r') c = ' ';
      while (!why.empty() && why.back() == ' ') why.pop_back();
      fail({path, 0, 0}, "'" + path + "' is neither a PNG nor an SVG image (" + why + ")");
    }
    gdouble w = 0, h = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(e->svg, &w, &h)) {
      RsvgRectangle ink, logical;
      rsvg_handle_get_geometry_for_element(e->svg, nullptr, &ink, &logical, nullptr);
      w = logical.width;
      h = logical.height;
    }
    if (w <= 0 || h <= 0) fail({path, 0, 0}, "SVG image '" + path + "' has no size (set width and height or a viewBox)");
    e->width = w;
    e->height = h;
  }
  entries_[path] = std::move(e);
}

const ImageCache::Entry& ImageCache::get(const std::string& path) const {
  return *entries_.at(path);
}

void load_images(const Card& card, ImageCache& cache) {
  for (const CardItem& item : card.items)
    if (const auto* img = std::get_if<ImageItem>(&item)) cache.load(img->path);
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
  cairo_set_source_rgba(cr, s.fill.r, s.fill.g, s.fill.b, s.fill.a);
  rounded_rect(cr, s.box, s.radius);
  cairo_fill(cr);
}

// Scales the image to fit inside its box (contain), aligned as asked.
void draw_image(cairo_t* cr, const ImageItem& item, const ImageCache& cache) {
  const ImageCache::Entry& e = cache.get(item.path);
  const double scale = std::min(item.box.w / e.width, item.box.h / e.height);
  const double w = e.width * scale, h = e.height * scale;
  const double x = item.box.x + (item.halign == Align::center ? (item.box.w - w) / 2
                                 : item.halign == Align::end  ? item.box.w - w
                                                              : 0);
  const double y = item.box.y + (item.valign == VAlign::center ? (item.box.h - h) / 2
                                 : item.valign == VAlign::bottom ? item.box.h - h
                                                                 : 0);
  if (e.svg) {
    RsvgRectangle viewport{x, y, w, h};
    rsvg_handle_render_document(e.svg, cr, &viewport, nullptr);
    return;
  }
  cairo_surface_t* src = cairo_image_surface_create_for_data(
      const_cast<unsigned char*>(e.raster.data.data()), CAIRO_FORMAT_ARGB32, e.raster.width,
      e.raster.height, e.raster.stride);
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, src, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(src);
}

}  // namespace

Pixmap draw_card(const Card& card, const CardLayout& layout, PangoText& text,
                 const ImageCache& images) {
  Pixmap pix;
  pix.width = card.width;
  pix.height = card.height;
  pix.stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, card.width);
  pix.data.assign(size_t(pix.stride) * card.height, 0);
  cairo_surface_t* surface = cairo_image_surface_create_for_data(
      pix.data.data(), CAIRO_FORMAT_ARGB32, pix.width, pix.height, pix.stride);
  cairo_t* cr = cairo_create(surface);

  // Background, then items in layout order.
  cairo_set_source_rgba(cr, card.background.r, card.background.g, card.background.b, 1.0);
  cairo_paint(cr);
  size_t frame_index = 0;
  for (const CardItem& item : card.items) {
    if (const auto* s = std::get_if<ShapeItem>(&item)) {
      draw_shape(cr, *s);
    } else if (const auto* img = std::get_if<ImageItem>(&item)) {
      draw_image(cr, *img, images);
    } else if (std::holds_alternative<TextFrame>(item)) {
      for (const PlacedBlock& b : layout.frames.at(frame_index).blocks)
        text.draw(cr, b.block, b.size, b.wrap, b.x, b.y);
      ++frame_index;
    }
  }

  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    fail_io({}, std::string("drawing card failed: ") + cairo_status_to_string(status));
  return pix;
}

}  // namespace placard
