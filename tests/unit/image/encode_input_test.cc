#include "image/encode_input.h"

#include <gtest/gtest.h>

#include <string>

#include "base/diagnostics.h"

namespace placard {
namespace {

// The message check_encodable fails with, or "" when the pixmap is accepted.
std::string refusal(const Pixmap& p, int max_side, const char* format) {
  try {
    check_encodable(p, max_side, format);
    return "";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::io);
    return e.diagnostic().message;
  }
}

TEST(EncodeInput, AcceptsAWholePixmapWithinTheSideLimit) {
  EXPECT_EQ(refusal(Pixmap::make(16, 9), 16, "JPEG"), "");
  Pixmap padded = Pixmap::make(4, 2);
  padded.stride = 20;
  padded.data.assign(40, 0);
  EXPECT_EQ(refusal(padded, 4, "PNG"), "");
}

TEST(EncodeInput, RefusesEmptyOversizedOrShortPixmaps) {
  EXPECT_EQ(refusal(Pixmap{}, 100, "PNG"), "cannot encode a 0x0 image with stride 0 as PNG");
  EXPECT_EQ(refusal(Pixmap::make(17, 9), 16, "WebP"),
            "cannot encode a 17x9 image with stride 68 as WebP");
  EXPECT_EQ(refusal(Pixmap::make(9, 17), 16, "JPEG"),
            "cannot encode a 9x17 image with stride 36 as JPEG");
  Pixmap narrow = Pixmap::make(4, 2);
  narrow.stride = 12;  // less than 4 bytes a pixel
  EXPECT_EQ(refusal(narrow, 100, "PNG"), "cannot encode a 4x2 image with stride 12 as PNG");
  Pixmap cut = Pixmap::make(4, 2);
  cut.data.pop_back();  // the last row is one byte short
  EXPECT_EQ(refusal(cut, 100, "PNG"), "cannot encode a 4x2 image with stride 16 as PNG");
}

TEST(EncodeInput, OpaqueOnlyWhenEveryAlphaIsFull) {
  Pixmap p = Pixmap::make(3, 2);
  EXPECT_FALSE(all_opaque(p));  // transparent
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 3; ++x) p.set_rgba(x, y, {10, 20, 30, 255});
  EXPECT_TRUE(all_opaque(p));
  p.set_rgba(2, 1, {10, 20, 30, 254});  // the last pixel
  EXPECT_FALSE(all_opaque(p));
  // Padding between rows is not pixels: its bytes do not count.
  Pixmap padded = Pixmap::make(1, 2);
  padded.stride = 8;
  padded.data.assign(16, 0);
  padded.set_rgba(0, 0, {1, 2, 3, 255});
  padded.set_rgba(0, 1, {1, 2, 3, 255});
  EXPECT_TRUE(all_opaque(padded));
}

}  // namespace
}  // namespace placard
