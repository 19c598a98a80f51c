#include "layout_file.h"

#include <algorithm>
#include <filesystem>

#include "file_io.h"
#include "resources.h"
#include "yaml_map.h"

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

const std::vector<std::string> kKinds = {"recommendation", "heading", "quote", "statement"};
const std::vector<std::string> kOrientations = {"landscape", "square", "portrait", "story"};

Align parse_align(YamlMap& m, const std::string& key) {
  std::string a = m.choice(key, {"start", "center", "end"}, "start");
  return a == "center" ? Align::center : a == "end" ? Align::end : Align::start;
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
  if (t.size_min <= 0 || t.size_max < t.size_min)
    m.fail_at("size", "'size' needs 0 < min <= max");
}

TextSpec parse_text_spec(YamlMap& m) {
  TextSpec t;
  t.loc = m.loc();
  t.field = m.choice("field", {"", "kicker", "headline", "body", "attribution", "footer",
                               "number", "campaign"}, "");
  t.literal = m.str("text");
  if (t.field.empty() && t.literal.empty())
    fail(m.loc(), "text needs a 'field' to show or a literal 'text'");
  t.font = m.choice("font", {"display", "text"}, "text");
  t.weight = m.integer("weight", 0);
  t.italic = m.boolean("italic", false);
  parse_size_range(m, t);
  t.line_height = m.num("line_height", 1.2);
  t.tracking = m.num("tracking", 0);
  t.uppercase = m.boolean("uppercase", false);
  t.color = m.str("color", "ink");
  t.align = parse_align(m, "align");
  t.max_lines = m.integer("max_lines", 0);
  t.balance = m.boolean("balance", true);
  t.hyphenate = m.boolean("hyphenate", true);
  t.features = m.str("features");
  t.gap_before = m.num("gap", 0);
  if (m.has("strong")) {
    YamlMap s(m.node("strong"), m.file(), "'strong'", m.line_offset());
    t.strong_color = s.str("color");
    t.strong_weight = s.integer("weight", 0);
    s.finish();
  }
  if (m.has("em")) {
    YamlMap e(m.node("em"), m.file(), "'em'", m.line_offset());
    t.em_color = e.str("color");
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

BoxSpec parse_box(YamlMap& m) {
  BoxSpec b;
  YAML::Node n = m.node("box");
  if (!n.IsDefined()) m.fail_at("box", "element needs a 'box: [x, y, width, height]'");
  std::vector<double> v;
  try {
    if (n.IsSequence())
      for (const auto& x : n) v.push_back(x.as<double>());
  } catch (const YAML::Exception&) {
    v.clear();
  }
  if (v.size() != 4)
    m.fail_at("box", "'box' must be [x, y, width, height] as fractions of the area");
  b = {v[0], v[1], v[2], v[3], false};
  if (b.w <= 0 || b.h <= 0) m.fail_at("box", "'box' width and height must be positive");
  b.canvas = m.choice("area", {"safe", "canvas"}, "safe") == "canvas";
  return b;
}

ElementSpec parse_element(const YAML::Node& node, const std::string& file, int index) {
  ElementSpec e;
  YamlMap probe(node, file, "layout element " + std::to_string(index + 1));
  e.name = probe.str("name", "element-" + std::to_string(index + 1));
  YamlMap m(node, file, "layout element '" + e.name + "'");
  m.node("name");
  e.loc = m.loc();
  std::string type = m.choice("type", {"rect", "text", "stack", "image"}, "text");
  e.type = type == "rect" ? ElementType::rect
           : type == "stack" ? ElementType::stack
           : type == "image" ? ElementType::image
                             : ElementType::text;
  e.box = parse_box(m);
  for (const auto& k : m.str_list("when")) {
    auto it = std::find(kKinds.begin(), kKinds.end(), k);
    if (it == kKinds.end())
      m.fail_at("when", "unknown card kind '" + k + "' in 'when'", did_you_mean(k, kKinds));
    e.when.push_back(static_cast<CardKind>(it - kKinds.begin()));
  }
  switch (e.type) {
    case ElementType::rect:
      e.fill = m.str("fill", "accent");
      e.radius = m.num("radius", 0);
      break;
    case ElementType::text:
      e.valign = parse_valign(m, "valign", "top");
      e.texts.push_back(parse_text_spec(m));
      break;
    case ElementType::stack: {
      e.valign = parse_valign(m, "valign", "top");
      YAML::Node items = m.node("items");
      if (!items.IsSequence() || items.size() == 0)
        m.fail_at("items", "a stack needs 'items': a list of text fields");
      for (const auto& item : items) {
        YamlMap im(item, file, "an item of stack '" + e.name + "'");
        e.texts.push_back(parse_text_spec(im));
        im.finish();
      }
      break;
    }
    case ElementType::image:
      e.source = m.str("source", "logo");
      e.halign = parse_align(m, "halign");
      e.valign = parse_valign(m, "valign", "center");
      break;
  }
  m.finish();
  return e;
}

// Shallow-merges `patch` into the element named `name` (stack items are
// patched by field name through an "items" mapping).
void apply_override(YAML::Node& elements, const std::string& name, const YAML::Node& patch,
                    const std::string& file) {
  for (auto el : elements) {
    if (!el["name"].IsDefined() || el["name"].Scalar() != name) continue;
    if (!patch.IsMap()) fail(yaml_loc(patch, file), "override for '" + name + "' must be a mapping");
    for (auto kv : patch) {
      const std::string key = kv.first.Scalar();
      if (key == "items" && kv.second.IsMap() && el["items"].IsSequence()) {
        for (auto fieldpatch : kv.second) {
          bool found = false;
          for (auto item : el["items"]) {
            if (item["field"].IsDefined() && item["field"].Scalar() == fieldpatch.first.Scalar()) {
              for (auto f : fieldpatch.second) item[f.first.Scalar()] = f.second;
              found = true;
            }
          }
          if (!found)
            fail(yaml_loc(fieldpatch.first, file),
                 "stack '" + name + "' has no item with field '" + fieldpatch.first.Scalar() + "'");
        }
      } else {
        el[key] = kv.second;
      }
    }
    return;
  }
  std::vector<std::string> names;
  for (auto el : elements)
    if (el["name"].IsDefined()) names.push_back(el["name"].Scalar());
  fail(yaml_loc(patch, file), "override for unknown element '" + name + "'",
       did_you_mean(name, names));
}

}  // namespace

Layout parse_layout(const std::string& text, const std::string& path) {
  YAML::Node root = parse_yaml(text, path);
  YamlMap m(root, path, "layout");
  Layout layout;
  layout.path = path;
  layout.name = m.str("name", fs::path(path).stem().string());
  layout.description = m.str("description");
  layout.background = m.str("background", "paper");
  layout.mirror_rtl = m.boolean("mirror_rtl", true);
  YAML::Node elements = m.node("elements");
  if (!elements.IsSequence() || elements.size() == 0)
    m.fail_at("elements", "layout needs 'elements': a list of shapes, text and images");
  YAML::Node overrides = m.node("overrides");
  if (overrides.IsDefined() && !overrides.IsNull() && !overrides.IsMap())
    m.fail_at("overrides", "'overrides' must map orientations to element changes");
  m.finish();
  if (overrides.IsMap()) {
    for (auto kv : overrides) {
      const std::string o = kv.first.Scalar();
      if (std::find(kOrientations.begin(), kOrientations.end(), o) == kOrientations.end())
        fail(yaml_loc(kv.first, path), "unknown orientation '" + o + "' in 'overrides'",
             did_you_mean(o, kOrientations));
    }
  }
  for (size_t oi = 0; oi < kOrientations.size(); ++oi) {
    YAML::Node resolved = YAML::Clone(elements);
    if (overrides.IsMap() && overrides[kOrientations[oi]].IsMap())
      for (auto kv : overrides[kOrientations[oi]])
        apply_override(resolved, kv.first.Scalar(), kv.second, path);
    int index = 0;
    for (const auto& el : resolved) layout.elements[oi].push_back(parse_element(el, path, index++));
  }
  return layout;
}

Layout load_layout(const std::string& name_or_path) {
  std::string path = name_or_path;
  bool is_path = name_or_path.find('/') != std::string::npos ||
                 name_or_path.ends_with(".yaml") || name_or_path.ends_with(".yml");
  if (!is_path) {
    path = layouts_dir() + "/" + name_or_path + ".yaml";
    if (!fs::exists(path)) {
      std::vector<std::string> names;
      for (const auto& [n, d] : list_layouts()) names.push_back(n);
      auto hints = did_you_mean(name_or_path, names);
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      hints.push_back("built-in layouts: " + all + " (or give a .yaml file)");
      fail({}, "unknown layout '" + name_or_path + "'", hints);
    }
  }
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

Brand parse_brand(const std::string& text, const std::string& path) {
  YAML::Node root = parse_yaml(text, path);
  YamlMap m(root, path, "brand");
  Brand b;
  b.path = path;
  b.name = m.str("name");
  b.footer = m.str("footer");
  std::string logo = m.str("logo");
  if (!logo.empty()) {
    fs::path p = fs::path(path).parent_path() / logo;
    if (!fs::exists(p)) m.fail_at("logo", "logo file '" + p.string() + "' does not exist");
    b.logo = fs::absolute(p).lexically_normal().string();
  }
  YamlMap colors(m.node("colors"), path, "brand colors");
  const char* roles[] = {"paper", "ink", "accent", "primary", "muted"};
  std::map<std::string, std::string> values;
  for (const char* role : roles) values[role] = colors.str(role);
  colors.finish();  // a misspelt role is reported as such, not as a missing one
  for (const char* role : roles) {
    const std::string& v = values[role];
    if (v.empty()) colors.fail_at(role, "brand colors need '" + std::string(role) + "'");
    Color c;
    if (!parse_hex_color(v, c))
      colors.fail_at(role, "bad colour '" + v + "' for '" + role + "'",
                     {"write colours as #rrggbb or #rrggbbaa"});
    b.colors[role] = c;
  }
  YamlMap fonts(m.node("fonts"), path, "brand fonts");
  for (const char* role : {"display", "text"}) {
    YamlMap f(fonts.node(role), path, std::string("brand font '") + role + "'");
    BrandFont bf;
    bf.family = f.str("family");
    if (bf.family.empty()) f.fail_at("family", std::string("brand font '") + role + "' needs a 'family'");
    bf.weight = f.integer("weight", 400);
    f.finish();
    b.fonts[role] = bf;
  }
  fonts.finish();
  m.finish();
  return b;
}

Brand load_brand(const std::string& path) { return parse_brand(read_file(path), path); }

}  // namespace placard
