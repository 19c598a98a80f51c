#include "cli/draw_proof.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "render/cairo_pixmap.h"
#include "text/pango_text.h"

namespace placard {

namespace {

constexpr int kCardHeight = 360;  // every card is scaled to this height
constexpr int kMargin = 48, kGap = 36, kLabel = 44, kRowTitle = 40, kHeader = 120;

TextBlock label_block(const std::string& s, double size, int weight, Color color,
                      double width_hint = 0) {
  (void)width_hint;
  TextBlock b;
  b.field = "label";
  b.text.spans.push_back({s, false, false});
  b.style.font = {"Inter", weight, false, "", false, false};
  b.style.size_min = b.style.size_max = size;
  b.style.color = color;
  b.style.balance = false;
  return b;
}

int cell_width(const ProofCell& c) {
  return static_cast<int>(std::lround(double(c.width) * kCardHeight / c.height));
}

}  // namespace

Pixmap draw_proof_sheet(const std::string& title, const std::string& subtitle,
                        const std::vector<ProofRow>& rows, PangoText& text) {
  int width = 0;
  for (const ProofRow& r : rows) {
    int w = 2 * kMargin;
    for (size_t i = 0; i < r.cells.size(); ++i) w += cell_width(r.cells[i]) + (i ? kGap : 0);
    width = std::max(width, w);
  }
  const int height =
      kHeader + int(rows.size()) * (kRowTitle + kCardHeight + kLabel + kGap) + kMargin;
  Pixmap sheet = Pixmap::make(width, height);
  cairo_t* cr = draw_into(sheet);
  cairo_set_source_rgb(cr, 0.925, 0.925, 0.935);
  cairo_paint(cr);

  const Color dark{0.12, 0.12, 0.16, 1}, grey{0.38, 0.38, 0.44, 1}, red{0.75, 0.1, 0.1, 1};
  text.draw(cr, label_block(title, 34, 700, dark), 34, width - 2 * kMargin, kMargin, 36);
  text.draw(cr, label_block(subtitle, 20, 400, grey), 20, width - 2 * kMargin, kMargin, 82);

  int y = kHeader;
  for (const ProofRow& row : rows) {
    text.draw(cr, label_block(row.title, 20, 600, dark), 20, width - 2 * kMargin, kMargin, y + 6);
    y += kRowTitle;
    int x = kMargin;
    for (const ProofCell& c : row.cells) {
      const int w = cell_width(c);
      // A soft shadow, then the card (or its error).
      cairo_set_source_rgba(cr, 0, 0, 0, 0.08);
      cairo_rectangle(cr, x + 2, y + 3, w, kCardHeight);
      cairo_fill(cr);
      if (!c.pixels.data.empty()) {
        cairo_surface_t* src = cairo_image_surface_create_for_data(
            const_cast<unsigned char*>(c.pixels.data.data()), CAIRO_FORMAT_ARGB32, c.pixels.width,
            c.pixels.height, c.pixels.stride);
        cairo_save(cr);
        cairo_rectangle(cr, x, y, w, kCardHeight);
        cairo_clip(cr);
        cairo_translate(cr, x, y);
        cairo_scale(cr, double(w) / c.pixels.width, double(kCardHeight) / c.pixels.height);
        cairo_set_source_surface(cr, src, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_surface_destroy(src);
      } else {
        cairo_set_source_rgb(cr, 1, 0.94, 0.94);
        cairo_rectangle(cr, x, y, w, kCardHeight);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, red.r, red.g, red.b);
        cairo_set_line_width(cr, 3);
        cairo_rectangle(cr, x + 1.5, y + 1.5, w - 3, kCardHeight - 3);
        cairo_stroke(cr);
        cairo_save(cr);
        cairo_rectangle(cr, x, y, w, kCardHeight);
        cairo_clip(cr);
        text.draw(cr, label_block(c.error, 13, 400, red), 13, w - 24, x + 12, y + 12);
        cairo_restore(cr);
      }
      text.draw(cr, label_block(c.label, 17, 600, c.pixels.data.empty() ? red : grey), 17, w, x,
                y + kCardHeight + 12);
      x += w + kGap;
    }
    y += kCardHeight + kLabel + kGap;
  }

  finish_drawing(cr, "the contact sheet");
  return sheet;
}

}  // namespace placard
