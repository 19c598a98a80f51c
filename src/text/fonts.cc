#include "text/fonts.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <yaml-cpp/yaml.h>

#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "base/xml_escape.h"
#include "base/yaml_map.h"
#include "text/font_file.h"

namespace fs = std::filesystem;

namespace placard {

void Fonts::add_file(const std::string& path) {
  FcFontSet* before = FcConfigGetFonts(config_, FcSetApplication);
  const int first = before ? before->nfont : 0;
  if (!FcConfigAppFontAddFile(config_, reinterpret_cast<const FcChar8*>(path.c_str())))
    fail_io({path, 0, 0}, "cannot load the font '" + path + "'");
  take_in(first);
}

// Families and characters of the application fonts from index `first` on.
void Fonts::take_in(int first) {
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

namespace {

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// $XDG_CACHE_HOME/placard/fontconfig, else ~/.cache/…; "" when neither is set.
fs::path cache_root() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/')
    return fs::path(x) / "placard" / "fontconfig";
  if (const char* h = std::getenv("HOME"); h && *h == '/')
    return fs::path(h) / ".cache" / "placard" / "fontconfig";
  return {};
}

// "<folder>-<state>": the folder's path, then the name, size, modification
// time and inode of everything in it. fontconfig only checks a folder's own
// modification time, which a font copied over another in place leaves alone;
// any change here gives another name, so a cache is never used for files it
// was not made from. Empty when the folder cannot be listed or has a
// subfolder (which fontconfig would scan too).
std::string cache_name(const fs::path& dir) {
  std::error_code ec;
  std::vector<std::string> lines;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    struct stat st;
    if (::stat(e.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return "";
    lines.push_back(e.path().filename().string() + "\t" + std::to_string(st.st_size) + "\t" +
                    std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) +
                    "\t" + std::to_string(st.st_ino) + "\n");
  }
  if (ec) return "";
  std::sort(lines.begin(), lines.end());
  std::string state;
  for (const auto& l : lines) state += l;
  const std::string where = fs::absolute(dir, ec).lexically_normal().string();
  return hex64(XXH3_64bits(where.data(), where.size())) + "-" +
         hex64(XXH3_64bits(state.data(), state.size()));
}

}  // namespace

std::string decoded_fonts_dir() {
  const fs::path root = cache_root();
  if (root.empty())
    return (fs::temp_directory_path() / ("placard-fonts-" + std::to_string(::getuid()))).string();
  return (root.parent_path() / "decoded-fonts").string();
}

bool Fonts::load_cached(const std::string& dir, const std::vector<fs::path>& files) {
  const fs::path root = cache_root();
  const std::string name = root.empty() ? "" : cache_name(dir);
  if (name.empty()) return false;
  const fs::path cache = root / name;
  std::error_code ec;
  if (!fs::exists(cache, ec)) {
    // The folder changed (or is new): its older caches will not be read again.
    const std::string folder = name.substr(0, name.find('-') + 1);
    for (const auto& e : fs::directory_iterator(root, ec))
      if (const std::string n = e.path().filename().string(); n.starts_with(folder) && n != name)
        fs::remove_all(e.path(), ec);
  }
  // fontconfig complains on stderr about a cache folder it cannot write.
  fs::create_directories(cache, ec);
  if (ec || ::access(cache.c_str(), W_OK) != 0) return false;
  const std::string xml =
      "<fontconfig><cachedir>" + xml_escape(cache.string()) + "</cachedir></fontconfig>";
  if (!FcConfigParseAndLoadFromMemory(config_, reinterpret_cast<const FcChar8*>(xml.c_str()),
                                      FcFalse) ||
      !FcConfigAppFontAddDir(config_, reinterpret_cast<const FcChar8*>(dir.c_str())))
    return false;
  // Use it only if it holds exactly the files loading them one by one would
  // add, in the same order: fontconfig also takes other font formats, and
  // skips a file it cannot read where add_file() reports it.
  std::vector<std::string> seen;
  FcFontSet* set = FcConfigGetFonts(config_, FcSetApplication);
  for (int i = 0; set && i < set->nfont; ++i) {
    FcChar8* file = nullptr;
    if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch) return false;
    std::string f = fs::path(reinterpret_cast<const char*>(file)).filename().string();
    if (seen.empty() || seen.back() != f) seen.push_back(std::move(f));
  }
  if (seen.size() != files.size()) return false;
  for (size_t i = 0; i < files.size(); ++i)
    if (seen[i] != files[i].filename().string()) return false;
  take_in(0);
  return true;
}

Fonts::Fonts(const std::string& dir) {
  load(dir);
}

namespace {
std::atomic<int> live_brand_sets_{0};
}  // namespace

Fonts::Fonts(const std::string& dir, const BrandFontSet& brand) : brand_(brand) {
  brand_.holder.reset();  // a font set does not keep its brand's files in use
  load(dir);
  for (const BrandFace& face : brand_.files) add_brand_file(face);
  pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(map_));
  counted_ = true;
  ++live_brand_sets_;
}

int Fonts::live_brand_sets() {
  return live_brand_sets_;
}

void Fonts::add_brand_file(const BrandFace& face) {
  // Every face of the file, renamed to the brand's family for it; of a
  // variable font only the variable face (its named instances would match
  // a weight between them less closely than the axis, which takes any).
  // A WOFF or WOFF2 file is loaded from its decoded copy (the brand loader
  // made it): HarfBuzz shapes from the file and reads neither.
  const std::string path = face.load_path.empty() ? face.path : face.load_path;
  if (path != face.path) decoded_.push_back({path, face.path});
  // Of a collection (TTC), only the faces of its first face's family: the
  // brand loader described that one, and Debian's Noto Sans CJK holds ten
  // faces of five families (JP, KR, SC, TC, HK, and monospaced ones).
  FcFontSet* found = FcFontSetCreate();
  FcFreeTypeQueryAll(reinterpret_cast<const FcChar8*>(path.c_str()), -1, nullptr, nullptr, found);
  bool variable = false;
  std::string first_family;
  auto family_of = [](FcPattern* p) {
    FcChar8* f = nullptr;
    return FcPatternGetString(p, FC_FAMILY, 0, &f) == FcResultMatch
               ? std::string(reinterpret_cast<const char*>(f))
               : std::string();
  };
  for (int i = 0; i < found->nfont; ++i) {
    FcBool v = FcFalse;
    if (FcPatternGetBool(found->fonts[i], FC_VARIABLE, 0, &v) == FcResultMatch && v)
      variable = true;
    int index = 0;
    if (FcPatternGetInteger(found->fonts[i], FC_INDEX, 0, &index) == FcResultMatch &&
        (index & 0xFFFF) == 0 && first_family.empty())
      first_family = family_of(found->fonts[i]);
  }
  FcFontSet* app = FcConfigGetFonts(config_, FcSetApplication);
  int added = 0;
  for (int i = 0; app && i < found->nfont; ++i) {
    FcPattern* p = found->fonts[i];
    FcBool v = FcFalse;
    FcPatternGetBool(p, FC_VARIABLE, 0, &v);
    if (variable && !v) continue;
    if (family_of(p) != first_family) continue;
    FcPatternDel(p, FC_FAMILY);
    FcPatternDel(p, FC_FAMILYLANG);
    FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(face.family.c_str()));
    FcCharSet* cs = nullptr;
    if (FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) == FcResultMatch)
      FcCharSetMerge(coverage_, cs, nullptr);
    FcPatternReference(p);
    FcFontSetAdd(app, p);
    ++added;
  }
  FcFontSetDestroy(found);
  if (added == 0) fail_io({face.path, 0, 0}, "cannot load the font '" + face.path + "'");
  brand_faces_loaded_ += added;
}

bool Fonts::is_brand_family(const std::string& family) const {
  for (const BrandFace& f : brand_.files)
    if (f.family == family) return true;
  for (const auto& [script, f] : brand_.scripts)
    if (f == family) return true;
  return false;
}

std::string Fonts::brand_file(const std::string& loaded) const {
  for (const auto& [copy, original] : decoded_)
    if (copy == loaded) return original;
  return loaded;
}

std::string Fonts::script_face(const std::string& script) const {
  for (const auto& [name, family] : brand_.scripts)
    if (name == script) return family;
  return "";
}

void Fonts::load(const std::string& dir) {
  // A configuration of our own: no /etc/fonts and no user fonts. The .otf,
  // .ttf and .ttc files are added in name order, so the order never depends
  // on the file system. Reading every font's characters and languages took a
  // sixth of a one-card run, so what fontconfig found is kept in a cache of
  // our own (see cache_name) and read back when nothing in the folder changed;
  // without a usable cache the files are read one by one, as before.
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string ext = e.path().extension().string();
    if (ext == ".otf" || ext == ".ttf" || ext == ".ttc") files.push_back(e.path());
  }
  if (ec) fail_io({dir, 0, 0}, "cannot read the font folder '" + dir + "': " + ec.message());
  std::sort(files.begin(), files.end());
  config_ = FcConfigCreate();
  coverage_ = FcCharSetCreate();
  if (!load_cached(dir, files)) {
    FcConfigDestroy(config_);
    config_ = FcConfigCreate();
    families_.clear();
    for (const auto& f : files) add_file(f.string());
  }
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
  if (counted_) --live_brand_sets_;
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
  if (lang.rfind("ja", 0) == 0)
    cjk = "Noto Sans CJK JP";
  else if (lang.rfind("ko", 0) == 0)
    cjk = "Noto Sans CJK KR";
  else if (lang == "zh-TW" || lang == "zh-Hant" || lang.rfind("zh-Hant", 0) == 0)
    cjk = "Noto Sans CJK TC";
  else if (lang == "zh-HK")
    cjk = "Noto Sans CJK HK";
  std::string out = family;
  for (const auto& [script, f] : brand_.scripts)
    if (f != family && ("," + out + ",").find("," + f + ",") == std::string::npos) out += "," + f;
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

void Fonts::forget_sized_fonts() {
  pango_fc_font_map_cache_clear(PANGO_FC_FONT_MAP(map_));
}

}  // namespace placard
