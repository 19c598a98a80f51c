// Templates: a layout (where things go, as data from layouts/*.yaml) and a
// brand (colours, fonts, logo, footer). Both are plain data; build_card()
// combines them with content and a size into a Card.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/content.h"
#include "layout/sizes.h"
#include "model/card.h"
#include "model/font_set.h"

namespace placard {

struct BrandFont {
  // A bundled family, or (once the brand's fonts are loaded) the family
  // its own `file` is registered under.
  std::string family;
  int weight = 400;
  // The brand's own font files (absolute paths), or "".
  std::string file, italic;
  // Variable axes set as written, in order: width → wdth, slant → slnt,
  // opsz, and any four-letter tag. `weight` is the wght axis.
  std::vector<std::pair<std::string, double>> axes;
  std::map<std::string, SourceLoc> locs;  // "family", "file", "italic", "weight", each axis tag
  // Filled when the files are loaded (render/brand_fonts.cc).
  std::string label;  // the file's own family name
  bool wght_axis = false, opsz_axis = false;
  std::string fixed_axes;  // "wdth=92,opsz=20": the axes set to one value
};

// `fonts: scripts: arabic: {file: …}` or `{family: …}`.
struct BrandScript {
  std::string name;    // as written: a script of typesetting/scripts.yaml or an ISO 15924 code
  std::string family;  // bundled family, or the registered family of `file`
  std::string file;    // absolute path, or ""
  std::string label;   // the file's own family name
  SourceLoc loc, file_loc;
};

// One font file of a brand as loading it found it: what the report line
// says, as fields (the preview's detail view lists them).
struct BrandFontFile {
  std::string role;    // "display", "text italic", "script arabic"
  std::string file;    // relative to the brand's folder, as brand.yaml writes it
  std::string family;  // the font's own family name, and its style
  std::string style;
  std::string format;       // "WOFF2", "OpenType (CFF)", …
  std::string axes;         // "opsz 14–32, wght 100–900", or "none"
  std::string instance;     // what the brand sets: "wght 780, opsz follows the size", or "static"
  std::string licence;      // the name table's licence description, or ""
  bool restricted = false;  // fsType forbids embedding
};

// What loading a brand's fonts found: one line per file for the report, the
// same as fields, and warnings (a restricted licence) with the brand file's
// place.
struct BrandFontReport {
  std::vector<std::string> lines;
  std::vector<BrandFontFile> files;
  std::vector<Diagnostic> warnings;
  double load_ms = 0;  // reading and checking the files, at resolve time
};

struct Brand {
  std::string name;
  std::string path;
  // Roles: paper, ink, accent, primary, muted, and on_accent, on_primary
  // (text on those fills; derived by contrast when the brand gives none).
  std::map<std::string, Color> colors;
  std::map<std::string, BrandFont> fonts;           // roles: display, text
  std::string logo;                                 // absolute path, or "" for none
  std::string photo;                                // absolute path, or "" for none
  double photo_focus_x = 0.5, photo_focus_y = 0.5;  // the photo's focal point
  std::string footer;
  std::map<std::string, SourceLoc> font_locs;  // where each font role's family is set
  std::vector<BrandScript> scripts;            // the brand's faces for scripts
  // The brand's own fonts as the text engine loads them (empty: the bundled
  // fonts only), and what loading them reported.
  BrandFontSet font_set;
  BrandFontReport font_report;
};

// A box in fractions of its area: the canvas, or the safe area (default).
// Each side may add px (on a 1080x1080 canvas, scaled like type): a value
// written "24px" is px only, "8%" or 0.08 a fraction.
struct BoxSpec {
  double x = 0, y = 0, w = 1, h = 1;
  bool canvas = false;
  double px_x = 0, px_y = 0, px_w = 0, px_h = 0;
};

// A fill: one colour, or a linear or radial gradient over the element's box.
// Colours are brand roles or #rrggbb[aa]; opacity multiplies their alpha.
struct PaintSpec {
  struct Stop {
    double at = 0;
    std::string color;
    double opacity = 1;
  };
  std::string color;  // solid fill; "" with no gradient = nothing
  double opacity = 1;
  enum class Gradient { none, linear, radial } gradient = Gradient::none;
  double angle = 180;         // linear, CSS degrees: 0 up, 90 right, 180 down
  double cx = 0.5, cy = 0.5;  // radial centre, fractions of the box
  double radius = 1;          // radial, fraction of the distance to the farthest corner
  std::vector<Stop> stops;
  SourceLoc loc;
  bool empty() const { return color.empty() && gradient == Gradient::none; }
};

// How one field's text is set. Lengths are px on a 1080x1080 canvas and scale
// with the square root of the canvas area.
struct TextSpec {
  std::string field;  // bound field, or "" for literal text
  // The field is a supporter's (a name the campaign's `personalize.fields`
  // declares), not one of the card's: drawn only on a personal card.
  bool supporter = false;
  std::string literal;  // fixed text such as a quotation mark; may hold
                        // {field} placeholders for a supporter's values
  // `text: [form, form, ...]`: the forms after the first, each tried in turn
  // when a placeholder of the one before has no value.
  std::vector<std::string> fallbacks;
  std::string font = "text";  // brand font role
  int weight = 0;             // 0 = the brand font's weight
  bool italic = false;
  double size_min = 24, size_max = 24;
  double line_height = 1.2;
  double tracking = 0;  // em
  // em, for a text set all in capitals; unset: typesetting/tracking.yaml's rule
  std::optional<double> caps_tracking;
  bool uppercase = false;
  std::string color = "ink";  // brand role or #rrggbb
  Align align = Align::start;
  int max_lines = 0;
  bool balance = true;
  std::string strong_color;  // "" = same as color
  int strong_weight = 0;     // 0 = keep the weight
  std::string em_color;
  std::string mark_color;       // highlight fill; "" = accent
  std::string mark_text_color;  // text on the highlight; "" = paper
  bool hyphenate = true;
  std::string features;   // OpenType features, e.g. "ss01, tnum"
  double gap_before = 0;  // px between stacked fields
  SourceLoc loc;
};

// A field bound to an element of an SVG template: its box in the SVG's user
// units (the viewBox coordinate system) and the style to set it in.
struct SvgField {
  std::string id;                     // the element's id, as written
  double x = 0, y = 0, w = 0, h = 0;  // user units
  TextSpec text;                      // sizes in user units
  VAlign valign = VAlign::top;
};

enum class ElementType { rect, text, stack, image, line, svg };

// "anchor: {to: main, edge: top, gap: 18px}": the element's place in y comes
// from a text element's lines once the text is laid out: with edge top its
// bottom sits `gap` above the ink of the first line, with edge bottom its top
// sits `gap` below the ink of the last line. It keeps x, width and height
// from its box. `to` may list several elements: the first the card has (the
// others' `when` may leave them out) is followed; with none, the box stands.
// Another element of the same layout, named where it was written.
struct ElementRef {
  std::string name;
  SourceLoc loc;
};

struct AnchorSpec {
  using Target = ElementRef;
  std::vector<Target> to;      // empty = not anchored
  bool bottom = false;         // edge: bottom
  double gap = 0, px_gap = 0;  // a fraction of the area's height, and px
  SourceLoc loc;
};

struct ElementSpec {
  std::string name;
  ElementType type = ElementType::rect;
  BoxSpec box;
  std::vector<CardKind> when;  // empty = every kind
  AnchorSpec anchor;           // placed against a text element's lines
  // "with: [attribution]": drawn only on a card where one of these text,
  // stack or image elements shows something, so that a decoration (the
  // rule beside an attribution) goes when what it decorates is empty.
  std::vector<ElementRef> with;
  bool hidden = false;  // drawn only where an override sets hidden: false
  // Must be seen whole on every platform of the size (the platform check
  // holds it to their uncovered, uncropped area, as it does text and logos).
  bool important = false;
  // `role: decoration`: yields to text, moving up to `move` px or shrinking
  // to `scale`, else knocked out around the glyphs (docs/layouts.md).
  Decoration decoration;
  // rect (and the tint over an image)
  PaintSpec fill;
  double radius = 0;
  // line: from box.x/box.y to `to`.x/.y, `stroke` px wide
  BoxSpec to;
  double stroke = 2;
  std::string stroke_color = "accent";
  LineItem::Cap cap = LineItem::Cap::butt;
  std::vector<double> dash;
  // text and stack: one spec for a text frame, several for a stack
  std::vector<TextSpec> texts;
  VAlign valign = VAlign::top;
  // image and svg
  std::string source;  // "logo", "photo", "supporter" or a file path
  // `source: supporter` without a supporter's photo (the batch, the page's
  // og image): "photo" shows the brand's or layout's photo (nothing when
  // there is none), "none" leaves the slot empty.
  std::string fallback = "photo";
  std::string source_path;  // the file it resolved to ("" = the brand's logo/photo)
  Align halign = Align::start;
  ImageFit fit = ImageFit::contain;
  double focus_x = 0.5, focus_y = 0.5;
  bool focus_set = false;  // else the photo's own focal point
  double opacity = 1;
  PaintSpec tint;  // drawn over the image, inside its box
  // svg: text frames bound to the template's field elements
  std::vector<SvgField> svg_fields;
  double view_x = 0, view_y = 0, view_w = 0, view_h = 0;  // the SVG's viewBox
  SourceLoc loc;
};

// What a failing contrast check does.
enum class ContrastPolicy { error, warn };

struct Layout {
  std::string name;
  std::string description;
  std::string path;
  std::string background = "paper";
  bool mirror_rtl = true;  // right-to-left cards flip boxes left to right
  std::string photo;       // default background photo (absolute path), or ""
  double photo_focus_x = 0.5, photo_focus_y = 0.5;
  ContrastPolicy contrast = ContrastPolicy::error;
  BreakCosts breaking;  // typesetting/breaking.yaml with the layout's `breaking:`
  // `safe_area:` a layout's own safe zone for a size or orientation, as
  // margins (fractions of the canvas) instead of the one that clears its
  // platforms: the platform check then reports what their interfaces cover.
  struct SafeMargins {
    double left = 0, top = 0, right = 0, bottom = 0;
  };
  std::map<std::string, SafeMargins> safe_areas;  // size name or orientation name
  // Elements resolved for each orientation (overrides applied).
  std::array<std::vector<ElementSpec>, 4> elements;
  // Elements for preset sizes that have overrides of their own ("og", "x", ...).
  std::map<std::string, std::vector<ElementSpec>> by_size;
  const std::vector<ElementSpec>& for_orientation(Orientation o) const {
    return elements[static_cast<size_t>(o)];
  }
  const std::vector<ElementSpec>& for_size(const SizePreset& size) const {
    auto it = by_size.find(size.name);
    if (it != by_size.end()) return it->second;
    return for_orientation(orientation_of(size.width, size.height));
  }
};

}  // namespace placard
