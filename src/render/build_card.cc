#include "render/build_card.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <optional>

#include <glib.h>
#include <filesystem>

#include "layout/layout_file.h"
#include "model/image_fit.h"
#include "render/kicker_words.h"
#include "text/atoms.h"
#include "text/personal_field.h"
#include "text/quotes.h"
#include "text/text_prepare.h"

namespace placard {

namespace {

// Layout lengths are px on a 1080x1080 canvas; other canvases scale them with
// the square root of their area, so a story's type is larger than a link card's.
double length_scale(int w, int h) {
  return std::sqrt(double(w) * h) / 1080.0;
}

Color resolve_color(const std::string& value, const Brand& brand, const SourceLoc& loc) {
  Color c;
  if (parse_hex_color(value, c)) return c;
  auto it = brand.colors.find(value);
  if (it != brand.colors.end()) return it->second;
  std::vector<std::string> roles;
  for (const auto& [k, v] : brand.colors) roles.push_back(k);
  auto hints = did_you_mean(value, roles);
  hints.push_back("use a brand role (paper, ink, accent, primary, muted) or #rrggbb");
  fail(loc, "unknown colour '" + value + "'", hints);
}

RichText plain_text(const std::string& s) {
  RichText t;
  if (!s.empty()) t.spans.push_back({s, false, false});
  return t;
}

// BCP 47 tags ignore case: "ES", "es-mx" and "es-MX" are all Spanish.
bool lang_is(const std::string& lang, const char* code) {
  const size_t n = std::strlen(code);
  return lang.size() >= n && g_ascii_strncasecmp(lang.c_str(), code, n) == 0 &&
         (lang.size() == n || lang[n] == '-' || lang[n] == '_');
}

// The part of t whose plain text lies in bytes [begin, end).
RichText slice_text(const RichText& t, size_t begin, size_t end) {
  RichText out;
  size_t pos = 0;
  for (const Span& s : t.spans) {
    const size_t from = std::clamp(begin, pos, pos + s.text.size()) - pos;
    const size_t to = std::clamp(end, pos, pos + s.text.size()) - pos;
    if (to > from) out.spans.push_back({s.text.substr(from, to - from), s.strong, s.em, s.mark});
    pos += s.text.size();
  }
  return out;
}

// "— Name", unless the attribution already starts with a dash.
std::string attributed(const std::string& who) {
  if (who.empty()) return "";
  return leading_dash(who).empty() ? "\u2014 " + who : who;
}

// `quote_mark`: the language's opening quotation mark, for the layout's
// decorative one ("" when the quote already starts with its own).
RichText field_text(const std::string& field, const ContentCard& c, const CampaignMeta& meta,
                    const std::string& kicker, const std::string& footer,
                    const std::string& quote_mark) {
  if (field == "headline") return c.headline;
  if (field == "body") return c.body;
  if (field == "kicker") return plain_text(kicker);
  if (field == "footer") return plain_text(footer);
  if (field == "campaign") return plain_text(meta.name);
  if (field == "attribution") return plain_text(attributed(c.attribution));
  if (field == "quote_mark") return plain_text(quote_mark);
  if (field == "number") return plain_text(c.number > 0 ? std::to_string(c.number) : "");
  return {};
}

// A layout's own decorative quotation marks, turned for a right-to-left
// card: Unicode mirrors brackets and guillemets in right-to-left text, but
// not the curly quotes, so an opening “ would face away from the quote.
std::string turn_quotes(const std::string& s) {
  static const std::pair<std::string_view, std::string_view> kTurns[] = {
      {"\u201C", "\u201D"}, {"\u201D", "\u201C"}, {"\u2018", "\u2019"}, {"\u2019", "\u2018"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool turned = false;
    for (const auto& [from, to] : kTurns) {
      if (s.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
        turned = true;
        break;
      }
    }
    if (!turned) out += s[i++];
  }
  return out;
}

// Right-to-left cards mirror the layout, so what leads sits on the right.
Rect mirrored(Rect r, const Rect& area) {
  r.x = 2 * area.x + area.w - r.x - r.w;
  return r;
}

Rect place(const BoxSpec& b, const Rect& area, double scale) {
  return {area.x + b.x * area.w + b.px_x * scale, area.y + b.y * area.h + b.px_y * scale,
          b.w * area.w + b.px_w * scale, b.h * area.h + b.px_h * scale};
}

Color with_opacity(Color c, double opacity) {
  c.a *= opacity;
  return c;
}

// A fill over `box`: one colour, or a gradient laid out on the box as CSS does;
// `mirror` (an element mirrored for a right-to-left card) mirrors the
// gradient with it, so a tint that fades a photo into the text beside it
// still fades towards the text.
ShapeItem paint_shape(const PaintSpec& p, const Rect& box, double radius, const Brand& brand,
                      bool mirror = false) {
  ShapeItem s;
  s.box = box;
  s.radius = radius;
  if (p.gradient == PaintSpec::Gradient::none) {
    s.fill = with_opacity(resolve_color(p.color, brand, p.loc), p.opacity);
    return s;
  }
  Gradient& g = s.gradient;
  for (const PaintSpec::Stop& st : p.stops)
    g.stops.push_back(
        {st.at, with_opacity(resolve_color(st.color, brand, p.loc), st.opacity * p.opacity)});
  if (p.gradient == PaintSpec::Gradient::linear) {
    // CSS: 0deg points up, 90deg right; the line is long enough that the
    // first and last stops touch the box's corners.
    const double a = p.angle * M_PI / 180;
    const double dx = mirror ? -std::sin(a) : std::sin(a), dy = -std::cos(a);
    const double len = std::abs(box.w * dx) + std::abs(box.h * dy);
    const double cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    g.kind = Gradient::Kind::linear;
    g.x0 = cx - dx * len / 2;
    g.y0 = cy - dy * len / 2;
    g.x1 = cx + dx * len / 2;
    g.y1 = cy + dy * len / 2;
  } else {
    g.kind = Gradient::Kind::radial;
    g.x0 = box.x + (mirror ? 1 - p.cx : p.cx) * box.w;
    g.y0 = box.y + p.cy * box.h;
    const double fx = std::max(std::abs(g.x0 - box.x), std::abs(box.right() - g.x0));
    const double fy = std::max(std::abs(g.y0 - box.y), std::abs(box.bottom() - g.y0));
    g.radius = p.radius * std::hypot(fx, fy);
  }
  return s;
}

TextStyle text_style(const TextSpec& t, const Brand& brand, double scale) {
  const auto font_it = brand.fonts.find(t.font);
  const BrandFont bf = font_it != brand.fonts.end() ? font_it->second : BrandFont{};
  TextStyle s;
  s.font = {bf.family,   t.weight ? t.weight : bf.weight, t.italic, bf.fixed_axes, bf.wght_axis,
            bf.opsz_axis};
  s.size_min = t.size_min * scale;
  s.size_max = t.size_max * scale;
  s.line_height = t.line_height;
  s.tracking = t.tracking;
  s.caps_tracking = t.caps_tracking;
  s.uppercase = t.uppercase;
  s.color = resolve_color(t.color, brand, t.loc);
  s.align = t.align;
  s.max_lines = t.max_lines;
  s.balance = t.balance;
  s.strong_color = t.strong_color.empty() ? s.color : resolve_color(t.strong_color, brand, t.loc);
  s.strong_weight = t.strong_weight ? t.strong_weight : std::max(s.font.weight, 700);
  s.em_color = t.em_color.empty() ? s.color : resolve_color(t.em_color, brand, t.loc);
  s.mark_color = resolve_color(t.mark_color.empty() ? "accent" : t.mark_color, brand, t.loc);
  s.mark_text_color =
      resolve_color(t.mark_text_color.empty() ? "paper" : t.mark_text_color, brand, t.loc);
  s.hyphenate = t.hyphenate;
  s.features = t.features;
  return s;
}

// Text must stay inside the safe area (the story's UI covers the rest).
void check_in_safe_area(const Card& card, const Rect& box, const std::string& name,
                        const SourceLoc& loc) {
  const double tol = 0.5;
  if (box.x >= card.safe.x - tol && box.y >= card.safe.y - tol &&
      box.right() <= card.safe.right() + tol && box.bottom() <= card.safe.bottom() + tol)
    return;
  char where[96];
  std::snprintf(where, sizeof where, "[%.0f, %.0f, %.0f, %.0f]", box.x, box.y, box.w, box.h);
  char safe[96];
  std::snprintf(safe, sizeof safe, "[%.0f, %.0f, %.0f, %.0f]", card.safe.x, card.safe.y,
                card.safe.w, card.safe.h);
  fail(loc,
       "text frame '" + name + "' at " + where + " leaves the safe area " + safe + " of " +
           card.size_name + " " + std::to_string(card.width) + "x" + std::to_string(card.height),
       {"keep text frames inside the safe area: it clears the bars and rails that the "
        "platforms of the size draw over it (platforms.yaml; 'placard platforms' lists them)"});
}

// The items one layout element added to the card.
struct Added {
  const ElementSpec* el = nullptr;
  size_t first = 0, end = 0;
  double gap = 0;  // its anchor's gap, px
};

// An element drawn `with` others goes when none of those shows anything on
// this card (a text without text, an image without a file, an element its
// `when` or `hidden` leaves out); the items of the rest close up. Repeated
// until nothing changes, as what goes may be what another goes with.
void drop_unaccompanied(std::vector<Added>& added, std::vector<CardItem>& items) {
  std::vector<bool> shows;
  for (const Added& a : added) shows.push_back(a.end > a.first);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < added.size(); ++i) {
      const std::vector<ElementRef>& with = added[i].el->with;
      if (!shows[i] || with.empty()) continue;
      const bool company = std::any_of(with.begin(), with.end(), [&](const ElementRef& r) {
        for (size_t j = 0; j < added.size(); ++j)
          if (shows[j] && added[j].el->name == r.name) return true;
        return false;
      });
      if (company) continue;
      shows[i] = false;
      changed = true;
    }
  }
  std::vector<CardItem> kept;
  for (size_t i = 0; i < added.size(); ++i) {
    const size_t first = kept.size();
    if (shows[i])
      for (size_t k = added[i].first; k < added[i].end; ++k) kept.push_back(std::move(items[k]));
    added[i].first = first;
    added[i].end = kept.size();
  }
  items = std::move(kept);
}

// Each anchored element follows the first element of its `to` list that
// added a text frame to the card. Anchors come in an order in which a frame
// that is itself anchored moves before the elements that follow it.
std::vector<Anchor> anchors_of(const std::vector<Added>& added,
                               const std::vector<CardItem>& items) {
  std::vector<Anchor> pending;
  for (const Added& a : added) {
    const AnchorSpec& spec = a.el->anchor;
    if (spec.to.empty() || a.first == a.end) continue;
    for (const AnchorSpec::Target& t : spec.to) {
      auto target = std::find_if(added.begin(), added.end(), [&](const Added& b) {
        return b.el->name == t.name && b.end > b.first &&
               std::holds_alternative<TextFrame>(items[b.first]);
      });
      if (target == added.end()) continue;
      Anchor anchor{a.el->name, {}, target->first, spec.bottom, a.gap, spec.loc};
      for (size_t i = a.first; i < a.end; ++i) anchor.items.push_back(i);
      pending.push_back(std::move(anchor));
      break;
    }
  }
  std::vector<Anchor> out;
  while (!pending.empty()) {
    const size_t before = pending.size();
    for (auto it = pending.begin(); it != pending.end();) {
      const size_t target = it->target;
      const bool waits = std::any_of(pending.begin(), pending.end(), [&](const Anchor& other) {
        return std::find(other.items.begin(), other.items.end(), target) != other.items.end();
      });
      if (waits) {
        ++it;
      } else {
        out.push_back(std::move(*it));
        it = pending.erase(it);
      }
    }
    // Layout files cannot chain anchors in a circle (parse_layout checks);
    // a Layout made in code that does keeps the rest in written order.
    if (pending.size() == before) {
      std::move(pending.begin(), pending.end(), std::back_inserter(out));
      break;
    }
  }
  return out;
}

}  // namespace

std::string default_kicker(const ContentCard& card, const CampaignMeta& meta) {
  // "Recommendation 2 of 4" in the card's language (gallery/kickers.yaml).
  const std::string& lang = card.lang.empty() ? meta.lang : card.lang;
  switch (card.kind) {
    case CardKind::recommendation:
      return recommendation_kicker(lang, card.number, card.total);
    case CardKind::heading:
      return meta.name;
    case CardKind::quote:
    case CardKind::statement:
      return "";
  }
  return "";
}

std::string alt_text(const ContentCard& card, const std::string& kicker) {
  std::string alt;
  auto add = [&](const std::string& s, const char* sep) {
    if (s.empty()) return;
    if (!alt.empty()) alt += sep;
    alt += s;
  };
  add(kicker, "");
  if (!alt.empty() && std::string(".:?!").find(alt.back()) == std::string::npos) alt += ":";
  add(card.headline.plain(), " ");
  add(card.body.plain(), " ");
  add(attributed(card.attribution), " ");
  return alt;
}

// A JPEG or WebP file, by its name: cameras and phones write those; a PNG
// image in a layout is more often a drawing or a logo.
static bool is_photo_file(const std::string& path) {
  std::string ext =
      path.substr(path.rfind('.') == std::string::npos ? path.size() : path.rfind('.'));
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext == ".jpg" || ext == ".jpeg" || ext == ".webp";
}

// An image item filling `box` as the element places its picture: fit,
// alignment and focus point as written (the caller turns or overrides them).
static ImageItem placed_image(const ElementSpec& el, const Rect& box) {
  ImageItem img;
  img.box = box;
  img.fit = el.fit;
  img.halign = el.halign;
  img.valign = el.valign;
  img.focus_x = el.focus_x;
  img.focus_y = el.focus_y;
  return img;
}

// A supporter's field named by a layout: on a card of a campaign that
// personalises (or with a supporter's input) it must be one the campaign
// declares, else the layout and the campaign disagree.
static void check_declared(const std::string& field, const CampaignMeta& meta, bool personal,
                           const SourceLoc& loc) {
  const Personalize& p = meta.personalize;
  if (!personal || p.field(field)) return;
  std::vector<std::string> names;
  for (const PersonalField& f : p.fields) names.push_back(f.name);
  auto hints = did_you_mean(field, names);
  hints.push_back("declare it in the campaign's front matter: personalize: fields: {" + field +
                  ": {max: 40}}");
  fail(loc,
       "the layout shows the supporter's field '" + field +
           "', which the campaign's 'personalize.fields' does not declare",
       hints);
}

// The text a frame's spec sets: a card field, a supporter's field, or the
// first of its literal forms whose placeholders all have values. Supporter
// values are isolated bidi runs. Empty when there is nothing to show.
static RichText spec_text(const TextSpec& t, const ContentCard& content, const CampaignMeta& meta,
                          const std::string& kicker, const std::string& footer,
                          const std::string& quote_mark, bool rtl, const Supporter* supporter,
                          std::string& personal_field) {
  const bool personal = supporter || meta.personalize.enabled();
  personal_field.clear();
  if (t.supporter) {
    check_declared(t.field, meta, personal, t.loc);
    if (!supporter) return {};
    auto it = supporter->fields.find(t.field);
    if (it == supporter->fields.end() || it->second.empty()) return {};
    personal_field = t.field;
    return plain_text(isolate_bidi(it->second));
  }
  if (!t.field.empty()) return field_text(t.field, content, meta, kicker, footer, quote_mark);
  std::vector<const std::string*> forms{&t.literal};
  for (const std::string& f : t.fallbacks) forms.push_back(&f);
  for (const std::string* form : forms) {
    const std::string literal = rtl ? turn_quotes(*form) : *form;
    const std::vector<std::string> names = placeholder_names(literal);
    if (names.empty()) return plain_text(literal);
    for (const std::string& n : names) check_declared(n, meta, personal, t.loc);
    if (!supporter) continue;
    if (std::optional<std::string> filled = fill_placeholders(literal, supporter->fields)) {
      personal_field = names.front();  // what a misfit names
      return plain_text(*filled);
    }
  }
  return {};
}

Card build_card(const ContentCard& content, const CampaignMeta& meta, const Layout& layout,
                const Brand& brand, const SizePreset& size, const CardLabels& labels,
                const Supporter* supporter) {
  Card card;
  card.id = content.id;
  card.kind = content.kind;
  card.size_name = size.name;
  card.width = size.width;
  card.height = size.height;
  // The tag's extensions ("ar-u-nu-latn") are for the kicker's digits
  // (default_kicker); everything else reads the language, script and region.
  const std::string& tag = content.lang.empty() ? meta.lang : content.lang;
  numbering_digits(tag);  // an unknown numbering system fails every card, not only a kicker
  card.lang = canonical_lang(lang_without_extensions(tag));
  card.rtl = card.lang.empty() ? is_rtl(content.headline.plain()) : is_rtl_language(card.lang);
  const bool mirror = card.rtl && layout.mirror_rtl;
  card.loc = content.loc;
  const Rect canvas{0, 0, double(size.width), double(size.height)};
  // The zone that clears the size's platforms, unless the layout sets its own.
  Layout::SafeMargins safe{size.safe_left, size.safe_top, size.safe_right, size.safe_bottom};
  if (auto it = layout.safe_areas.find(size.name); it != layout.safe_areas.end())
    safe = it->second;
  else if (auto o =
               layout.safe_areas.find(orientation_name(orientation_of(size.width, size.height)));
           o != layout.safe_areas.end())
    safe = o->second;
  card.safe = {safe.left * size.width, safe.top * size.height,
               size.width * (1.0 - safe.left - safe.right),
               size.height * (1.0 - safe.top - safe.bottom)};
  card.background = resolve_color(layout.background, brand, {layout.path, 0, 0});

  const std::string kicker = labels.kicker.empty() ? default_kicker(content, meta) : labels.kicker;
  const std::string footer = !labels.footer.empty() ? labels.footer
                             : !meta.footer.empty() ? meta.footer
                                                    : brand.footer;
  if (!has_visible_text(content.headline.plain()))
    fail(content.loc, "card '" + content.id + "' has no text to show",
         {"give the card a headline; spaces and invisible characters do not count"});
  card.title = clean_text(content.headline.plain());
  card.alt = clean_text(alt_text(content, kicker));
  const double scale = length_scale(size.width, size.height);
  // A quotation typed in its own marks gives them up to the layout's
  // decorative mark, which is the language's opening one; a quote that
  // only starts with a mark keeps it and gets no second one.
  ContentCard shown = content;
  if (content.kind == CardKind::quote)
    if (const auto inside = enclosed_quotation(content.headline.plain()))
      shown.headline = slice_text(content.headline, inside->first, inside->second);
  const std::string quote_mark =
      leading_quote(shown.headline.plain()).empty() ? quote_marks(card.lang).open : "";

  auto add_frame = [&](TextFrame frame, const std::vector<const TextSpec*>& specs) {
    for (const TextSpec* t : specs) {
      std::string personal_field;
      RichText text = clean_text(spec_text(*t, shown, meta, kicker, footer, quote_mark, card.rtl,
                                           supporter, personal_field));
      if (text.empty()) continue;
      TextBlock block;
      block.field = !personal_field.empty() ? personal_field
                    : t->field.empty()      ? frame.name
                                            : t->field;
      block.text = std::move(text);
      block.supporter = !personal_field.empty();
      if (block.supporter) {
        // The paragraph takes the card's direction, not the supporter's:
        // Pango finds a paragraph's direction from its first strong letter
        // without skipping isolates, so "{name} · {city}" with an Arabic
        // name would otherwise turn an English line around.
        block.text.spans.front().text.insert(0, card.rtl ? "\u200F" : "\u200E");
      }
      block.style = text_style(*t, brand, scale);
      block.style.rtl = card.rtl;
      block.style.lang = card.lang;
      // In a right-to-left paragraph each address, and each left-to-right
      // reference such as "287(g)", reads as typed (isolated from the
      // paragraph's direction).
      if (const std::string plain = block.text.plain();
          !block.supporter && paragraph_rtl(plain, card.lang).value_or(is_rtl(plain)))
        block.text = isolate_ltr(block.text);
      // Turkish and Azerbaijani capitalise i as İ; Pango's uppercase
      // transform does not know the language, so do that letter here.
      if (block.style.uppercase && (lang_is(card.lang, "tr") || lang_is(card.lang, "az")))
        for (Span& span : block.text.spans)
          for (size_t at; (at = span.text.find('i')) != std::string::npos;)
            span.text.replace(at, 1, "\u0130");
      block.gap_before = frame.blocks.empty() ? 0 : t->gap_before * scale;
      frame.blocks.push_back(std::move(block));
    }
    if (frame.blocks.empty()) return;
    frame.costs = layout.breaking == BreakCosts{} ? default_break_costs() : layout.breaking;
    frame.ink_area = card.safe;
    check_in_safe_area(card, frame.box, frame.name, frame.loc);
    card.items.push_back(std::move(frame));
  };

  std::vector<Added> added;  // for anchors
  for (const ElementSpec& el : layout.for_size(size)) {
    if (el.hidden) continue;
    if (!el.when.empty() &&
        std::find(el.when.begin(), el.when.end(), content.kind) == el.when.end())
      continue;
    const Rect area = el.box.canvas ? canvas : card.safe;
    added.push_back({&el, card.items.size(), 0, el.anchor.gap * area.h + el.anchor.px_gap * scale});
    const bool flip = mirror && el.type != ElementType::svg;
    const Rect box = flip ? mirrored(place(el.box, area, scale), area) : place(el.box, area, scale);
    switch (el.type) {
      case ElementType::rect:
        card.items.push_back(paint_shape(el.fill, box, el.radius * scale, brand, flip));
        break;
      case ElementType::line: {
        LineItem line;
        line.x0 = box.x;
        line.y0 = box.y;
        Rect to = place(el.to, area, scale);
        if (flip) {  // mirror the end points, not boxes
          line.x0 = 2 * area.x + area.w - place(el.box, area, scale).x;
          to.x = 2 * area.x + area.w - to.x;
        }
        line.x1 = to.x;
        line.y1 = to.y;
        line.width = el.stroke * scale;
        line.color = with_opacity(resolve_color(el.stroke_color, brand, el.loc), el.opacity);
        line.cap = el.cap;
        for (double d : el.dash) line.dash.push_back(d * scale);
        card.items.push_back(line);
        break;
      }
      case ElementType::image: {
        std::string path = el.source_path;
        if (el.source == "logo") path = brand.logo;
        if (el.source == "supporter") {
          if (supporter && supporter->photo) {
            ImageItem img = placed_image(el, box);
            img.supporter = true;
            img.photo = true;
            if (supporter->placement) {
              // The supporter's own framing, as the panel showed it: a
              // layout's focus point, with their zoom.
              img.fit = ImageFit::cover;
              img.focus_x = supporter->placement->x;
              img.focus_y = supporter->placement->y;
              img.zoom = supporter->placement->zoom;
            }
            img.opacity = el.opacity;
            img.radius = el.radius * scale;
            card.items.push_back(img);
          } else if (el.fallback == "photo") {
            path = !brand.photo.empty() ? brand.photo : layout.photo;
          }
          if (path.empty()) {
            // The supporter's photo placed, or no photo at all (the slot
            // stays empty): the tint is drawn either way, so the text over
            // it keeps its contrast.
            if (!el.tint.empty())
              card.items.push_back(paint_shape(el.tint, box, el.radius * scale, brand, flip));
            break;
          }
        }
        if (el.source == "photo") {
          path = !brand.photo.empty() ? brand.photo : layout.photo;
          if (path.empty())
            fail(el.loc,
                 "image '" + el.name + "' shows the brand's photo, but brand '" + brand.name +
                     "' has none and the layout gives no 'photo'",
                 {"add 'photo: FILE' to the brand or the layout"});
        }
        if (path.empty()) break;  // a brand without a logo
        ImageItem img = placed_image(el, box);
        img.path = path;
        img.photo = el.source == "photo" || el.source == "supporter" || is_photo_file(path);
        if (flip && img.halign != Align::center)
          img.halign = img.halign == Align::start ? Align::end : Align::start;
        if ((el.source == "photo" || el.source == "supporter") && !el.focus_set) {
          const bool own = !brand.photo.empty();
          img.focus_x = own ? brand.photo_focus_x : layout.photo_focus_x;
          img.focus_y = own ? brand.photo_focus_y : layout.photo_focus_y;
        }
        img.opacity = el.opacity;
        img.radius = el.radius * scale;
        card.items.push_back(img);
        if (!el.tint.empty())
          card.items.push_back(paint_shape(el.tint, box, img.radius, brand, flip));
        break;
      }
      case ElementType::svg: {
        // The drawing, its field elements hidden, and a text frame where each was.
        const Rect box_all = el.box.w == 1 && el.box.h == 1 && el.box.x == 0 && el.box.y == 0 &&
                                     el.box.px_w == 0 && el.box.px_h == 0
                                 ? area
                                 : box;
        ImageItem img = placed_image(el, box_all);
        img.path = el.source_path;
        for (const SvgField& f : el.svg_fields) img.hide_ids.push_back(f.id);
        card.items.push_back(img);
        const Rect drawn = fit_image(box_all, el.view_w, el.view_h, el.fit, el.halign, el.valign,
                                     el.focus_x, el.focus_y);
        const double sx = drawn.w / el.view_w, sy = drawn.h / el.view_h;
        for (const SvgField& f : el.svg_fields) {
          TextFrame frame;
          frame.name = f.id;
          frame.box = {drawn.x + (f.x - el.view_x) * sx, drawn.y + (f.y - el.view_y) * sy, f.w * sx,
                       f.h * sy};
          frame.valign = f.valign;
          frame.loc = f.text.loc;
          // Sizes are in the drawing's units: they scale with it.
          TextSpec t = f.text;
          t.size_min *= std::min(sx, sy) / scale;
          t.size_max *= std::min(sx, sy) / scale;
          t.gap_before = 0;
          add_frame(std::move(frame), {&t});
        }
        break;
      }
      case ElementType::text:
      case ElementType::stack: {
        TextFrame frame{el.name, box, el.valign, {}, el.loc, true, {}, {}};
        std::vector<const TextSpec*> specs;
        for (const TextSpec& t : el.texts) specs.push_back(&t);
        add_frame(std::move(frame), specs);
        break;
      }
    }
    added.back().end = card.items.size();
    if (el.decoration.on) {
      Decoration d = el.decoration;
      d.move *= scale;
      for (size_t i = added.back().first; i < added.back().end; ++i) {
        if (auto* s = std::get_if<ShapeItem>(&card.items[i])) s->decoration = d;
        if (auto* l = std::get_if<LineItem>(&card.items[i])) l->decoration = d;
        if (auto* im = std::get_if<ImageItem>(&card.items[i])) im->decoration = d;
      }
    }
    // The logo and elements marked important must be seen on every platform.
    const bool logo = el.type == ElementType::image && el.source == "logo";
    if ((logo || el.important) && added.back().end > added.back().first) {
      KeptElement kept{el.name, {}, el.loc};
      for (size_t i = added.back().first; i < added.back().end; ++i)
        if (!std::holds_alternative<TextFrame>(card.items[i])) kept.items.push_back(i);
      if (!kept.items.empty()) card.kept.push_back(std::move(kept));
    }
  }
  drop_unaccompanied(added, card.items);
  card.anchors = anchors_of(added, card.items);
  return card;
}

}  // namespace placard
