#include "render/brand_fonts.h"

#include <glib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "base/diagnostics.h"
#include "text/font_file.h"
#include "text/script_style.h"

namespace fs = std::filesystem;

namespace placard {

namespace {

// The Unicode script of an ISO 15924 code ("Arab", "Hebr", "Hans"), or
// G_UNICODE_SCRIPT_UNKNOWN.
GUnicodeScript iso15924_script(const std::string& code) {
  if (code.size() != 4) return G_UNICODE_SCRIPT_UNKNOWN;
  const guint32 tag = (guint32(code[0]) << 24) | (guint32(code[1]) << 16) |
                      (guint32(code[2]) << 8) | guint32(code[3]);
  return g_unicode_script_from_iso15924(tag);
}

// The name a script face is looked up by when text is set: the script of
// typesetting/scripts.yaml that an ISO 15924 code belongs to ("Arab" is
// "arabic"), so that its optical size is measured from the brand's face as
// for a script written by name; a code no style covers stays as written.
std::string script_key(const std::string& name) {
  const GUnicodeScript script = iso15924_script(name);
  if (script == G_UNICODE_SCRIPT_UNKNOWN) return name;
  const ScriptStyle* style = script_style(script);
  return style ? style->name : name;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// The path as the brand file writes it: relative to the brand's folder.
std::string shown(const std::string& file, const Brand& brand) {
  // Both normal: a brand named "campaign/../brands/x/brand.yaml" is in brands/x.
  return fs::path(file)
      .lexically_normal()
      .lexically_relative(fs::absolute(brand.path).lexically_normal().parent_path())
      .string();
}

class Loader {
 public:
  explicit Loader(Brand& brand) : brand_(brand) {}

  // Reads and checks one file; returns the family it is registered under.
  std::string add(const std::string& file, const SourceLoc& loc, const std::string& what,
                  const std::string& role, FontFileInfo& info, const std::string& family = "") {
    try {
      info = inspect_font_file(file);
    } catch (const FontFileError& e) {
      fail(loc, what + " file '" + shown(file, brand_) + "' " + e.message,
           e.hint.empty() ? std::vector<std::string>{} : std::vector<std::string>{e.hint});
    }
    const std::string name = family.empty() ? brand_family_name(info.family) : family;
    bool seen = false;
    for (const BrandFace& f : brand_.font_set.files) seen = seen || f.path == file;
    if (!seen) brand_.font_set.files.push_back({file, name, info.digest, info.load_path});
    std::string line =
        what + ": " + info.family + " " + info.style + " (" + info.format +
        (info.axes.empty() ? "" : ", axes " + info.axes_text()) + ") from " + shown(file, brand_) +
        "; licence: " + (info.licence.empty() ? "none stated" : "\"" + info.licence + "\"");
    brand_.font_report.lines.push_back(line);
    brand_.font_report.files.push_back(
        {role, shown(file, brand_), info.family, info.style, info.format, info.axes_text(),
         info.axes.empty() ? "static" : "", info.licence, info.restricted()});
    if (info.restricted()) {
      brand_.font_report.warnings.push_back(
          warning(Check::font_licence, loc,
                  what + " '" + info.family +
                      "' may not be embedded (its fsType says restricted licence embedding)",
                  {"a card made with it needs the font vendor's permission"}));
    }
    return name;
  }

  void role(const std::string& role, BrandFont& bf) {
    if (bf.file.empty()) return;
    const std::string what = "brand font '" + role + "'";
    FontFileInfo info;
    const size_t first = brand_.font_report.files.size();
    bf.family = add(bf.file, bf.locs["file"], what, role, info);
    bf.label = info.family;
    // Each axis asked for must be the font's, within its range.
    auto check = [&](const std::string& tag, double v, const SourceLoc& loc) {
      const FontAxis* a = info.axis(tag);
      if (!a)
        fail(loc, what + " '" + info.family + "' has no axis '" + tag + "'",
             {"its axes: " + info.axes_text()});
      if (v < a->min || v > a->max)
        fail(loc,
             what + " '" + info.family + "' axis '" + tag + "' is " + number(a->min) + " to " +
                 number(a->max) + ", not " + number(v),
             {"its axes: " + info.axes_text()});
    };
    bf.wght_axis = info.axis("wght") != nullptr;
    if (bf.wght_axis && bf.locs.count("weight")) check("wght", bf.weight, bf.locs["weight"]);
    bool opsz_set = false;
    for (const auto& [tag, v] : bf.axes) {
      check(tag, v, bf.locs[tag]);
      bf.fixed_axes += (bf.fixed_axes.empty() ? "" : ",") + tag + "=" + number(v);
      opsz_set = opsz_set || tag == "opsz";
    }
    bf.opsz_axis = info.axis("opsz") && !opsz_set;
    if (!bf.italic.empty()) {
      FontFileInfo it;
      add(bf.italic, bf.locs["italic"], what + " italic", role + " italic", it, bf.family);
    }
    // The instance the role asks for, as the detail view shows it.
    std::string instance;
    if (bf.wght_axis) instance = "wght " + number(bf.weight);
    for (const auto& [tag, v] : bf.axes)
      instance += (instance.empty() ? "" : ", ") + tag + " " + number(v);
    if (bf.opsz_axis)
      instance += std::string(instance.empty() ? "" : ", ") + "opsz follows the size";
    for (size_t i = first; i < brand_.font_report.files.size(); ++i)
      if (brand_.font_report.files[i].instance.empty())
        brand_.font_report.files[i].instance = instance.empty() ? "default" : instance;
  }

  void script(BrandScript& s) {
    // A script of typesetting/scripts.yaml, or an ISO 15924 code ("Arab").
    bool known = false;
    std::vector<std::string> names;
    for (const ScriptStyle& st : script_styles()) {
      names.push_back(st.name);
      known = known || st.name == s.name;
    }
    if (!known) known = iso15924_script(s.name) != G_UNICODE_SCRIPT_UNKNOWN;
    if (!known) {
      auto hints = did_you_mean(s.name, names);
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      hints.push_back("scripts: " + all + ", or an ISO 15924 code such as 'Arab'");
      fail(s.loc, "unknown script '" + s.name + "'", hints);
    }
    if (s.file.empty()) return;
    FontFileInfo info;
    s.family =
        add(s.file, s.file_loc, "brand font for script '" + s.name + "'", "script " + s.name, info);
    if (brand_.font_report.files.back().instance.empty())
      brand_.font_report.files.back().instance = "the weight of the text around it";
    s.label = info.family;
  }

 private:
  Brand& brand_;
};

}  // namespace

void load_brand_fonts(Brand& brand) {
  const auto start = std::chrono::steady_clock::now();
  Loader loader(brand);
  for (auto& [role, bf] : brand.fonts) loader.role(role, bf);
  for (BrandScript& s : brand.scripts) loader.script(s);
  for (const BrandScript& s : brand.scripts)
    brand.font_set.scripts.push_back({script_key(s.name), s.family});
  if (!brand.font_set.empty()) brand.font_set.holder = std::make_shared<const int>(0);
  brand.font_report.load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace placard
