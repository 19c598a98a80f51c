#include "text/pango_text.h"

#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>

#include "text/atoms.h"
#include "text/fonts.h"
#include "text/quotes.h"
#include "text/script_style.h"
#include "text/text_prepare.h"
#include "text/tracking.h"

namespace placard {

namespace {

// A line's characters as a reader sees them: no line separator or trailing
// space, no soft hyphen, zero-width space or bidi control.
std::string drawn_text(std::string_view line) {
  std::string out;
  const char* end = line.data() + line.size();
  for (const char* p = line.data(); p < end; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    if (c == 0x00AD || c == 0x200B || c == 0x2028 || c == '\n' || c == 0x200E || c == 0x200F ||
        c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
      continue;
    out.append(p, static_cast<size_t>(g_utf8_next_char(p) - p));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

guint16 channel(double v) {
  return static_cast<guint16>(std::lround(std::clamp(v, 0.0, 1.0) * 65535));
}

void add_attr(PangoAttrList* list, PangoAttribute* a, guint start, guint end) {
  a->start_index = start;
  a->end_index = end;
  pango_attr_list_insert(list, a);
}

void add_color(PangoAttrList* list, const Color& c, guint start, guint end) {
  add_attr(list, pango_attr_foreground_new(channel(c.r), channel(c.g), channel(c.b)), start, end);
}

PangoWeight weight_of(int w) {
  return static_cast<PangoWeight>(std::clamp(w, 100, 1000));
}

double px(int pango_units) {
  return pango_units / double(PANGO_SCALE);
}

// The variable-font instance for a weight at a size: "wght=780,wdth=92,opsz=48";
// "" for a static font.
std::string variations(const FontSpec& f, int weight, double size) {
  std::string out;
  auto add = [&out](const std::string& v) { out += (out.empty() ? "" : ",") + v; };
  if (f.wght_axis) add("wght=" + std::to_string(std::clamp(weight, 1, 1000)));
  if (!f.axes.empty()) add(f.axes);
  if (f.opsz_axis) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "opsz=%.2f", size);
    add(buf);
  }
  return out;
}

// "wght=300,opsz=55.5,wght=300,opsz=74.07" (fontconfig's values from the
// weight and point size, then ours, which win) as it applies:
// "wght=300,opsz=74.07".
std::string instance(const std::string& variations) {
  std::vector<std::pair<std::string, std::string>> axes;
  size_t at = 0;
  while (at <= variations.size()) {
    size_t end = variations.find(',', at);
    if (end == std::string::npos) end = variations.size();
    const std::string item = variations.substr(at, end - at);
    const size_t eq = item.find('=');
    if (eq != std::string::npos) {
      const std::string tag = item.substr(0, eq), value = item.substr(eq + 1);
      auto it =
          std::find_if(axes.begin(), axes.end(), [&](const auto& a) { return a.first == tag; });
      if (it == axes.end())
        axes.push_back({tag, value});
      else
        it->second = value;
    }
    at = end + 1;
  }
  std::string out;
  for (const auto& [tag, value] : axes) out += (out.empty() ? "" : ",") + tag + "=" + value;
  return out;
}

// Emphasis along the weight axis of a variable font.
PangoAttribute* variations_attr(const std::string& v) {
  PangoFontDescription* d = pango_font_description_new();
  pango_font_description_set_variations(d, v.c_str());
  PangoAttribute* a = pango_attr_font_desc_new(d);
  pango_font_description_free(d);
  return a;
}

// Byte ranges of ==marked== spans in the layout's text.
std::vector<std::pair<int, int>> mark_ranges(const TextBlock& block) {
  std::vector<std::pair<int, int>> out;
  size_t at = 0;
  for (const Span& span : block.text.spans) {
    const size_t len = span.text.size();
    if (span.mark) out.emplace_back(static_cast<int>(at), static_cast<int>(at + len));
    at += len;
  }
  return out;
}

// Whether a block's opening quotation mark hangs: only at a flush edge
// where the paragraph starts (the left of a left-aligned left-to-right
// paragraph, the right of a right-aligned right-to-left one).
bool hangs(const TextStyle& s, bool paragraph_rtl) {
  if (s.align == Align::center || !s.hang_punctuation) return false;
  const bool right = (s.align == Align::end) != s.rtl;
  return right == paragraph_rtl;
}

}  // namespace

void PangoText::LayoutDeleter::operator()(PangoLayout* l) const {
  g_object_unref(l);
}

namespace {

PangoContext* new_context(Fonts& fonts, const std::string& lang, PangoDirection dir) {
  PangoContext* context = pango_font_map_create_context(fonts.font_map());
  // Unhinted outlines with fractional positions: the same layout at every
  // size and on every machine, and smooth greyscale edges.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context, FALSE);
  pango_context_set_language(context,
                             pango_language_from_string(lang.empty() ? "und" : lang.c_str()));
  pango_context_set_base_dir(context, dir);
  return context;
}

}  // namespace

PangoText::PangoText(Fonts& fonts, const std::string& lang) : fonts_(fonts), lang_(lang) {
  context_ = new_context(fonts, lang, PANGO_DIRECTION_WEAK_LTR);
  directed_[0] = new_context(fonts, lang, PANGO_DIRECTION_LTR);
  directed_[1] = new_context(fonts, lang, PANGO_DIRECTION_RTL);
}

PangoText::~PangoText() {
  recent_.clear();  // the layouts hold their contexts
  for (PangoContext* c : {context_, directed_[0], directed_[1]})
    if (c) g_object_unref(c);
}

PangoText::LayoutPtr PangoText::make_layout(const TextBlock& block, double size, double width) {
  const TextStyle& s = block.style;
  std::string text;
  PangoAttrList* attrs = pango_attr_list_new();
  for (const Span& span : block.text.spans) {
    const guint start = text.size();
    text += span.text;
    const guint end = text.size();
    if (span.strong) {
      add_attr(attrs, pango_attr_weight_new(weight_of(s.strong_weight)), start, end);
      if (s.font.wght_axis)
        add_attr(attrs, variations_attr(variations(s.font, s.strong_weight, size)), start, end);
      add_color(attrs, s.strong_color, start, end);
    }
    if (span.em) {
      // Emphasis in italic type is set upright, as a typographer sets it.
      if (s.em_italic)
        add_attr(attrs,
                 pango_attr_style_new(s.font.italic ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC),
                 start, end);
      if (!span.strong) add_color(attrs, s.em_color, start, end);
    }
    if (span.mark) add_color(attrs, s.mark_text_color, start, end);
  }
  fonts_.ensure_coverage(text);
  // Letter-spacing by script: none where letters join or share a headstroke.
  const std::vector<TrackingRun> tracking =
      tracking_runs(text, s.tracking, s.caps_tracking, s.uppercase);
  for (const TrackingRun& r : tracking)
    if (r.em != 0)
      add_attr(attrs, pango_attr_letter_spacing_new(static_cast<int>(r.em * size * PANGO_SCALE)),
               static_cast<guint>(r.start), static_cast<guint>(r.end));
  if (s.uppercase)
    pango_attr_list_insert_before(attrs,
                                  pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE));
  if (!s.features.empty())
    pango_attr_list_insert_before(attrs, pango_attr_font_features_new(s.features.c_str()));
  pango_attr_list_insert_before(attrs, pango_attr_line_height_new(s.line_height));
  add_script_attrs(attrs, text, block, size);

  // The paragraph's direction is the language's (see paragraph_rtl); with
  // no language, that of the first strong letter.
  const std::string& lang = s.lang.empty() ? lang_ : s.lang;
  const std::optional<bool> rtl = paragraph_rtl(text, lang);
  LayoutPtr layout(pango_layout_new(rtl ? directed_[*rtl ? 1 : 0] : context_));
  if (rtl) pango_layout_set_auto_dir(layout.get(), FALSE);
  PangoFontDescription* desc = pango_font_description_new();
  const std::string families = fonts_.family_list(s.font.family, lang);
  pango_font_description_set_family(desc, families.c_str());
  pango_font_description_set_weight(desc, weight_of(s.font.weight));
  pango_font_description_set_style(desc, s.font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
  if (const std::string v = variations(s.font, s.font.weight, size); !v.empty())
    pango_font_description_set_variations(desc, v.c_str());
  pango_layout_set_font_description(layout.get(), desc);
  pango_font_description_free(desc);

  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  pango_layout_set_attributes(layout.get(), attrs);
  pango_attr_list_unref(attrs);
  // Breaks chosen by line breaking are line separators: the text breaks
  // there and nowhere else, and the lines align with the widest.
  const bool broken = block.set_lines || text.find("\u2028") != std::string::npos;
  pango_layout_set_width(layout.get(),
                         broken || width <= 0 ? -1 : static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
  // Alignment is physical: "start" is the right edge on a right-to-left
  // card. Pango mirrors LEFT/RIGHT in a paragraph whose direction it found
  // against its context's (right to left here), so undo that; a paragraph
  // whose direction is set is not mirrored.
  if (s.align == Align::center) {
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  } else {
    const bool right = (s.align == Align::end) != s.rtl;
    const bool mirrored = !rtl && is_rtl(text);
    pango_layout_set_alignment(layout.get(),
                               right != mirrored ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  }
  // Hanging punctuation: an opening quotation mark at a flush start edge
  // is set outside it, by its advance (a negative indent: every line but the
  // first moves in by that much, and fitting places the block that much
  // further out). Wrapped by Pango, the first line gets the room it hangs into.
  if (const auto [from, to] = hanging_punctuation(text); to > from) {
    PangoLayoutLine* first = pango_layout_get_line_readonly(layout.get(), 0);
    if (first && hangs(s, first->resolved_dir == PANGO_DIRECTION_RTL)) {
      int* ranges = nullptr;
      int n = 0;
      pango_layout_line_get_x_ranges(first, static_cast<int>(from), static_cast<int>(to), &ranges,
                                     &n);
      int hang = 0;
      for (int i = 0; i < n; ++i) hang += ranges[2 * i + 1] - ranges[2 * i];
      g_free(ranges);
      pango_layout_set_indent(layout.get(), -hang);
      if (!broken && width > 0)
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE) + hang);
    }
  }
  return layout;
}

double PangoText::base_size(const TextBlock& block, double size) {
  return block.style.size_max > 0 ? block.style.size_max : size;
}

PangoLayout* PangoText::layout_for(const TextBlock& block, double size, double width) {
  // A card has at most a handful of blocks; eight covers them and the trials
  // just before.
  constexpr size_t kRecent = 8;
  TextStyle style = block.style;
  style.color = {};
  // Keyed by what the layout is made of: the base size, and the width in
  // its units (none when the lines are set), so that the layout shaping
  // made of a one-line text serves it again at its final size.
  const double base = base_size(block, size);
  const double w = block.set_lines || width <= 0 ? -1 : width * base / size;
  for (auto it = recent_.begin(); it != recent_.end(); ++it) {
    if (it->size != base || it->width != w || it->text != block.text || !(it->style == style))
      continue;
    std::rotate(it, it + 1, recent_.end());  // now the most recent
    return recent_.back().layout.get();
  }
  if (recent_.size() == kRecent) recent_.erase(recent_.begin());
  recent_.push_back({block.text, std::move(style), base, w, make_layout(block, base, w)});
  return recent_.back().layout.get();
}

namespace {

// Each line's runs, left to right, adjacent runs of one bidi level joined.
std::vector<std::vector<std::string>> visual_runs(PangoLayout* layout) {
  std::vector<std::vector<std::string>> out;
  const char* text = pango_layout_get_text(layout);
  for (GSList* l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
    auto* line = static_cast<PangoLayoutLine*>(l->data);
    std::vector<std::pair<int, std::string>> runs;  // level, text
    for (GSList* r = line->runs; r; r = r->next) {
      const PangoItem* item = static_cast<PangoGlyphItem*>(r->data)->item;
      std::string t(text + item->offset, static_cast<size_t>(item->length));
      const int level = item->analysis.level;
      if (!runs.empty() && runs.back().first == level) {
        // Within one level the logical order is the order of reading.
        const bool rtl = level % 2 == 1;
        runs.back().second = rtl ? t + runs.back().second : runs.back().second + t;
      } else {
        runs.push_back({level, t});
      }
    }
    std::vector<std::string> shown;
    for (auto& [level, t] : runs) {
      std::string clean;
      for (const char* p = t.c_str(); *p; p = g_utf8_next_char(p)) {
        const gunichar c = g_utf8_get_char(p);
        if (c == 0x2068 || c == 0x2069 || c == 0x2028 || c == 0x200B || c == 0x200E || c == 0x200F)
          continue;
        clean.append(p, static_cast<size_t>(g_utf8_next_char(p) - p));
      }
      const size_t a = clean.find_first_not_of(' '), b = clean.find_last_not_of(' ');
      if (a != std::string::npos) shown.push_back(clean.substr(a, b - a + 1));
    }
    out.push_back(std::move(shown));
  }
  return out;
}

}  // namespace

TextMeasure PangoText::measure(const TextBlock& block, double size, double width) {
  PangoLayout* layout = layout_for(block, size, width);
  const double f = size / base_size(block, size);
  auto px = [f](int pango_units) { return pango_units / double(PANGO_SCALE) * f; };
  TextMeasure m;
  PangoRectangle ink, logical;
  pango_layout_get_extents(layout, &ink, &logical);
  m.lines = pango_layout_get_line_count(layout);
  m.width = px(logical.width);
  m.height = px(logical.height);
  m.ink = {px(ink.x), px(ink.y), px(ink.width), px(ink.height)};
  if (PangoLayoutLine* first = pango_layout_get_line_readonly(layout, 0))
    m.rtl = first->resolved_dir == PANGO_DIRECTION_RTL;
  m.hang = px(-pango_layout_get_indent(layout));

  const char* text = pango_layout_get_text(layout);
  int n_attrs = 0;
  const PangoLogAttr* attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
  for (GSList* l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
    auto* line = static_cast<PangoLayoutLine*>(l->data);
    PangoRectangle line_logical;
    pango_layout_line_get_extents(line, nullptr, &line_logical);
    m.line_widths.push_back(px(line_logical.width));
    // Count word starts within the line's characters.
    int first = static_cast<int>(g_utf8_pointer_to_offset(text, text + line->start_index));
    int count = static_cast<int>(g_utf8_strlen(text + line->start_index, line->length));
    int words = 0;
    for (int i = first; i < first + count && i < n_attrs; ++i) words += attrs[i].is_word_start;
    // A line that starts inside a hyphenated word holds that part as a word.
    if (count > 0 && first < n_attrs && !attrs[first].is_word_start &&
        g_unichar_isalnum(g_utf8_get_char(text + line->start_index)))
      ++words;
    m.line_words.push_back(words);
    const bool soft_hyphen =
        line->length >= 2 &&
        std::string_view(text + line->start_index + line->length - 2, 2) == "\u00AD";
    if (soft_hyphen) ++m.hyphens;
    m.line_texts.push_back(drawn_text(std::string_view(text + line->start_index, line->length)) +
                           (soft_hyphen && l->next ? "-" : ""));
  }
  // Where each line sits, its ink (what anchored elements follow) and its
  // baseline, for `--dump-layout` and the preview's overlays (with the
  // layout's alignment inside its width).
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    PangoRectangle line_ink, line_logical;
    pango_layout_iter_get_line_extents(iter, &line_ink, &line_logical);
    m.line_boxes.push_back(
        {px(line_logical.x), px(line_logical.y), px(line_logical.width), px(line_logical.height)});
    m.line_inks.push_back(
        {px(line_ink.x), px(line_ink.y), px(line_ink.width), px(line_ink.height)});
    m.baselines.push_back(px(pango_layout_iter_get_baseline(iter)));
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  if (block.supporter) m.visual_runs = visual_runs(layout);
  if (fonts_.is_brand()) brand_faces(layout, block.style.font.family, m);
  if (pango_layout_get_unknown_glyphs_count(layout) > 0) {
    // Name the characters no font covers, so the user can see what is missing.
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
      PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it);
      if (!run) continue;
      for (int g = 0; g < run->glyphs->num_glyphs; ++g) {
        if (!(run->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG)) continue;
        gunichar ch = run->glyphs->glyphs[g].glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
        if (g_unichar_isspace(ch) || g_unichar_type(ch) == G_UNICODE_FORMAT) continue;
        char buf[8] = {};
        g_unichar_to_utf8(ch, buf);
        if (m.missing.find(buf) == std::string::npos) m.missing += buf;
      }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
  }
  return m;
}

std::string FallbackChar::text() const {
  char code_text[16];
  std::snprintf(code_text, sizeof code_text, "U+%04X", code);
  return "'" + character + "' (" + code_text +
         ") is not in the brand's fonts; drawn with fallback '" + font + "'";
}

void PangoText::brand_faces(PangoLayout* layout, const std::string& block_family,
                            TextMeasure& m) const {
  const char* text = pango_layout_get_text(layout);
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it);
    if (!run || !PANGO_IS_FC_FONT(run->item->analysis.font)) continue;
    FcPattern* p = pango_fc_font_get_pattern(PANGO_FC_FONT(run->item->analysis.font));
    FcChar8 *family = nullptr, *file = nullptr;
    FcPatternGetString(p, FC_FAMILY, 0, &family);
    FcPatternGetString(p, FC_FILE, 0, &file);
    const std::string fam = family ? reinterpret_cast<const char*>(family) : "";
    if (fam == block_family || fonts_.is_brand_family(fam)) {
      PangoFontDescription* d = pango_font_describe(run->item->analysis.font);
      const char* v = pango_font_description_get_variations(d);
      std::string face =
          fam + " \u00B7 " +
          (file ? std::filesystem::path(fonts_.brand_file(reinterpret_cast<const char*>(file)))
                      .filename()
                      .string()
                : std::string()) +
          " \u00B7 " + (v && *v ? instance(v) : "static");
      pango_font_description_free(d);
      if (std::find(m.faces.begin(), m.faces.end(), face) == m.faces.end()) m.faces.push_back(face);
      continue;
    }
    // A font of the fallback chain: name each character it drew.
    const char* end = text + run->item->offset + run->item->length;
    for (const char* c = text + run->item->offset; c < end; c = g_utf8_next_char(c)) {
      const gunichar ch = g_utf8_get_char(c);
      if (g_unichar_isspace(ch) || g_unichar_type(ch) == G_UNICODE_FORMAT || ch == 0x00AD) continue;
      char utf8[8] = {};
      g_unichar_to_utf8(ch, utf8);
      const FallbackChar what{utf8, ch, fam};
      if (std::find(m.fallbacks.begin(), m.fallbacks.end(), what) == m.fallbacks.end())
        m.fallbacks.push_back(what);
    }
  } while (pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
}

void PangoText::draw(cairo_t* cr, const TextBlock& block, double size, double width, double x,
                     double y, bool opaque) {
  PangoLayout* layout = layout_for(block, size, width);
  // The layout is at the block's base size: draw it scaled to `size`, with
  // (x, y) its top-left, in the layout's own units from here on.
  const double base = base_size(block, size);
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, size / base, size / base);
  x = y = 0;
  size = base;
  // Highlights first: a marker band from a little above the x-height to
  // just below the baseline, padded at the ends, under each marked run.
  const auto marks = mark_ranges(block);
  if (!marks.empty()) {
    const Color& c = block.style.mark_color;
    cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
    const double pad = 0.12 * size;
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
      const double baseline = y + px(pango_layout_iter_get_baseline(it));
      PangoRectangle line_logical;
      pango_layout_iter_get_line_extents(it, nullptr, &line_logical);
      // Clip to the line without its trailing spaces: a range that runs past
      // the line would be widened to the layout's edge.
      const char* text = pango_layout_get_text(layout);
      int line_end = line->start_index + line->length;
      while (line_end > line->start_index &&
             (text[line_end - 1] == ' ' || text[line_end - 1] == '\n'))
        --line_end;
      for (const auto& [mark_start, mark_end] : marks) {
        const int start = std::max(mark_start, line->start_index);
        int end = std::min(mark_end, line_end);
        while (end > start && text[end - 1] == ' ') --end;
        if (end <= start) continue;
        int* ranges = nullptr;
        int n = 0;
        pango_layout_line_get_x_ranges(line, start, end, &ranges, &n);
        for (int i = 0; i < n; ++i) {
          const double x0 = x + px(ranges[2 * i]), x1 = x + px(ranges[2 * i + 1]);
          if (x1 - x0 < 1) continue;
          cairo_rectangle(cr, x0 - pad, baseline - 0.82 * size, x1 - x0 + 2 * pad, 1.0 * size);
        }
        g_free(ranges);
      }
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    cairo_fill(cr);
  }
  const Color& c = block.style.color;
  cairo_set_source_rgba(cr, c.r, c.g, c.b, opaque ? 1.0 : c.a);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
}

namespace {

constexpr double kProbeSize = 1000;  // px: metrics are measured this large

// Median of the values (they are few).
double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

double PangoText::ink_height_em(const std::string& family, int weight, const std::string& sample) {
  const std::string key = family + "/" + std::to_string(weight) + "/ink/" + sample;
  for (const auto& [k, v] : em_cache_)
    if (k == key) return v;
  LayoutPtr layout(pango_layout_new(context_));
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, family.c_str());
  pango_font_description_set_weight(desc, weight_of(weight));
  pango_font_description_set_absolute_size(desc, kProbeSize * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), desc);
  pango_font_description_free(desc);
  pango_layout_set_text(layout.get(), sample.data(), static_cast<int>(sample.size()));
  std::vector<double> tops;
  PangoLayoutIter* it = pango_layout_get_iter(layout.get());
  do {
    PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it);
    if (!run) continue;
    for (int g = 0; g < run->glyphs->num_glyphs; ++g) {
      PangoRectangle ink;
      pango_font_get_glyph_extents(run->item->analysis.font, run->glyphs->glyphs[g].glyph, &ink,
                                   nullptr);
      if (ink.width <= 0 || ink.height <= 0) continue;  // spaces, joiners
      tops.push_back(-(ink.y + run->glyphs->glyphs[g].geometry.y_offset) / double(PANGO_SCALE));
    }
  } while (pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
  const double em = median_of(tops) / kProbeSize;
  em_cache_.emplace_back(key, em);
  return em;
}

double PangoText::line_em(const std::string& family, int weight, bool italic) {
  const std::string key = family + "/" + std::to_string(weight) + (italic ? "/i" : "/r") + "/line";
  for (const auto& [k, v] : em_cache_)
    if (k == key) return v;
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, family.c_str());
  pango_font_description_set_weight(desc, weight_of(weight));
  pango_font_description_set_style(desc, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(desc, kProbeSize * PANGO_SCALE);
  // The family's own font, not the fontset for the context's language (whose
  // metrics would be those of the script's fallback font).
  PangoFont* font = pango_context_load_font(context_, desc);
  PangoFontMetrics* m =
      font ? pango_font_get_metrics(font, pango_language_from_string("en")) : nullptr;
  const double em = m ? (pango_font_metrics_get_ascent(m) + pango_font_metrics_get_descent(m)) /
                            double(PANGO_SCALE) / kProbeSize
                      : 1.2;
  if (m) pango_font_metrics_unref(m);
  if (font) g_object_unref(font);
  pango_font_description_free(desc);
  em_cache_.emplace_back(key, em);
  return em;
}

namespace {

// Whether the run's text has one of the script's vowel marks.
template <typename Run>
bool has_marks(const std::string& text, const Run& r, const ScriptStyle& style) {
  for (const char* p = text.c_str() + r.start; p < text.c_str() + r.end; p = g_utf8_next_char(p)) {
    const auto c = static_cast<int>(g_utf8_get_char(p));
    for (const auto& [first, last] : style.marks)
      if (c >= first && c <= last) return true;
  }
  return false;
}

}  // namespace

void PangoText::add_script_attrs(PangoAttrList* attrs, const std::string& text,
                                 const TextBlock& block, double size) {
  // Runs of one styled script. Spaces, marks and the script's own
  // punctuation between its letters join the run; Latin letters, ASCII
  // digits and ASCII punctuation are the brand font's and keep its size.
  struct Run {
    size_t start, end;
    const ScriptStyle* style;
  };
  std::vector<Run> runs;
  const ScriptStyle* cur = nullptr;
  size_t start = 0, end = 0;
  for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    const size_t at = p - text.c_str(), next = g_utf8_next_char(p) - text.c_str();
    const GUnicodeScript sc = g_unichar_get_script(c);
    const bool ascii_strong = c < 0x80 && g_ascii_isalnum(c);
    if (!ascii_strong && (sc == G_UNICODE_SCRIPT_COMMON || sc == G_UNICODE_SCRIPT_INHERITED ||
                          sc == G_UNICODE_SCRIPT_UNKNOWN)) {
      if (cur && (sc == G_UNICODE_SCRIPT_INHERITED || (c >= 0x80 && !g_unichar_isspace(c))))
        end = next;  // a mark, or the script's own punctuation
      continue;
    }
    const ScriptStyle* st = ascii_strong ? nullptr : script_style(sc);
    if (st != cur) {
      if (cur) runs.push_back({start, end, cur});
      cur = st;
      start = at;
    }
    end = next;
  }
  if (cur) runs.push_back({start, end, cur});
  if (runs.empty()) return;

  const TextStyle& s = block.style;
  const int block_weight = s.font.weight;
  const double x_em = ink_height_em(s.font.family, s.font.weight, "x");
  const double cap_em = ink_height_em(s.font.family, s.font.weight, "H");
  const double latin_line = s.line_height * line_em(s.font.family, s.font.weight, s.font.italic);
  for (const Run& r : runs) {
    // The brand's own face for the script is measured, not assumed from
    // the bundled one that typesetting/scripts.yaml measured; the bundled
    // one is set at the weight whose stems match the brand's.
    const std::string face = fonts_.script_face(r.style->name);
    const int weight = face.empty() ? r.style->weight_for(block_weight) : block_weight;
    // Optical size: the script's main body as large as the Latin
    // x-height (CJK: its face as large as the cap height).
    const double ref = r.style->against_caps ? cap_em : x_em;
    const double body =
        face.empty() ? r.style->body(weight) : ink_height_em(face, block_weight, r.style->sample);
    const double scale = std::clamp(ref / (body > 0 ? body : r.style->body(weight)), 0.6, 1.8);
    auto add = [&](PangoAttribute* a, size_t start, size_t end) {
      a->start_index = static_cast<guint>(start);
      a->end_index = static_cast<guint>(end);
      pango_attr_list_insert(attrs, a);
    };
    add(pango_attr_scale_new(scale), r.start, r.end);
    // Its own line pitch, a multiple of the Latin one, instead of the
    // line height applied to the script font's (much taller) box; more
    // for text with vowel marks, whose marks would touch the line above.
    // (Any run of the script with a mark sets every run of it so, for
    // an even pitch.)
    bool marked = false;
    if (r.style->leading_marked > 0)
      for (const Run& o : runs)
        marked = marked || (o.style == r.style && has_marks(text, o, *o.style));
    const double leading = marked ? r.style->leading_marked : r.style->leading;
    add(pango_attr_line_height_new(0.0), r.start, r.end);
    add(pango_attr_line_height_new_absolute(
            static_cast<int>(latin_line * leading * size * PANGO_SCALE)),
        r.start, r.end);
    if (!face.empty() || r.style->weights.empty()) continue;
    // The script's weight, span by span (a strong span is set at the
    // script weight that matches the strong one).
    size_t at = 0;
    for (const Span& span : block.text.spans) {
      const size_t start = std::max(at, r.start), end = std::min(at + span.text.size(), r.end);
      at += span.text.size();
      if (start >= end) continue;
      const int brand = span.strong ? s.strong_weight : block_weight;
      const int w = r.style->weight_for(brand);
      if (w != brand) add(pango_attr_weight_new(weight_of(w)), start, end);
    }
  }
}

ShapedText PangoText::shape(const TextBlock& block, double size) {
  // At the base size the layout is kept: when fitting sets the text on one
  // line, measuring and drawing it use this same layout.
  LayoutPtr own;
  PangoLayout* layout = nullptr;
  if (size == base_size(block, size)) {
    TextBlock set = block;
    set.set_lines = true;
    layout = layout_for(set, size, -1);
  } else {
    own = make_layout(block, size, -1);
    layout = own.get();
  }
  ShapedText out;
  out.size = size;
  const char* text = pango_layout_get_text(layout);
  out.text = text;
  const int n = static_cast<int>(g_utf8_strlen(text, -1));
  out.chars.resize(n + 1);
  std::vector<int> char_at_byte(out.text.size() + 1, 0);
  {
    int i = 0;
    for (const char* p = text; *p; p = g_utf8_next_char(p), ++i) {
      out.chars[i].byte = p - text;
      char_at_byte[p - text] = i;
    }
    out.chars[n].byte = out.text.size();
    char_at_byte[out.text.size()] = n;
  }
  int n_attrs = 0;
  const PangoLogAttr* la = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
  for (int i = 0; i <= n && i < n_attrs; ++i) {
    out.chars[i].break_before = i > 0 && la[i].is_line_break;
    out.chars[i].grapheme = la[i].is_cursor_position;
    out.chars[i].white = la[i].is_white;
    out.chars[i].word_start = la[i].is_word_start;
  }
  const std::string& lang = block.style.lang.empty() ? lang_ : block.style.lang;
  for (const KeepRange& r : keep_ranges(out.text, lang))
    out.keeps.push_back({char_at_byte[r.start], char_at_byte[r.end],
                         r.kind != KeepKind::unit && r.kind != KeepKind::phrase,
                         r.kind == KeepKind::url || r.kind == KeepKind::tag});
  std::vector<double> advance(n + 1, 0);
  PangoLayoutLine* line = pango_layout_get_line_readonly(layout, 0);
  out.rtl = line && line->resolved_dir == PANGO_DIRECTION_RTL;
  for (GSList* l = line ? line->runs : nullptr; l; l = l->next) {
    auto* run = static_cast<PangoGlyphItem*>(l->data);
    PangoItem* item = run->item;
    PangoGlyphString* gs = run->glyphs;
    PangoFont* font = item->analysis.font;
    // The run's line box as Pango sets it: the font's box, grown or shrunk
    // to the line height around its centre.
    PangoRectangle logical;
    pango_glyph_string_extents(gs, font, nullptr, &logical);
    double factor = 0;
    int absolute = 0;
    for (GSList* a = item->analysis.extra_attrs; a; a = a->next) {
      auto* attr = static_cast<PangoAttribute*>(a->data);
      if (attr->klass->type == PANGO_ATTR_LINE_HEIGHT)
        factor = reinterpret_cast<PangoAttrFloat*>(attr)->value;
      else if (attr->klass->type == PANGO_ATTR_ABSOLUTE_LINE_HEIGHT)
        absolute = reinterpret_cast<PangoAttrInt*>(attr)->value;
    }
    int y = logical.y, h = logical.height;
    if (factor != 0 || absolute != 0) {
      const int lh = std::max(absolute, static_cast<int>(std::ceil(factor * h)));
      const int leading = lh - h;
      y -= leading / 2;
      h += leading;
    }
    const float ascent = static_cast<float>(px(-y)), descent = static_cast<float>(px(y + h));
    for (int b = item->offset; b < item->offset + item->length;
         b = static_cast<int>(g_utf8_next_char(text + b) - text)) {
      ShapedText::Char& c = out.chars[char_at_byte[b]];
      c.ascent = std::max(c.ascent, ascent);
      c.descent = std::max(c.descent, descent);
    }
    for (int g = 0; g < gs->num_glyphs; ++g) {
      const PangoGlyphInfo& gi = gs->glyphs[g];
      const int ci = char_at_byte[item->offset + gs->log_clusters[g]];
      advance[ci] += px(gi.geometry.width);
      if (gi.glyph == PANGO_GLYPH_EMPTY) continue;
      PangoRectangle ink;
      pango_font_get_glyph_extents(font, gi.glyph, &ink, nullptr);
      if (ink.width <= 0 || ink.height <= 0) continue;
      ShapedText::Char& c = out.chars[ci];
      c.ink_top = std::max(c.ink_top, static_cast<float>(px(-(ink.y + gi.geometry.y_offset))));
      c.ink_bottom =
          std::max(c.ink_bottom, static_cast<float>(px(ink.y + ink.height + gi.geometry.y_offset)));
      c.ink_left = std::max(c.ink_left, static_cast<float>(px(-(ink.x + gi.geometry.x_offset))));
      c.ink_right = std::max(
          c.ink_right,
          static_cast<float>(px(ink.x + ink.width + gi.geometry.x_offset - gi.geometry.width)));
    }
  }
  // Hyphenation points and URL breaks draw nothing, but letter spacing
  // gives them an advance; they are taken out of the text where unused.
  for (int i = 0; i < n; ++i) {
    const gunichar c = g_utf8_get_char(text + out.chars[i].byte);
    if (c == 0x00AD || c == 0x200B) {
      advance[i] = 0;
      out.chars[i].invisible = true;
    }
  }
  for (int i = 0; i < n; ++i) out.chars[i + 1].x = out.chars[i].x + advance[i];
  if (hangs(block.style, out.rtl)) {
    const auto [from, to] = hanging_punctuation(out.text);
    out.hang = out.chars[char_at_byte[to]].x - out.chars[char_at_byte[from]].x;
  }
  // A line set on its own loses the letter spacing at its ends.
  double em = 0;  // the spacing of the letters (the first that have any)
  for (const TrackingRun& r : tracking_runs(out.text, block.style.tracking,
                                            block.style.caps_tracking, block.style.uppercase))
    if (r.em != 0) {
      em = r.em;
      break;
    }
  out.edge = -em * size;
  out.hyphen = hyphen_width(block, size);
  return out;
}

double PangoText::hyphen_width(const TextBlock& block, double size) {
  // The hyphen drawn where a word breaks, in the block's own font; lengths
  // scale with the size, so one measurement per style serves every size.
  TextStyle style = block.style;
  style.color = {};
  for (const auto& [s, em] : hyphen_em_)
    if (s == style) return em * size;
  TextBlock hy = block;
  hy.text.spans = {{"-", false, false, false}};
  LayoutPtr h = make_layout(hy, kProbeSize, -1);
  PangoRectangle hl;
  pango_layout_get_extents(h.get(), nullptr, &hl);
  const double em = px(hl.width) / kProbeSize;
  hyphen_em_.emplace_back(std::move(style), em);
  return em * size;
}

std::vector<Rect> PangoText::char_ink(const TextBlock& block, double size, double width) {
  PangoLayout* layout = layout_for(block, size, width);
  const double f = size / base_size(block, size);
  auto px = [f](int pango_units) { return pango_units / double(PANGO_SCALE) * f; };
  const char* text = pango_layout_get_text(layout);
  std::vector<Rect> out(g_utf8_strlen(text, -1));
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it);
    if (!run) continue;
    const double baseline = px(pango_layout_iter_get_baseline(it));
    PangoRectangle logical;
    pango_layout_iter_get_run_extents(it, nullptr, &logical);
    double x = px(logical.x);
    for (int g = 0; g < run->glyphs->num_glyphs; ++g) {
      const PangoGlyphInfo& gi = run->glyphs->glyphs[g];
      PangoRectangle ink;
      pango_font_get_glyph_extents(run->item->analysis.font, gi.glyph, &ink, nullptr);
      const long ci =
          g_utf8_pointer_to_offset(text, text + run->item->offset + run->glyphs->log_clusters[g]);
      if (ink.width > 0 && ink.height > 0 && ci < static_cast<long>(out.size())) {
        Rect r{x + px(ink.x + gi.geometry.x_offset), baseline + px(ink.y + gi.geometry.y_offset),
               px(ink.width), px(ink.height)};
        Rect& o = out[ci];
        if (o.w == 0) {
          o = r;
        } else {
          const double x0 = std::min(o.x, r.x), y0 = std::min(o.y, r.y);
          o = {x0, y0, std::max(o.right(), r.right()) - x0, std::max(o.bottom(), r.bottom()) - y0};
        }
      }
      x += px(gi.geometry.width);
    }
  } while (pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
  return out;
}

}  // namespace placard
