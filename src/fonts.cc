#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <filesystem>

#include "diagnostics.h"

namespace placard {

Fonts::Fonts(const std::string& dir) {
  // A configuration of our own: no /etc/fonts, no user fonts, and no cache
  // (files are added one by one, in name order, so nothing is written and
  // the order never depends on the file system).
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string ext = e.path().extension().string();
    if (ext == ".otf" || ext == ".ttf" || ext == ".ttc") files.push_back(e.path());
  }
  if (ec) fail_io({dir, 0, 0}, "cannot read the font folder '" + dir + "': " + ec.message());
  std::sort(files.begin(), files.end());
  FcConfig* config = FcConfigCreate();
  for (const auto& f : files) {
    if (!FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(f.c_str()))) {
      FcConfigDestroy(config);
      fail_io({f.string(), 0, 0}, "cannot load the font '" + f.string() + "'");
    }
  }
  FcFontSet* set = FcConfigGetFonts(config, FcSetApplication);
  for (int i = 0; set && i < set->nfont; ++i) {
    FcChar8* family = nullptr;
    for (int k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &family) == FcResultMatch; ++k) {
      std::string f(reinterpret_cast<const char*>(family));
      if (std::find(families_.begin(), families_.end(), f) == families_.end())
        families_.push_back(f);
    }
  }
  if (families_.empty()) {
    FcConfigDestroy(config);
    fail_io({dir, 0, 0}, "no fonts found in '" + dir + "'");
  }
  std::sort(families_.begin(), families_.end());
  map_ = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map_), config);
  FcConfigDestroy(config);  // the font map holds its own reference
}

Fonts::~Fonts() {
  if (map_) g_object_unref(map_);
}

bool Fonts::has_family(const std::string& family) const {
  return std::find(families_.begin(), families_.end(), family) != families_.end();
}

}  // namespace placard
