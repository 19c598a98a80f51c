// librsvg, loaded the first time an SVG (a logo, a template) is read rather
// than when Placard starts: with gdk-pixbuf and the libraries only it uses,
// 1.6-2.4 MB of resident pages (measured at 1 and 1,000 og cards) that a
// batch of cards without SVGs does not need (issue 25). The functions are bound by their real prototypes, so
// the headers still check every call.
#pragma once

#include <librsvg/rsvg.h>

namespace placard {

struct RsvgApi {
  decltype(&rsvg_handle_new_from_data) new_from_data;
  decltype(&rsvg_handle_set_stylesheet) set_stylesheet;
  decltype(&rsvg_handle_get_intrinsic_dimensions) get_intrinsic_dimensions;
  decltype(&rsvg_handle_get_intrinsic_size_in_pixels) get_intrinsic_size_in_pixels;
  decltype(&rsvg_handle_get_geometry_for_element) get_geometry_for_element;
  decltype(&rsvg_handle_get_geometry_for_layer) get_geometry_for_layer;
  decltype(&rsvg_handle_render_document) render_document;
};

// The table, loaded once (thread-safe) on first use. Fails (io) when
// librsvg is not installed, naming its package.
const RsvgApi& rsvg_api();

}  // namespace placard
