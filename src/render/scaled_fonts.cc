#include "render/scaled_fonts.h"

#include <cairo.h>

namespace placard {

void free_released_scaled_fonts() {
  // Cairo has no call for it. Each font made and released here takes the
  // place of the one released longest ago; made of a fresh user font (no
  // file, no glyphs), 256 of them push every other one out and keep ~1 KB
  // each themselves.
  constexpr int kHoldovers = 256;  // CAIRO_SCALED_FONT_MAX_HOLDOVERS
  cairo_font_face_t* face = cairo_user_font_face_create();
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_matrix_t ctm;
  cairo_matrix_init_identity(&ctm);
  for (int i = 1; i <= kHoldovers; ++i) {
    cairo_matrix_t size;
    cairo_matrix_init_scale(&size, i, i);
    cairo_scaled_font_destroy(cairo_scaled_font_create(face, &size, &ctm, options));
  }
  cairo_font_options_destroy(options);
  cairo_font_face_destroy(face);
}

}  // namespace placard
