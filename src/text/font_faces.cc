#include "text/font_faces.h"

#include <glib-object.h>
#include <pango/pango.h>

#include <algorithm>
#include <tuple>

namespace placard {

std::vector<FontSpec> font_faces(const Fonts& fonts) {
  std::vector<FontSpec> faces;
  PangoFontFamily** families = nullptr;
  int n_families = 0;
  pango_font_map_list_families(fonts.font_map(), &families, &n_families);
  for (int i = 0; i < n_families; ++i) {
    PangoFontFace** list = nullptr;
    int n_faces = 0;
    pango_font_family_list_faces(families[i], &list, &n_faces);
    for (int j = 0; j < n_faces; ++j) {
      // Pango adds a synthesized oblique of each upright face: not a file.
      if (pango_font_face_is_synthesized(list[j])) continue;
      PangoFontDescription* d = pango_font_face_describe(list[j]);
      FontSpec f;
      f.family = pango_font_family_get_name(families[i]);
      f.weight = pango_font_description_get_weight(d);
      f.italic = pango_font_description_get_style(d) != PANGO_STYLE_NORMAL;
      pango_font_description_free(d);
      faces.push_back(f);
    }
    g_free(list);
  }
  g_free(families);
  const auto key = [](const FontSpec& f) { return std::tie(f.family, f.weight, f.italic); };
  std::sort(faces.begin(), faces.end(),
            [&](const FontSpec& a, const FontSpec& b) { return key(a) < key(b); });
  faces.erase(std::unique(faces.begin(), faces.end(),
                          [&](const FontSpec& a, const FontSpec& b) { return key(a) == key(b); }),
              faces.end());
  return faces;
}

bool face_draws(const Fonts& fonts, const FontSpec& font, char32_t c) {
  PangoContext* context = pango_font_map_create_context(fonts.font_map());
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, font.family.c_str());
  pango_font_description_set_weight(desc, static_cast<PangoWeight>(font.weight));
  pango_font_description_set_style(desc, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(desc, 16 * PANGO_SCALE);
  PangoFont* loaded = pango_context_load_font(context, desc);
  bool draws = false;
  if (loaded) {
    // Fontconfig substitutes another family for one it lacks: only the
    // family asked for counts.
    PangoFontDescription* got = pango_font_describe(loaded);
    draws = font.family == pango_font_description_get_family(got) &&
            pango_font_has_char(loaded, static_cast<gunichar>(c));
    pango_font_description_free(got);
    g_object_unref(loaded);
  }
  pango_font_description_free(desc);
  g_object_unref(context);
  return draws;
}

}  // namespace placard
