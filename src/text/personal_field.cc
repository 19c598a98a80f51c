#include "text/personal_field.h"

#include <glib.h>
#include <pango/pango.h>
#include <unicode/uspoof.h>

#include <algorithm>
#include <memory>

namespace placard {

namespace {

struct GFree {
  void operator()(gchar* p) const { g_free(p); }
};
using GString_ = std::unique_ptr<gchar, GFree>;

// The characters that set or override direction. Left in a name, an RLO
// would turn the rest of the sentence around; an LRM is invisible and could
// slip a refused word past the blocklist.
bool is_bidi_format(gunichar c) {
  return (c >= 0x202A && c <= 0x202E) ||  // LRE RLE PDF LRO RLO
         (c >= 0x2066 && c <= 0x2069) ||  // LRI RLI FSI PDI
         c == 0x200E || c == 0x200F ||    // LRM RLM
         c == 0x061C;                     // ALM
}

bool is_control(gunichar c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

bool is_space(gunichar c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 ||
         (g_unichar_isspace(c) && c != 0x00A0 && c != 0x202F) ||
         g_unichar_type(c) == G_UNICODE_SPACE_SEPARATOR;
}

void append(std::string& out, gunichar c) {
  char buf[6];
  out.append(buf, static_cast<size_t>(g_unichar_to_utf8(c, buf)));
}

// Scripts written without spaces between words: a word there has no
// boundary to find, so an entry in them matches as a substring.
bool unspaced_script(gunichar c) {
  switch (g_unichar_get_script(c)) {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_THAI:
    case G_UNICODE_SCRIPT_LAO:
    case G_UNICODE_SCRIPT_KHMER:
    case G_UNICODE_SCRIPT_MYANMAR:
    case G_UNICODE_SCRIPT_TIBETAN:
      return true;
    default:
      return false;
  }
}

// The form both sides of a blocklist match take: case folded, NFKC (so
// full-width and ligature forms are their plain letters), without combining
// marks or format characters, white space as one space. Valid UTF-8 only.
std::u32string fold(std::string_view s) {
  GString_ folded(g_utf8_casefold(s.data(), static_cast<gssize>(s.size())));
  GString_ nfkc(g_utf8_normalize(folded.get(), -1, G_NORMALIZE_NFKC));
  if (!nfkc) return {};
  // NFKC can expose letters that fold further (U+2160 ROMAN NUMERAL ONE → "I").
  GString_ again(g_utf8_casefold(nfkc.get(), -1));
  std::u32string out;
  for (const gchar* p = again.get(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    const GUnicodeType t = g_unichar_type(c);
    if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK || t == G_UNICODE_FORMAT ||
        is_control(c))
      continue;
    if (is_space(c)) {
      if (!out.empty() && out.back() != U' ') out += U' ';
      continue;
    }
    out += static_cast<char32_t>(c);
  }
  while (!out.empty() && out.back() == U' ') out.pop_back();
  return out;
}

bool is_word_char(char32_t c) {
  return g_unichar_isalnum(c) || g_unichar_ismark(c) || c == U'_';
}

// ICU's spoof checker: its data is Unicode's confusables.txt (UTS #39),
// built into ICU. Opened once; getting a skeleton does not change it, so the
// server's threads share it.
const USpoofChecker* spoof_checker() {
  static const USpoofChecker* checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* c = uspoof_open(&status);
    return U_SUCCESS(status) ? c : nullptr;
  }();
  return checker;
}

// UTS #39's skeleton of folded text, without the marks it decomposes to:
// each character that looks like another becomes their shared prototype, so
// a Cyrillic "а", a Greek "ο" or a dotless "ı" is the Latin letter it
// passes for, and "rn" is "m". Both sides of a match go through it.
std::u32string skeleton(const std::u32string& folded) {
  GString_ utf8(g_ucs4_to_utf8(reinterpret_cast<const gunichar*>(folded.data()),
                               static_cast<glong>(folded.size()), nullptr, nullptr, nullptr));
  const USpoofChecker* checker = spoof_checker();
  if (!utf8 || !checker) return folded;
  std::string out(4 * folded.size() + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = uspoof_getSkeletonUTF8(checker, 0, utf8.get(), -1, out.data(),
                                     static_cast<int32_t>(out.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    out.assign(static_cast<size_t>(n) + 1, '\0');
    status = U_ZERO_ERROR;
    n = uspoof_getSkeletonUTF8(checker, 0, utf8.get(), -1, out.data(),
                               static_cast<int32_t>(out.size()), &status);
  }
  if (U_FAILURE(status)) return folded;
  out.resize(static_cast<size_t>(n));
  std::u32string result;
  for (const gchar* p = out.c_str(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    const GUnicodeType t = g_unichar_type(c);
    if (t != G_UNICODE_NON_SPACING_MARK && t != G_UNICODE_ENCLOSING_MARK)
      result += static_cast<char32_t>(c);
  }
  return result;
}

// The alphabets whose letters pass for each other's; a word written in two
// of them is how a look-alike is made.
int lookalike_script(gunichar c) {
  switch (g_unichar_get_script(c)) {
    case G_UNICODE_SCRIPT_LATIN:
      return 1;
    case G_UNICODE_SCRIPT_GREEK:
      return 2;
    case G_UNICODE_SCRIPT_CYRILLIC:
      return 4;
    default:
      return 0;
  }
}

bool valid_utf8(std::string_view s) {
  return g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr);
}

}  // namespace

std::string clean_personal_field(std::string_view raw) {
  if (!valid_utf8(raw)) return "";
  GString_ nfc(g_utf8_normalize(raw.data(), static_cast<gssize>(raw.size()), G_NORMALIZE_NFC));
  if (!nfc) return "";
  std::string out;
  bool space = false;
  for (const gchar* p = nfc.get(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    if (c == 0xFEFF || is_bidi_format(c)) continue;
    if (is_space(c) || is_control(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    append(out, c);
  }
  return out;
}

size_t count_graphemes(std::string_view utf8) {
  if (utf8.empty() || !valid_utf8(utf8)) return 0;
  const glong chars = g_utf8_strlen(utf8.data(), static_cast<gssize>(utf8.size()));
  std::vector<PangoLogAttr> attrs(static_cast<size_t>(chars) + 1);
  pango_get_log_attrs(utf8.data(), static_cast<int>(utf8.size()), -1, nullptr, attrs.data(),
                      static_cast<int>(attrs.size()));
  size_t n = 0;
  for (glong i = 0; i < chars; ++i) n += attrs[static_cast<size_t>(i)].is_cursor_position;
  return n;
}

Blocklist Blocklist::parse(std::string_view text) {
  Blocklist list;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    if (!valid_utf8(line)) continue;
    Entry e;
    const std::u32string folded = fold(line);
    if (folded.empty()) continue;
    e.anywhere =
        std::any_of(folded.begin(), folded.end(), [](char32_t c) { return unspaced_script(c); });
    e.key = skeleton(folded);
    list.entries_.push_back(std::move(e));
  }
  return list;
}

bool Blocklist::matches(std::string_view value) const {
  if (entries_.empty() || !valid_utf8(value)) return false;
  const std::u32string v = skeleton(fold(value));
  for (const Entry& e : entries_) {
    for (size_t at = v.find(e.key); at != std::u32string::npos; at = v.find(e.key, at + 1)) {
      if (e.anywhere) return true;
      const size_t end = at + e.key.size();
      const bool starts = at == 0 || !is_word_char(v[at - 1]) || !is_word_char(e.key.front());
      const bool ends = end == v.size() || !is_word_char(v[end]) || !is_word_char(e.key.back());
      if (starts && ends) return true;
    }
  }
  return false;
}

bool mixes_scripts_in_a_word(std::string_view value) {
  if (!valid_utf8(value)) return false;
  int scripts = 0;
  for (const gchar* p = value.data(); p < value.data() + value.size(); p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    if (!is_word_char(c)) {
      scripts = 0;  // a word ends
      continue;
    }
    scripts |= lookalike_script(c);
    if (scripts != 0 && (scripts & (scripts - 1)) != 0) return true;  // two bits: two alphabets
  }
  return false;
}

FieldCheck check_personal_field(std::string_view raw, size_t max_graphemes, bool required,
                                const Blocklist* blocklist, bool allow_mixed_scripts) {
  FieldCheck r;
  if (!valid_utf8(raw)) {
    r.problem = FieldProblem::invalid_utf8;
    return r;
  }
  std::string value = clean_personal_field(raw);
  if (value.empty()) {
    if (required) r.problem = FieldProblem::missing;
    return r;
  }
  if (max_graphemes > 0 && count_graphemes(value) > max_graphemes) {
    r.problem = FieldProblem::too_long;
    return r;
  }
  if (blocklist && blocklist->matches(value)) {
    r.problem = FieldProblem::blocked;
    return r;
  }
  if (!allow_mixed_scripts && mixes_scripts_in_a_word(value)) {
    r.problem = FieldProblem::mixed_scripts;
    return r;
  }
  r.value = std::move(value);
  return r;
}

std::string field_problem_text(FieldProblem problem, const std::string& field,
                               size_t max_graphemes) {
  switch (problem) {
    case FieldProblem::none:
      return "";
    case FieldProblem::missing:
      return "'" + field + "' is required";
    case FieldProblem::too_long:
      return "'" + field + "' is longer than " + std::to_string(max_graphemes) + " characters";
    case FieldProblem::invalid_utf8:
      return "'" + field + "' is not valid UTF-8 text";
    case FieldProblem::mixed_scripts:
      return "'" + field + "' mixes alphabets in one word";
    case FieldProblem::blocked:
      // Neutral: the message never says which word, nor that a list exists.
      return "this " + field + " can't be used";
  }
  return "";
}

std::string isolate_bidi(std::string_view value) {
  return "\u2068" + std::string(value) + "\u2069";
}

namespace {

// Walks a pattern, calling `text` for literal runs and `name` for each
// placeholder. A "{" without its "}" is literal.
template <typename Text, typename Name>
void walk_pattern(std::string_view p, Text text, Name name) {
  for (size_t i = 0; i < p.size();) {
    if (p.compare(i, 2, "{{") == 0 || p.compare(i, 2, "}}") == 0) {
      text(p.substr(i, 1));
      i += 2;
      continue;
    }
    if (p[i] == '{') {
      const size_t close = p.find('}', i);
      if (close != std::string_view::npos) {
        name(p.substr(i + 1, close - i - 1));
        i = close + 1;
        continue;
      }
    }
    text(p.substr(i, 1));
    ++i;
  }
}

}  // namespace

std::optional<std::string> fill_placeholders(std::string_view pattern,
                                             const std::map<std::string, std::string>& values) {
  std::string out;
  bool complete = true;
  walk_pattern(
      pattern, [&](std::string_view t) { out += t; },
      [&](std::string_view n) {
        auto it = values.find(std::string(n));
        if (it == values.end() || it->second.empty()) {
          complete = false;
          return;
        }
        out += isolate_bidi(it->second);
      });
  if (!complete) return std::nullopt;
  return out;
}

std::vector<std::string> placeholder_names(std::string_view pattern) {
  std::vector<std::string> names;
  walk_pattern(
      pattern, [](std::string_view) {}, [&](std::string_view n) { names.emplace_back(n); });
  return names;
}

}  // namespace placard
