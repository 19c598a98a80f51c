// The private font setup: a fontconfig configuration that sees only the
// fonts shipped in fonts/, and a Pango font map over it. Output never depends
// on the fonts a machine happens to have installed.
#pragma once

#include <memory>
#include <string>
#include <vector>

typedef struct _PangoFontMap PangoFontMap;

namespace placard {

class Fonts {
 public:
  // Loads every font file in `dir`; fails when the folder holds none.
  explicit Fonts(const std::string& dir);
  ~Fonts();
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;

  PangoFontMap* font_map() const { return map_; }
  const std::vector<std::string>& families() const { return families_; }
  bool has_family(const std::string& family) const;

 private:
  PangoFontMap* map_ = nullptr;
  std::vector<std::string> families_;
};

}  // namespace placard
