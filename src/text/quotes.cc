#include "text/quotes.h"

#include <yaml-cpp/yaml.h>

#include <array>
#include <cctype>
#include <map>
#include <mutex>
#include <string_view>

#include "base/diagnostics.h"
#include "base/resources.h"

namespace placard {

namespace {

const std::map<std::string, QuoteMarks>& all_marks() {
  static std::once_flag once;
  static std::map<std::string, QuoteMarks> marks;
  std::call_once(once, [] {
    const std::string file = typesetting_dir() + "/quotes.yaml";
    try {
      const YAML::Node root = YAML::LoadFile(file);
      for (const auto& kv : root) {
        const YAML::Node& pair = kv.second;
        if (!pair.IsSequence() || pair.size() != 2)
          fail({file, pair.Mark().line + 1, pair.Mark().column + 1},
               "'" + kv.first.as<std::string>() + "' should be [opening, closing]");
        std::string tag = kv.first.as<std::string>();
        for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        marks[tag] = {pair[0].as<std::string>(), pair[1].as<std::string>()};
      }
    } catch (const YAML::Exception& e) {
      fail({file, e.mark.line + 1, e.mark.column + 1}, "cannot read the quotation marks: " + e.msg);
    }
  });
  return marks;
}

// Opening and closing marks as the world's languages pair them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kPairs{{
    {"\u201C", "\u201D"},  // “ ”
    {"\u201E", "\u201C"},  // „ “
    {"\u201E", "\u201D"},  // „ ”
    {"\u00AB", "\u00BB"},  // « »
    {"\u00BB", "\u00AB"},  // » «
    {"\u300C", "\u300D"},  // 「 」
    {"\u300E", "\u300F"},  // 『 』
    {"\u2018", "\u2019"},  // ‘ ’
    {"\u201A", "\u2018"},  // ‚ ‘
    {"\u2039", "\u203A"},  // ‹ ›
    {"\u201D", "\u201D"},  // ” ”
    {"\u201D", "\u201C"},  // ” “
    {"\"", "\""},
    {"\u301D", "\u301E"},  // 〝 〞
}};

// Past invisible marks a text may start with (bidi marks and isolates).
size_t visible_start(const std::string& text) {
  size_t at = 0;
  for (std::string_view mark :
       {"\u200E", "\u200F", "\u2066", "\u2067", "\u2068", "\u061C", "\uFEFF"})
    while (text.compare(at, mark.size(), mark) == 0) at += mark.size();
  return at;
}

}  // namespace

QuoteMarks quote_marks(const std::string& lang) {
  const auto& marks = all_marks();
  std::string tag = lang;
  for (char& c : tag)
    c = static_cast<char>(c == '_' ? '-' : std::tolower(static_cast<unsigned char>(c)));
  while (!tag.empty()) {
    if (auto it = marks.find(tag); it != marks.end()) return it->second;
    const size_t dash = tag.rfind('-');
    tag = dash == std::string::npos ? "" : tag.substr(0, dash);
  }
  if (auto it = marks.find("und"); it != marks.end()) return it->second;
  return {"\u201C", "\u201D"};
}

std::string leading_quote(const std::string& text) {
  const size_t at = visible_start(text);
  for (const auto& [open, close] : kPairs)
    if (text.compare(at, open.size(), open) == 0) return std::string(open);
  return "";
}

std::pair<size_t, size_t> hanging_punctuation(const std::string& text) {
  const size_t at = visible_start(text);
  const std::string open = leading_quote(text);
  if (open.empty()) return {0, 0};
  size_t end = at + open.size();
  // The space French and others set inside guillemets hangs with the mark,
  // so that the first letter lines up with the edge.
  for (std::string_view space : {"\u00A0", "\u202F", "\u2009"})
    if (text.compare(end, space.size(), space) == 0) {
      end += space.size();
      break;
    }
  // A mark alone (the quote layout's decorative mark) is not punctuation
  // of a text: it stays where its block is.
  if (text.find_first_not_of(" \t\n", end) == std::string::npos) return {0, 0};
  return {at, end};
}

std::optional<std::pair<size_t, size_t>> enclosed_quotation(const std::string& text) {
  const size_t at = visible_start(text);
  for (const auto& [open, close] : kPairs) {
    if (text.size() <= at + open.size() + close.size()) continue;
    if (text.compare(at, open.size(), open) != 0) continue;
    size_t end = text.size();
    if (text.compare(end - close.size(), close.size(), close) != 0) continue;
    end -= close.size();
    const std::string_view inner(text.data() + at + open.size(), end - at - open.size());
    // “A” and “B” is two quotations, not one.
    if (inner.find(close) != std::string_view::npos) continue;
    if (open != close && inner.find(open) != std::string_view::npos) continue;
    return std::make_pair(at + open.size(), end);
  }
  return std::nullopt;
}

std::string leading_dash(const std::string& text) {
  const size_t at = visible_start(text);
  for (std::string_view dash : {"\u2014", "\u2013", "\u2015", "--", "-", "~"})
    if (text.compare(at, dash.size(), dash) == 0) return std::string(dash);
  return "";
}

}  // namespace placard
