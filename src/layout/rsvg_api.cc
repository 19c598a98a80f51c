#include "layout/rsvg_api.h"

#include "base/shared_library.h"

namespace placard {
namespace {

// The header this was built against and the library opened must agree on
// the major version the soname names.
static_assert(LIBRSVG_MAJOR_VERSION == 2, "runtime_libraries.h opens librsvg-2.so.2");

RsvgApi load() {
  static const SharedLibrary lib(kLibRsvg);
  RsvgApi api{};
  lib.bind(api.new_from_data, "rsvg_handle_new_from_data");
  lib.bind(api.set_stylesheet, "rsvg_handle_set_stylesheet");
  lib.bind(api.get_intrinsic_dimensions, "rsvg_handle_get_intrinsic_dimensions");
  lib.bind(api.get_intrinsic_size_in_pixels, "rsvg_handle_get_intrinsic_size_in_pixels");
  lib.bind(api.get_geometry_for_element, "rsvg_handle_get_geometry_for_element");
  lib.bind(api.get_geometry_for_layer, "rsvg_handle_get_geometry_for_layer");
  lib.bind(api.render_document, "rsvg_handle_render_document");
  return api;
}

}  // namespace

const RsvgApi& rsvg_api() {
  static const RsvgApi api = load();
  return api;
}

}  // namespace placard
