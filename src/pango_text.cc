#include "pango_text.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>

#include "fonts.h"

namespace placard {

namespace {

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

guint16 channel(double v) { return static_cast<guint16>(std::lround(std::clamp(v, 0.0, 1.0) * 65535)); }

void add_attr(PangoAttrList* list, PangoAttribute* a, guint start, guint end) {
  a->start_index = start;
  a->end_index = end;
  pango_attr_list_insert(list, a);
}

PangoWeight weight_of(int w) { return static_cast<PangoWeight>(std::clamp(w, 100, 1000)); }

// Where to tie the last two words together with a no-break space, so the
// last line never holds a single word: the last space before the final word,
// in texts of four words or more. Returns npos when there is none.
size_t widow_tie(const std::string& plain) {
  size_t end = plain.find_last_not_of(' ');
  if (end == std::string::npos) return std::string::npos;
  size_t tie = plain.rfind(' ', end);
  if (tie == std::string::npos || tie == 0) return std::string::npos;
  int words = 1;
  for (size_t i = 0; i < tie; ++i) words += plain[i] == ' ' && plain[i + 1] != ' ';
  return words >= 4 ? tie : std::string::npos;
}

LayoutPtr make_layout(PangoContext* ctx, const TextBlock& block, double size, double width) {
  const TextStyle& s = block.style;
  LayoutPtr layout(pango_layout_new(ctx));
  std::string text;
  PangoAttrList* attrs = pango_attr_list_new();
  const size_t tie = s.balance ? widow_tie(block.text.plain()) : std::string::npos;
  size_t plain_at = 0;
  for (const Span& span : block.text.spans) {
    guint start = text.size();
    if (tie >= plain_at && tie < plain_at + span.text.size()) {
      text += span.text.substr(0, tie - plain_at) + "\u00A0" + span.text.substr(tie - plain_at + 1);
    } else {
      text += span.text;
    }
    plain_at += span.text.size();
    guint end = text.size();
    if (span.strong) {
      add_attr(attrs, pango_attr_weight_new(weight_of(s.strong_weight)), start, end);
      const Color& c = s.strong_color;
      add_attr(attrs, pango_attr_foreground_new(channel(c.r), channel(c.g), channel(c.b)), start, end);
    }
    if (span.em) {
      if (s.em_italic) add_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), start, end);
      const Color& c = s.em_color;
      if (!span.strong)
        add_attr(attrs, pango_attr_foreground_new(channel(c.r), channel(c.g), channel(c.b)), start, end);
    }
  }
  if (s.tracking != 0) {
    pango_attr_list_insert_before(
        attrs, pango_attr_letter_spacing_new(static_cast<int>(s.tracking * size * PANGO_SCALE)));
  }
  if (s.uppercase)
    pango_attr_list_insert_before(attrs, pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE));
  pango_attr_list_insert_before(attrs, pango_attr_line_height_new(s.line_height));

  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, s.font.family.c_str());
  pango_font_description_set_weight(desc, weight_of(s.font.weight));
  pango_font_description_set_style(desc, s.font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), desc);
  pango_font_description_free(desc);

  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  pango_layout_set_attributes(layout.get(), attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
  pango_layout_set_alignment(layout.get(), s.align == Align::center ? PANGO_ALIGN_CENTER
                                           : s.align == Align::end  ? PANGO_ALIGN_RIGHT
                                                                    : PANGO_ALIGN_LEFT);
  return layout;
}

double px(int pango_units) { return pango_units / double(PANGO_SCALE); }

}  // namespace

PangoText::PangoText(const Fonts& fonts, const std::string& lang) {
  context_ = pango_font_map_create_context(fonts.font_map());
  // Unhinted outlines with fractional positions: the same layout at every
  // size and on every machine, and smooth greyscale edges.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context_, FALSE);
  pango_context_set_language(context_, pango_language_from_string(lang.empty() ? "und" : lang.c_str()));
  pango_context_set_base_dir(context_, PANGO_DIRECTION_WEAK_LTR);
}

PangoText::~PangoText() {
  if (context_) g_object_unref(context_);
}

TextMeasure PangoText::measure(const TextBlock& block, double size, double width) {
  LayoutPtr layout = make_layout(context_, block, size, width);
  TextMeasure m;
  PangoRectangle ink, logical;
  pango_layout_get_extents(layout.get(), &ink, &logical);
  m.lines = pango_layout_get_line_count(layout.get());
  m.width = px(logical.width);
  m.height = px(logical.height);
  m.ink = {px(ink.x), px(ink.y), px(ink.width), px(ink.height)};
  if (PangoLayoutLine* first = pango_layout_get_line_readonly(layout.get(), 0))
    m.rtl = first->resolved_dir == PANGO_DIRECTION_RTL;

  const char* text = pango_layout_get_text(layout.get());
  int n_attrs = 0;
  const PangoLogAttr* attrs = pango_layout_get_log_attrs_readonly(layout.get(), &n_attrs);
  for (GSList* l = pango_layout_get_lines_readonly(layout.get()); l; l = l->next) {
    auto* line = static_cast<PangoLayoutLine*>(l->data);
    PangoRectangle line_logical;
    pango_layout_line_get_extents(line, nullptr, &line_logical);
    m.line_widths.push_back(px(line_logical.width));
    // Count word starts within the line's characters.
    int first = static_cast<int>(g_utf8_pointer_to_offset(text, text + line->start_index));
    int count = static_cast<int>(g_utf8_strlen(text + line->start_index, line->length));
    int words = 0;
    for (int i = first; i < first + count && i < n_attrs; ++i) words += attrs[i].is_word_start;
    m.line_words.push_back(words);
  }
  if (int unknown = pango_layout_get_unknown_glyphs_count(layout.get()); unknown > 0) {
    // Name the characters no font covers, so the user can see what is missing.
    PangoLayoutIter* it = pango_layout_get_iter(layout.get());
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

void PangoText::draw(cairo_t* cr, const TextBlock& block, double size, double width, double x,
                     double y) {
  LayoutPtr layout = make_layout(context_, block, size, width);
  const Color& c = block.style.color;
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
}

}  // namespace placard
