// One font file a brand brings (TTF, OTF, TTC, WOFF or WOFF2), read with
// FreeType before anything uses it: what it is (family, style, format,
// axes, licence, embedding flags) or why it cannot be used. The brand
// loader turns a failure into an error at the brand file's place.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace placard {

// A font file larger than this is refused before it is parsed. The largest
// fonts in common use (a full CJK face) are about 20 MB.
constexpr std::int64_t kMaxFontBytes = 48LL << 20;

struct FontAxis {
  std::string tag;  // "wght", "opsz", …
  double min = 0, def = 0, max = 0;
};

struct FontFileInfo {
  std::string family, style;   // as the font names itself
  std::string format;          // "TrueType", "OpenType (CFF)", "WOFF", "WOFF2"
  std::vector<FontAxis> axes;  // empty for a static font
  std::string licence;         // the name table's licence description, or ""
  std::uint16_t fs_type = 0;   // OS/2 embedding flags
  std::string digest;          // of the file's bytes (inspect_font_file only)
  // The file the font set loads: the file itself, or a WOFF or WOFF2 file's
  // decoded copy in the cache (inspect_font_file only).
  std::string load_path;
  // fsType says the font may not be embedded in a document (restricted
  // licence embedding): a raster card made with it needs the vendor's leave.
  bool restricted() const { return (fs_type & 0x000F) == 0x0002; }
  const FontAxis* axis(const std::string& tag) const;
  std::string axes_text() const;  // "wght 100–900, opsz 14–32", or "none"
};

// Thrown for a font that cannot be used: `message` says why, `hint` what to do.
struct FontFileError {
  std::string message, hint;
};

// Reads a font from memory (the first face of a collection); throws
// FontFileError when FreeType cannot open it or it has no Unicode cmap.
FontFileInfo inspect_font(const std::string& bytes);

// Reads `path` (refusing one over kMaxFontBytes before parsing it) and
// inspects it; a WOFF or WOFF2 file is decoded once into the cache
// (decoded_fonts_dir), and its copy read from there after that. Throws
// FontFileError, also for a file that cannot be read.
FontFileInfo inspect_font_file(const std::string& path);
bool is_woff(const std::string& bytes);  // WOFF or WOFF2

// Where decoded copies of WOFF and WOFF2 files are kept:
// $XDG_CACHE_HOME/placard/decoded-fonts (else ~/.cache/…, else a folder
// of the user's in the temporary folder).
std::string decoded_fonts_dir();

// The family name a brand's file is registered under in the brand's own
// font set: "Placard Brand " and the file's own family, so that it never
// merges with a bundled family of that name (the bundled fonts are the
// fallback chain), while a brand's Regular and Bold files of one family stay
// one family (emphasis finds the Bold).
std::string brand_family_name(const std::string& family);

}  // namespace placard
