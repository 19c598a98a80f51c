// The only Pango code: turns a TextBlock at a font size and wrap width into a
// PangoLayout, measures it, and draws it. Text is always literal (attributes
// are built from spans; Pango markup is never parsed).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "card.h"

typedef struct _cairo cairo_t;
typedef struct _PangoContext PangoContext;

namespace placard {

class Fonts;

struct TextMeasure {
  int lines = 0;
  double width = 0;   // widest line, logical px
  double height = 0;  // all lines, logical px
  Rect ink;           // inked area, relative to the layout's origin
  std::vector<double> line_widths;
  std::vector<int> line_words;  // words on each line
  bool rtl = false;   // the paragraph's base direction
  std::string missing;  // characters no bundled font could draw
};

// What fitting needs from a text engine; tests can supply a fake.
class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  virtual TextMeasure measure(const TextBlock& block, double size, double width) = 0;
};

class PangoText : public TextMeasurer {
 public:
  PangoText(const Fonts& fonts, const std::string& lang);
  ~PangoText() override;
  PangoText(const PangoText&) = delete;
  PangoText& operator=(const PangoText&) = delete;

  TextMeasure measure(const TextBlock& block, double size, double width) override;
  // Draws the block with its top-left at (x, y).
  void draw(cairo_t* cr, const TextBlock& block, double size, double width, double x,
            double y);

 private:
  PangoContext* context_ = nullptr;
};

}  // namespace placard
