#include "text/pango_text.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "text/fonts.h"
#include "text/text_prepare.h"

namespace placard {

namespace {

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

PangoWeight weight_of(int w) { return static_cast<PangoWeight>(std::clamp(w, 100, 1000)); }

double px(int pango_units) { return pango_units / double(PANGO_SCALE); }

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

// Byte ranges of ==marked== spans in the layout's text.
std::vector<std::pair<int, int>> mark_ranges(const TextBlock& block) {
  std::vector<std::pair<int, int>> out;
  const size_t tie = block.style.balance ? widow_tie(block.text.plain()) : std::string::npos;
  size_t at = 0, plain_at = 0;
  for (const Span& span : block.text.spans) {
    size_t len = span.text.size();
    if (tie >= plain_at && tie < plain_at + len) ++len;  // the no-break space is 2 bytes
    if (span.mark) out.emplace_back(static_cast<int>(at), static_cast<int>(at + len));
    at += len;
    plain_at += span.text.size();
  }
  return out;
}

}  // namespace

void PangoText::LayoutDeleter::operator()(PangoLayout* l) const { g_object_unref(l); }

PangoText::PangoText(Fonts& fonts, const std::string& lang) : fonts_(fonts), lang_(lang) {
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
  pango_context_set_language(context_,
                             pango_language_from_string(lang.empty() ? "und" : lang.c_str()));
  pango_context_set_base_dir(context_, PANGO_DIRECTION_WEAK_LTR);
}

PangoText::~PangoText() {
  if (context_) g_object_unref(context_);
}

PangoText::LayoutPtr PangoText::make_layout(const TextBlock& block, double size, double width) {
  const TextStyle& s = block.style;
  std::string text;
  PangoAttrList* attrs = pango_attr_list_new();
  const size_t tie = s.balance ? widow_tie(block.text.plain()) : std::string::npos;
  size_t plain_at = 0;
  for (const Span& span : block.text.spans) {
    const guint start = text.size();
    if (tie >= plain_at && tie < plain_at + span.text.size())
      text += span.text.substr(0, tie - plain_at) + "\u00A0" + span.text.substr(tie - plain_at + 1);
    else
      text += span.text;
    plain_at += span.text.size();
    const guint end = text.size();
    if (span.strong) {
      add_attr(attrs, pango_attr_weight_new(weight_of(s.strong_weight)), start, end);
      add_color(attrs, s.strong_color, start, end);
    }
    if (span.em) {
      if (s.em_italic) add_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), start, end);
      if (!span.strong) add_color(attrs, s.em_color, start, end);
    }
    if (span.mark) add_color(attrs, s.mark_text_color, start, end);
  }
  fonts_.ensure_coverage(text);
  if (s.tracking != 0)
    pango_attr_list_insert_before(
        attrs, pango_attr_letter_spacing_new(static_cast<int>(s.tracking * size * PANGO_SCALE)));
  if (s.uppercase)
    pango_attr_list_insert_before(attrs,
                                  pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE));
  if (!s.features.empty())
    pango_attr_list_insert_before(attrs, pango_attr_font_features_new(s.features.c_str()));
  pango_attr_list_insert_before(attrs, pango_attr_line_height_new(s.line_height));

  LayoutPtr layout(pango_layout_new(context_));
  PangoFontDescription* desc = pango_font_description_new();
  const std::string families = fonts_.family_list(s.font.family, s.lang.empty() ? lang_ : s.lang);
  pango_font_description_set_family(desc, families.c_str());
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
  // Alignment is physical: "start" is the right edge on a right-to-left
  // card. Pango mirrors LEFT/RIGHT in right-to-left paragraphs, so undo that.
  if (s.align == Align::center) {
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  } else {
    const bool right = (s.align == Align::end) != s.rtl;
    const bool paragraph_rtl = is_rtl(text);
    pango_layout_set_alignment(layout.get(),
                               right != paragraph_rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  }
  return layout;
}

PangoLayout* PangoText::layout_for(const TextBlock& block, double size, double width) {
  // A card has at most a handful of blocks; eight covers them and the trials
  // just before.
  constexpr size_t kRecent = 8;
  TextStyle style = block.style;
  style.color = {};
  for (auto it = recent_.begin(); it != recent_.end(); ++it) {
    if (it->size != size || it->width != width || it->text != block.text || !(it->style == style))
      continue;
    std::rotate(it, it + 1, recent_.end());  // now the most recent
    return recent_.back().layout.get();
  }
  if (recent_.size() == kRecent) recent_.erase(recent_.begin());
  recent_.push_back({block.text, std::move(style), size, width, make_layout(block, size, width)});
  return recent_.back().layout.get();
}

TextMeasure PangoText::measure(const TextBlock& block, double size, double width) {
  PangoLayout* layout = layout_for(block, size, width);
  TextMeasure m;
  PangoRectangle ink, logical;
  pango_layout_get_extents(layout, &ink, &logical);
  m.lines = pango_layout_get_line_count(layout);
  m.width = px(logical.width);
  m.height = px(logical.height);
  m.ink = {px(ink.x), px(ink.y), px(ink.width), px(ink.height)};
  if (PangoLayoutLine* first = pango_layout_get_line_readonly(layout, 0))
    m.rtl = first->resolved_dir == PANGO_DIRECTION_RTL;

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
    if (line->length >= 2 && std::string_view(text + line->start_index + line->length - 2, 2) ==
                                 "\u00AD")
      ++m.hyphens;
  }
  // Where each line sits and its baseline, for `--dump-layout` and the
  // preview's overlays (with the layout's alignment inside its width).
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    PangoRectangle line_logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &line_logical);
    m.line_boxes.push_back({px(line_logical.x), px(line_logical.y), px(line_logical.width),
                            px(line_logical.height)});
    m.baselines.push_back(px(pango_layout_iter_get_baseline(iter)));
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
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

void PangoText::draw(cairo_t* cr, const TextBlock& block, double size, double width, double x,
                     double y, bool opaque) {
  PangoLayout* layout = layout_for(block, size, width);
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
      while (line_end > line->start_index && (text[line_end - 1] == ' ' || text[line_end - 1] == '\n'))
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
}

}  // namespace placard
