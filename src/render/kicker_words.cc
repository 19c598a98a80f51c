#include "render/kicker_words.h"

#include <glib.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <vector>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "base/resources.h"
#include "base/yaml_map.h"
#include "text/text_prepare.h"

namespace placard {

namespace {

struct Words {
  std::string numbered, single;
  std::vector<std::string> digits;  // 0 to 9; empty: Western
};

using Table = std::map<std::string, std::map<std::string, std::string>>;  // lang → field → text

Table load(const std::string& path) {
  const YAML::Node root = parse_yaml(read_file(path), path);
  if (!root.IsMap()) fail({path, 1, 1}, "kicker words must map languages to their words");
  Table out;
  for (const auto& lang : root) {
    if (!lang.second.IsMap())
      fail(yaml_loc(lang.second, path), "the kicker words of '" + lang.first.Scalar() +
                                            "' must be a map of numbered, single and digits");
    for (const auto& field : lang.second) {
      const std::string key = field.first.Scalar();
      if (key != "numbered" && key != "single" && key != "digits")
        fail(yaml_loc(field.first, path), "unknown kicker field '" + key + "'",
             {"a language has numbered, single and digits"});
      if (!field.second.IsScalar())
        fail(yaml_loc(field.second, path), "kicker field '" + key + "' must be text");
      const std::string text = field.second.Scalar();
      if (key == "numbered" &&
          (text.find("{n}") == std::string::npos || text.find("{total}") == std::string::npos))
        fail(yaml_loc(field.second, path), "a numbered kicker needs {n} and {total}");
      if (key == "digits" && g_utf8_strlen(text.c_str(), -1) != 10)
        fail(yaml_loc(field.second, path), "digits must be the ten digits 0 to 9");
      out[canonical_lang(lang.first.Scalar())][key] = text;
    }
  }
  if (!out["en"].contains("numbered") || !out["en"].contains("single"))
    fail({path, 1, 1}, "kicker words have no English 'numbered' and 'single'");
  return out;
}

// The field for `lang`: its tag, the tag shortened part by part, then English.
std::string field(const Table& table, const std::string& lang, const std::string& key) {
  std::string tag = canonical_lang(lang_without_extensions(lang));
  while (!tag.empty()) {
    if (auto l = table.find(tag); l != table.end())
      if (auto f = l->second.find(key); f != l->second.end()) return f->second;
    const size_t cut = tag.rfind('-');
    tag = cut == std::string::npos ? "" : tag.substr(0, cut);
  }
  const auto& en = table.at("en");
  auto f = en.find(key);
  return f == en.end() ? "" : f->second;
}

std::string in_digits(int number, const std::string& digits) {
  std::string out = std::to_string(number);
  if (digits.empty()) return out;
  std::vector<std::string> glyphs;
  for (const char* p = digits.c_str(); *p; p = g_utf8_next_char(p))
    glyphs.emplace_back(p, static_cast<size_t>(g_utf8_next_char(p) - p));
  std::string shown;
  for (char c : out) shown += c >= '0' && c <= '9' ? glyphs[c - '0'] : std::string(1, c);
  return shown;
}

// CLDR's decimal numbering systems (common/supplemental/numberingSystems.xml):
// the code point of each one's zero, its other digits following it.
struct Numbering {
  const char* name;
  gunichar zero;
};
constexpr Numbering kNumbering[] = {
    {"latn", 0x30},   {"arab", 0x660},  {"arabext", 0x6F0}, {"deva", 0x966},      {"beng", 0x9E6},
    {"guru", 0xA66},  {"gujr", 0xAE6},  {"orya", 0xB66},    {"tamldec", 0xBE6},   {"telu", 0xC66},
    {"knda", 0xCE6},  {"mlym", 0xD66},  {"thai", 0xE50},    {"laoo", 0xED0},      {"tibt", 0xF20},
    {"mymr", 0x1040}, {"khmr", 0x17E0}, {"mong", 0x1810},   {"fullwide", 0xFF10},
};

std::string kicker(const Table& table, const std::string& lang, int n, int total) {
  if (total <= 1) return field(table, lang, "single");
  std::string digits = numbering_digits(lang);
  if (digits.empty()) digits = field(table, lang, "digits");
  std::string s = field(table, lang, "numbered");
  s.replace(s.find("{n}"), 3, in_digits(n, digits));
  s.replace(s.find("{total}"), 7, in_digits(total, digits));
  return s;
}

}  // namespace

std::string numbering_digits(const std::string& lang) {
  const std::string nu = unicode_keyword(lang, "nu");
  if (nu.empty()) return "";
  if (nu == "hanidec") return "〇一二三四五六七八九";
  std::string names = "hanidec";
  for (const Numbering& sys : kNumbering) {
    if (nu == sys.name) {
      std::string out;
      for (gunichar c = sys.zero; c < sys.zero + 10; ++c) {
        char buf[8];
        out.append(buf, static_cast<size_t>(g_unichar_to_utf8(c, buf)));
      }
      return out;
    }
    names += std::string(", ") + sys.name;
  }
  fail_usage("unknown numbering system '" + nu + "' in the language '" + lang + "'",
             {"-u-nu- takes one of " + names + " (\"ar-u-nu-latn\": Western digits)"});
}

std::string recommendation_kicker(const std::string& lang, int n, int total) {
  static const Table table = load(gallery_dir() + "/kickers.yaml");
  return kicker(table, lang, n, total);
}

std::string recommendation_kicker(const std::string& path, const std::string& lang, int n,
                                  int total) {
  return kicker(load(path), lang, n, total);
}

}  // namespace placard
