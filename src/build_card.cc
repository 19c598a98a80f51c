#include "build_card.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <glib.h>
#include <filesystem>

#include "layout_file.h"
#include "text_prepare.h"

namespace placard {

namespace {

// Layout lengths are px on a 1080x1080 canvas; other canvases scale them with
// the square root of their area, so a story's type is larger than a link card's.
double length_scale(int w, int h) { return std::sqrt(double(w) * h) / 1080.0; }

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

RichText field_text(const std::string& field, const ContentCard& c, const CampaignMeta& meta,
                    const std::string& kicker, const std::string& footer) {
  if (field == "headline") return c.headline;
  if (field == "body") return c.body;
  if (field == "kicker") return plain_text(kicker);
  if (field == "footer") return plain_text(footer);
  if (field == "campaign") return plain_text(meta.name);
  if (field == "attribution")
    return plain_text(c.attribution.empty() ? "" : "\u2014 " + c.attribution);
  if (field == "number") return plain_text(c.number > 0 ? std::to_string(c.number) : "");
  return {};
}

// Right-to-left cards mirror the layout, so what leads sits on the right.
Rect place(const BoxSpec& b, const Rect& area, bool mirror) {
  const double x = mirror ? 1.0 - b.x - b.w : b.x;
  return {area.x + x * area.w, area.y + b.y * area.h, b.w * area.w, b.h * area.h};
}

}  // namespace

std::string default_kicker(const ContentCard& card, const CampaignMeta& meta) {
  // "Recommendation 2 of 4" in the card's language ({n} and {total} filled in).
  struct Label {
    const char* lang;
    const char* numbered;
    const char* single;
  };
  static const Label kLabels[] = {
      {"en", "Recommendation {n} of {total}", "Recommendation"},
      {"es", "Recomendación {n} de {total}", "Recomendación"},
      {"fr", "Recommandation {n} sur {total}", "Recommandation"},
      {"pt", "Recomendação {n} de {total}", "Recomendação"},
      {"de", "Empfehlung {n} von {total}", "Empfehlung"},
      {"ar", "التوصية {n} من {total}", "توصية"},
      {"vi", "Khuyến nghị {n}/{total}", "Khuyến nghị"},
      {"zh", "建议 {n}/{total}", "建议"},
  };
  const std::string& lang = card.lang.empty() ? meta.lang : card.lang;
  const Label* label = &kLabels[0];
  for (const Label& l : kLabels)
    if (lang_is(lang, l.lang)) label = &l;
  switch (card.kind) {
    case CardKind::recommendation: {
      if (card.total <= 1) return label->single;
      std::string s = label->numbered;
      s.replace(s.find("{n}"), 3, std::to_string(card.number));
      s.replace(s.find("{total}"), 7, std::to_string(card.total));
      return s;
    }
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
  if (!card.attribution.empty()) add("\u2014 " + card.attribution, " ");
  return alt;
}

Card build_card(const ContentCard& content, const CampaignMeta& meta, const Layout& layout,
                const Brand& brand, const SizePreset& size, const CardLabels& labels) {
  Card card;
  card.id = content.id;
  card.kind = content.kind;
  card.size_name = size.name;
  card.width = size.width;
  card.height = size.height;
  card.lang = canonical_lang(content.lang.empty() ? meta.lang : content.lang);
  card.rtl = card.lang.empty() ? is_rtl(content.headline.plain()) : is_rtl_language(card.lang);
  const bool mirror = card.rtl && layout.mirror_rtl;
  card.loc = content.loc;
  const Rect canvas{0, 0, double(size.width), double(size.height)};
  card.safe = {0, size.safe_top * size.height, double(size.width),
               size.height * (1.0 - size.safe_top - size.safe_bottom)};
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

  for (const ElementSpec& el : layout.for_orientation(orientation_of(size.width, size.height))) {
    if (!el.when.empty() &&
        std::find(el.when.begin(), el.when.end(), content.kind) == el.when.end())
      continue;
    const Rect box = place(el.box, el.box.canvas ? canvas : card.safe, mirror);
    switch (el.type) {
      case ElementType::rect:
        card.items.push_back(ShapeItem{box, resolve_color(el.fill, brand, el.loc),
                                       el.radius * scale});
        break;
      case ElementType::image: {
        std::string path = el.source == "logo"
                               ? brand.logo
                               : (std::filesystem::path(layout.path).parent_path() / el.source)
                                     .string();
        Align halign = el.halign;
        if (mirror && halign != Align::center)
          halign = halign == Align::start ? Align::end : Align::start;
        if (!path.empty()) card.items.push_back(ImageItem{box, path, halign, el.valign});
        break;
      }
      case ElementType::text:
      case ElementType::stack: {
        TextFrame frame{el.name, box, el.valign, {}};
        for (const TextSpec& t : el.texts) {
          RichText text = clean_text(t.field.empty() ? plain_text(t.literal)
                                                     : field_text(t.field, content, meta, kicker, footer));
          if (text.empty()) continue;
          TextBlock block;
          block.field = t.field.empty() ? el.name : t.field;
          block.text = std::move(text);
          const auto font_it = brand.fonts.find(t.font);
          const BrandFont bf = font_it != brand.fonts.end() ? font_it->second : BrandFont{};
          TextStyle& s = block.style;
          s.font = {bf.family, t.weight ? t.weight : bf.weight, t.italic};
          s.size_min = t.size_min * scale;
          s.size_max = t.size_max * scale;
          s.line_height = t.line_height;
          s.tracking = t.tracking;
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
          s.rtl = card.rtl;
          s.lang = card.lang;
          // Turkish and Azerbaijani capitalise i as İ; Pango's uppercase
          // transform does not know the language, so do that letter here.
          if (s.uppercase && (lang_is(card.lang, "tr") || lang_is(card.lang, "az")))
            for (Span& span : block.text.spans)
              for (size_t at; (at = span.text.find('i')) != std::string::npos;)
                span.text.replace(at, 1, "\u0130");
          block.gap_before = frame.blocks.empty() ? 0 : t.gap_before * scale;
          frame.blocks.push_back(std::move(block));
        }
        if (!frame.blocks.empty()) card.items.push_back(std::move(frame));
        break;
      }
    }
  }
  return card;
}

}  // namespace placard
