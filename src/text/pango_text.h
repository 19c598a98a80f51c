// The only Pango code: turns a TextBlock at a font size and wrap width into a
// PangoLayout, measures it, and draws it. Text is always literal (attributes
// are built from spans; Pango markup is never parsed).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/card.h"
#include "text/shaped_text.h"

typedef struct _cairo cairo_t;
typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;
typedef struct _PangoAttrList PangoAttrList;

namespace placard {

class Fonts;

// A character of a brand's card that a font of the fallback chain drew.
struct FallbackChar {
  std::string character;  // UTF-8
  unsigned code = 0;      // its code point
  std::string font;       // the family that drew it
  bool operator==(const FallbackChar&) const = default;
  // "'ñ' (U+00F1) is not in the brand's fonts; drawn with fallback 'Noto Sans'"
  std::string text() const;
};

struct TextMeasure {
  int lines = 0;
  double width = 0;   // widest line, logical px
  double height = 0;  // all lines, logical px
  Rect ink;           // inked area, relative to the layout's origin
  std::vector<double> line_widths;
  std::vector<Rect> line_boxes;   // each line's logical box, relative to the layout's origin
  std::vector<Rect> line_inks;    // each line's inked area, relative to the layout's origin
  std::vector<double> baselines;  // each line's baseline y, relative to the layout's origin
  std::vector<int> line_words;    // words (or parts of words) on each line
  // Each line's text as drawn, in reading order: any hyphen added where a
  // word is broken included, invisible break aids and bidi marks left out.
  std::vector<std::string> line_texts;
  int hyphens = 0;   // lines ending in a hyphen added at a soft hyphen
  bool rtl = false;  // the paragraph's base direction
  // How far the first line's opening quotation mark hangs outside the
  // block's flush start edge (px; 0: none). `width` and the boxes include
  // it: the lines' edge is `hang` in from the layout's on that side.
  double hang = 0;
  std::string missing;  // characters no font could draw
  // With a brand's own fonts only (empty otherwise): each face the text is
  // set in, as "family · file · instance", in order of first use; and each
  // character a font of the fallback chain drew.
  std::vector<std::string> faces;
  std::vector<FallbackChar> fallbacks;
  // Blocks holding a supporter's value: each line's runs of one bidi level,
  // left to right as drawn (isolate marks and edge spaces dropped), so a
  // test can see that a name never reorders the sentence around it.
  std::vector<std::vector<std::string>> visual_runs;
};

// What fitting needs from a text engine; tests can supply a fake.
class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  // The block set at `size`, wrapped at `width`. Text holding U+2028 LINE
  // SEPARATOR breaks there and nowhere else (the width then only aligns).
  virtual TextMeasure measure(const TextBlock& block, double size, double width) = 0;
  // The block shaped once on one line at `size`, for line breaking.
  virtual ShapedText shape(const TextBlock& block, double size) = 0;
};

class PangoText : public TextMeasurer {
 public:
  // `fonts` must outlive this object; it may load more fonts on demand.
  PangoText(Fonts& fonts, const std::string& lang);
  ~PangoText() override;
  PangoText(const PangoText&) = delete;
  PangoText& operator=(const PangoText&) = delete;

  TextMeasure measure(const TextBlock& block, double size, double width) override;
  ShapedText shape(const TextBlock& block, double size) override;
  // The ink of each character of the block as laid out (top-left origin,
  // px), for tests that compare glyph sizes across scripts.
  std::vector<Rect> char_ink(const TextBlock& block, double size, double width);
  // Ink height above the baseline of `sample` in `family` (the median over
  // its characters), in em: how the script metrics are measured.
  double ink_height_em(const std::string& family, int weight, const std::string& sample);
  // Draws the block with its top-left at (x, y): highlights, then glyphs.
  // `opaque` draws the block's own colour at full alpha (a coverage mask).
  void draw(cairo_t* cr, const TextBlock& block, double size, double width, double x, double y,
            bool opaque = false);
  // Drops the layouts kept for reuse (and so their fonts).
  void forget_layouts() { recent_.clear(); }

 private:
  struct LayoutDeleter {
    void operator()(PangoLayout* l) const;
  };
  using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;
  LayoutPtr make_layout(const TextBlock& block, double size, double width);
  // The layout of the block at this size and width (at its base size, see
  // base_size), shaped once: fitting measures each block at its final size
  // last, and drawing (the contrast mask, then the card) asks for those
  // same layouts again. Valid until the next call.
  PangoLayout* layout_for(const TextBlock& block, double size, double width);
  // Layouts are made at the block's largest size and scaled to the size
  // asked for. Outlines are unhinted and positions unrounded, so a layout
  // scales exactly; and its fonts are those shaping used, with the glyph
  // extents they have measured already, instead of a new font (whose every
  // glyph would be measured again) at each size fitting settles on.
  static double base_size(const TextBlock& block, double size);

  struct Recent {
    RichText text;
    TextStyle style;  // with colour cleared: the colour is not in the layout
    double size = 0, width = 0;
    LayoutPtr layout;
  };
  // The optical-size scale and line height of each non-Latin script run
  // in the block's text, as attributes.
  void add_script_attrs(PangoAttrList* attrs, const std::string& text, const TextBlock& block,
                        double size);
  // Fills m.faces and m.fallbacks (a brand's font set only): a face of the
  // block's `family` or one of the brand's is the brand's, any other a fallback.
  void brand_faces(PangoLayout* layout, const std::string& family, TextMeasure& m) const;
  // The advance of the hyphen drawn where a word is broken.
  double hyphen_width(const TextBlock& block, double size);
  // ascent + descent of a family, in em.
  double line_em(const std::string& family, int weight, bool italic);

  Fonts& fonts_;
  std::string lang_;
  std::vector<std::pair<std::string, double>> em_cache_;  // "family/weight/style/what" → em
  // The hyphen's advance per style (colour aside) at one size; few styles
  // per run, so a list.
  std::vector<std::pair<TextStyle, double>> hyphen_em_;
  PangoContext* context_ = nullptr;  // the paragraph's direction from its first strong letter
  // The paragraph's direction set: left to right, right to left. A layout
  // follows its context's settings whenever they change, so each direction
  // has its own context instead of one context changed per layout.
  PangoContext* directed_[2] = {nullptr, nullptr};
  std::vector<Recent> recent_;  // oldest first
};

}  // namespace placard
