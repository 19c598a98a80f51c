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

// Dictionaries are loaded once per language and shared by every thread;
// libhyphen only reads them.
HyphenDict* dictionary(const std::string& lang) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<HyphenDict, DictFree>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(lang);
  if (it == cache.end()) {
    std::string path = find_dictionary(lang);
    HyphenDict* d = path.empty() ? nullptr : hnj_hyphen_load(path.c_str());
    it = cache.emplace(lang, std::unique_ptr<HyphenDict, DictFree>(d)).first;
  }
  return it->second.get();
}

// Soft hyphens into one word (letters only, UTF-8).
std::string hyphenate_word(HyphenDict* dict, const std::string& word) {
  const long letters = g_utf8_strlen(word.c_str(), -1);
  if (letters < kMinWord) return word;
  char* lower = g_utf8_strdown(word.c_str(), -1);
  const int size = static_cast<int>(strlen(lower));
  std::vector<char> hyphens(size + 5, 0);
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  int rc = hnj_hyphen_hyphenate3(dict, lower, size, hyphens.data(), nullptr, &rep, &pos, &cut,
                                 kMinSide, kMinSide, kMinSide, kMinSide);
  std::string out;
  if (rc == 0 && g_utf8_strlen(lower, -1) == letters) {
    // For UTF-8 dictionaries the vector is indexed by character.
    const char* p = word.c_str();
    for (long i = 0; i < letters; ++i) {
      const char* next = g_utf8_next_char(p);
      out.append(p, next);
      bool standard = !rep || !rep[i];
      if ((hyphens[i] & 1) && standard && i + 1 < letters) out += kSoftHyphen;
      p = next;
    }
  } else {
    out = word;
  }
  if (rep) {
    for (int i = 0; i < size; ++i) free(rep[i]);
    free(rep);
  }
  free(pos);
  free(cut);
  g_free(lower);
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

}  // namespace placard
