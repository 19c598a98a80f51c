#include "text/phrases.h"

#include <glib.h>

#include <array>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include "base/diagnostics.h"
#include "base/resources.h"

namespace placard {

namespace {

// A model's features: the characters at fixed offsets from the place
// between text[i - 1] and text[i]. UW1..UW6 one character (offsets -3..+2),
// BW1..BW3 two (from -2, -1, 0), TW1..TW4 three (from -3, -2, -1, 0).
struct Feature {
  const char* name;
  int from, length;
};
constexpr std::array<Feature, 13> kFeatures{{{"UW1", -3, 1},
                                             {"UW2", -2, 1},
                                             {"UW3", -1, 1},
                                             {"UW4", 0, 1},
                                             {"UW5", 1, 1},
                                             {"UW6", 2, 1},
                                             {"BW1", -2, 2},
                                             {"BW2", -1, 2},
                                             {"BW3", 0, 2},
                                             {"TW1", -3, 3},
                                             {"TW2", -2, 3},
                                             {"TW3", -1, 3},
                                             {"TW4", 0, 3}}};

struct Model {
  std::array<std::unordered_map<std::u32string, double>, kFeatures.size()> weights;
  double base = 0;  // minus half the sum of every weight: the score of a place with no feature
};

std::u32string to_u32(const std::string& s) {
  std::u32string out;
  for (const char* p = s.c_str(); *p; p = g_utf8_next_char(p)) out += g_utf8_get_char(p);
  return out;
}

Model load(const std::string& name) {
  const std::string file = typesetting_dir() + "/phrases/" + name + ".json";
  std::ifstream in(file);
  if (!in) fail_io({file, 0, 0}, "cannot read the phrase model");
  Model m;
  try {
    const nlohmann::json root = nlohmann::json::parse(in);
    double sum = 0;
    for (size_t f = 0; f < kFeatures.size(); ++f) {
      const auto it = root.find(kFeatures[f].name);
      if (it == root.end()) continue;
      for (const auto& [key, value] : it->items()) {
        const double w = value.get<double>();
        m.weights[f][to_u32(key)] = w;
        sum += w;
      }
    }
    m.base = -0.5 * sum;
  } catch (const nlohmann::json::exception& e) {
    fail({file, 0, 0}, std::string("cannot read the phrase model: ") + e.what());
  }
  return m;
}

const Model& model(const std::string& name) {
  static std::mutex mu;
  static std::map<std::string, Model> models;
  std::lock_guard<std::mutex> lock(mu);
  auto it = models.find(name);
  if (it == models.end()) it = models.emplace(name, load(name)).first;
  return it->second;
}

bool kana(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
         (c >= 0xFF66 && c <= 0xFF9D);
}

bool ideograph(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

// Hangul syllables and jamo (precomposed, conjoining, compatibility).
bool hangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F) || (c >= 0xA960 && c <= 0xA97F) ||
         (c >= 0xD7B0 && c <= 0xD7FF);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(g_ascii_tolower(c));
  return s;
}

// Chinese words by ICU's dictionary: out[i] when a word starts at i.
std::vector<bool> chinese_words(const std::u32string& text) {
  std::vector<bool> out(text.size(), false);
  // One iterator per thread, made from ICU's (which loads the dictionary).
  thread_local std::unique_ptr<icu::BreakIterator> words = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) it.reset();
    return it;
  }();
  if (!words) return out;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(text.data()), static_cast<int32_t>(text.size()));
  words->setText(u);
  for (int32_t b = words->next(); b != icu::BreakIterator::DONE; b = words->next()) {
    const int32_t i = u.countChar32(0, b);
    if (i > 0 && static_cast<size_t>(i) < text.size()) out[static_cast<size_t>(i)] = true;
  }
  return out;
}

}  // namespace

std::string phrase_model(const std::string& lang, const std::u32string& text) {
  const std::string l = lower(lang);
  const std::string primary = l.substr(0, l.find_first_of("-_"));
  if (primary == "ja") return "ja";
  if (primary == "zh") return "zh";
  if (primary == "ko") return "ko";
  bool han = false, korean = false;
  for (char32_t c : text) {
    if (kana(c)) return "ja";
    han = han || ideograph(c);
    korean = korean || hangul(c);
  }
  return han ? "zh" : korean ? "ko" : "";
}

std::vector<bool> phrase_starts(const std::u32string& text, const std::string& name) {
  std::vector<bool> out(text.size(), false);
  if (name.empty() || text.size() < 2) return out;
  if (name == "zh") return chinese_words(text);
  // A Korean phrase is a word between spaces (eojeol): display lines break
  // at spaces, as CSS's word-break: keep-all sets Korean.
  if (name == "ko") return out;
  const Model& m = model(name);
  const int n = static_cast<int>(text.size());
  std::u32string key;
  for (int i = 1; i < n; ++i) {
    double score = m.base;
    for (size_t f = 0; f < kFeatures.size(); ++f) {
      const int from = i + kFeatures[f].from, to = from + kFeatures[f].length;
      // A feature reaching past either end of the text does not count.
      if (from < 0 || to > n) continue;
      key.assign(text, static_cast<size_t>(from), static_cast<size_t>(kFeatures[f].length));
      const auto it = m.weights[f].find(key);
      if (it != m.weights[f].end()) score += it->second;
    }
    out[i] = score > 0;
  }
  return out;
}

}  // namespace placard
