#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

#include "diagnostics.h"
#include "file_io.h"
#include "yaml_map.h"

namespace placard {

void Fonts::add_file(const std::string& path) {
  FcFontSet* before = FcConfigGetFonts(config_, FcSetApplication);
  const int first = before ? before->nfont : 0;
  if (!FcConfigAppFontAddFile(config_, reinterpret_cast<const FcChar8*>(path.c_str())))
    fail_io({path, 0, 0}, "cannot load the font '" + path + "'");
  FcFontSet* set = FcConfigGetFonts(config_, FcSetApplication);
  for (int i = first; set && i < set->nfont; ++i) {
    FcChar8* family = nullptr;
    if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &family) == FcResultMatch) {
      std::string f(reinterpret_cast<const char*>(family));
      if (std::find(families_.begin(), families_.end(), f) == families_.end())
        families_.push_back(f);
    }
    FcCharSet* cs = nullptr;
    if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
      FcCharSetMerge(coverage_, cs, nullptr);
  }
}

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
  config_ = FcConfigCreate();
  coverage_ = FcCharSetCreate();
  for (const auto& f : files) add_file(f.string());
  if (families_.empty()) fail_io({dir, 0, 0}, "no fonts found in '" + dir + "'");

  const std::string manifest = dir + "/fonts.yaml";
  if (std::filesystem::exists(manifest)) {
    YamlMap m(parse_yaml(read_file(manifest), manifest), manifest, "font settings");
    fallback_ = m.str_list("fallback");
    system_files_ = m.str_list("system");
    m.finish();
  }
  // Pango initialises fontconfig's default configuration in a background
  // thread (reading /etc/fonts and the system's caches) unless a current one
  // exists. Make ours current: nothing here ever uses the system's.
  static std::once_flag current_once;
  std::call_once(current_once, [this] { FcConfigSetCurrent(config_); });
  map_ = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map_), config_);
}

Fonts::~Fonts() {
  if (map_) g_object_unref(map_);
  if (coverage_) FcCharSetDestroy(coverage_);
  if (config_) FcConfigDestroy(config_);
}

bool Fonts::has_family(const std::string& family) const {
  return std::find(families_.begin(), families_.end(), family) != families_.end();
}

std::string Fonts::family_list(const std::string& family, const std::string& lang) const {
  // Han characters look different in each CJK locale; pick the variant the
  // language asks for.
  std::string cjk = "Noto Sans CJK SC";
  if (lang.rfind("ja", 0) == 0) cjk = "Noto Sans CJK JP";
  else if (lang.rfind("ko", 0) == 0) cjk = "Noto Sans CJK KR";
  else if (lang == "zh-TW" || lang == "zh-Hant" || lang.rfind("zh-Hant", 0) == 0) cjk = "Noto Sans CJK TC";
  else if (lang == "zh-HK") cjk = "Noto Sans CJK HK";
  std::string out = family;
  for (const auto& f : fallback_) {
    const std::string name = f.rfind("Noto Sans CJK", 0) == 0 ? cjk : f;
    if (name != family) out += "," + name;
  }
  return out;
}

void Fonts::ensure_coverage(const std::string& utf8) {
  if (system_loaded_ || system_files_.empty()) return;
  bool missing = false;
  for (const char* p = utf8.c_str(); *p && !missing; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c < 0x80 || g_unichar_isspace(c) || g_unichar_type(c) == G_UNICODE_FORMAT) continue;
    missing = !FcCharSetHasChar(coverage_, c);
  }
  if (!missing) return;
  system_loaded_ = true;
  for (const auto& f : system_files_)
    if (std::filesystem::exists(f)) add_file(f);
  pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(map_));
}

}  // namespace placard
