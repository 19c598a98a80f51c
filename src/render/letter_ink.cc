#include "render/letter_ink.h"

#include "image/pixmap.h"
#include "render/cairo_pixmap.h"
#include "text/pango_text.h"

namespace placard {

AlphaMap draw_letter_alpha(PangoText& text, const FontSpec& face, const std::string& lang,
                           const std::string& utf8, double size, double side, const char* what) {
  TextBlock b;
  b.field = "headline";
  b.text.spans.push_back({utf8, false, false, false});
  b.style.font = face;
  b.style.line_height = 1.2;
  b.style.hyphenate = false;
  b.style.balance = false;
  b.style.lang = lang;
  b.style.color = {0, 0, 0, 1};
  const int px = static_cast<int>(size * side);
  Pixmap pix = Pixmap::make(px, px);
  cairo_t* cr = draw_into(pix);
  text.draw(cr, b, size, 0, size * 0.5, size * 0.5, true);
  finish_drawing(cr, what);
  AlphaMap out{px, px, std::vector<uint8_t>(static_cast<size_t>(px) * px)};
  for (int y = 0; y < px; ++y)
    for (int x = 0; x < px; ++x) out.a[static_cast<size_t>(y) * px + x] = pix.row(y)[4 * x + 3];
  return out;
}

}  // namespace placard
