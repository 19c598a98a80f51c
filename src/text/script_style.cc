#include "text/script_style.h"

#include <glib.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <mutex>

#include "base/diagnostics.h"
#include "base/resources.h"

namespace placard {

namespace {

const std::map<std::string, GUnicodeScript>& script_names() {
  static const std::map<std::string, GUnicodeScript> names = {
      {"Arabic", G_UNICODE_SCRIPT_ARABIC},
      {"Hebrew", G_UNICODE_SCRIPT_HEBREW},
      {"Devanagari", G_UNICODE_SCRIPT_DEVANAGARI},
      {"Thai", G_UNICODE_SCRIPT_THAI},
      {"Han", G_UNICODE_SCRIPT_HAN},
      {"Hiragana", G_UNICODE_SCRIPT_HIRAGANA},
      {"Katakana", G_UNICODE_SCRIPT_KATAKANA},
      {"Hangul", G_UNICODE_SCRIPT_HANGUL},
      {"Bopomofo", G_UNICODE_SCRIPT_BOPOMOFO},
      {"Syriac", G_UNICODE_SCRIPT_SYRIAC},
      {"Bengali", G_UNICODE_SCRIPT_BENGALI},
      {"Tamil", G_UNICODE_SCRIPT_TAMIL},
  };
  return names;
}

const std::map<std::string, int>& weight_names() {
  static const std::map<std::string, int> names = {
      {"regular", 400}, {"medium", 500},    {"semibold", 600},
      {"bold", 700},    {"extrabold", 800}, {"black", 900},
  };
  return names;
}

SourceLoc loc_of(const YAML::Node& n, const std::string& file) {
  return {file, n.Mark().line + 1, n.Mark().column + 1};
}

std::vector<ScriptStyle> load_styles() {
  const std::string file = typesetting_dir() + "/scripts.yaml";
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::Exception& e) {
    fail({file, e.mark.line + 1, e.mark.column + 1}, "cannot read the script metrics: " + e.msg);
  }
  std::vector<ScriptStyle> out;
  for (const auto& kv : root["scripts"]) {
    ScriptStyle s;
    s.name = kv.first.as<std::string>();
    const YAML::Node& n = kv.second;
    try {
      for (const auto& sc : n["unicode"]) {
        auto it = script_names().find(sc.as<std::string>());
        if (it == script_names().end())
          fail(loc_of(sc, file), "unknown Unicode script '" + sc.as<std::string>() + "'");
        s.scripts.push_back(it->second);
      }
      s.font = n["font"].as<std::string>();
      s.sample = n["sample"].as<std::string>();
      s.against_caps = n["against"].as<std::string>() == "cap-height";
      s.body_em = n["body_em"]["regular"].as<double>();
      s.body_em_bold = n["body_em"]["bold"].as<double>();
      for (const auto& w : n["body_em"]) {
        auto named = weight_names().find(w.first.as<std::string>());
        if (named == weight_names().end())
          fail(loc_of(w.first, file), "body_em of script '" + s.name + "' has an unknown weight '" +
                                          w.first.as<std::string>() + "'");
        s.body_by_weight[named->second] = w.second.as<double>();
      }
      if (n["weights"])
        for (const auto& w : n["weights"]) {
          const int from = w.first.as<int>(), to = w.second.as<int>();
          if (from < 100 || from > 1000 || to < 100 || to > 1000)
            fail(loc_of(w.first, file),
                 "weights of script '" + s.name + "' map a CSS weight (100 to 1000) to another");
          s.weights[from] = to;
        }
      s.leading = n["leading"].as<double>();
      if (n["leading_marked"]) {
        s.leading_marked = n["leading_marked"].as<double>();
        for (const auto& r : n["marks"]) {
          const std::string range = r.as<std::string>();
          unsigned first = 0, last = 0;
          if (std::sscanf(range.c_str(), "%x-%x", &first, &last) != 2 || first > last)
            fail(loc_of(r, file), "a mark range is written 064B-065F");
          s.marks.emplace_back(static_cast<int>(first), static_cast<int>(last));
        }
      }
    } catch (const YAML::Exception& e) {
      fail({file, e.mark.line + 1, e.mark.column + 1},
           "script '" + s.name + "' needs unicode, font, sample, against, body_em and leading");
    }
    if (s.body_em <= 0.1 || s.body_em > 1.5 || s.body_em_bold <= 0.1 || s.body_em_bold > 1.5)
      fail(loc_of(n["body_em"], file), "body_em of script '" + s.name + "' must be an em fraction");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

double ScriptStyle::body(int weight) const {
  double best = weight >= 600 ? body_em_bold : body_em;
  int distance = 1000;
  for (const auto& [w, em] : body_by_weight)
    if (std::abs(w - weight) < distance) distance = std::abs(w - weight), best = em;
  return best;
}

int ScriptStyle::weight_for(int brand_weight) const {
  auto it = weights.upper_bound(brand_weight);
  if (it == weights.begin()) return brand_weight;
  return std::prev(it)->second;
}

const std::vector<ScriptStyle>& script_styles() {
  static const std::vector<ScriptStyle> styles = load_styles();
  return styles;
}

const ScriptStyle* script_style(int script) {
  for (const ScriptStyle& s : script_styles())
    for (int sc : s.scripts)
      if (sc == script) return &s;
  return nullptr;
}

const std::vector<std::string>& short_words(const std::string& lang) {
  static std::mutex mu;
  static std::map<std::string, std::vector<std::string>> lists;
  static bool loaded = false;
  std::lock_guard<std::mutex> lock(mu);
  if (!loaded) {
    loaded = true;
    const std::string file = typesetting_dir() + "/short-words.yaml";
    try {
      YAML::Node root = YAML::LoadFile(file);
      for (const auto& kv : root)
        for (const auto& w : kv.second)
          lists[kv.first.as<std::string>()].push_back(w.as<std::string>());
    } catch (const YAML::Exception& e) {
      fail({file, e.mark.line + 1, e.mark.column + 1}, "cannot read the short words: " + e.msg);
    }
  }
  const std::string primary = lang.substr(0, lang.find('-'));
  static const std::vector<std::string> none;
  auto it = lists.find(primary);
  return it == lists.end() ? none : it->second;
}

}  // namespace placard
