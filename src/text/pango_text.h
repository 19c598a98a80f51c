// The only Pango code: turns a TextBlock at a font size and wrap width into a
// PangoLayout, measures it, and draws it. Text is always literal (attributes
// are built from spans; Pango markup is never parsed).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/card.h"

typedef struct _cairo cairo_t;
typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;

namespace placard {

class Fonts;

struct TextMeasure {
  int lines = 0;
  double width = 0;   // widest line, logical px
  double height = 0;  // all lines, logical px
  Rect ink;           // inked area, relative to the layout's origin
  std::vector<double> line_widths;
  std::vector<Rect> line_boxes;   // each line's logical box, relative to the layout's origin
  std::vector<double> baselines;  // each line's baseline y, relative to the layout's origin
  std::vector<int> line_words;  // words (or parts of words) on each line
  int hyphens = 0;    // lines ending in a hyphen added at a soft hyphen
  bool rtl = false;   // the paragraph's base direction
  std::string missing;  // characters no font could draw
};

// What fitting needs from a text engine; tests can supply a fake.
class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  virtual TextMeasure measure(const TextBlock& block, double size, double width) = 0;
};

class PangoText : public TextMeasurer {
 public:
  // `fonts` must outlive this object; it may load more fonts on demand.
  PangoText(Fonts& fonts, const std::string& lang);
  ~PangoText() override;
  PangoText(const PangoText&) = delete;
  PangoText& operator=(const PangoText&) = delete;

  TextMeasure measure(const TextBlock& block, double size, double width) override;
  // Draws the block with its top-left at (x, y): highlights, then glyphs.
  // `opaque` draws the block's own colour at full alpha (a coverage mask).
  void draw(cairo_t* cr, const TextBlock& block, double size, double width, double x,
            double y, bool opaque = false);
  // Drops the layouts kept for reuse (and so their fonts).
  void forget_layouts() { recent_.clear(); }

 private:
  struct LayoutDeleter {
    void operator()(PangoLayout* l) const;
  };
  using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;
  LayoutPtr make_layout(const TextBlock& block, double size, double width);
  // The layout of the block at this size and width, shaped once: fitting
  // measures each block at its final size last, and drawing (the contrast
  // mask, then the card) asks for those same layouts again. Valid until the
  // next call.
  PangoLayout* layout_for(const TextBlock& block, double size, double width);

  struct Recent {
    RichText text;
    TextStyle style;  // with colour cleared: the colour is not in the layout
    double size = 0, width = 0;
    LayoutPtr layout;
  };
  Fonts& fonts_;
  std::string lang_;
  PangoContext* context_ = nullptr;
  std::vector<Recent> recent_;  // oldest first
};

}  // namespace placard
