// Templates: a layout (where things go, as data from layouts/*.yaml) and a
// brand (colours, fonts, logo, footer). Both are plain data; build_card()
// combines them with content and a size into a Card.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "card.h"
#include "content.h"
#include "sizes.h"

namespace placard {

struct BrandFont {
  std::string family;
  int weight = 400;
};

struct Brand {
  std::string name;
  std::string path;
  std::map<std::string, Color> colors;     // roles: paper, ink, accent, primary, muted
  std::map<std::string, BrandFont> fonts;  // roles: display, text
  std::string logo;                        // absolute path, or "" for none
  std::string footer;
};

// A box in fractions of its area: the canvas, or the safe area (default).
struct BoxSpec {
  double x = 0, y = 0, w = 1, h = 1;
  bool canvas = false;
};

// How one field's text is set. Lengths are px on a 1080x1080 canvas and scale
// with the square root of the canvas area.
struct TextSpec {
  std::string field;         // bound field, or "" for literal text
  std::string literal;       // fixed text such as a quotation mark
  std::string font = "text"; // brand font role
  int weight = 0;            // 0 = the brand font's weight
  bool italic = false;
  double size_min = 24, size_max = 24;
  double line_height = 1.2;
  double tracking = 0;       // em
  bool uppercase = false;
  std::string color = "ink"; // brand role or #rrggbb
  Align align = Align::start;
  int max_lines = 0;
  bool balance = true;
  std::string strong_color;  // "" = same as color
  int strong_weight = 0;     // 0 = keep the weight
  std::string em_color;
  std::string mark_color;      // highlight fill; "" = accent
  std::string mark_text_color; // text on the highlight; "" = paper
  bool hyphenate = true;
  std::string features;        // OpenType features, e.g. "ss01, tnum"
  double gap_before = 0;     // px between stacked fields
  SourceLoc loc;
};

enum class ElementType { rect, text, stack, image };

struct ElementSpec {
  std::string name;
  ElementType type = ElementType::rect;
  BoxSpec box;
  std::vector<CardKind> when;  // empty = every kind
  // rect
  std::string fill = "accent";
  double radius = 0;
  // text and stack: one spec for a text frame, several for a stack
  std::vector<TextSpec> texts;
  VAlign valign = VAlign::top;
  // image
  std::string source;          // "logo" or a file path
  Align halign = Align::start;
  SourceLoc loc;
};

struct Layout {
  std::string name;
  std::string description;
  std::string path;
  std::string background = "paper";
  bool mirror_rtl = true;  // right-to-left cards flip boxes left to right
  // Elements resolved for each orientation (overrides applied).
  std::array<std::vector<ElementSpec>, 4> elements;
  const std::vector<ElementSpec>& for_orientation(Orientation o) const {
    return elements[static_cast<size_t>(o)];
  }
};

}  // namespace placard
