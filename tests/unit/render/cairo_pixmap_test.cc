#include "render/cairo_pixmap.h"

#include <gtest/gtest.h>

#include "base/diagnostics.h"

namespace placard {
namespace {

TEST(CairoPixmap, DrawsIntoThePixmapsOwnBytes) {
  Pixmap pix = Pixmap::make(4, 3);
  cairo_t* cr = draw_into(pix);
  cairo_set_source_rgb(cr, 1, 0, 0);
  cairo_rectangle(cr, 1, 1, 2, 1);
  cairo_fill(cr);
  finish_drawing(cr, "test");
  EXPECT_EQ(pix.rgba(1, 1), (Rgba{255, 0, 0, 255}));
  EXPECT_EQ(pix.rgba(2, 1), (Rgba{255, 0, 0, 255}));
  EXPECT_EQ(pix.rgba(0, 1), (Rgba{0, 0, 0, 0}));  // outside: untouched
  EXPECT_EQ(pix.rgba(1, 2), (Rgba{0, 0, 0, 0}));
}

TEST(CairoPixmap, HonoursAPaddedStride) {
  Pixmap pix = Pixmap::make(2, 2);
  pix.stride = 16;
  pix.data.assign(32, 0);
  cairo_t* cr = draw_into(pix);
  cairo_set_source_rgb(cr, 0, 0, 1);
  cairo_rectangle(cr, 0, 1, 1, 1);
  cairo_fill(cr);
  finish_drawing(cr, "test");
  EXPECT_EQ(pix.rgba(0, 1), (Rgba{0, 0, 255, 255}));
  EXPECT_EQ(pix.rgba(0, 0), (Rgba{0, 0, 0, 0}));
}

TEST(CairoPixmap, AFailedDrawingCallFailsAtTheEnd) {
  Pixmap pix = Pixmap::make(2, 2);
  cairo_t* cr = draw_into(pix);
  cairo_restore(cr);  // no matching save: Cairo's status becomes an error
  try {
    finish_drawing(cr, "the contact sheet");
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::io);
    EXPECT_EQ(e.diagnostic().message, std::string("drawing the contact sheet failed: ") +
                                          cairo_status_to_string(CAIRO_STATUS_INVALID_RESTORE));
  }
}

}  // namespace
}  // namespace placard
