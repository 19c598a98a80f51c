#include "render/brand_marks.h"

#include <glib.h>

#include <map>
#include <mutex>
#include <set>
#include <string>

#include "base/resources.h"
#include "render/mark_clearance.h"
#include "text/fonts.h"

namespace placard {

namespace {

// The letters with marks above that `content` uses, in NFC.
std::u32string marked_letters(const Content& content) {
  std::set<char32_t> wanted;
  for (const MarkedLetter& l : letters_with_marks_above()) wanted.insert(l.letter);
  std::set<char32_t> used;
  auto take = [&](const std::string& text) {
    if (text.empty() || !g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr))
      return;
    gchar* composed =
        g_utf8_normalize(text.data(), static_cast<gssize>(text.size()), G_NORMALIZE_NFC);
    if (!composed) return;
    for (const gchar* p = composed; *p; p = g_utf8_next_char(p))
      if (wanted.count(g_utf8_get_char(p))) used.insert(g_utf8_get_char(p));
    g_free(composed);
  };
  take(content.meta.name);
  take(content.meta.footer);
  for (const ContentCard& c : content.cards) {
    take(c.headline.plain());
    take(c.body.plain());
    take(c.attribution);
    take(c.kicker);
    take(c.footer);
    take(c.section);
  }
  return std::u32string(used.begin(), used.end());
}

// Per font file digest and instance: each letter checked so far, and its
// fault ("" when it is drawn well or not drawn by this face at all).
std::mutex cache_mu;
std::map<std::string, std::map<char32_t, std::string>> cache;

}  // namespace

std::vector<Diagnostic> check_brand_marks(const Brand& brand, const Content& content) {
  std::vector<Diagnostic> out;
  if (brand.font_set.empty()) return out;
  const std::u32string letters = marked_letters(content);
  if (letters.empty()) return out;
  std::unique_ptr<Fonts> fonts;  // the brand's own set, loaded only if a letter is new
  for (const auto& [role, bf] : brand.fonts) {
    if (bf.file.empty()) continue;
    std::string digest;
    for (const BrandFace& f : brand.font_set.files)
      if (f.path == bf.file) digest = f.digest;
    const FontSpec face{bf.family, bf.weight, false, bf.fixed_axes, bf.wght_axis, bf.opsz_axis};
    const std::string key = digest + "|" + std::to_string(bf.weight) + "|" + bf.fixed_axes;
    std::u32string unseen;
    {
      std::lock_guard lock(cache_mu);
      const auto& seen = cache[key];
      for (char32_t c : letters)
        if (!seen.count(c)) unseen += c;
    }
    if (!unseen.empty()) {
      if (!fonts) fonts = std::make_unique<Fonts>(fonts_dir(), brand.font_set);
      const MarkCheck check = check_mark_clearance(*fonts, face, 160, unseen);
      std::lock_guard lock(cache_mu);
      auto& seen = cache[key];
      for (char32_t c : unseen) seen[c] = "";
      for (const MarkFault& f : check.faults) seen[f.letter] = describe(f);
    }
    std::vector<std::string> faults;
    {
      std::lock_guard lock(cache_mu);
      const auto& seen = cache[key];
      for (char32_t c : letters)
        if (auto it = seen.find(c); it != seen.end() && !it->second.empty())
          faults.push_back(it->second);
    }
    if (faults.empty()) continue;
    std::string list;
    for (size_t i = 0; i < faults.size() && i < 6; ++i) list += (i ? "; " : "") + faults[i];
    if (faults.size() > 6) list += "; and " + std::to_string(faults.size() - 6) + " more";
    const auto loc = bf.locs.find("file");
    out.push_back(warning(
        Check::font_marks, loc != bf.locs.end() ? loc->second : SourceLoc{brand.path, 0, 0},
        "brand font '" + role + "' (" + bf.label + ") draws " + std::to_string(faults.size()) +
            " accented letter" + (faults.size() == 1 ? "" : "s") +
            " of this campaign wrongly: " + list,
        {"a reader may take the letter for another ('niños' read as 'niňos'); use a build of "
         "the font that fixes its marks, or a bundled family for this role"}));
  }
  return out;
}

}  // namespace placard
