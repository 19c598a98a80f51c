// The private font setup: a fontconfig configuration that sees only the
// fonts shipped in fonts/ (plus the large Debian-packaged CJK and emoji
// fonts listed in fonts/fonts.yaml, loaded on first need), and a Pango font
// map over it. Output never depends on the fonts a machine has installed.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "model/font_set.h"

typedef struct _PangoFontMap PangoFontMap;
typedef struct _FcConfig FcConfig;
typedef struct _FcCharSet FcCharSet;

namespace placard {

class Fonts {
 public:
  // Loads every font file in `dir` and reads dir/fonts.yaml; fails when the
  // folder holds no fonts.
  explicit Fonts(const std::string& dir);
  // The same, plus a brand's own files under their own family names and its
  // faces for scripts: a font set of the brand's own, so that no other
  // brand's card can ever fall back to these files. Fails with the file's
  // name when fontconfig cannot read one (the brand loader has checked it).
  Fonts(const std::string& dir, const BrandFontSet& brand);
  ~Fonts();
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;

  PangoFontMap* font_map() const { return map_; }
  const std::vector<std::string>& families() const { return families_; }
  bool has_family(const std::string& family) const;

  // "Family,Fallback 1,Fallback 2,…" for a font description: the brand's
  // family first, then the fallback chain (CJK variant chosen by language).
  // A brand's faces for scripts come right after its family.
  std::string family_list(const std::string& family, const std::string& lang) const;

  // The brand's font set, if this is one: its families (files and script
  // faces), whose characters are not a fallback; and its face for a script
  // ("arabic"), or "".
  bool is_brand() const { return !brand_.empty(); }
  bool is_brand_family(const std::string& family) const;
  // The brand's file a loaded font file stands for (a WOFF or WOFF2 file is
  // loaded from its decoded copy); the path itself otherwise.
  std::string brand_file(const std::string& loaded) const;
  std::string script_face(const std::string& script) const;
  // Faces of the brand's files in the set (a TTC's faces of its first
  // family, a variable font's variable face).
  int brand_faces_loaded() const { return brand_faces_loaded_; }

  // Loads the large system fonts when `utf8` has a character the bundled
  // fonts lack. Cheap when nothing is missing.
  void ensure_coverage(const std::string& utf8);

  // Lets go of every font Pango has opened at some size, and with them the
  // glyph images Cairo drew for them. Fitting tries many quarter-pixel sizes
  // per card, and Pango and Cairo each keep a few hundred sized fonts, so
  // over a long batch the glyph caches grow by tens of MB (large story type
  // the most). Call between cards, with no layout of the old fonts in use;
  // the same fonts are opened again when needed, so output does not change.
  void forget_sized_fonts();

  // Brand font sets alive in the process (what /metrics reports, and what
  // tests of reloading check stays bounded).
  static int live_brand_sets();

 private:
  FcConfig* config_ = nullptr;
  FcCharSet* coverage_ = nullptr;  // union of every loaded font's characters
  PangoFontMap* map_ = nullptr;
  std::vector<std::string> families_;
  std::vector<std::string> fallback_;
  std::vector<std::string> system_files_;
  bool system_loaded_ = false;
  BrandFontSet brand_;
  bool counted_ = false;  // one of live_brand_sets()
  int brand_faces_loaded_ = 0;
  std::vector<std::pair<std::string, std::string>> decoded_;  // decoded copy → brand's file

  void load(const std::string& dir);
  void add_brand_file(const BrandFace& face);

  void add_file(const std::string& path);
  void take_in(int first);
  bool load_cached(const std::string& dir, const std::vector<std::filesystem::path>& files);
};

}  // namespace placard
