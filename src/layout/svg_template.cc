#include "layout/svg_template.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "base/file_io.h"
#include "layout/layout_file.h"
#include "layout/svg_geometry.h"

namespace placard {

namespace {

const std::vector<std::string> kFieldNames = {"kicker", "headline", "body",     "attribution",
                                              "footer", "number",   "campaign", "quote_mark"};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// libxml2 knows an element's line, not its column: find the attribute's
// column by looking for `name=` from that line on.
SourceLoc attr_loc(const std::vector<std::string>& lines, const std::string& file, int line,
                   const std::string& name) {
  for (int l = std::max(line, 1); l <= static_cast<int>(lines.size()) && l < line + 40; ++l) {
    const std::string& text = lines[l - 1];
    for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
      bool starts = at == 0 || std::isspace(static_cast<unsigned char>(text[at - 1])) ||
                    text[at - 1] == ';' || text[at - 1] == '"';
      size_t after = at + name.size();
      while (after < text.size() && text[after] == ' ') ++after;
      if (starts && after < text.size() && (text[after] == '=' || text[after] == ':'))
        return {file, l, static_cast<int>(at) + 1};
    }
  }
  return {file, line, 0};
}

std::string xml_attr(xmlNode* node, const char* name) {
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

struct Found {
  std::string id, field, tag;
  std::map<std::string, SvgAttr> attrs;
  SourceLoc loc;
};

void collect(xmlNode* node, const std::string& file, const std::vector<std::string>& lines,
             std::vector<Found>& out) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const std::string id = xml_attr(n, "id");
    std::string field = xml_attr(n, "data-field");
    if (field.empty() && !id.empty()) {
      const std::string l = lower(id);
      if (std::find(kFieldNames.begin(), kFieldNames.end(), l) != kFieldNames.end()) field = l;
    }
    const int line = static_cast<int>(xmlGetLineNo(n));
    if (!field.empty()) {
      Found f;
      f.id = id;
      f.field = field;
      f.tag = reinterpret_cast<const char*>(n->name);
      f.loc = {file, line, 0};
      if (!id.empty()) f.loc = attr_loc(lines, file, line, "id");
      if (std::find(kFieldNames.begin(), kFieldNames.end(), field) == kFieldNames.end())
        fail(attr_loc(lines, file, line, "data-field"),
             "unknown field '" + field + "' in data-field", did_you_mean(field, kFieldNames));
      if (id.empty())
        fail(f.loc, "a field element needs an 'id' (data-field='" + field + "' has none)");
      for (xmlAttr* a = n->properties; a; a = a->next) {
        const std::string name = reinterpret_cast<const char*>(a->name);
        if (!name.starts_with("data-") &&
            !(f.tag == "text" && (name == "fill" || name == "font-size" || name == "font-weight" ||
                                  name == "font-style" || name == "text-anchor")))
          continue;
        f.attrs[name] = {xml_attr(n, name.c_str()), attr_loc(lines, file, line, name)};
      }
      if (f.tag == "text") {
        // style="font-size:48px;fill:#fff" as Inkscape writes it.
        std::stringstream style(xml_attr(n, "style"));
        for (std::string decl; std::getline(style, decl, ';');) {
          size_t colon = decl.find(':');
          if (colon == std::string::npos) continue;
          std::string k = trim(decl.substr(0, colon)), v = trim(decl.substr(colon + 1));
          if (k == "fill" || k == "font-size" || k == "font-weight" || k == "font-style" ||
              k == "text-anchor")
            f.attrs.emplace(k, SvgAttr{v, attr_loc(lines, file, line, k)});
        }
      }
      out.push_back(std::move(f));
    }
    collect(n->children, file, lines, out);
  }
}

double number(const SvgAttr& a, const std::string& name) {
  std::string v = trim(a.value);
  if (v.ends_with("px")) v = v.substr(0, v.size() - 2);
  try {
    size_t used = 0;
    double d = std::stod(v, &used);
    if (used == v.size()) return d;
  } catch (const std::exception&) {
  }
  fail(a.loc, "'" + name + "' must be a number, not '" + a.value + "'");
}

bool flag(const SvgAttr& a, const std::string& name) {
  const std::string v = lower(trim(a.value));
  if (v == "true" || v == "yes" || v == "1") return true;
  if (v == "false" || v == "no" || v == "0") return false;
  fail(a.loc, "'" + name + "' must be true or false, not '" + a.value + "'");
}

std::string pick(const SvgAttr& a, const std::string& name,
                 const std::vector<std::string>& options) {
  const std::string v = trim(a.value);
  if (std::find(options.begin(), options.end(), v) != options.end()) return v;
  std::string list;
  for (const auto& o : options) list += (list.empty() ? "'" : ", '") + o + "'";
  auto hints = did_you_mean(v, options);
  hints.push_back("'" + name + "' is one of " + list);
  fail(a.loc, "unknown " + name + " '" + v + "'", hints);
}

std::string color_value(const SvgAttr& a, const std::string& name) {
  const std::string v = trim(a.value);
  Color c;
  if (v.starts_with("#")) {
    if (parse_hex_color(v, c)) return v;
    fail(a.loc, "bad colour '" + v + "' in " + name, {"write colours as #rrggbb or #rrggbbaa"});
  }
  static const std::vector<std::string> roles = {"paper", "ink",       "accent",    "primary",
                                                 "muted", "on_accent", "on_primary"};
  if (std::find(roles.begin(), roles.end(), v) != roles.end()) return v;
  auto hints = did_you_mean(v, roles);
  hints.push_back(
      "use a brand role (paper, ink, accent, primary, muted, on_accent, on_primary) "
      "or #rrggbb");
  fail(a.loc, "unknown colour '" + v + "' in " + name, hints);
}

}  // namespace

const std::vector<std::string>& svg_style_attributes() {
  static const std::vector<std::string> names = {
      "data-field",       "data-font",     "data-weight",    "data-italic", "data-size",
      "data-line-height", "data-tracking", "data-uppercase", "data-color",  "data-strong-color",
      "data-align",       "data-valign",   "data-max-lines", "data-balance"};
  return names;
}

const SvgTemplateInfo& inspect_svg_template(const std::string& path, SvgCache& cache) {
  if (auto it = cache.find(path); it != cache.end()) return it->second;
  const std::string bytes = read_file(path);
  std::vector<std::string> lines;
  {
    std::stringstream in(bytes);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  xmlDoc* doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), path.c_str(), nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) {
    const xmlError* err = xmlGetLastError();
    SourceLoc loc{path, err ? err->line : 0, err ? err->int2 : 0};
    std::string why = err && err->message ? trim(err->message) : "not well-formed XML";
    xmlResetLastError();
    fail(loc, "invalid SVG: " + why);
  }
  std::vector<Found> found;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!root || std::string(reinterpret_cast<const char*>(root->name)) != "svg") {
    xmlFreeDoc(doc);
    fail({path, 1, 1}, "'" + path + "' is not an SVG file (its root element is not <svg>)");
  }
  try {
    collect(root, path, lines, found);
  } catch (...) {
    xmlFreeDoc(doc);
    throw;
  }
  xmlFreeDoc(doc);

  std::vector<std::string> ids;
  for (const Found& f : found) ids.push_back(f.id);
  SvgGeometry geo = measure_svg(path, bytes, ids);
  SvgTemplateInfo info;
  info.view_x = geo.view_box.x;
  info.view_y = geo.view_box.y;
  info.view_w = geo.view_box.w;
  info.view_h = geo.view_box.h;
  for (Found& f : found) {
    for (const SvgFieldElement& other : info.fields)
      if (other.field == f.field)
        fail(f.loc,
             "field '" + f.field + "' is bound twice (ids '" + other.id + "' and '" + f.id + "')");
    auto it = geo.elements.find(f.id);
    if (it == geo.elements.end() || it->second.w <= 0 || it->second.h <= 0)
      fail(f.loc,
           "field element '" + f.id + "' has no size; draw it as a <rect> the text should fill");
    SvgFieldElement el;
    el.id = f.id;
    el.field = f.field;
    el.tag = f.tag;
    el.x = it->second.x;
    el.y = it->second.y;
    el.w = it->second.w;
    el.h = it->second.h;
    el.attrs = std::move(f.attrs);
    el.loc = f.loc;
    info.fields.push_back(std::move(el));
  }
  return cache.emplace(path, std::move(info)).first->second;
}

TextSpec svg_field_style(const SvgFieldElement& el, TextSpec t) {
  t.field = el.field;
  t.loc = el.loc;
  for (const auto& [name, a] : el.attrs) {
    if (name == "data-field") continue;
    if (name == "data-font")
      t.font = pick(a, name, {"display", "text"});
    else if (name == "data-weight" || name == "font-weight") {
      const std::string v = lower(trim(a.value));
      t.weight = v == "bold" ? 700 : v == "normal" ? 400 : static_cast<int>(number(a, name));
    } else if (name == "data-italic")
      t.italic = flag(a, name);
    else if (name == "font-style")
      t.italic = trim(a.value) == "italic" || trim(a.value) == "oblique";
    else if (name == "data-size") {
      std::string v = a.value;
      std::replace(v.begin(), v.end(), ',', ' ');
      std::stringstream in(v);
      std::vector<double> sizes;
      for (std::string part; in >> part;) sizes.push_back(number({part, a.loc}, name));
      if (sizes.empty() || sizes.size() > 2)
        fail(a.loc, "'data-size' must be one size or 'min max', not '" + a.value + "'");
      t.size_min = sizes.front();
      t.size_max = sizes.back();
      if (t.size_min <= 0 || t.size_max < t.size_min)
        fail(a.loc, "'data-size' needs 0 < min <= max");
    } else if (name == "font-size") {
      // The placeholder's size is the largest the text may grow to.
      t.size_max = number(a, name);
      t.size_min = std::min(t.size_min, t.size_max);
    } else if (name == "data-line-height")
      t.line_height = number(a, name);
    else if (name == "data-tracking")
      t.tracking = number(a, name);
    else if (name == "data-uppercase")
      t.uppercase = flag(a, name);
    else if (name == "data-color")
      t.color = color_value(a, name);
    else if (name == "fill") {
      Color c;
      if (parse_hex_color(trim(a.value), c)) t.color = trim(a.value);
    } else if (name == "data-strong-color")
      t.strong_color = color_value(a, name);
    else if (name == "data-align") {
      std::string v = pick(a, name, {"start", "center", "end"});
      t.align = v == "center" ? Align::center : v == "end" ? Align::end : Align::start;
    } else if (name == "text-anchor") {
      std::string v = trim(a.value);
      t.align = v == "middle" ? Align::center : v == "end" ? Align::end : Align::start;
    } else if (name == "data-valign") {
      pick(a, name, {"top", "center", "bottom"});  // read by the caller
    } else if (name == "data-max-lines")
      t.max_lines = static_cast<int>(number(a, name));
    else if (name == "data-balance")
      t.balance = flag(a, name);
    else {
      fail(a.loc, "unknown attribute '" + name + "' on field element '" + el.id + "'",
           did_you_mean(name, svg_style_attributes()));
    }
  }
  return t;
}

}  // namespace placard
