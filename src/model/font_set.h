// The fonts a brand brings, as the text engine needs them: each file and the
// family it is registered under, and the brand's face for each script.
// Plain data: the brand reader fills it, text/fonts.cc loads it into a font
// set of the brand's own.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace placard {

struct BrandFace {
  std::string path;    // absolute
  std::string family;  // the name it is registered under ("Placard Brand …")
  // Of the bytes: a renderer keeps a brand's font set while this holds, and
  // loads it anew when a file is saved (preview, serve).
  std::string digest;
  // The file loaded: `path`, or a WOFF or WOFF2 file's decoded copy.
  std::string load_path;
  bool operator==(const BrandFace&) const = default;
};

struct BrandFontSet {
  std::vector<BrandFace> files;
  // Script name as in typesetting/scripts.yaml ("arabic", "hebrew", …) →
  // the family set before the fallback chain for that script's characters.
  std::vector<std::pair<std::string, std::string>> scripts;
  // Held by the brand that loaded these files and by every copy of it (a
  // planned card, a server's catalog, a queued render): a Renderer lets go
  // of the fonts it loaded for them once no holder is left, so a server or a
  // preview that reloads brands keeps only the font sets still in use.
  std::shared_ptr<const int> holder;
  bool empty() const { return files.empty() && scripts.empty(); }
  // The same files and scripts (whoever holds them).
  bool operator==(const BrandFontSet& o) const { return files == o.files && scripts == o.scripts; }
};

}  // namespace placard
