#include "text/atoms.h"

#include <glib.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

#include "base/diagnostics.h"
#include "base/resources.h"
#include "text/phrases.h"
#include "text/text_prepare.h"

namespace placard {

namespace {

constexpr const char* kZeroWidthSpace = "\u200B";
constexpr const char* kLri = "\u2066";  // LEFT-TO-RIGHT ISOLATE
constexpr const char* kFsi = "\u2068";  // FIRST STRONG ISOLATE
constexpr const char* kPdi = "\u2069";  // POP DIRECTIONAL ISOLATE

// A visible character of the text and where it is.
struct Cp {
  gunichar c = 0;
  size_t byte = 0, next = 0;
};

// Drawn as nothing, and no part of what a reader sees: break aids, bidi
// marks and isolates, joiners.
bool invisible(gunichar c) {
  return c == 0x00AD || c == 0x200B || c == 0x200E || c == 0x200F || c == 0x2060 || c == 0xFEFF ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool is_space(gunichar c) {
  return g_unichar_isspace(c) || c == 0x00A0 || c == 0x202F || c == 0x3000;
}

std::vector<Cp> visible(const std::string& text) {
  std::vector<Cp> out;
  const char* s = text.c_str();
  for (const char* p = s; *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    if (invisible(c)) continue;
    out.push_back({c, static_cast<size_t>(p - s), static_cast<size_t>(g_utf8_next_char(p) - s)});
  }
  return out;
}

bool ascii_alnum(gunichar c) {
  return c < 0x80 && g_ascii_isalnum(static_cast<char>(c));
}

bool opener(gunichar c) {
  switch (c) {
    case '(':
    case '[':
    case '{':
    case '"':
    case '\'':
    case 0x00AB:
    case 0x2039:
    case 0x201C:
    case 0x2018:
    case 0x201E:
    case 0x00BF:
    case 0x00A1:
    case 0x300C:
    case 0x300E:
    case 0xFF08:
      return true;
    default:
      return false;
  }
}

// Punctuation that ends a clause or closes a quotation after a word.
bool closer(gunichar c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case ']':
    case '}':
    case '"':
    case '\'':
    case 0x00BB:
    case 0x203A:
    case 0x201D:
    case 0x2019:
    case 0x2026:
    case 0x060C:
    case 0x061B:
    case 0x061F:
    case 0x06D4:
    case 0x3002:
    case 0x3001:
    case 0xFF09:
    case 0x300D:
    case 0x300F:
      return true;
    default:
      return false;
  }
}

// A word of the text: visible characters [from, to) between spaces, and its
// core without the punctuation around it: "(act.example.org)." → the address.
struct Token {
  size_t from = 0, to = 0;            // the whole word
  size_t core_from = 0, core_to = 0;  // without openers and closers
};

std::vector<Token> tokens(const std::vector<Cp>& cps) {
  std::vector<Token> out;
  for (size_t i = 0; i < cps.size();) {
    if (is_space(cps[i].c)) {
      ++i;
      continue;
    }
    Token t;
    t.from = i;
    while (i < cps.size() && !is_space(cps[i].c)) ++i;
    t.to = i;
    t.core_from = t.from;
    t.core_to = t.to;
    while (t.core_from < t.core_to && opener(cps[t.core_from].c)) ++t.core_from;
    while (t.core_to > t.core_from && closer(cps[t.core_to - 1].c)) --t.core_to;
    // A closing parenthesis whose opening one is in the word belongs to it:
    // "287(g)", "wiki/Foo_(bar)".
    int open = 0;
    for (size_t k = t.core_from; k < t.core_to; ++k)
      open += cps[k].c == '(' ? 1 : cps[k].c == ')' ? -1 : 0;
    while (open > 0 && t.core_to < t.to && cps[t.core_to].c == ')') ++t.core_to, --open;
    out.push_back(t);
  }
  return out;
}

std::string lower_ascii(const std::vector<Cp>& cps, size_t from, size_t to) {
  std::string s;
  for (size_t k = from; k < to; ++k)
    s += cps[k].c < 0x80 ? static_cast<char>(g_ascii_tolower(static_cast<char>(cps[k].c))) : '?';
  return s;
}

// "act.example.org": labels of letters, digits and hyphens, at least two,
// the last (the top-level domain) of 2 to 24 letters.
bool is_host(const std::vector<Cp>& cps, size_t from, size_t to) {
  int labels = 0;
  size_t label_from = from;
  for (size_t k = from; k <= to; ++k) {
    if (k == to || cps[k].c == '.') {
      if (k == label_from) return false;
      ++labels;
      label_from = k + 1;
      continue;
    }
    if (!ascii_alnum(cps[k].c) && cps[k].c != '-') return false;
  }
  size_t tld = to;
  while (tld > from && cps[tld - 1].c != '.') --tld;
  if (labels < 2 || to - tld < 2 || to - tld > 24) return false;
  for (size_t k = tld; k < to; ++k)
    if (!g_ascii_isalpha(static_cast<char>(cps[k].c))) return false;
  return true;
}

bool is_url(const std::vector<Cp>& cps, size_t from, size_t to) {
  const std::string s = lower_ascii(cps, from, to);
  for (const char* scheme : {"https://", "http://", "www."})
    if (s.rfind(scheme, 0) == 0) return s.size() > std::string(scheme).size() + 2;
  size_t host_end = from;
  while (host_end < to && cps[host_end].c != '/' && cps[host_end].c != '?' &&
         cps[host_end].c != '#' && cps[host_end].c != ':')
    ++host_end;
  return is_host(cps, from, host_end);
}

bool is_email(const std::vector<Cp>& cps, size_t from, size_t to) {
  size_t at = from;
  while (at < to && cps[at].c != '@') ++at;
  if (at == from || at == to) return false;
  for (size_t k = from; k < at; ++k)
    if (!ascii_alnum(cps[k].c) && !strchr("._%+-", static_cast<int>(cps[k].c))) return false;
  return is_host(cps, at + 1, to);
}

bool word_char(gunichar c) {
  return g_unichar_isalnum(c) || c == '_' || g_unichar_ismark(c);
}

// "@JusticeNow", "@name@example.social", "#平等权利", "#TransformarElSistema".
bool is_handle_or_tag(const std::vector<Cp>& cps, size_t from, size_t to) {
  const gunichar first = cps[from].c;
  if ((first != '@' && first != '#' && first != 0xFF03) || to - from < 2) return false;
  bool letter = false;
  for (size_t k = from + 1; k < to; ++k) {
    const gunichar c = cps[k].c;
    const bool inner = first == '@' && (c == '.' || c == '@' || c == '-') && k + 1 < to;
    if (!word_char(c) && !inner) return false;
    letter = letter || g_unichar_isalpha(c);
  }
  return letter && word_char(cps[from + 1].c);
}

// Phone numbers: "+1 555 123 4567", "(555) 123-4567", "+44 20 7946 0958".
void find_phones(const std::vector<Cp>& cps, std::vector<KeepRange>& out) {
  for (size_t i = 0; i < cps.size(); ++i) {
    const gunichar c = cps[i].c;
    const bool plus = c == '+' && i + 1 < cps.size() && g_unichar_isdigit(cps[i + 1].c);
    const bool paren = c == '(' && i + 1 < cps.size() && g_unichar_isdigit(cps[i + 1].c);
    if (!plus && !paren && !g_unichar_isdigit(c)) continue;
    if (i > 0 && !is_space(cps[i - 1].c) && !opener(cps[i - 1].c)) continue;
    int digits = 0;
    bool grouped = false;  // by spaces, hyphens or parentheses, not only dots
    size_t last = i, j = i;
    for (; j < cps.size(); ++j) {
      const gunichar d = cps[j].c;
      if (g_unichar_isdigit(d)) {
        ++digits;
        last = j;
      } else if (d == '-' || d == '(' || d == ')' || d == '.' || d == '+') {
        grouped = grouped || d != '.';
        if (d == '+' && j != i) break;
      } else if ((d == ' ' || d == 0x00A0) && j + 1 < cps.size() &&
                 (g_unichar_isdigit(cps[j + 1].c) || cps[j + 1].c == '(')) {
        grouped = true;
      } else {
        break;
      }
    }
    const bool ends_clean = last + 1 >= cps.size() || !g_unichar_isalnum(cps[last + 1].c);
    if (ends_clean && ((plus && digits >= 7) || (digits >= 9 && grouped))) {
      out.push_back({cps[i].byte, cps[last].next, KeepKind::atom});
      i = last;
    } else {
      // Not a phone number: skip the rest of this run of digits.
      while (i + 1 < cps.size() && !is_space(cps[i + 1].c)) ++i;
    }
  }
}

std::vector<KeepRange> atoms_of(const std::vector<Cp>& cps, const std::vector<Token>& toks) {
  std::vector<KeepRange> out;
  find_phones(cps, out);
  const auto in_phone = [&](size_t byte) {
    for (const KeepRange& r : out)
      if (byte >= r.start && byte < r.end) return true;
    return false;
  };
  std::vector<KeepRange> words;
  for (const Token& t : toks) {
    if (t.core_from >= t.core_to || in_phone(cps[t.core_from].byte)) continue;
    const size_t a = t.core_from, b = t.core_to;
    KeepKind kind;
    if (is_handle_or_tag(cps, a, b) || is_email(cps, a, b))
      kind = cps[a].c == '#' || cps[a].c == 0xFF03 ? KeepKind::tag : KeepKind::atom;
    else if (is_url(cps, a, b))
      kind = KeepKind::url;
    else
      continue;
    words.push_back({cps[a].byte, cps[b - 1].next, kind});
  }
  out.insert(out.end(), words.begin(), words.end());
  std::sort(out.begin(), out.end(),
            [](const KeepRange& x, const KeepRange& y) { return x.start < y.start; });
  return out;
}

// The rules of typesetting/no-break.yaml for one language: each entry as
// its words, in lower case.
struct UnitRules {
  std::vector<std::vector<std::string>> before, after;
};

std::string lower(const std::string& s) {
  gchar* l = g_utf8_strdown(s.c_str(), -1);
  std::string out = l;
  g_free(l);
  return out;
}

std::vector<std::string> split_words(const std::string& entry) {
  std::vector<std::string> words;
  size_t at = 0;
  while (at < entry.size()) {
    const size_t sp = entry.find(' ', at);
    const size_t end = sp == std::string::npos ? entry.size() : sp;
    if (end > at) words.push_back(lower(entry.substr(at, end - at)));
    at = end + 1;
  }
  return words;
}

const std::map<std::string, UnitRules>& unit_rules() {
  static std::mutex mu;
  static std::map<std::string, UnitRules> rules;
  static bool loaded = false;
  std::lock_guard<std::mutex> lock(mu);
  if (loaded) return rules;
  loaded = true;
  const std::string file = typesetting_dir() + "/no-break.yaml";
  try {
    const YAML::Node root = YAML::LoadFile(file);
    for (const auto& lang : root) {
      UnitRules& r = rules[lang.first.as<std::string>()];
      for (const char* side : {"before", "after"}) {
        const YAML::Node list = lang.second[side];
        if (!list) continue;
        if (!list.IsSequence())
          fail({file, list.Mark().line + 1, list.Mark().column + 1},
               std::string("'") + side + "' should be a list of words");
        for (const auto& w : list)
          (side[0] == 'b' ? r.before : r.after).push_back(split_words(w.as<std::string>()));
      }
    }
  } catch (const YAML::Exception& e) {
    fail({file, e.mark.line + 1, e.mark.column + 1}, "cannot read the no-break rules: " + e.msg);
  }
  return rules;
}

std::string text_of(const std::string& text, const std::vector<Cp>& cps, size_t from, size_t to) {
  std::string s;
  for (size_t k = from; k < to; ++k) s += text.substr(cps[k].byte, cps[k].next - cps[k].byte);
  return s;
}

// Word `t` in lower case, whole and without the punctuation around it.
struct Lowered {
  std::string whole, core;
  bool ends_in_stop = false;  // the punctuation after the core starts with '.'
};

// Whether word `t` is `entry_word`: case aside, and the punctuation that
// ends a clause ("million." at the end of a sentence) aside.
bool same_word(const Lowered& t, const std::string& entry_word) {
  return t.whole == entry_word || t.core == entry_word ||
         (t.ends_in_stop && !t.core.empty() && t.core.size() + 1 == entry_word.size() &&
          entry_word.back() == '.' && entry_word.compare(0, t.core.size(), t.core) == 0);
}

// A number with what may come with it: "$1.2", "1,000", "30,", "15%".
// Returns the end of the number's digits (a visible index), or `from`.
size_t number_end(const std::vector<Cp>& cps, size_t from, size_t to) {
  size_t k = from;
  while (k < to && (cps[k].c == '$' || cps[k].c == 0x20AC || cps[k].c == 0x00A3 ||
                    cps[k].c == 0x00A5 || cps[k].c == '+' || cps[k].c == 0x2212 || cps[k].c == '-'))
    ++k;
  if (k == to || !g_unichar_isdigit(cps[k].c)) return from;
  size_t end = k;
  for (; k < to; ++k) {
    const gunichar c = cps[k].c;
    if (g_unichar_isdigit(c))
      end = k + 1;
    else if (!(c == '.' || c == ',' || c == ':' || c == 0xFF0E || c == 0xFF0C || c == 0x066B ||
               c == 0x066C) ||
             k + 1 >= to || !g_unichar_isdigit(cps[k + 1].c))
      break;
  }
  return end;
}

void add_units(const std::string& text, const std::vector<Cp>& cps, const std::vector<Token>& toks,
               const UnitRules& rules, std::vector<KeepRange>& out) {
  // Words in lower case, made when a number first needs them.
  std::vector<std::optional<Lowered>> lowered(toks.size());
  const auto word = [&](size_t i) -> const Lowered& {
    if (!lowered[i]) {
      const Token& t = toks[i];
      lowered[i] = Lowered{lower(text_of(text, cps, t.core_from, t.to)),
                           lower(text_of(text, cps, t.core_from, t.core_to)),
                           t.core_to < t.to && cps[t.core_to].c == '.'};
    }
    return *lowered[i];
  };
  for (size_t ti = 0; ti < toks.size(); ++ti) {
    const Token& t = toks[ti];
    // Each number in the word: a Chinese or Japanese sentence is one word.
    for (size_t from = t.core_from; from < t.core_to;) {
      const size_t digits_end = number_end(cps, from, t.core_to);
      if (digits_end == from) {
        ++from;
        continue;
      }
      const size_t number_start = cps[from].byte, digits_stop = cps[digits_end - 1].next;
      size_t start = number_start, end = digits_stop;
      // After, with no space: "2030年", "15万人".
      for (const auto& entry : rules.after) {
        const std::string& w = entry[0];
        if (entry.size() == 1 && digits_end < t.to && text.compare(digits_stop, w.size(), w) == 0)
          end = std::max(end, digits_stop + w.size());
      }
      // The number is the word: after it, past a space, "1.2 million", "15
      // por ciento" (not past a comma: "in 2030, millions …"); before it,
      // "SB 1047", "Sept. 30", "art. 5".
      const bool whole = from == t.core_from && t.core_from == t.from;
      if (whole && digits_end == t.core_to && t.core_to == t.to)
        for (const auto& entry : rules.after) {
          if (ti + entry.size() >= toks.size()) continue;
          bool match = true;
          for (size_t k = 0; k < entry.size() && match; ++k) {
            const Token& w = toks[ti + 1 + k];
            match = same_word(word(ti + 1 + k), entry[k]) &&
                    (k + 1 == entry.size() || w.core_to == w.to);
          }
          if (match) end = std::max(end, cps[toks[ti + entry.size()].core_to - 1].next);
        }
      if (whole)
        for (const auto& entry : rules.before) {
          if (ti < entry.size()) continue;
          bool match = true;
          for (size_t k = 0; k < entry.size() && match; ++k)
            match = same_word(word(ti - entry.size() + k), entry[k]);
          if (match) start = std::min(start, cps[toks[ti - entry.size()].core_from].byte);
        }
      // A number of more than one digit is kept whole (in CJK text a line
      // may otherwise break between any two full-width digits).
      if (start < number_start || end > digits_stop || digits_end - from > 1)
        out.push_back({start, end, KeepKind::unit});
      from = digits_end;
    }
  }
}

// The phrases of the Chinese, Japanese or Korean text in `cps` of two characters or
// more, none across white space.
std::vector<KeepRange> phrases_of(const std::vector<Cp>& cps, const std::string& lang) {
  std::u32string chars;
  for (const Cp& c : cps) chars += static_cast<char32_t>(c.c);
  const std::string model = phrase_model(lang, chars);
  std::vector<KeepRange> out;
  if (model.empty()) return out;
  const std::vector<bool> starts = phrase_starts(chars, model);
  size_t from = 0;
  bool wide = false;  // the phrase holds an ideograph, kana or other wide character
  for (size_t i = 0; i <= cps.size(); ++i) {
    const bool white = i < cps.size() && g_unichar_isspace(cps[i].c);
    if (i == cps.size() || white || starts[i]) {
      if (wide && i >= from + 2) out.push_back({cps[from].byte, cps[i - 1].next, KeepKind::phrase});
      from = white ? i + 1 : i;
      wide = false;
    }
    if (i < cps.size() && !white) wide = wide || g_unichar_iswide(cps[i].c);
  }
  return out;
}

}  // namespace

std::vector<KeepRange> find_atoms(const std::string& text) {
  const std::vector<Cp> cps = visible(text);
  return atoms_of(cps, tokens(cps));
}

std::vector<KeepRange> keep_ranges(const std::string& text, const std::string& lang) {
  const std::vector<Cp> cps = visible(text);
  const std::vector<Token> toks = tokens(cps);
  std::vector<KeepRange> atoms = atoms_of(cps, toks);
  std::vector<KeepRange> units;
  const auto& rules = unit_rules();
  const std::string primary = lower(lang.substr(0, lang.find_first_of("-_")));
  UnitRules merged;
  for (const std::string& key : {std::string("any"), primary}) {
    auto it = rules.find(key);
    if (it == rules.end()) continue;
    merged.before.insert(merged.before.end(), it->second.before.begin(), it->second.before.end());
    merged.after.insert(merged.after.end(), it->second.after.begin(), it->second.after.end());
  }
  add_units(text, cps, toks, merged, units);
  // A number inside an address is the address's.
  std::vector<KeepRange> out = atoms;
  for (const KeepRange& u : units) {
    bool overlaps = false;
    for (const KeepRange& a : atoms) overlaps = overlaps || (u.start < a.end && a.start < u.end);
    if (!overlaps) out.push_back(u);
  }
  // So is a phrase that overlaps an address ("#平等权利" is one hashtag).
  for (const KeepRange& p : phrases_of(cps, lang)) {
    bool overlaps = false;
    for (const KeepRange& a : atoms) overlaps = overlaps || (p.start < a.end && a.start < p.end);
    if (!overlaps) out.push_back(p);
  }
  std::sort(out.begin(), out.end(),
            [](const KeepRange& x, const KeepRange& y) { return x.start < y.start; });
  // Units that overlap ("SB 1047 million"), or a phrase and the number in it
  // ("２０３０年までに"), become one unit.
  const auto soft = [](KeepKind k) { return k == KeepKind::unit || k == KeepKind::phrase; };
  std::vector<KeepRange> merged_out;
  for (const KeepRange& r : out) {
    KeepRange* last = merged_out.empty() ? nullptr : &merged_out.back();
    if (last && r.start < last->end && soft(r.kind) && soft(last->kind)) {
      last->end = std::max(last->end, r.end);
      if (r.kind == KeepKind::unit) last->kind = KeepKind::unit;
    } else {
      merged_out.push_back(r);
    }
  }
  return merged_out;
}

std::string url_breaks(const std::string& url) {
  std::string out;
  for (const char* p = url.c_str(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    const char* next = g_utf8_next_char(p);
    out.append(p, next);
    const bool separator =
        c == '/' || c == '.' || c == '-' || c == '_' || c == '?' || c == '&' || c == '=';
    // Only before a letter or digit: a line never starts with punctuation.
    if (separator && *next && g_unichar_isalnum(g_utf8_get_char(next))) out += kZeroWidthSpace;
  }
  return out;
}

std::string tag_breaks(const std::string& tag) {
  std::string out;
  gunichar prev = 0;
  for (const char* p = tag.c_str(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    if ((g_unichar_isupper(c) && g_unichar_islower(prev)) || (prev == '_' && g_unichar_isalnum(c)))
      out += kZeroWidthSpace;
    out.append(p, static_cast<size_t>(g_utf8_next_char(p) - p));
    prev = c;
  }
  return out;
}

namespace {

bool rtl_letter(gunichar c) {
  return in_rtl_script(c) && g_unichar_isalpha(c);
}

bool ltr_letter(gunichar c) {
  return g_unichar_isalpha(c) && !rtl_letter(c);
}

}  // namespace

std::string isolate_ltr(const std::string& text) {
  const std::vector<Cp> cps = visible(text);
  const std::vector<Token> toks = tokens(cps);
  std::vector<std::pair<KeepRange, const char*>> wraps;
  const std::vector<KeepRange> atoms = atoms_of(cps, toks);
  for (const KeepRange& a : atoms) {
    bool rtl = false;
    for (const Cp& c : cps)
      if (c.byte >= a.start && c.byte < a.end) rtl = rtl || rtl_letter(c.c);
    // An Arabic hashtag reads right to left, its # at the right.
    wraps.push_back({a, rtl ? kFsi : kLri});
  }
  for (const Token& t : toks) {
    if (t.core_from >= t.core_to) continue;
    const size_t start = cps[t.core_from].byte, end = cps[t.core_to - 1].next;
    bool in_atom = false;
    for (const KeepRange& a : atoms) in_atom = in_atom || (start < a.end && a.start < end);
    if (in_atom) continue;
    bool ltr = false, rtl = false, other = false;
    for (size_t k = t.core_from; k < t.core_to; ++k) {
      ltr = ltr || ltr_letter(cps[k].c);
      rtl = rtl || rtl_letter(cps[k].c);
      other = other || !g_unichar_isalpha(cps[k].c);
    }
    // A Latin word alone keeps its order; one with digits or punctuation
    // inside ("287(g)") is turned about by the paragraph unless isolated.
    if (ltr && !rtl && other) wraps.push_back({{start, end, KeepKind::atom}, kLri});
  }
  std::sort(wraps.begin(), wraps.end(),
            [](const auto& x, const auto& y) { return x.first.start < y.first.start; });
  std::string out;
  size_t at = 0;
  for (const auto& [r, open] : wraps) {
    // Already isolated: leave it.
    if (r.start >= 3 && text.compare(r.start - 3, 3, kLri) == 0) continue;
    if (r.start >= 3 && text.compare(r.start - 3, 3, kFsi) == 0) continue;
    out += text.substr(at, r.start - at);
    out += open;
    out += text.substr(r.start, r.end - r.start);
    out += kPdi;
    at = r.end;
  }
  return out + text.substr(at);
}

RichText isolate_ltr(const RichText& text) {
  RichText out = text;
  for (Span& span : out.spans) span.text = isolate_ltr(span.text);
  return out;
}

}  // namespace placard
