#include "render/cairo_pixmap.h"

#include "base/diagnostics.h"

namespace placard {

cairo_t* draw_into(Pixmap& pix) {
  cairo_surface_t* surface = cairo_image_surface_create_for_data(
      pix.data.data(), CAIRO_FORMAT_ARGB32, pix.width, pix.height, pix.stride);
  cairo_t* cr = cairo_create(surface);
  cairo_surface_destroy(surface);  // the context holds it until finish_drawing()
  return cr;
}

void finish_drawing(cairo_t* cr, const std::string& what) {
  const cairo_status_t status = cairo_status(cr);
  cairo_surface_flush(cairo_get_target(cr));
  cairo_destroy(cr);
  if (status != CAIRO_STATUS_SUCCESS)
    fail_io({}, "drawing " + what + " failed: " + cairo_status_to_string(status));
}

}  // namespace placard
