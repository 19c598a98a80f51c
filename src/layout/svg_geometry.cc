#include "layout/svg_geometry.h"


#include "base/diagnostics.h"
#include "layout/rsvg_api.h"

namespace placard {

SvgGeometry measure_svg(const std::string& path, const std::string& bytes,
                        const std::vector<std::string>& ids) {
  GError* err = nullptr;
  RsvgHandle* h =
      rsvg_api().new_from_data(reinterpret_cast<const guint8*>(bytes.data()), bytes.size(), &err);
  if (!h) {
    std::string why = err ? err->message : "unknown error";
    if (err) g_error_free(err);
    fail({path, 0, 0}, "librsvg cannot read '" + path + "': " + why);
  }
  SvgGeometry g;
  gboolean has_w = FALSE, has_h = FALSE, has_vb = FALSE;
  RsvgLength w{}, hh{};
  RsvgRectangle vb{};
  rsvg_api().get_intrinsic_dimensions(h, &has_w, &w, &has_h, &hh, &has_vb, &vb);
  if (has_vb) {
    g.view_box = {vb.x, vb.y, vb.width, vb.height};
  } else {
    gdouble pw = 0, ph = 0;
    rsvg_api().get_intrinsic_size_in_pixels(h, &pw, &ph);
    g.view_box = {0, 0, pw, ph};
  }
  if (g.view_box.w <= 0 || g.view_box.h <= 0) {
    g_object_unref(h);
    fail({path, 0, 0}, "SVG '" + path + "' has no size (give the <svg> a viewBox)");
  }
  // With a viewport the size of the viewBox, viewport coordinates are user
  // units shifted by the viewBox origin.
  const RsvgRectangle viewport{0, 0, g.view_box.w, g.view_box.h};
  for (const std::string& id : ids) {
    RsvgRectangle ink{}, logical{};
    const std::string ref = "#" + id;
    if (!rsvg_api().get_geometry_for_layer(h, ref.c_str(), &viewport, &ink, &logical, nullptr))
      continue;
    g.elements[id] = {logical.x + g.view_box.x, logical.y + g.view_box.y, logical.width,
                      logical.height};
  }
  g_object_unref(h);
  return g;
}

}  // namespace placard
