#include "content/slug.h"

#include <map>
#include <set>

#include <algorithm>
#include <array>
#include <vector>

namespace placard {

namespace {

constexpr size_t kMaxSlug = 48;

// Latin-1 Supplement U+00C0..U+00FF and Latin Extended-A U+0100..U+017F as
// lowercase ASCII letters. '-' marks the non-letters × and ÷; '*' the letters
// that become two ASCII letters (see fold_latin).
constexpr std::string_view kLatin1 =
    "aaaaaa*ceeeeiiii"   // U+00C0 À..Ï
    "dnooooo-ouuuuy**"   // U+00D0 Ð..ß
    "aaaaaa*ceeeeiiii"   // U+00E0 à..ï
    "dnooooo-ouuuuy*y";  // U+00F0 ð..ÿ
constexpr std::string_view kLatinExtA =
    "aaaaaacccccccc"       // U+0100 Ā..č
    "ddddeeeeeeeeee"       // U+010E Ď..ě
    "gggggggghhhh"         // U+011C Ĝ..ħ
    "iiiiiiiiii**jjkkk"    // U+0128 Ĩ..ĸ
    "llllllllllnnnnnnnnn"  // U+0139 Ĺ..ŋ
    "oooooo**rrrrrr"       // U+014C Ō..ř
    "sssssssstttttt"       // U+015A Ś..ŧ
    "uuuuuuuuuuuuwwyyy"    // U+0168 Ũ..Ÿ
    "zzzzzzs";             // U+0179 Ź..ſ
static_assert(kLatin1.size() == 0x40 && kLatinExtA.size() == 0x80);

// The ASCII letters for a Latin letter, or "" for anything else.
std::string_view fold_latin(char32_t cp) {
  switch (cp) {
    case 0xC6:
    case 0xE6:
      return "ae";
    case 0xDE:
    case 0xFE:
      return "th";
    case 0xDF:
      return "ss";
    case 0x132:
    case 0x133:
      return "ij";
    case 0x152:
    case 0x153:
      return "oe";
  }
  std::string_view table;
  if (cp >= 0xC0 && cp < 0x100) {
    table = kLatin1.substr(cp - 0xC0, 1);
  } else if (cp >= 0x100 && cp < 0x180) {
    table = kLatinExtA.substr(cp - 0x100, 1);
  }
  return table == "-" ? std::string_view() : table;
}

// Characters that vanish without ending a word: "individual’s" → "individuals",
// "287(g)" → "287g", "U.S." → "us", combining accents.
bool vanishes(char32_t cp) {
  switch (cp) {
    case '\'':
    case '(':
    case ')':
    case '[':
    case ']':
    case '.':
    case 0x00AD:  // soft hyphen
    case 0x02BC:
    case 0x2019:  // ʼ ’
    case 0x200B:
    case 0x200C:
    case 0x200D:
      return true;
  }
  return cp >= 0x300 && cp < 0x370;  // combining diacritical marks
}

bool is_ascii_alnum(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

// Decodes one code point and advances i; a malformed byte reads as U+FFFD.
char32_t next_code_point(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i++]);
  if (b < 0x80) return b;
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  if (extra == 0) return 0xFFFD;
  char32_t cp = b & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (s[i] & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (s[i++] & 0x3F);
  }
  return cp;
}

std::vector<std::string> slug_words(std::string_view utf8) {
  std::vector<std::string> words(1);
  char32_t prev = 0;
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, i);
    size_t peek = i;
    char32_t next = i < utf8.size() ? next_code_point(utf8, peek) : 0;
    bool decimal_point =
        cp == '.' && prev >= '0' && prev <= '9' && next >= '0' && next <= '9';  // "2.5" → "2-5"
    if (is_ascii_alnum(cp)) {
      bool upper = cp >= 'A' && cp <= 'Z';
      words.back() += static_cast<char>(upper ? cp - 'A' + 'a' : cp);
    } else if (auto letters = fold_latin(cp); !letters.empty()) {
      words.back() += letters;
    } else if (!vanishes(cp) || decimal_point) {
      if (!words.back().empty()) words.emplace_back();
    }
    prev = cp;
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

bool is_filler(const std::string& word) {
  static const std::array<std::string_view, 14> kFiller = {
      "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from"};
  return std::find(kFiller.begin(), kFiller.end(), word) != kFiller.end();
}

}  // namespace

std::string slugify(std::string_view utf8) {
  // Text mostly in another script (Arabic, Chinese, …) would leave only its
  // stray Latin words ("ICE", "287g"): better no slug, and a numbered id.
  size_t latin = 0, other = 0;
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, i);
    if (is_ascii_alnum(cp) || !fold_latin(cp).empty())
      ++latin;
    else if (cp >= 0x0370 && cp != 0x2019 && !(cp >= 0x2000 && cp <= 0x206F))
      ++other;
  }
  if (other > latin) return "";
  std::vector<std::string> words = slug_words(utf8);
  if (words.empty()) return "";
  if (words[0].size() >= kMaxSlug) return words[0].substr(0, kMaxSlug);

  size_t kept = 0;
  size_t length = 0;
  while (kept < words.size() && length + (kept > 0) + words[kept].size() <= kMaxSlug) {
    length += (kept > 0) + words[kept].size();
    ++kept;
  }
  // A cut slug should not end on a filler word: "…-program-a" → "…-program".
  if (kept < words.size()) {
    while (kept > 1 && is_filler(words[kept - 1])) --kept;
  }

  std::string slug = words[0];
  for (size_t i = 1; i < kept; ++i) slug += "-" + words[i];
  return slug;
}

bool is_valid_id(std::string_view id) {
  auto allowed = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '-' || c == '_'));
  };
  if (id.empty() || id.size() > 64) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    if (!allowed(id[i], i == 0)) return false;
  }
  return true;
}

void assign_ids(std::vector<ContentCard>& cards,
                const std::map<std::string, SourceLoc>& explicit_ids) {
  std::set<std::string> used;
  for (const auto& [id, loc] : explicit_ids) used.insert(id);
  std::map<CardKind, int> seen;
  for (ContentCard& card : cards) {
    int n = ++seen[card.kind];
    if (!card.id.empty()) continue;
    std::string base = slugify(card.headline.plain());
    if (base.empty()) base = kind_name(card.kind) + ("-" + std::to_string(n));
    card.id = base;
    for (int k = 2; used.contains(card.id); ++k) card.id = base + "-" + std::to_string(k);
    used.insert(card.id);
  }
}

}  // namespace placard
