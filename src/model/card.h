// The Card model: one card at one size with every default resolved, in pixels.
// Standard library only: no Pango, no Cairo. build_card() makes it; the layout
// and draw stages only read it.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/diagnostics.h"
#include "content/content.h"

namespace placard {

struct Color {
  double r = 0, g = 0, b = 0, a = 1;  // 0..1, not premultiplied
  bool operator==(const Color&) const = default;
};

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
  bool operator==(const Rect&) const = default;
};

enum class Align { start, center, end };  // start = left for LTR, right for RTL
enum class VAlign { top, center, bottom };

struct FontSpec {
  std::string family;
  int weight = 400;  // CSS weights: 400 regular, 700 bold, 800 extra bold
  bool italic = false;
  // A brand's variable font: the axes it fixes ("wdth=92,GRAD=50"), and
  // whether weight moves along its wght axis and its optical size follows
  // the type's pixel size (opsz). All empty for a static or bundled font.
  std::string axes;
  bool wght_axis = false, opsz_axis = false;
  bool operator==(const FontSpec&) const = default;
};

struct TextStyle {
  FontSpec font;
  double size_min = 16, size_max = 16;  // px; auto-fit picks within
  double line_height = 1.2;             // multiple of the font size
  double tracking = 0;                  // letter spacing, in em
  std::optional<double> caps_tracking;  // the same for a text all in capitals (text/tracking.h)
  bool uppercase = false;
  Color color;
  Align align = Align::start;
  int max_lines = 0;      // 0 = no limit
  bool balance = true;    // narrowest width keeping the line count,
                          // and no one-word last line
  bool hyphenate = true;  // may add hyphens and URL breaks to fit
  std::string features;   // OpenType features, e.g. "ss01, tnum"
  // An opening quotation mark at a flush start edge is set outside it
  // (fitting turns this off where the room beside the box is too narrow).
  bool hang_punctuation = true;
  bool rtl = false;  // the card reads right to left
  std::string lang;  // language, for shaping and hyphenation
  // How inline emphasis is drawn.
  Color strong_color;
  int strong_weight = 700;
  Color em_color;
  bool em_italic = true;
  Color mark_color;  // highlight behind ==marked== text
  Color mark_text_color;
  bool operator==(const TextStyle&) const = default;
};

// What each kind of bad break costs when a block's lines are chosen, and how
// far below the largest size that fits fitting looks for better lines.
// The values come from typesetting/breaking.yaml, with a layout's own
// `breaking:` changes; text/line_break.cc gives the reason for each weight.
struct BreakCosts {
  double ragged = 0;      // per line: squared distance from the mean line
  double last_line = 0;   // the same, for a last line shorter than the mean
  double short_line = 0;  // a line shorter than short_ratio of the mean
  double short_ratio = 0;
  double stub = 0;  // one word alone, shorter than stub_ratio of the mean
  double stub_ratio = 0;
  double short_word_end = 0;  // a line ending in a short word ("a", "the", "de")
  double hyphen = 0;          // a dictionary hyphen
  double syllable_hyphen =
      0;                 // more for one inside a compound's part, where the dictionary knows them
  double url_break = 0;  // a break inside a URL or long token
  double grapheme_break = 0;  // a word cut where the dictionary has no hyphen
  double extra_line = 0;      // each line beyond the fewest
  double size_drop = 0;       // setting the text size_range below the largest size that fits
  double size_range = 0;      // fraction of the size
  double min_ratio = 0;       // shortest line against the longest that is acceptable
  double under_min = 0;       // a line shorter than that
  double rescue_range = 0;    // how far below the largest size fitting looks for that
  double hyphen_gain = 0;     // hyphens are taken when they set the text this much larger
  double size_budget = 0;     // the most of the largest fitting size given up for better lines
  bool operator==(const BreakCosts&) const = default;
};

// One field's text inside a frame.
struct TextBlock {
  std::string field;  // "kicker", "headline", "body", "attribution", "footer", ...
  RichText text;
  bool supporter = false;  // the text holds a supporter's value (isolated runs)
  // Its lines were chosen by fitting (broken at line separators, or one
  // line): the text engine sets them as they are and never wraps them.
  bool set_lines = false;
  TextStyle style;
  double gap_before = 0;  // px between this block and the previous non-empty one
};

// A box holding one or more text blocks stacked top to bottom; the blocks are
// fitted together so they scale as one.
struct TextFrame {
  std::string name;
  Rect box;
  VAlign valign = VAlign::top;
  std::vector<TextBlock> blocks;
  SourceLoc loc;  // the layout element it came from, for contrast errors
  bool check_contrast = true;
  BreakCosts costs;  // how its lines are chosen
  // Where its ink may reach: the safe area. The lines' logical boxes stay in
  // `box`; an italic's overhang at a line's end may hang past it into here.
  // Empty: ink stays in the box.
  Rect ink_area;
};

struct GradientStop {
  double at = 0;  // 0..1 along the gradient
  Color color;
  bool operator==(const GradientStop&) const = default;
};

// A linear gradient runs from (x0, y0) to (x1, y1); a radial one spreads from
// the centre (x0, y0) out to `radius`. Canvas pixels.
struct Gradient {
  enum class Kind { none, linear, radial };
  Kind kind = Kind::none;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double radius = 0;
  std::vector<GradientStop> stops;
};

// A layout element marked `role: decoration` (a ring, a bar, a rule) yields
// to text: it moves up to `move` px, or shrinks to `scale` of its size about
// its centre, to clear the ink of every text; what still overlaps is not
// drawn within a margin of the glyphs (render/decoration.cc).
struct Decoration {
  bool on = false;
  double move = 0;   // px, any direction
  double scale = 1;  // the smallest scale it may take, 0..1
  bool operator==(const Decoration&) const = default;
};

struct ShapeItem {
  Rect box;
  Decoration decoration;
  Color fill;
  double radius = 0;
  Gradient gradient;  // painted instead of `fill` when its kind is not none
};

// A straight stroke between two canvas points.
struct LineItem {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  Decoration decoration;
  double width = 1;  // px
  Color color;
  enum class Cap { butt, round, square };
  Cap cap = Cap::butt;
  std::vector<double> dash;  // px on, px off, ...; empty = solid
};

// How an image fills its box: inside it whole (contain), covering it and
// cropped around a focal point (cover), or stretched to it (fill).
enum class ImageFit { contain, cover, fill };

struct ImageItem {
  Rect box;
  Decoration decoration;
  std::string path;    // PNG, JPEG, WebP or SVG file
  bool photo = false;  // a photograph (the brand's or layout's photo, or a JPEG or
                       // WebP file): `format: auto` makes such a card a JPEG
  Align halign = Align::start;
  VAlign valign = VAlign::center;
  ImageFit fit = ImageFit::contain;
  double focus_x = 0.5, focus_y = 0.5;  // cover: the point kept in view, 0..1
  double zoom = 1;  // cover: the image this many times the size that just covers the box (>= 1)
  double opacity = 1;
  double radius = 0;                  // rounded corners, px
  std::vector<std::string> hide_ids;  // SVG elements not drawn (template fields)
  // The supporter's photo of a personal card (`path` is then ""): handed to
  // drawing with the request, never loaded into the image cache.
  bool supporter = false;
};

using CardItem = std::variant<ShapeItem, TextFrame, ImageItem, LineItem>;

// An element that follows a text frame's lines: once the text is laid out,
// its items move up or down (never sideways) so that they end `gap` above
// the ink of the frame's first line, or start `gap` below that of its last.
struct Anchor {
  std::string element;        // the layout element, for dumps and messages
  std::vector<size_t> items;  // its items in Card::items (an image and its tint)
  size_t target = 0;          // the TextFrame item in Card::items it follows
  bool bottom = false;        // below the last line, else above the first
  double gap = 0;             // px between the element and the line's ink
  SourceLoc loc;              // the anchor in the layout file
};

// A layout element the platform check holds to what each platform shows,
// besides text (whose ink is always checked): the logo, and any element
// marked `important: true`.
struct KeptElement {
  std::string element;        // its name in the layout
  std::vector<size_t> items;  // its items in Card::items
  SourceLoc loc;
};

struct Card {
  std::string id;
  CardKind kind = CardKind::statement;
  std::string size_name;  // preset name or "WxH"
  int width = 0, height = 0;
  Rect safe;  // where text may go (the story safe zone, else the canvas)
  Color background;
  std::vector<CardItem> items;    // painted in order
  std::vector<Anchor> anchors;    // each after the anchor of the frame it follows, if any
  std::vector<KeptElement> kept;  // the logo and important elements
  std::string lang;               // BCP 47 tag, "" = undetermined
  bool rtl = false;               // right to left: boxes mirrored, text set from the right
  std::string title;              // PNG Title
  std::string alt;                // alt text for screen readers
  SourceLoc loc;                  // where the card came from
};

}  // namespace placard
