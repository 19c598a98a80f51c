#include "layout/layout_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <mutex>
#include <optional>

#include "base/file_io.h"
#include "base/resources.h"
#include "base/yaml_map.h"
#include "content/card_kind.h"
#include "layout/sizes.h"
#include "layout/svg_template.h"
#include "model/color.h"

namespace fs = std::filesystem;

namespace placard {

bool parse_hex_color(const std::string& s, Color& out) {
  if (s.empty() || s[0] != '#') return false;
  std::string h = s.substr(1);
  if (!std::all_of(h.begin(), h.end(), ::isxdigit)) return false;
  if (h.size() == 3) h = {h[0], h[0], h[1], h[1], h[2], h[2]};
  if (h.size() == 6) h += "ff";
  if (h.size() != 8) return false;
  auto byte = [&](int i) { return std::stoi(h.substr(i * 2, 2), nullptr, 16) / 255.0; };
  out = {byte(0), byte(1), byte(2), byte(3)};
  return true;
}

namespace {

const std::vector<std::string> kColorRoles = {"paper", "ink",       "accent",    "primary",
                                              "muted", "on_accent", "on_primary"};
const std::vector<std::string> kFields = {"kicker", "headline", "body",     "attribution",
                                          "footer", "number",   "campaign", "quote_mark"};

}  // namespace

bool is_card_field(const std::string& name) {
  return std::find(kFields.begin(), kFields.end(), name) != kFields.end();
}

namespace {

// A colour as a layout writes it: a brand role or #rrggbb[aa].
void check_color(const std::string& value, const SourceLoc& loc) {
  Color c;
  if (value.starts_with("#")) {
    if (parse_hex_color(value, c)) return;
    fail(loc, "bad colour '" + value + "'", {"write colours as #rrggbb or #rrggbbaa"});
  }
  if (std::find(kColorRoles.begin(), kColorRoles.end(), value) != kColorRoles.end()) return;
  auto hints = did_you_mean(value, kColorRoles);
  hints.push_back(
      "use a brand role (paper, ink, accent, primary, muted, on_accent, on_primary) "
      "or #rrggbb");
  fail(loc, "unknown colour '" + value + "'", hints);
}

std::string color_at(YamlMap& m, const std::string& key, const std::string& fallback) {
  std::string v = m.str(key, fallback);
  if (!v.empty()) check_color(v, m.has(key) ? m.loc_of(key) : m.loc());
  return v;
}

// One box coordinate: a fraction (0.08), a percentage ("8%") or px ("24px",
// on a 1080x1080 canvas). Returns {fraction, px}.
std::pair<double, double> parse_coord(const YAML::Node& n, const std::string& file,
                                      const std::string& what) {
  if (n.IsScalar()) {
    std::string s = n.Scalar();
    auto number = [&](const std::string& t, double& out) {
      try {
        size_t used = 0;
        out = std::stod(t, &used);
        return used == t.size() && !t.empty();
      } catch (const std::exception&) {
        return false;
      }
    };
    double v = 0;
    if (s.ends_with("px") && number(s.substr(0, s.size() - 2), v)) return {0, v};
    if (s.ends_with("%") && number(s.substr(0, s.size() - 1), v)) return {v / 100, 0};
    if (number(s, v)) return {v, 0};
  }
  fail(yaml_loc(n, file), what +
                              " must be a fraction (0.08), a percentage (\"8%\") or px "
                              "(\"24px\"), not '" +
                              (n.IsScalar() ? n.Scalar() : std::string("a list or mapping")) + "'");
}

// "[x, y]" as two coordinates.
void parse_point(YamlMap& m, const std::string& key, BoxSpec& into, bool required) {
  YAML::Node n = m.node(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required) m.fail_at(key, "element needs '" + key + ": [x, y]'");
    return;
  }
  if (!n.IsSequence() || n.size() != 2) m.fail_at(key, "'" + key + "' must be [x, y]");
  std::tie(into.x, into.px_x) = parse_coord(n[0], m.file(), "'" + key + "' x");
  std::tie(into.y, into.px_y) = parse_coord(n[1], m.file(), "'" + key + "' y");
}

// "[x, y]" as plain fractions, e.g. a focal point.
std::pair<double, double> parse_pair(YamlMap& m, const std::string& key, double dx, double dy,
                                     double lo, double hi) {
  YAML::Node n = m.node(key);
  if (!n.IsDefined() || n.IsNull()) return {dx, dy};
  double x = 0, y = 0;
  try {
    if (!n.IsSequence() || n.size() != 2) throw YAML::Exception(n.Mark(), "");
    x = n[0].as<double>();
    y = n[1].as<double>();
  } catch (const YAML::Exception&) {
    m.fail_at(key, "'" + key + "' must be [x, y] as fractions of the box");
  }
  if (x < lo || x > hi || y < lo || y > hi)
    m.fail_at(key, "'" + key + "' values must be between " + std::to_string(int(lo)) + " and " +
                       std::to_string(int(hi)));
  return {x, y};
}

double opacity_at(YamlMap& m, const std::string& key) {
  double v = m.num(key, 1);
  if (v < 0 || v > 1) m.fail_at(key, "'" + key + "' must be between 0 and 1");
  return v;
}

PaintSpec parse_paint(const YAML::Node& n, const std::string& file, const std::string& what) {
  PaintSpec p;
  p.loc = yaml_loc(n, file);
  if (!n.IsDefined() || n.IsNull()) return p;
  if (n.IsScalar()) {
    p.color = n.Scalar();
    check_color(p.color, p.loc);
    return p;
  }
  YamlMap m(n, file, what);
  std::string g = m.choice("gradient", {"none", "linear", "radial"}, "none");
  p.gradient = g == "linear"   ? PaintSpec::Gradient::linear
               : g == "radial" ? PaintSpec::Gradient::radial
                               : PaintSpec::Gradient::none;
  p.opacity = opacity_at(m, "opacity");
  if (p.gradient == PaintSpec::Gradient::none) {
    p.color = color_at(m, "color", "");
    if (p.color.empty()) m.fail_at("color", what + " needs a 'color' or a 'gradient'");
    m.finish();
    return p;
  }
  if (p.gradient == PaintSpec::Gradient::linear) p.angle = m.num("angle", 180);
  if (p.gradient == PaintSpec::Gradient::radial) {
    std::tie(p.cx, p.cy) = parse_pair(m, "center", 0.5, 0.5, -1, 2);
    p.radius = m.num("radius", 1);
    if (p.radius <= 0) m.fail_at("radius", "'radius' must be positive");
  }
  YAML::Node stops = m.node("stops");
  if (!stops.IsSequence() || stops.size() < 2)
    m.fail_at("stops",
              "a gradient needs 'stops': at least two of [at, colour] or "
              "[at, colour, opacity]");
  for (const auto& s : stops) {
    PaintSpec::Stop stop;
    try {
      if (!s.IsSequence() || s.size() < 2 || s.size() > 3) throw YAML::Exception(s.Mark(), "");
      stop.at = s[0].as<double>();
      stop.color = s[1].as<std::string>();
      if (s.size() == 3) stop.opacity = s[2].as<double>();
    } catch (const YAML::Exception&) {
      fail(yaml_loc(s, file), "a gradient stop must be [at, colour] or [at, colour, opacity]");
    }
    if (stop.at < 0 || stop.at > 1 || stop.opacity < 0 || stop.opacity > 1)
      fail(yaml_loc(s, file), "gradient stop positions and opacities must be between 0 and 1");
    if (!p.stops.empty() && stop.at < p.stops.back().at)
      fail(yaml_loc(s, file), "gradient stops must be in order of position");
    check_color(stop.color, yaml_loc(s[1], file));
    p.stops.push_back(stop);
  }
  m.finish();
  return p;
}

// An image or SVG file named by a layout, relative to the layout's folder.
std::string resolve_file(YamlMap& m, const std::string& key, const std::string& name) {
  fs::path base = fs::path(m.file()).parent_path();
  fs::path p = base / name;
  std::error_code ec;
  if (fs::is_regular_file(p, ec)) return fs::absolute(p).lexically_normal().string();
  std::vector<std::string> near;
  fs::path dir = p.parent_path();
  for (const auto& e : fs::directory_iterator(dir.empty() ? "." : dir, ec))
    near.push_back((fs::path(name).parent_path() / e.path().filename()).string());
  m.fail_at(key, "file '" + p.string() + "' does not exist", did_you_mean(name, near));
}

Align parse_align(YamlMap& m, const std::string& key) {
  std::string a = m.choice(key, {"start", "center", "end"}, "start");
  return a == "center" ? Align::center : a == "end" ? Align::end : Align::start;
}

// A supporter's field: a name the campaign's `personalize.fields` declares,
// which build_card checks (this file cannot know the campaign). Here only
// its form: a simple lower-case name, as a form part and a placeholder take it.
void check_supporter_field_name(const std::string& name, const SourceLoc& loc) {
  const bool simple = !name.empty() && name.size() <= 32 && name[0] >= 'a' && name[0] <= 'z' &&
                      std::all_of(name.begin(), name.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                      });
  if (name == "photo")
    fail(loc, "'photo' is not a text field",
         {"show the supporter's photo with an image element and 'source: supporter'"});
  if (!simple) {
    auto hints = did_you_mean(name, kFields);
    std::string all;
    for (const std::string& f : kFields) all += (all.empty() ? "" : ", ") + f;
    hints.push_back("a card field (" + all +
                    ") or a supporter's field the campaign declares, such as 'name'");
    fail(loc, "unknown field '" + name + "'", hints);
  }
}

// `text:` one literal, or a list of forms tried in turn: the first whose
// {placeholders} all have values is set.
void read_literal(YamlMap& m, TextSpec& t) {
  YAML::Node n = m.node("text");
  if (!n.IsDefined() || n.IsNull()) return;
  if (n.IsScalar()) {
    t.literal = n.Scalar();
    t.fallbacks.clear();
  } else if (n.IsSequence() && n.size() > 0 &&
             std::all_of(n.begin(), n.end(), [](const YAML::Node& f) { return f.IsScalar(); })) {
    t.literal = n[0].Scalar();
    t.fallbacks.clear();
    for (size_t i = 1; i < n.size(); ++i) t.fallbacks.push_back(n[i].Scalar());
  } else {
    m.fail_at("text",
              "'text' must be a string or a list of forms, e.g. "
              "[\"{name} from {city}\", \"{name}\"]");
  }
}

VAlign parse_valign(YamlMap& m, const std::string& key, const std::string& fallback) {
  std::string a = m.choice(key, {"top", "center", "bottom"}, fallback);
  return a == "center" ? VAlign::center : a == "bottom" ? VAlign::bottom : VAlign::top;
}

// "size: 40" or "size: [24, 80]" (min, max).
void parse_size_range(YamlMap& m, TextSpec& t) {
  YAML::Node n = m.node("size");
  if (!n.IsDefined() || n.IsNull()) return;
  try {
    if (n.IsScalar()) {
      t.size_min = t.size_max = n.as<double>();
    } else if (n.IsSequence() && n.size() == 2) {
      t.size_min = n[0].as<double>();
      t.size_max = n[1].as<double>();
    } else {
      throw YAML::Exception(n.Mark(), "");
    }
  } catch (const YAML::Exception&) {
    m.fail_at("size", "'size' must be a number or [min, max]");
  }
  if (t.size_min <= 0 || t.size_max < t.size_min) m.fail_at("size", "'size' needs 0 < min <= max");
}

TextSpec parse_text_spec(YamlMap& m, const TextSpec& base = TextSpec{}, bool needs_text = true) {
  TextSpec t = base;
  if (t.loc.file.empty()) t.loc = m.loc();
  if (m.has("field")) {
    t.field = m.str("field");
    // A name a letter or two from a card field is a typo of it, not a
    // supporter's field: the same error as ever, with its hint.
    if (!is_card_field(t.field) && !did_you_mean(t.field, kFields).empty())
      m.choice("field", kFields, "");
    t.supporter = !is_card_field(t.field);
    if (t.supporter) check_supporter_field_name(t.field, m.loc_of("field"));
  } else {
    m.node("field");
  }
  read_literal(m, t);
  if (needs_text && t.field.empty() && t.literal.empty())
    fail(m.loc(), "text needs a 'field' to show or a literal 'text'");
  t.font = m.choice("font", {"display", "text"}, base.font);
  t.weight = m.integer("weight", base.weight);
  t.italic = m.boolean("italic", base.italic);
  parse_size_range(m, t);
  t.line_height = m.num("line_height", base.line_height);
  t.tracking = m.num("tracking", base.tracking);
  t.caps_tracking = m.has("caps_tracking") ? std::optional<double>(m.num("caps_tracking", 0))
                                           : base.caps_tracking;
  t.uppercase = m.boolean("uppercase", base.uppercase);
  t.color = color_at(m, "color", base.color);
  if (m.has("align")) t.align = parse_align(m, "align");
  t.max_lines = m.integer("max_lines", base.max_lines);
  t.balance = m.boolean("balance", base.balance);
  t.hyphenate = m.boolean("hyphenate", base.hyphenate);
  t.features = m.str("features", base.features);
  t.gap_before = m.num("gap", base.gap_before);
  if (m.has("strong")) {
    YamlMap s(m.node("strong"), m.file(), "'strong'", m.line_offset());
    t.strong_color = color_at(s, "color", "");
    t.strong_weight = s.integer("weight", 0);
    s.finish();
  }
  if (m.has("em")) {
    YamlMap e(m.node("em"), m.file(), "'em'", m.line_offset());
    t.em_color = color_at(e, "color", "");
    e.finish();
  }
  if (m.has("mark")) {
    YamlMap k(m.node("mark"), m.file(), "'mark'", m.line_offset());
    t.mark_color = k.str("color");
    t.mark_text_color = k.str("text_color");
    k.finish();
  }
  return t;
}

BoxSpec parse_box(YamlMap& m, bool required = true) {
  BoxSpec b;
  YAML::Node n = m.node("box");
  if (!n.IsDefined() || n.IsNull()) {
    if (required) m.fail_at("box", "element needs a 'box: [x, y, width, height]'");
  } else {
    if (!n.IsSequence() || n.size() != 4)
      m.fail_at("box", "'box' must be [x, y, width, height] as fractions of the area");
    std::tie(b.x, b.px_x) = parse_coord(n[0], m.file(), "'box' x");
    std::tie(b.y, b.px_y) = parse_coord(n[1], m.file(), "'box' y");
    std::tie(b.w, b.px_w) = parse_coord(n[2], m.file(), "'box' width");
    std::tie(b.h, b.px_h) = parse_coord(n[3], m.file(), "'box' height");
    if (b.w < 0 || b.h < 0 || b.px_w < 0 || b.px_h < 0 || (b.w == 0 && b.px_w == 0) ||
        (b.h == 0 && b.px_h == 0))
      m.fail_at("box", "'box' width and height must be positive");
  }
  b.canvas = m.choice("area", {"safe", "canvas"}, required ? "safe" : "canvas") == "canvas";
  return b;
}

// An element name or a non-empty list of them, each with its place; false
// when `n` is neither.
bool element_refs(const YAML::Node& n, const YamlMap& m, const std::string& key,
                  std::vector<ElementRef>& out) {
  if (n.IsScalar() && !n.Scalar().empty()) {
    out.push_back({n.Scalar(), yaml_loc(n, m.file(), m.line_offset())});
    return true;
  }
  if (!n.IsSequence() || n.size() == 0) return false;
  for (const auto& t : n) {
    if (!t.IsScalar() || t.Scalar().empty())
      fail(yaml_loc(t, m.file(), m.line_offset()), "items of '" + key + "' must be element names");
    out.push_back({t.Scalar(), yaml_loc(t, m.file(), m.line_offset())});
  }
  return true;
}

// "anchor: {to: main, edge: top, gap: 18px}"; `to` may be a list.
AnchorSpec parse_anchor(YamlMap& m) {
  AnchorSpec a;
  a.loc = m.loc_of("anchor");
  YAML::Node n = m.node("anchor");
  if (!n.IsMap())
    m.fail_at("anchor", "'anchor' must be a mapping, e.g. {to: main, edge: top, gap: 18px}");
  YamlMap am(n, m.file(), "'anchor'", m.line_offset());
  if (!element_refs(am.node("to"), m, "to", a.to))
    am.fail_at("to",
               "'anchor' needs 'to': the name of the text or stack element it follows "
               "(or a list of names)");
  a.bottom = am.choice("edge", {"top", "bottom"}, "top") == "bottom";
  if (am.has("gap")) {
    std::tie(a.gap, a.px_gap) = parse_coord(am.node("gap"), m.file(), "'gap' of 'anchor'");
    if (a.gap < 0 || a.px_gap < 0) am.fail_at("gap", "'gap' of 'anchor' must not be negative");
  }
  am.finish();
  return a;
}

// "with: attribution": the elements whose content the element goes with.
// Only text, stack and image elements can be empty on a card; `with: ~`
// (in an override) takes the condition away.
std::vector<ElementRef> parse_with(YamlMap& m) {
  std::vector<ElementRef> out;
  YAML::Node n = m.node("with");
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!element_refs(n, m, "with", out))
    m.fail_at("with",
              "'with' must name the text, stack or image element whose content this element "
              "goes with (or a list of names)");
  return out;
}

// How a kind of reference between elements (`with`, `anchor`) is named in
// its errors.
struct ReferenceWords {
  std::string self;  // "is drawn 'with' itself"
  std::string self_hint;
  std::string whose;        // "'with' of", "the anchor of"
  std::string not_allowed;  // ", which is …" for an element of another type
  std::string not_allowed_hint;
};

// `ref`, made by element `from`, names one of `allowed` (other than `from`):
// else fails with the words of its kind, naming the element it found or the
// nearest allowed names.
void check_reference(const std::string& from, const ElementRef& ref,
                     const std::vector<std::string>& allowed,
                     const std::vector<ElementSpec>& elements, const ReferenceWords& words) {
  if (ref.name == from) fail(ref.loc, "element '" + from + "' " + words.self, {words.self_hint});
  if (std::find(allowed.begin(), allowed.end(), ref.name) != allowed.end()) return;
  const bool exists = std::any_of(elements.begin(), elements.end(),
                                  [&](const ElementSpec& o) { return o.name == ref.name; });
  if (exists)
    fail(ref.loc, words.whose + " '" + from + "' names '" + ref.name + "'" + words.not_allowed,
         {words.not_allowed_hint});
  fail(ref.loc, words.whose + " '" + from + "' names an unknown element '" + ref.name + "'",
       did_you_mean(ref.name, allowed));
}

// Every `with` names another text, stack or image element of the layout.
void check_with(const std::vector<ElementSpec>& elements) {
  static const ReferenceWords words{
      "is drawn 'with' itself", "name the text, stack or image element it goes with", "'with' of",
      ", which is always drawn (not a text, stack or image element)",
      "name the text, stack or image element whose content this element goes with"};
  std::vector<std::string> names;
  for (const ElementSpec& e : elements)
    if (e.type == ElementType::text || e.type == ElementType::stack || e.type == ElementType::image)
      names.push_back(e.name);
  for (const ElementSpec& e : elements)
    for (const ElementRef& r : e.with) check_reference(e.name, r, names, elements, words);
}

// Every anchor follows a text or stack element of the same layout, and no
// chain of anchors comes back to where it started.
void check_anchors(const std::vector<ElementSpec>& elements) {
  static const ReferenceWords words{"is anchored to itself",
                                    "anchor it to the text or stack element it should follow",
                                    "the anchor of", ", which is not a text or stack element",
                                    "an element follows the lines of a text or stack element"};
  std::vector<std::string> texts;
  for (const ElementSpec& e : elements)
    if (e.type == ElementType::text || e.type == ElementType::stack) texts.push_back(e.name);
  auto find = [&](const std::string& name) {
    return std::find_if(elements.begin(), elements.end(),
                        [&](const ElementSpec& e) { return e.name == name; });
  };
  for (const ElementSpec& e : elements)
    for (const AnchorSpec::Target& t : e.anchor.to)
      check_reference(e.name, t, texts, elements, words);
  // Follow every chain from each element: a name seen twice is a circle.
  for (const ElementSpec& start : elements) {
    std::vector<std::string> chain{start.name};
    std::vector<const ElementSpec*> todo{&start};
    while (!todo.empty()) {
      const ElementSpec* e = todo.back();
      todo.pop_back();
      for (const AnchorSpec::Target& t : e->anchor.to) {
        if (t.name == start.name)
          fail(start.anchor.loc,
               "the anchors of '" + start.name + "' and '" + e->name +
                   "' follow each other round in a circle",
               {"anchor one of them to a text element that is not anchored back"});
        if (std::find(chain.begin(), chain.end(), t.name) != chain.end()) continue;
        chain.push_back(t.name);
        todo.push_back(&*find(t.name));
      }
    }
  }
}

// The fields of an SVG template: boxes from the drawing, styles from the
// element's attributes, then from the layout's 'fields' mapping.
void read_svg_template(ElementSpec& e, const std::map<std::string, YAML::Node>& styles,
                       SvgCache& svgs) {
  const SvgTemplateInfo& info = inspect_svg_template(e.source_path, svgs);
  e.view_x = info.view_x;
  e.view_y = info.view_y;
  e.view_w = info.view_w;
  e.view_h = info.view_h;
  for (const SvgFieldElement& el : info.fields) {
    SvgField f;
    f.id = el.id;
    f.x = el.x;
    f.y = el.y;
    f.w = el.w;
    f.h = el.h;
    TextSpec base;
    base.font = el.field == "headline" ? "display" : "text";
    // Sizes are in the SVG's user units; the frame's own height is the largest.
    base.size_max = std::min(el.h, 0.3 * el.w);
    base.size_min = std::min(12.0, base.size_max);
    base.max_lines = 0;
    base.balance = el.field != "footer";
    TextSpec t = svg_field_style(el, base);
    if (auto a = el.attrs.find("data-valign"); a != el.attrs.end())
      f.valign = a->second.value == "center"   ? VAlign::center
                 : a->second.value == "bottom" ? VAlign::bottom
                                               : VAlign::top;
    if (auto st = styles.find(el.field); st != styles.end()) {
      YamlMap m(st->second, e.loc.file, "the style of field '" + el.field + "'");
      t = parse_text_spec(m, t, false);
      f.valign = parse_valign(m, "valign",
                              f.valign == VAlign::center   ? "center"
                              : f.valign == VAlign::bottom ? "bottom"
                                                           : "top");
      m.finish();
    }
    f.text = t;
    e.svg_fields.push_back(std::move(f));
  }
  for (const auto& entry : styles) {
    const std::string& field = entry.first;
    const auto& node = entry.second;
    bool bound = std::any_of(info.fields.begin(), info.fields.end(),
                             [&](const SvgFieldElement& el) { return el.field == field; });
    if (!bound)
      fail(yaml_loc(node, e.loc.file), "'fields' styles '" + field + "', but '" + e.source_path +
                                           "' has no element with id '" + field + "'");
  }
}

// "photo: FILE" or "photo: {file: FILE, focus: [x, y]}".
void parse_photo(YamlMap& m, std::string& path, double& fx, double& fy) {
  if (!m.has("photo")) {
    m.node("photo");
    return;
  }
  YAML::Node n = m.node("photo");
  if (n.IsScalar()) {
    path = resolve_file(m, "photo", n.Scalar());
    return;
  }
  YamlMap p(n, m.file(), "'photo'");
  const std::string file = p.str("file");
  if (file.empty()) p.fail_at("file", "'photo' needs a 'file'");
  path = resolve_file(p, "file", file);
  std::tie(fx, fy) = parse_pair(p, "focus", 0.5, 0.5, 0, 1);
  p.finish();
}

ImageFit parse_fit(YamlMap& m) {
  std::string f = m.choice("fit", {"contain", "cover", "fill"}, "contain");
  return f == "cover" ? ImageFit::cover : f == "fill" ? ImageFit::fill : ImageFit::contain;
}

// A layout element, or an item of a stack, as the overrides of one
// orientation or size leave it. The parsed document is never changed: an
// override replaces or adds entries of this copy, so each orientation starts
// from the layout as written, and every key and value keeps its place in the
// file (a YAML::Clone would lose them, and parsing the text again for each
// orientation took most of a one-card run).
struct Draft {
  YAML::Node node;                          // as written: its place, and whether a mapping
  YamlEntries entries;                      // its keys, overrides applied
  std::optional<std::vector<Draft>> items;  // stack items, once an override patched one
  bool patched = false;

  explicit Draft(const YAML::Node& n) : node(n), entries(yaml_entries(n)) {}

  const YAML::Node* get(const std::string& key) const {
    for (const YamlEntry& e : entries)
      if (e.name == key && e.key.IsScalar()) return &e.value;
    return nullptr;
  }
  // Like yaml-cpp's `map[key] = value`: the first entry with the key gets the
  // value, else a new entry is added (where the override wrote it).
  void set(const YAML::Node& key, const YAML::Node& value) {
    patched = true;
    const std::string name = key.Scalar();
    if (name == "items") items.reset();
    for (YamlEntry& e : entries)
      if (e.name == name && e.key.IsScalar()) {
        // reset(), not operator=: assigning to a yaml-cpp node would rewrite
        // the written document itself, for every orientation.
        e.value.reset(value);
        return;
      }
    entries.push_back({key, value, name});
  }
  YamlMap map(const std::string& file, const std::string& what) const {
    return node.IsMap() ? YamlMap(node, entries, file, what) : YamlMap(node, file, what);
  }
};

ElementSpec parse_element(const Draft& draft, const std::string& file, int index, SvgCache& svgs) {
  ElementSpec e;
  YamlMap probe = draft.map(file, "layout element " + std::to_string(index + 1));
  e.name = probe.str("name", "element-" + std::to_string(index + 1));
  YamlMap m = draft.map(file, "layout element '" + e.name + "'");
  m.node("name");
  e.loc = m.loc();
  std::string type = m.choice("type", {"rect", "text", "stack", "image", "line", "svg"}, "text");
  e.type = type == "rect"    ? ElementType::rect
           : type == "stack" ? ElementType::stack
           : type == "image" ? ElementType::image
           : type == "line"  ? ElementType::line
           : type == "svg"   ? ElementType::svg
                             : ElementType::text;
  if (e.type == ElementType::line) {
    parse_point(m, "from", e.box, true);
    parse_point(m, "to", e.to, true);
    e.box.canvas = m.choice("area", {"safe", "canvas"}, "safe") == "canvas";
  } else {
    e.box = parse_box(m, e.type != ElementType::svg);
  }
  e.hidden = m.boolean("hidden", false);
  e.important = m.boolean("important", false);
  // A decoration yields to text (docs/layouts.md): it may move up to `move`
  // px and shrink to `scale` to clear it; what still overlaps is knocked out.
  e.decoration.on = m.choice("role", {"backdrop", "decoration"}, "backdrop") == "decoration";
  if (e.decoration.on && e.type != ElementType::rect && e.type != ElementType::line &&
      e.type != ElementType::image)
    m.fail_at("role", "only a rect, line or image can be a decoration");
  e.decoration.move = m.num("move", 0);
  e.decoration.scale = m.num("scale", 1);
  if (e.decoration.move < 0) m.fail_at("move", "'move' must not be negative");
  if (e.decoration.scale <= 0 || e.decoration.scale > 1)
    m.fail_at("scale",
              "'scale' is the smallest size a decoration may shrink to: above 0, at most 1");
  if (!e.decoration.on && (m.has("move") || m.has("scale")))
    m.fail_at(m.has("move") ? "move" : "scale", "'move' and 'scale' apply to a decoration",
              {"add 'role: decoration'"});
  if (e.type != ElementType::svg && m.has("anchor")) e.anchor = parse_anchor(m);
  e.with = parse_with(m);
  for (const auto& k : m.str_list("when")) {
    const std::optional<CardKind> kind = value_of(kCardKinds, k);
    if (!kind)
      m.fail_at("when", "unknown card kind '" + k + "' in 'when'",
                did_you_mean(k, names_of(kCardKinds)));
    e.when.push_back(*kind);
  }
  switch (e.type) {
    case ElementType::rect:
      e.fill = m.has("fill") ? parse_paint(m.node("fill"), file, "'fill' of '" + e.name + "'")
                             : (m.node("fill"), parse_paint(YAML::Node("accent"), file, ""));
      e.fill.opacity *= opacity_at(m, "opacity");
      e.radius = m.num("radius", 0);
      break;
    case ElementType::line: {
      e.stroke = m.num("width", 2);
      if (e.stroke <= 0) m.fail_at("width", "'width' of a line must be positive");
      e.stroke_color = color_at(m, "color", "accent");
      e.opacity = opacity_at(m, "opacity");
      std::string cap = m.choice("cap", {"butt", "round", "square"}, "butt");
      e.cap = cap == "round"    ? LineItem::Cap::round
              : cap == "square" ? LineItem::Cap::square
                                : LineItem::Cap::butt;
      YAML::Node dash = m.node("dash");
      if (dash.IsDefined() && !dash.IsNull()) {
        try {
          if (!dash.IsSequence()) throw YAML::Exception(dash.Mark(), "");
          for (const auto& d : dash) e.dash.push_back(d.as<double>());
        } catch (const YAML::Exception&) {
          m.fail_at("dash", "'dash' must be a list of lengths, e.g. [12, 8]");
        }
        if (e.dash.empty() ||
            std::any_of(e.dash.begin(), e.dash.end(), [](double d) { return d <= 0; }))
          m.fail_at("dash", "'dash' lengths must be positive");
      }
      break;
    }
    case ElementType::text:
      e.valign = parse_valign(m, "valign", "top");
      e.texts.push_back(parse_text_spec(m));
      break;
    case ElementType::stack: {
      e.valign = parse_valign(m, "valign", "top");
      YAML::Node items = m.node("items");
      if (!items.IsSequence() || items.size() == 0)
        m.fail_at("items", "a stack needs 'items': a list of text fields");
      std::vector<Draft> unpatched;
      if (!draft.items)
        for (const auto& item : items) unpatched.emplace_back(item);
      for (const Draft& item : draft.items ? *draft.items : unpatched) {
        YamlMap im = item.map(file, "an item of stack '" + e.name + "'");
        e.texts.push_back(parse_text_spec(im));
        im.finish();
      }
      break;
    }
    case ElementType::image:
      e.source = m.str("source", "logo");
      if (e.source.empty())
        m.fail_at("source", "'source' must name 'logo', 'photo', 'supporter' or a file");
      if (e.source != "logo" && e.source != "photo" && e.source != "supporter")
        e.source_path = resolve_file(m, "source", e.source);
      if (e.source == "supporter") e.fallback = m.choice("fallback", {"photo", "none"}, "photo");
      e.halign = parse_align(m, "halign");
      e.valign = parse_valign(m, "valign", "center");
      e.fit = e.source == "supporter" && !m.has("fit") ? (m.node("fit"), ImageFit::cover)
                                                       : parse_fit(m);
      e.focus_set = m.has("focus");
      std::tie(e.focus_x, e.focus_y) = parse_pair(m, "focus", 0.5, 0.5, 0, 1);
      e.opacity = opacity_at(m, "opacity");
      e.radius = m.num("radius", 0);
      if (m.has("tint")) e.tint = parse_paint(m.node("tint"), file, "'tint' of '" + e.name + "'");
      break;
    case ElementType::svg: {
      e.source = m.str("source");
      if (e.source.empty()) m.fail_at("source", "an svg element needs 'source': an .svg file");
      e.source_path = resolve_file(m, "source", e.source);
      e.fit = parse_fit(m);
      e.halign = Align::center;
      e.valign = VAlign::center;
      std::tie(e.focus_x, e.focus_y) = parse_pair(m, "focus", 0.5, 0.5, 0, 1);
      std::map<std::string, YAML::Node> styles;
      YAML::Node fields = m.node("fields");
      if (fields.IsDefined() && !fields.IsNull()) {
        if (!fields.IsMap()) m.fail_at("fields", "'fields' must map field names to text styles");
        for (auto kv : fields) {
          const std::string f = kv.first.Scalar();
          if (std::find(kFields.begin(), kFields.end(), f) == kFields.end())
            fail(yaml_loc(kv.first, file), "unknown field '" + f + "' in 'fields'",
                 did_you_mean(f, kFields));
          styles[f] = kv.second;
        }
      }
      read_svg_template(e, styles, svgs);
      break;
    }
  }
  m.finish();
  return e;
}

// Shallow-merges `patch` into the element named `name` (stack items are
// patched by field name through an "items" mapping).
void apply_override(std::vector<Draft>& elements, const std::string& name, const YAML::Node& patch,
                    const std::string& file) {
  auto name_of = [](const Draft& el) -> const YAML::Node* {
    const YAML::Node* n = el.node.IsMap() ? el.get("name") : nullptr;
    return n && n->IsScalar() ? n : nullptr;
  };
  for (Draft& el : elements) {
    // Elements that are not mappings are reported when they are parsed.
    const YAML::Node* el_name = name_of(el);
    if (!el_name || el_name->Scalar() != name) continue;
    if (!patch.IsMap())
      fail(yaml_loc(patch, file), "override for '" + name + "' must be a mapping");
    for (auto kv : patch) {
      const std::string key = kv.first.Scalar();
      const YAML::Node* items = el.get("items");
      if (key == "items" && kv.second.IsMap() && items && items->IsSequence()) {
        if (!el.items) {
          el.items.emplace();
          for (const auto& item : *items) el.items->emplace_back(item);
        }
        el.patched = true;
        for (auto fieldpatch : kv.second) {
          bool found = false;
          for (Draft& item : *el.items) {
            const YAML::Node* field = item.node.IsMap() ? item.get("field") : nullptr;
            if (field && field->IsScalar() && field->Scalar() == fieldpatch.first.Scalar()) {
              if (!fieldpatch.second.IsMap())
                fail(yaml_loc(fieldpatch.second, file),
                     "override for field '" + fieldpatch.first.Scalar() + "' must be a mapping");
              for (auto f : fieldpatch.second) item.set(f.first, f.second);
              found = true;
            }
          }
          if (!found)
            fail(yaml_loc(fieldpatch.first, file),
                 "stack '" + name + "' has no item with field '" + fieldpatch.first.Scalar() + "'");
        }
      } else {
        el.set(kv.first, kv.second);
      }
    }
    return;
  }
  std::vector<std::string> names;
  for (const Draft& el : elements)
    if (const YAML::Node* n = name_of(el)) names.push_back(n->Scalar());
  fail(yaml_loc(patch, file), "override for unknown element '" + name + "'",
       did_you_mean(name, names));
}

// Reads the weights of `m` over `base`; every key must be a known weight.
BreakCosts read_break_costs(YamlMap& m, const BreakCosts& base) {
  BreakCosts c = base;
  struct Key {
    const char* name;
    double BreakCosts::*field;
  };
  static const Key kKeys[] = {
      {"ragged", &BreakCosts::ragged},
      {"last_line", &BreakCosts::last_line},
      {"short_line", &BreakCosts::short_line},
      {"short_ratio", &BreakCosts::short_ratio},
      {"stub", &BreakCosts::stub},
      {"stub_ratio", &BreakCosts::stub_ratio},
      {"short_word_end", &BreakCosts::short_word_end},
      {"hyphen", &BreakCosts::hyphen},
      {"syllable_hyphen", &BreakCosts::syllable_hyphen},
      {"url_break", &BreakCosts::url_break},
      {"grapheme_break", &BreakCosts::grapheme_break},
      {"extra_line", &BreakCosts::extra_line},
      {"size_drop", &BreakCosts::size_drop},
      {"size_range", &BreakCosts::size_range},
      {"min_ratio", &BreakCosts::min_ratio},
      {"rescue_range", &BreakCosts::rescue_range},
      {"under_min", &BreakCosts::under_min},
      {"hyphen_gain", &BreakCosts::hyphen_gain},
      {"size_budget", &BreakCosts::size_budget},
  };
  for (const Key& k : kKeys) {
    c.*k.field = m.num(k.name, base.*k.field);
    if (c.*k.field < 0) m.fail_at(k.name, std::string("'") + k.name + "' must not be negative");
  }
  if (c.size_range > 0.5) m.fail_at("size_range", "'size_range' must be at most 0.5 (50%)");
  if (c.rescue_range > 0.5) m.fail_at("rescue_range", "'rescue_range' must be at most 0.5 (50%)");
  if (c.size_budget > 0.5) m.fail_at("size_budget", "'size_budget' must be at most 0.5 (50%)");
  if (c.min_ratio > 1) m.fail_at("min_ratio", "'min_ratio' must be at most 1");
  m.finish();
  return c;
}

}  // namespace

BreakCosts default_break_costs() {
  // Read again when the file changes (size, time or inode), so that a
  // preview that runs for hours sets its next cards by the saved weights.
  static std::mutex mu;
  static std::string seen;
  static BreakCosts costs;
  const std::string file = typesetting_dir() + "/breaking.yaml";
  struct stat st {};
  std::string key;
  if (::stat(file.c_str(), &st) == 0)
    key = std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
          std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_ino);
  std::lock_guard lock(mu);
  if (key.empty() || key != seen) {
    YamlMap m(parse_yaml(read_file(file), file), file, "line-breaking weights");
    costs = read_break_costs(m, BreakCosts{});
    seen = key;
  }
  return costs;
}

Layout parse_layout(const std::string& text, const std::string& path) {
  YAML::Node root = parse_yaml(text, path);
  YamlMap m(root, path, "layout");
  Layout layout;
  layout.path = path;
  layout.name = m.str("name", fs::path(path).stem().string());
  layout.description = m.str("description");
  layout.background = color_at(m, "background", "paper");
  parse_photo(m, layout.photo, layout.photo_focus_x, layout.photo_focus_y);
  layout.contrast = m.choice("contrast", {"error", "warn"}, "error") == "warn"
                        ? ContrastPolicy::warn
                        : ContrastPolicy::error;
  layout.mirror_rtl = m.boolean("mirror_rtl", true);
  layout.breaking = default_break_costs();
  if (m.has("breaking")) {
    YAML::Node b = m.node("breaking");
    if (!b.IsMap()) m.fail_at("breaking", "'breaking' must map line-breaking weights to numbers");
    YamlMap bm(b, path, "breaking");
    layout.breaking = read_break_costs(bm, layout.breaking);
  }
  if (m.has("safe_area")) {
    YAML::Node sa = m.node("safe_area");
    if (!sa.IsMap())
      m.fail_at("safe_area", "'safe_area' must map sizes or orientations to margins",
                {"e.g. 'safe_area: {story: {top: 0.14, bottom: 0.2}}'"});
    std::vector<std::string> keys = names_of(kOrientations);
    for (const std::string& n : preset_names())
      if (std::find(keys.begin(), keys.end(), n) == keys.end()) keys.push_back(n);
    for (const YamlEntry& e : yaml_entries(sa)) {
      if (std::find(keys.begin(), keys.end(), e.name) == keys.end())
        fail(yaml_loc(e.key, path), "unknown size or orientation '" + e.name + "' in 'safe_area'",
             did_you_mean(e.name, keys));
      YamlMap sm(e.value, path, "safe_area of '" + e.name + "'");
      Layout::SafeMargins margins;
      double* fields[] = {&margins.left, &margins.top, &margins.right, &margins.bottom};
      const char* names[] = {"left", "top", "right", "bottom"};
      for (int i = 0; i < 4; ++i) {
        *fields[i] = sm.num(names[i], 0);
        if (*fields[i] < 0 || *fields[i] >= 0.5)
          sm.fail_at(names[i], std::string("safe_area margin '") + names[i] +
                                   "' must be a fraction of the canvas from 0 to under 0.5");
      }
      sm.finish();
      layout.safe_areas[e.name] = margins;
    }
  }
  YAML::Node elements = m.node("elements");
  if (!elements.IsSequence() || elements.size() == 0)
    m.fail_at("elements", "layout needs 'elements': a list of shapes, text and images");
  YAML::Node overrides = m.node("overrides");
  if (overrides.IsDefined() && !overrides.IsNull() && !overrides.IsMap())
    m.fail_at("overrides", "'overrides' must map orientations or sizes to element changes");
  m.finish();
  // Override keys: an orientation, or a preset size name for changes that
  // apply to that size only (after its orientation's).
  std::vector<std::string> keys = names_of(kOrientations);
  for (const SizePreset& p : size_presets())
    if (std::find(keys.begin(), keys.end(), p.name) == keys.end()) keys.push_back(p.name);
  if (overrides.IsMap()) {
    for (auto kv : overrides) {
      const std::string o = kv.first.Scalar();
      if (std::find(keys.begin(), keys.end(), o) == keys.end())
        fail(yaml_loc(kv.first, path), "unknown orientation or size '" + o + "' in 'overrides'",
             did_you_mean(o, keys));
      if (!kv.second.IsMap())
        fail(yaml_loc(kv.second, path),
             "overrides for '" + o + "' must map element names to changes");
    }
  }
  SvgCache svgs;
  std::vector<Draft> written;
  for (const auto& el : elements) written.emplace_back(el);
  // An element no override touched parses the same in every orientation.
  std::vector<std::optional<ElementSpec>> as_written(written.size());
  auto resolve = [&](const std::vector<std::string>& chain) {
    std::vector<Draft> resolved = written;
    for (const std::string& key : chain)
      if (overrides.IsMap() && overrides[key].IsMap())
        for (auto kv : overrides[key]) apply_override(resolved, kv.first.Scalar(), kv.second, path);
    std::vector<ElementSpec> out;
    for (size_t i = 0; i < resolved.size(); ++i) {
      const int index = static_cast<int>(i);
      if (resolved[i].patched) {
        out.push_back(parse_element(resolved[i], path, index, svgs));
      } else {
        if (!as_written[i]) as_written[i] = parse_element(resolved[i], path, index, svgs);
        out.push_back(*as_written[i]);
      }
    }
    std::vector<std::string> names;
    for (const ElementSpec& e : out) {
      if (std::find(names.begin(), names.end(), e.name) != names.end())
        fail(e.loc, "two elements are named '" + e.name + "'",
             {"give each element its own name, so overrides can find it"});
      names.push_back(e.name);
    }
    check_anchors(out);
    check_with(out);
    return out;
  };
  for (const auto& [orientation, name] : kOrientations)
    layout.elements[static_cast<size_t>(orientation)] = resolve({name});
  for (const SizePreset& p : size_presets()) {
    const char* o = orientation_name(orientation_of(p.width, p.height));
    // A preset named like its orientation ("square", "portrait", "story")
    // has no overrides but that orientation's.
    if (p.name == o || !overrides.IsMap() || !overrides[p.name].IsMap()) continue;
    layout.by_size[p.name] = resolve({o, p.name});
  }
  return layout;
}

bool is_layout_file(const std::string& name) {
  return name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml") ||
         name.ends_with(".svg");
}

std::string layout_reference(const std::string& name, const std::string& base_dir) {
  if (!is_layout_file(name) || base_dir.empty() || fs::path(name).is_absolute()) return name;
  return (fs::path(base_dir) / name).string();
}

Layout load_layout(const std::string& name_or_path) {
  std::string path = name_or_path;
  if (!is_layout_file(name_or_path)) {
    path = layouts_dir() + "/" + name_or_path + ".yaml";
    if (!fs::exists(path)) {
      std::vector<std::string> names;
      for (const auto& [n, d] : list_layouts()) names.push_back(n);
      auto hints = did_you_mean(name_or_path, names);
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      hints.push_back("built-in layouts: " + all + " (or give a .yaml or .svg file)");
      fail({}, "unknown layout '" + name_or_path + "'", hints);
    }
  }
  if (path.ends_with(".svg")) {
    // An SVG on its own is a layout of one element: the template, drawn over
    // the whole canvas, its fields styled by their attributes.
    if (!fs::is_regular_file(path)) fail({}, "layout file '" + path + "' does not exist");
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << fs::path(path).stem().string()
        << YAML::Key << "description" << YAML::Value << "SVG template" << YAML::Key << "elements"
        << YAML::Value << YAML::BeginSeq << YAML::BeginMap << YAML::Key << "name" << YAML::Value
        << "template" << YAML::Key << "type" << YAML::Value << "svg" << YAML::Key << "source"
        << YAML::Value << fs::path(path).filename().string() << YAML::EndMap << YAML::EndSeq
        << YAML::EndMap;
    return parse_layout(out.c_str(), path);
  }
  if (!fs::is_regular_file(path))
    fail({}, "layout file '" + path + "' does not exist",
         {"give a built-in layout's name ('placard layouts' lists them), or a .yaml or .svg "
          "file relative to the content file"});
  return parse_layout(read_file(path), path);
}

std::vector<std::pair<std::string, std::string>> list_layouts() {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(layouts_dir(), ec)) {
    if (entry.path().extension() != ".yaml") continue;
    Layout l = parse_layout(read_file(entry.path().string()), entry.path().string());
    out.emplace_back(entry.path().stem().string(), l.description);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A font file named relative to the brand file: its absolute path, or "" when
// the key is absent. A file that does not exist is an error at the key.
std::string font_file_at(YamlMap& f, const std::string& key, const std::string& brand_path) {
  const std::string name = f.str(key);
  if (name.empty()) return "";
  const fs::path p = fs::path(brand_path).parent_path() / name;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) {
    std::vector<std::string> near;
    for (const auto& e :
         fs::directory_iterator(p.parent_path().empty() ? "." : p.parent_path(), ec))
      near.push_back((fs::path(name).parent_path() / e.path().filename()).string());
    auto hints = did_you_mean(name, near);
    hints.push_back("font files are named relative to the brand file");
    f.fail_at(key, "font file '" + name + "' does not exist", hints);
  }
  return fs::absolute(p).lexically_normal().string();
}

// One role of `fonts:`: a bundled `family`, or the brand's own `file` (and
// `italic` file), a weight, and the axes of a variable font.
BrandFont parse_brand_font(const YAML::Node& node, YamlMap& f, const std::string& role,
                           const std::string& path) {
  BrandFont bf;
  bf.family = f.str("family");
  bf.file = font_file_at(f, "file", path);
  if (bf.family.empty() && bf.file.empty())
    f.fail_at("family", "brand font '" + role + "' needs a 'family' (bundled) or a 'file'");
  if (!bf.family.empty() && !bf.file.empty())
    f.fail_at("family", "brand font '" + role + "' has both a 'family' and a 'file'",
              {"keep 'file' for the brand's own font, or 'family' for one bundled in fonts/"});
  for (const char* key : {"family", "file", "italic", "weight"})
    if (f.has(key)) bf.locs[key] = f.loc_of(key);
  bf.italic = font_file_at(f, "italic", path);
  if (!bf.italic.empty() && bf.file.empty())
    f.fail_at("italic", "an 'italic' file goes with a 'file', not a bundled 'family'");
  bf.weight = f.integer("weight", 400);
  if (bf.weight < 100 || bf.weight > 1000)
    f.fail_at("weight", "font 'weight' must be between 100 and 1000");
  // Axes of a variable font: the named ones, then any four-letter tag.
  static const std::vector<std::pair<std::string, std::string>> named = {
      {"width", "wdth"}, {"slant", "slnt"}, {"opsz", "opsz"}};
  for (const auto& [key, tag] : named) {
    if (!f.has(key)) continue;
    bf.axes.push_back({tag, f.num(key, 0)});
    bf.locs[tag] = f.loc_of(key);
  }
  for (const YamlEntry& e : yaml_entries(node)) {
    const std::string& k = e.name;
    const bool tag =
        k.size() == 4 && k != "file" && k != "opsz" && std::all_of(k.begin(), k.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c));
        });
    if (!tag) continue;
    bf.axes.push_back({k, f.num(k, 0)});
    bf.locs[k] = f.loc_of(k);
  }
  if (!bf.axes.empty() && bf.file.empty())
    fail(bf.locs[bf.axes.front().first], "variable axes need the brand's own font 'file'",
         {"the bundled families are static fonts"});
  f.finish();
  return bf;
}

Brand parse_brand(const std::string& text, const std::string& path) {
  YAML::Node root = parse_yaml(text, path);
  YamlMap m(root, path, "brand");
  // A misspelt key ("colours") is reported as such, not as what it leaves out.
  m.finish({"name", "footer", "logo", "photo", "colors", "fonts"});
  Brand b;
  b.path = path;
  b.name = m.str("name");
  // footer: "text", or {url: ..., hashtag: ...} shown as "url · hashtag".
  YAML::Node footer = m.node("footer");
  if (footer.IsMap()) {
    YamlMap f(footer, path, "brand footer");
    std::string url = f.str("url"), tag = f.str("hashtag");
    f.finish();
    b.footer = url.empty() ? tag : tag.empty() ? url : url + "  \u00B7  " + tag;
  } else {
    b.footer = m.str("footer");
  }
  auto file = [&](const std::string& key, std::string& into) {
    std::string name = m.str(key);
    if (name.empty()) return;
    fs::path p = fs::path(path).parent_path() / name;
    std::error_code ec;
    if (fs::exists(p, ec) && !fs::is_regular_file(p, ec))
      m.fail_at(key, key + " file '" + p.string() + "' is not a regular file");
    if (!fs::is_regular_file(p, ec)) {
      std::vector<std::string> near;
      for (const auto& e :
           fs::directory_iterator(p.parent_path().empty() ? "." : p.parent_path(), ec))
        near.push_back((fs::path(name).parent_path() / e.path().filename()).string());
      m.fail_at(key, key + " file '" + p.string() + "' does not exist", did_you_mean(name, near));
    }
    into = fs::absolute(p).lexically_normal().string();
  };
  file("logo", b.logo);
  parse_photo(m, b.photo, b.photo_focus_x, b.photo_focus_y);
  YamlMap colors(m.node("colors"), path, "brand colors");
  std::map<std::string, std::string> values;
  for (const std::string& role : kColorRoles) values[role] = colors.str(role);
  colors.finish();  // a misspelt role is reported as such, not as a missing one
  for (const std::string& role : kColorRoles) {
    const std::string& v = values[role];
    const bool optional = role == "muted" || role.starts_with("on_");
    if (v.empty()) {
      if (optional) continue;
      // "paper: #1C1A4A" unquoted: YAML reads the colour as a comment.
      YAML::Node given = colors.node(role);
      if (given.IsDefined() && given.IsNull()) {
        SourceLoc at = colors.loc();
        for (const auto& kv : m.node("colors"))
          if (kv.first.Scalar() == role) at = yaml_loc(kv.first, path);
        fail(at, "brand color '" + role + "' is empty",
             {"quote colours, as in " + role +
              ": \"#1C1A4A\": in YAML an unquoted # starts a comment"});
      }
      colors.fail_at(role, "brand colors need '" + role + "'");
    }
    Color c;
    if (!parse_hex_color(v, c))
      colors.fail_at(role, "bad colour '" + v + "' for '" + role + "'",
                     {"write colours as #rrggbb or #rrggbbaa"});
    b.colors[role] = c;
  }
  // Roles a brand may leave out: muted is ink softened toward paper; text on
  // accent and primary fills is ink or paper, whichever contrasts more.
  const Color ink = b.colors["ink"], paper = b.colors["paper"];
  if (!b.colors.count("muted"))
    b.colors["muted"] = {ink.r * 0.72 + paper.r * 0.28, ink.g * 0.72 + paper.g * 0.28,
                         ink.b * 0.72 + paper.b * 0.28, 1};
  for (const char* fill : {"accent", "primary"}) {
    const std::string role = std::string("on_") + fill;
    if (b.colors.count(role)) continue;
    const Color f = b.colors[fill];
    b.colors[role] = contrast_ratio(ink, f) >= contrast_ratio(paper, f) ? ink : paper;
  }
  YamlMap fonts(m.node("fonts"), path, "brand fonts");
  // A misspelt role is reported as such, not as a missing one.
  std::vector<YAML::Node> role_nodes = {fonts.node("display"), fonts.node("text")};
  YAML::Node scripts = fonts.node("scripts");
  fonts.finish();
  if (!fonts.has("display") && !fonts.has("text") && fonts.loc().line == 0)
    m.fail_at("fonts", "brand needs 'fonts' with a 'display' and a 'text' family");
  int role_index = 0;
  for (const char* role : {"display", "text"}) {
    YamlMap f(role_nodes[role_index++], path, std::string("brand font '") + role + "'");
    if (f.loc().line == 0) fonts.fail_at(role, std::string("brand fonts need '") + role + "'");
    b.fonts[role] = parse_brand_font(role_nodes[role_index - 1], f, role, path);
    b.font_locs[role] = b.fonts[role].locs.count("file") ? b.fonts[role].locs["file"]
                                                         : b.fonts[role].locs["family"];
  }
  for (const YamlEntry& e : yaml_entries(scripts)) {
    YamlMap f(e.value, path, "brand font for script '" + e.name + "'");
    BrandScript bs;
    bs.name = e.name;
    bs.loc = yaml_loc(e.key, path);
    bs.family = f.str("family");
    bs.file = font_file_at(f, "file", path);
    if (bs.family.empty() == bs.file.empty())
      f.fail_at(bs.file.empty() ? "family" : "file",
                "brand font for script '" + e.name + "' needs a 'file' or a 'family', not both");
    if (!bs.file.empty()) bs.file_loc = f.loc_of("file");
    f.finish();
    b.scripts.push_back(bs);
  }
  m.finish();
  return b;
}

Brand load_brand(const std::string& path) {
  return parse_brand(read_file(path), path);
}

}  // namespace placard
