#include "text/text_prepare.h"

#include <glib.h>

#include <string>
#include <vector>

#include "text/atoms.h"
#include "text/hyphenate.h"

namespace placard {

namespace {

constexpr const char* kZeroWidthSpace = "\u200B";
constexpr long kLongToken = 16;  // characters without a space

bool is_space_like(gunichar c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         (g_unichar_type(c) == G_UNICODE_CONTROL) || c == 0x2028 || c == 0x2029 ||
         (g_unichar_isspace(c) && c != 0x00A0 && c != 0x202F);
}

std::string normalize(const std::string& s) {
  gchar* nfc = g_utf8_normalize(s.data(), static_cast<gssize>(s.size()), G_NORMALIZE_NFC);
  if (!nfc) return s;  // not valid UTF-8: leave it to the reader's check
  std::string out;
  for (const char* p = nfc; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == 0xFEFF) continue;
    if (is_space_like(c)) {
      out += ' ';
      continue;
    }
    out.append(p, static_cast<const char*>(g_utf8_next_char(p)));
  }
  g_free(nfc);
  return out;
}

// Break opportunities inside one long token (no spaces).
std::string break_token(const std::string& token) {
  if (g_utf8_strlen(token.c_str(), -1) < kLongToken) return token;
  std::string out;
  gunichar prev = 0;
  for (const char* p = token.c_str(); *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    const bool camel_hump = g_unichar_isupper(c) && g_unichar_islower(prev);
    if (camel_hump && !out.empty()) out += kZeroWidthSpace;
    out.append(p, static_cast<const char*>(g_utf8_next_char(p)));
    const char* next = g_utf8_next_char(p);
    const bool separator = c == '/' || c == '.' || c == '-' || c == '_' || c == '=' || c == '&';
    // Only before a letter or digit: a line never starts with punctuation.
    if (separator && *next && g_unichar_isalnum(g_utf8_get_char(next))) out += kZeroWidthSpace;
    prev = c;
  }
  return out;
}

std::string break_long_tokens(const std::string& text) {
  std::string out, token;
  for (char ch : text) {
    if (ch == ' ') {
      out += break_token(token) + ' ';
      token.clear();
    } else {
      token += ch;
    }
  }
  return out + break_token(token);
}

}  // namespace

std::string clean_text(const std::string& text) {
  std::string n = normalize(text), out;
  for (char ch : n) {
    if (ch == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += ch;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

RichText clean_text(const RichText& text) {
  RichText out;
  bool space_pending = false;
  for (const Span& span : text.spans) {
    std::string n = normalize(span.text);
    std::string t;
    for (char ch : n) {
      if (ch == ' ') {
        space_pending = true;
        continue;
      }
      // A space between spans stays with the span it was typed in, so a
      // highlight or an underline never starts with a space.
      if (space_pending && !t.empty()) t += ' ';
      if (space_pending && t.empty() && !out.spans.empty()) out.spans.back().text += ' ';
      space_pending = false;
      t += ch;
    }
    if (t.empty()) continue;
    if (!out.spans.empty() && out.spans.back().strong == span.strong &&
        out.spans.back().em == span.em && out.spans.back().mark == span.mark) {
      out.spans.back().text += t;
    } else {
      Span s = span;
      s.text = t;
      out.spans.push_back(std::move(s));
    }
  }
  return out;
}

RichText with_break_aids(const RichText& text, const std::string& lang) {
  RichText out = text;
  for (Span& span : out.spans) {
    // No dictionary hyphen inside an address: "act.exam-ple.org" and
    // "@Gover-nor" are other addresses. A URL and a hashtag get breaks of
    // their own, which line breaking takes only when they cannot fit whole.
    std::string aided;
    size_t at = 0;
    for (const KeepRange& a : find_atoms(span.text)) {
      aided += break_long_tokens(hyphenate(span.text.substr(at, a.start - at), lang));
      const std::string atom = span.text.substr(a.start, a.end - a.start);
      aided += a.kind == KeepKind::url   ? url_breaks(atom)
               : a.kind == KeepKind::tag ? tag_breaks(atom)
                                         : atom;
      at = a.end;
    }
    span.text = aided + break_long_tokens(hyphenate(span.text.substr(at), lang));
  }
  return out;
}

bool has_visible_text(const std::string& text) {
  for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isspace(c) && g_unichar_type(c) != G_UNICODE_FORMAT &&
        g_unichar_type(c) != G_UNICODE_CONTROL)
      return true;
  }
  return false;
}

bool in_rtl_script(char32_t c) {
  switch (g_unichar_get_script(static_cast<gunichar>(c))) {
    case G_UNICODE_SCRIPT_ARABIC:
    case G_UNICODE_SCRIPT_HEBREW:
    case G_UNICODE_SCRIPT_SYRIAC:
    case G_UNICODE_SCRIPT_THAANA:
    case G_UNICODE_SCRIPT_NKO:
    case G_UNICODE_SCRIPT_ADLAM:
      return true;
    default:
      return false;
  }
}

namespace {

// The bidi class of a character as the paragraph's direction sees it:
// +1 strong right-to-left, -1 strong left-to-right, 0 neutral.
int strong_direction(gunichar c) {
  if (c == 0x200E) return -1;                 // LEFT-TO-RIGHT MARK
  if (c == 0x200F || c == 0x061C) return +1;  // RIGHT-TO-LEFT MARK, ARABIC LETTER MARK
  switch (g_unichar_get_script(c)) {
    case G_UNICODE_SCRIPT_COMMON:
    case G_UNICODE_SCRIPT_INHERITED:
    case G_UNICODE_SCRIPT_UNKNOWN:
      return 0;
    default:
      return in_rtl_script(c) ? +1 : -1;
  }
}

// Calls `f` with the direction of each strong character outside isolated
// runs (LRI/RLI/FSI ... PDI), in order, until it returns false.
template <typename F>
void for_each_strong(const std::string& text, F f) {
  int isolates = 0;  // depth inside LRI/RLI/FSI ... PDI, which the paragraph's direction skips
  for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    if (c >= 0x2066 && c <= 0x2068) ++isolates;
    if (c == 0x2069 && isolates > 0) --isolates;
    if (isolates > 0) continue;
    if (const int d = strong_direction(c); d != 0 && !f(d)) return;
  }
}

}  // namespace

bool is_rtl(const std::string& text) {
  bool rtl = false;
  for_each_strong(text, [&](int d) {
    rtl = d > 0;
    return false;  // the first decides
  });
  return rtl;
}

std::optional<bool> paragraph_rtl(const std::string& text, const std::string& lang) {
  if (lang.empty()) return std::nullopt;
  bool has_rtl = false, has_ltr = false;
  for_each_strong(text, [&](int d) {
    (d > 0 ? has_rtl : has_ltr) = true;
    return !(has_rtl && has_ltr);
  });
  // The language's direction, unless every letter is written the other way.
  return is_rtl_language(lang) ? !(has_ltr && !has_rtl) : has_rtl && !has_ltr;
}

bool is_rtl_language(const std::string& lang) {
  const std::string canonical = canonical_lang(lang);
  const std::string ll = canonical.substr(0, canonical.find('-'));
  for (const char* rtl : {"ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"})
    if (ll == rtl) return true;
  return false;
}

}  // namespace placard

namespace placard {

namespace {

// The subtags of a tag, split at '-' or '_', empty ones dropped.
std::vector<std::string> subtags(const std::string& lang) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= lang.size()) {
    size_t end = lang.find_first_of("-_", start);
    if (end == std::string::npos) end = lang.size();
    if (end > start) out.push_back(lang.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string canonical_lang(const std::string& lang) {
  std::string out;
  bool extension = false;  // after a singleton ("u", "x"): all lower case
  int part = 0;
  for (std::string sub : subtags(lang)) {
    for (char& c : sub) c = static_cast<char>(g_ascii_tolower(c));
    if (part > 0 && sub.size() == 1) extension = true;
    if (!extension && part > 0 && sub.size() == 2) {  // region
      for (char& c : sub) c = static_cast<char>(g_ascii_toupper(c));
    } else if (!extension && part > 0 && sub.size() == 4) {  // script
      sub[0] = static_cast<char>(g_ascii_toupper(sub[0]));
    }
    out += (out.empty() ? "" : "-") + sub;
    ++part;
  }
  return out;
}

std::string lang_without_extensions(const std::string& lang) {
  std::string out;
  int part = 0;
  for (const std::string& sub : subtags(lang)) {
    if (part++ > 0 && sub.size() == 1) break;
    out += (out.empty() ? "" : "-") + sub;
  }
  return out;
}

std::string unicode_keyword(const std::string& lang, const std::string& key) {
  const std::vector<std::string> subs = subtags(canonical_lang(lang));
  bool in_u = false;
  for (size_t i = 1; i < subs.size(); ++i) {
    if (subs[i].size() == 1) {
      in_u = subs[i] == "u";
      continue;
    }
    // A keyword is a two-letter key and its value (one subtag or more).
    if (in_u && subs[i] == key && i + 1 < subs.size() && subs[i + 1].size() > 2) return subs[i + 1];
  }
  return "";
}

}  // namespace placard
