#include "text/hyphenate.h"

#include <glib.h>
#include <hyphen.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace placard {

namespace {

constexpr const char* kDictDir = "/usr/share/hyphen";
constexpr int kMinWord = 7;  // letters
constexpr int kMinSide = 3;  // letters kept together at either end
constexpr const char* kSoftHyphen = "\u00AD";

// "es-MX" → hyph_es_MX.dic, then hyph_es_ES.dic / any hyph_es_*.dic.
std::string find_dictionary(const std::string& lang) {
  if (lang.size() < 2) return "";
  std::string ll = lang.substr(0, 2);
  std::string full = lang;
  std::replace(full.begin(), full.end(), '-', '_');
  std::string upper = ll;
  for (char& c : upper) c = g_ascii_toupper(c);
  std::vector<std::string> tries = {full, ll + "_" + upper, ll};
  if (ll == "en") tries.insert(tries.begin() + 1, "en_US");
  for (const auto& t : tries) {
    std::string p = std::string(kDictDir) + "/hyph_" + t + ".dic";
    if (std::filesystem::exists(p)) return p;
  }
  std::vector<std::string> any;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(kDictDir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind("hyph_" + ll + "_", 0) == 0 && name.ends_with(".dic")) any.push_back(e.path());
  }
  std::sort(any.begin(), any.end());
  return any.empty() ? "" : any.front();
}

struct DictFree {
  void operator()(HyphenDict* d) const { hnj_hyphen_free(d); }
};

// A language's dictionary, and its first level alone when it has two: the
// German one lists words and compounds (69,000 of them) with the joints
// between their parts, then syllable patterns at the next level. The first
// level is a shallow copy of the dictionary without its next level (the
// German file takes seconds to load; it is loaded once).
struct Dictionaries {
  std::unique_ptr<HyphenDict, DictFree> full;
  std::optional<HyphenDict> compounds;  // shares full's states; never freed
};

// Dictionaries are loaded once per language and shared by every thread;
// libhyphen only reads them.
const Dictionaries& dictionaries(const std::string& lang) {
  static std::mutex mu;
  static std::map<std::string, Dictionaries> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(lang);
  if (it == cache.end()) {
    Dictionaries d;
    const std::string path = find_dictionary(lang);
    if (!path.empty()) d.full.reset(hnj_hyphen_load(path.c_str()));
    if (d.full && d.full->nextlevel) {
      d.compounds = *d.full;
      d.compounds->nextlevel = nullptr;
    }
    it = cache.emplace(lang, std::move(d)).first;
  }
  return it->second;
}

HyphenDict* dictionary(const std::string& lang) {
  return dictionaries(lang).full.get();
}

// Dictionary points of a word (letters only, UTF-8): points[i] is true when
// the word may break after its letter i. Empty when the dictionary cannot
// read the word. A dictionary in a legacy encoding (the German and
// Portuguese ones are ISO 8859-1) is given the word in that encoding: fed
// UTF-8, its points shift by a letter at every ä, ö, ü or ß ("kapitänsw-itwe").
std::vector<bool> dictionary_points(HyphenDict* dict, const std::string& word, int min_side) {
  const long letters = g_utf8_strlen(word.c_str(), -1);
  std::vector<bool> out;
  char* lower = g_utf8_strdown(word.c_str(), -1);
  std::string input = lower;
  g_free(lower);
  if (!dict->utf8) {
    gsize written = 0;
    gchar* legacy = g_convert(input.c_str(), -1, dict->cset, "UTF-8", nullptr, &written, nullptr);
    if (!legacy) return out;  // a letter the dictionary's encoding lacks
    input.assign(legacy, written);
    g_free(legacy);
    // One byte a letter, as the vector is indexed.
    if (static_cast<long>(input.size()) != letters) return out;
  } else if (g_utf8_strlen(input.c_str(), -1) != letters) {
    return out;
  }
  const int size = static_cast<int>(input.size());
  std::vector<char> hyphens(size + 5, 0);
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  const int rc = hnj_hyphen_hyphenate3(dict, input.c_str(), size, hyphens.data(), nullptr, &rep,
                                       &pos, &cut, min_side, min_side, min_side, min_side);
  if (rc == 0) {
    // For UTF-8 dictionaries the vector is indexed by character.
    out.assign(letters, false);
    for (long i = 0; i + 1 < letters; ++i) out[i] = (hyphens[i] & 1) && (!rep || !rep[i]);
  }
  if (rep) {
    for (int i = 0; i < size; ++i) free(rep[i]);
    free(rep);
  }
  free(pos);
  free(cut);
  return out;
}

// Soft hyphens into one word (letters only, UTF-8).
std::string hyphenate_word(HyphenDict* dict, const std::string& word) {
  if (g_utf8_strlen(word.c_str(), -1) < kMinWord) return word;
  const std::vector<bool> points = dictionary_points(dict, word, kMinSide);
  if (points.empty()) return word;
  std::string out;
  const char* p = word.c_str();
  for (bool point : points) {
    const char* next = g_utf8_next_char(p);
    out.append(p, next);
    if (point) out += kSoftHyphen;
    p = next;
  }
  return out;
}

}  // namespace

bool can_hyphenate(const std::string& lang) {
  return dictionary(lang) != nullptr;
}

std::string hyphenate(const std::string& text, const std::string& lang) {
  HyphenDict* dict = dictionary(lang);
  if (!dict) return text;
  std::string out, word;
  for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    const char* next = g_utf8_next_char(p);
    if (g_unichar_isalpha(c) || g_unichar_ismark(c)) {
      word.append(p, next);
      continue;
    }
    out += hyphenate_word(dict, word);
    word.clear();
    out.append(p, next);
  }
  out += hyphenate_word(dict, word);
  return out;
}

std::vector<size_t> compound_points(const std::string& text, const std::string& lang) {
  std::vector<size_t> out;
  const Dictionaries& d = dictionaries(lang);
  if (!d.compounds) return out;
  HyphenDict* dict = const_cast<HyphenDict*>(&*d.compounds);
  // Each word with its soft hyphens: the letters, and after how many of
  // them each soft hyphen sits.
  std::string word;
  std::vector<std::pair<long, size_t>> shy;  // letters before it, its byte offset
  long letters = 0;
  auto flush = [&] {
    if (!shy.empty()) {
      const std::vector<bool> joints = dictionary_points(dict, word, 2);
      for (const auto& [before, at] : shy)
        if (before > 0 && before - 1 < static_cast<long>(joints.size()) && joints[before - 1])
          out.push_back(at);
    }
    word.clear();
    shy.clear();
    letters = 0;
  };
  for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    const char* next = g_utf8_next_char(p);
    if (c == 0x00AD) {
      shy.emplace_back(letters, static_cast<size_t>(p - text.c_str()));
    } else if (g_unichar_isalpha(c) || g_unichar_ismark(c)) {
      word.append(p, next);
      ++letters;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace placard
