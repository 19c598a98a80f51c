#include "layout/rsvg_api.h"

#include <gtest/gtest.h>

#include <string>

namespace placard {
namespace {

// The loaded library answers through the table as the linked one did: the
// viewBox of a small drawing, and an element's place.
TEST(RsvgApi, MeasuresADrawingThroughTheLoadedLibrary) {
  const RsvgApi& rsvg = rsvg_api();
  EXPECT_EQ(&rsvg, &rsvg_api());  // loaded once
  const std::string svg =
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150">)"
      R"(<rect id="box" x="10" y="20" width="100" height="50"/></svg>)";
  GError* err = nullptr;
  RsvgHandle* h =
      rsvg.new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &err);
  ASSERT_NE(h, nullptr) << (err ? err->message : "");
  gboolean has_w = FALSE, has_h = FALSE, has_vb = FALSE;
  RsvgLength w{}, hh{};
  RsvgRectangle vb{};
  rsvg.get_intrinsic_dimensions(h, &has_w, &w, &has_h, &hh, &has_vb, &vb);
  EXPECT_TRUE(has_vb);
  EXPECT_EQ(vb.width, 300);
  EXPECT_EQ(vb.height, 150);
  const RsvgRectangle viewport{0, 0, 300, 150};
  RsvgRectangle ink{}, logical{};
  ASSERT_TRUE(rsvg.get_geometry_for_layer(h, "#box", &viewport, &ink, &logical, nullptr));
  EXPECT_EQ(logical.x, 10);
  EXPECT_EQ(logical.y, 20);
  EXPECT_EQ(logical.width, 100);
  g_object_unref(h);
}

TEST(RsvgApi, NotAnSvgIsAnErrorFromTheLibrary) {
  const std::string junk = "not an svg";
  GError* err = nullptr;
  RsvgHandle* h =
      rsvg_api().new_from_data(reinterpret_cast<const guint8*>(junk.data()), junk.size(), &err);
  EXPECT_EQ(h, nullptr);
  ASSERT_NE(err, nullptr);
  g_error_free(err);
}

}  // namespace
}  // namespace placard
