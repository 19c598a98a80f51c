#include "text/font_file.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MULTIPLE_MASTERS_H
#include FT_SFNT_NAMES_H
#include FT_TRUETYPE_IDS_H
#include FT_TRUETYPE_TABLES_H

#include <xxhash.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>

#include "base/diagnostics.h"
#include "base/file_io.h"

namespace placard {

const FontAxis* FontFileInfo::axis(const std::string& tag) const {
  for (const FontAxis& a : axes)
    if (a.tag == tag) return &a;
  return nullptr;
}

namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// The container, from the file's first four bytes.
std::string format_of(const std::string& bytes) {
  const std::string magic = bytes.substr(0, 4);
  if (magic == "wOF2") return "WOFF2";
  if (magic == "wOFF") return "WOFF";
  if (magic == "ttcf") return "TrueType collection";
  if (magic == "OTTO") return "OpenType (CFF)";
  return "TrueType";
}

// A name-table string: UTF-16BE (Windows and Unicode platforms) or, for
// the Macintosh Roman entries, bytes taken as Latin-1 where they are ASCII.
std::string name_text(const FT_SfntName& n) {
  std::string out;
  if (n.platform_id == TT_PLATFORM_MICROSOFT || n.platform_id == TT_PLATFORM_APPLE_UNICODE) {
    for (FT_UInt i = 0; i + 1 < n.string_len; i += 2) {
      unsigned c = (unsigned(n.string[i]) << 8) | n.string[i + 1];
      if (c >= 0xD800 && c < 0xE000) c = 0xFFFD;  // surrogates: not needed for a licence
      if (c < 0x80) {
        out += static_cast<char>(c);
      } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
  } else {
    for (FT_UInt i = 0; i < n.string_len; ++i)
      out += n.string[i] < 0x80 ? static_cast<char>(n.string[i]) : '?';
  }
  return out;
}

std::string licence_of(FT_Face face) {
  std::string fallback;
  const FT_UInt count = FT_Get_Sfnt_Name_Count(face);
  for (FT_UInt i = 0; i < count; ++i) {
    FT_SfntName n;
    if (FT_Get_Sfnt_Name(face, i, &n) != 0 || n.name_id != TT_NAME_ID_LICENSE) continue;
    // English (Windows, US) first, else whichever comes first.
    if (n.platform_id == TT_PLATFORM_MICROSOFT &&
        n.language_id == TT_MS_LANGID_ENGLISH_UNITED_STATES)
      return name_text(n);
    if (fallback.empty()) fallback = name_text(n);
  }
  return fallback;
}

struct LibraryDeleter {
  void operator()(FT_Library l) const { FT_Done_FreeType(l); }
};
struct FaceDeleter {
  void operator()(FT_Face f) const { FT_Done_Face(f); }
};

}  // namespace

std::string FontFileInfo::axes_text() const {
  if (axes.empty()) return "none";
  std::string out;
  for (const FontAxis& a : axes)
    out += (out.empty() ? "" : ", ") + a.tag + " " + number(a.min) + "\u2013" + number(a.max);
  return out;
}

namespace {

// Reads the font; with `sfnt`, a WOFF or WOFF2 font's decoded bytes too.
FontFileInfo open_font(const std::string& bytes, std::string* sfnt) {
  FT_Library raw_lib = nullptr;
  if (FT_Init_FreeType(&raw_lib) != 0) throw FontFileError{"FreeType cannot start", ""};
  std::unique_ptr<FT_LibraryRec_, LibraryDeleter> lib(raw_lib);
  FT_Face raw_face = nullptr;
  const FT_Error err = FT_New_Memory_Face(raw_lib, reinterpret_cast<const FT_Byte*>(bytes.data()),
                                          static_cast<FT_Long>(bytes.size()), 0, &raw_face);
  if (err != 0) {
    const char* why = FT_Error_String(err);
    throw FontFileError{std::string("is not a font FreeType can read") +
                            (why ? std::string(" (") + why + ")" : std::string()),
                        "use a TTF, OTF, TTC, WOFF or WOFF2 file; a file cut short or "
                        "saved from a web page's HTML is not one"};
  }
  std::unique_ptr<FT_FaceRec_, FaceDeleter> face(raw_face);
  FontFileInfo info;
  info.format = format_of(bytes);
  info.family = raw_face->family_name ? raw_face->family_name : "";
  info.style = raw_face->style_name ? raw_face->style_name : "";
  if (!FT_IS_SFNT(raw_face))
    throw FontFileError{"is not an OpenType font", "use a TTF, OTF, TTC, WOFF or WOFF2 file"};
  // A Unicode subtable of the font's own cmap: FreeType makes one up from
  // the glyph names of a font that has none (or only a Macintosh one), but
  // HarfBuzz shapes with the cmap table, and would find no glyph in it.
  bool unicode_cmap = false;
  for (FT_Int i = 0; i < raw_face->num_charmaps && !unicode_cmap; ++i) {
    FT_CharMap cm = raw_face->charmaps[i];
    unicode_cmap = cm->encoding == FT_ENCODING_UNICODE && FT_Get_CMap_Format(cm) >= 0;
    if (unicode_cmap) FT_Set_Charmap(raw_face, cm);
  }
  if (!unicode_cmap)
    throw FontFileError{"has no Unicode character map (cmap), so no text can be set in it",
                        "export the font again with a Unicode cmap"};
  // A cmap with nothing in it is as unusable as none.
  FT_UInt glyph = 0;
  FT_Get_First_Char(raw_face, &glyph);
  if (glyph == 0)
    throw FontFileError{"maps no character to a glyph", "export the font again with its cmap"};
  if (FT_HAS_MULTIPLE_MASTERS(raw_face)) {
    FT_MM_Var* mm = nullptr;
    if (FT_Get_MM_Var(raw_face, &mm) == 0) {
      for (FT_UInt i = 0; i < mm->num_axis; ++i) {
        const FT_Var_Axis& a = mm->axis[i];
        char tag[5] = {static_cast<char>(a.tag >> 24), static_cast<char>(a.tag >> 16),
                       static_cast<char>(a.tag >> 8), static_cast<char>(a.tag), 0};
        info.axes.push_back({tag, a.minimum / 65536.0, a.def / 65536.0, a.maximum / 65536.0});
      }
      FT_Done_MM_Var(raw_lib, mm);
    }
  }
  info.fs_type = FT_Get_FSType_Flags(raw_face);
  info.licence = licence_of(raw_face);
  if (sfnt && is_woff(bytes)) {
    // FreeType reads a WOFF or WOFF2 face from the SFNT it decoded into
    // memory: that stream is the font without its wrapper.
    const FT_Stream st = raw_face->stream;
    if (!st || !st->base || st->size < 12 ||
        is_woff(std::string(reinterpret_cast<const char*>(st->base), 4)))
      throw FontFileError{"cannot be unpacked from its WOFF wrapper", ""};
    sfnt->assign(reinterpret_cast<const char*>(st->base), st->size);
  }
  return info;
}

}  // namespace

FontFileInfo inspect_font(const std::string& bytes) {
  return open_font(bytes, nullptr);
}

FontFileInfo inspect_font_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FontFileError{"cannot be read", "check the path, relative to brand.yaml"};
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size > kMaxFontBytes)
    throw FontFileError{"is " + std::to_string(size) + " bytes, over the limit of " +
                            std::to_string(kMaxFontBytes) + " for a font",
                        "subset the font to the scripts the campaign uses"};
  in.seekg(0);
  std::string bytes(static_cast<size_t>(size < 0 ? 0 : size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in) throw FontFileError{"cannot be read", "check the path, relative to brand.yaml"};
  char digest[17];
  std::snprintf(digest, sizeof digest, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(bytes.data(), bytes.size())));
  if (!is_woff(bytes)) {
    FontFileInfo info = inspect_font(bytes);
    info.digest = digest;
    info.load_path = path;
    return info;
  }
  // A WOFF or WOFF2 file is loaded from its decoded copy (HarfBuzz reads
  // neither), kept in the cache under the digest of the wrapped bytes:
  // decoding a large WOFF2 costs more than reading the copy again.
  const std::string copy = decoded_fonts_dir() + "/" + digest + ".sfnt";
  std::ifstream cached(copy, std::ios::binary);
  if (cached) {
    std::string sfnt((std::istreambuf_iterator<char>(cached)), std::istreambuf_iterator<char>());
    try {
      FontFileInfo info = inspect_font(sfnt);
      info.format = format_of(bytes);
      info.digest = digest;
      info.load_path = copy;
      return info;
    } catch (const FontFileError&) {
      // A damaged copy: decode the file again.
    }
  }
  std::string sfnt;
  FontFileInfo info = open_font(bytes, &sfnt);
  try {
    write_file_atomic(copy, sfnt, Durability::later);
  } catch (const DiagnosticError& e) {
    throw FontFileError{"cannot be unpacked: " + e.diagnostic().message, ""};
  }
  info.digest = digest;
  info.load_path = copy;
  return info;
}

bool is_woff(const std::string& bytes) {
  return bytes.starts_with("wOFF") || bytes.starts_with("wOF2");
}

std::string brand_family_name(const std::string& family) {
  return "Placard Brand " + family;
}

}  // namespace placard
