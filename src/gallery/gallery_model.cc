#include "gallery/gallery_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "base/yaml_map.h"
#include "content/slug.h"
#include "gallery/server_url.h"
#include "http/url_codec.h"
#include "image/encode.h"
#include "layout/sizes.h"
#include "text/text_prepare.h"

namespace placard {

using Json = nlohmann::json;

namespace {

// ---- Words: the page's texts in one language, English where it has none ----

void flatten(const YAML::Node& node, const std::string& prefix, const std::string& path,
             std::map<std::string, std::string>& out) {
  if (!node.IsMap()) fail(yaml_loc(node, path), "'" + prefix + "' must map keys to texts");
  for (const auto& kv : node) {
    std::string key = prefix.empty() ? kv.first.Scalar() : prefix + "." + kv.first.Scalar();
    if (kv.second.IsMap()) {
      flatten(kv.second, key, path, out);
    } else if (kv.second.IsScalar()) {
      out[key] = kv.second.Scalar();
    } else {
      fail(yaml_loc(kv.second, path), "'" + key + "' must be a text");
    }
  }
}

// The part of a language tag before the first '-': "es" for "es-MX".
std::string primary_subtag(const std::string& lang) {
  std::string p = lang.substr(0, lang.find('-'));
  std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return std::tolower(c); });
  return p;
}

class Words {
 public:
  Words(const GalleryStrings& strings, const std::string& lang) : en_(&strings.at("en")) {
    auto it = strings.find(lang);
    if (it == strings.end()) it = strings.find(primary_subtag(lang));
    own_ = it == strings.end() ? nullptr : &it->second;
  }
  // Whether the language itself (not the English fallback) has `key`.
  bool has_own(const std::string& key) const { return own_ && own_->contains(key); }
  bool has(const std::string& key) const { return has_own(key) || en_->contains(key); }
  const std::string& operator()(const std::string& key) const {
    if (has_own(key)) return own_->at(key);
    auto it = en_->find(key);
    if (it == en_->end()) fail_io({}, "the gallery strings have no text for '" + key + "'");
    return it->second;
  }
  // Every text under "<group>." (without nested groups), keyed by the rest of
  // its key: the panel's words for the page's script.
  Json group(const std::string& name) const {
    Json out = Json::object();
    const std::string prefix = name + ".";
    for (const auto* table : {en_, own_})
      if (table)
        for (const auto& [key, text] : *table)
          if (key.starts_with(prefix) && key.find('.', prefix.size()) == std::string::npos)
            out[key.substr(prefix.size())] = text;
    return out;
  }
  // Every top-level text (no '.' in its key), for the template's "ui".
  Json ui() const {
    Json out = Json::object();
    for (const auto* table : {en_, own_})
      if (table)
        for (const auto& [key, text] : *table)
          if (key.find('.') == std::string::npos) out[key] = text;
    return out;
  }
  // "6 cards", "1 card".
  std::string count(size_t n) const {
    std::string pattern = (*this)(n == 1 ? "cards_one" : "cards_other");
    size_t at = pattern.find("{n}");
    if (at != std::string::npos) pattern.replace(at, 3, std::to_string(n));
    return pattern;
  }

 private:
  const std::map<std::string, std::string>* en_;
  const std::map<std::string, std::string>* own_ = nullptr;
};

// Card texts longer than this (in bytes) are set smaller on the page.
constexpr size_t kLongText = 160;

// ---- Names that end up in paths, ids and CSS ----

bool is_simple_name(const std::string& s, size_t max) {
  return !s.empty() && s.size() <= max && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_';
  });
}

bool is_hex_colour(const std::string& s) {
  return s.size() == 7 && s[0] == '#' &&
         std::all_of(s.begin() + 1, s.end(), [](unsigned char c) { return std::isxdigit(c); });
}

// The section id and hash of an edition: its language, or "edition-N".
std::string edition_anchor(const std::vector<ManifestEdition>& editions, size_t i) {
  const std::string& lang = editions[i].lang;
  bool unique = std::count_if(editions.begin(), editions.end(),
                              [&](const ManifestEdition& e) { return e.lang == lang; }) == 1;
  return is_simple_name(lang, 35) && unique ? lang : "edition-" + std::to_string(i + 1);
}

std::string card_file_id(const ManifestCard& card, size_t n) {
  return is_valid_id(card.id) ? card.id : "card-" + std::to_string(n + 1);
}

// ---- Captions ----

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string strip_trailing_punctuation(std::string w) {
  while (!w.empty() && std::string_view(".,;:!?)").find(w.back()) != std::string_view::npos)
    w.pop_back();
  return w;
}

// "https://…", "www.…" or a bare "example.org/path".
bool looks_like_url(const std::string& w) {
  if (w.starts_with("http://") || w.starts_with("https://")) return w.size() > 10;
  std::string host = w.substr(0, w.find('/'));
  size_t dot = host.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == host.size()) return false;
  bool host_chars = std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-';
  });
  bool tld_letters = std::all_of(host.begin() + dot + 1, host.end(),
                                 [](unsigned char c) { return std::isalpha(c); });
  return host_chars && tld_letters;
}

// ---- What an edition lacks ----

// The card's id in the content: the same in every edition.
const std::string& content_id(const ManifestCard& c) {
  return c.content_id.empty() ? c.id : c.content_id;
}

// The cards other editions have and edition `e` lacks, each once, named by
// its text in the first edition (in page order) that has it.
Json lacking(const Manifest& m, const std::vector<ManifestEdition>& editions, size_t e) {
  std::set<std::string> have;
  for (const ManifestCard& c : m.cards)
    if (edition_of(editions, c) == e) have.insert(content_id(c));
  Json out = Json::array();
  for (size_t other = 0; other < editions.size(); ++other) {
    if (other == e) continue;
    for (const ManifestCard& c : m.cards) {
      if (edition_of(editions, c) != other || !have.insert(content_id(c)).second) continue;
      const std::string& lang = editions[other].lang;
      out.push_back({{"id", content_id(c)},
                     {"title", c.text},
                     {"lang", lang},
                     {"has_lang", !lang.empty()},
                     {"rtl", is_rtl_language(lang)}});
    }
  }
  return out;
}

}  // namespace

std::string download_from_path(const std::string& file) {
  size_t slash = file.rfind('/');
  if (slash == std::string::npos) return file;
  size_t dir = file.rfind('/', slash - 1);
  dir = dir == std::string::npos ? 0 : dir + 1;
  return file.substr(dir, slash - dir) + "-" + file.substr(slash + 1);
}

GalleryStrings load_gallery_strings(const std::string& path) {
  YAML::Node root = parse_yaml(read_file(path), path);
  if (!root.IsMap()) fail({path, 1, 1}, "gallery strings must map languages to their texts");
  GalleryStrings out;
  for (const auto& kv : root) flatten(kv.second, "", path, out[kv.first.Scalar()]);
  if (!out.contains("en")) fail({path, 1, 1}, "gallery strings have no 'en' texts");
  for (const auto& [lang, table] : out)
    for (const auto& [key, text] : table)
      if (!out["en"].contains(key))
        fail({path}, "gallery text '" + lang + "." + key + "' has no English original");
  return out;
}

std::vector<ManifestEdition> gallery_editions(const Manifest& manifest) {
  if (!manifest.editions.empty()) return manifest.editions;
  ManifestEdition only;
  only.name = manifest.campaign;
  return {only};
}

size_t edition_of(const std::vector<ManifestEdition>& editions, const ManifestCard& card) {
  for (size_t i = 0; i < editions.size(); ++i)
    if (editions[i].lang == card.lang) return i;
  return 0;
}

std::vector<ZipPlan> plan_zips(const Manifest& manifest) {
  std::vector<ManifestEdition> editions = gallery_editions(manifest);
  std::vector<ZipPlan> plans;
  // A name with no Latin letters or digits (Arabic, say) slugs to nothing: such
  // an edition borrows the first name that gives a slug, in edition order,
  // then the campaign's, then "cards".
  std::string fallback;
  for (const ManifestEdition& ed : editions)
    if (fallback.empty()) fallback = slugify(ed.name);
  if (fallback.empty()) fallback = slugify(manifest.campaign);
  if (fallback.empty()) fallback = "cards";
  for (size_t e = 0; e < editions.size(); ++e) {
    std::string base = slugify(editions[e].name.empty() ? manifest.campaign : editions[e].name);
    if (base.empty()) base = fallback;
    if (editions.size() > 1) base += "-" + edition_anchor(editions, e);
    size_t first = plans.size();
    std::set<std::string> names;
    for (size_t n = 0; n < manifest.cards.size(); ++n) {
      const ManifestCard& card = manifest.cards[n];
      if (edition_of(editions, card) != e) continue;
      for (const ManifestOutput& o : card.outputs) {
        std::string size = is_simple_name(o.size, 32)
                               ? o.size
                               : std::to_string(o.width) + "x" + std::to_string(o.height);
        auto it = std::find_if(plans.begin() + static_cast<std::ptrdiff_t>(first), plans.end(),
                               [&](const ZipPlan& p) { return p.size == o.size; });
        if (it == plans.end()) {
          plans.push_back({base + "-" + size + ".zip", e, o.size, o.width, o.height, {}});
          it = plans.end() - 1;
        }
        std::string name = card_file_id(card, n) + "-" + size;
        std::string unique = name;
        for (int k = 2; names.contains(it->file + "/" + unique); ++k)
          unique = name + "-" + std::to_string(k);
        names.insert(it->file + "/" + unique);
        const size_t dot = o.file.rfind('.');
        const std::string ext = dot == std::string::npos ? "" : o.file.substr(dot + 1);
        it->entries.push_back({unique + "." + (is_simple_name(ext, 8) ? ext : "png"), o.file});
      }
    }
  }
  return plans;
}

std::string caption_tail(const ManifestEdition& edition, const std::string& base_url) {
  std::vector<std::string> tags;
  std::string footer_url;
  for (const std::string& w : words_of(edition.footer)) {
    std::string word = strip_trailing_punctuation(w);
    if (word.size() > 1 && word[0] == '#') {
      tags.push_back(word);
    } else if (footer_url.empty() && looks_like_url(word)) {
      footer_url = word;
    }
  }
  std::string url = !edition.url.empty()  ? edition.url
                    : !footer_url.empty() ? footer_url
                                          : base_url;
  if (!url.empty()) tags.push_back(url);
  std::string tail;
  for (size_t i = 0; i < tags.size(); ++i) tail += (i ? " " : "") + tags[i];
  return tail;
}

std::string human_bytes(std::uint64_t bytes, const std::string& decimal_mark) {
  if (bytes < 1000) return std::to_string(bytes) + " B";
  auto kb = static_cast<std::uint64_t>(std::llround(static_cast<double>(bytes) / 1000.0));
  if (kb < 1000) return std::to_string(kb) + " kB";
  auto tenths = static_cast<std::uint64_t>(std::llround(static_cast<double>(bytes) / 100000.0));
  return std::to_string(tenths / 10) + decimal_mark + std::to_string(tenths % 10) + " MB";
}

void check_relative_file(const std::string& file, const std::string& manifest_path) {
  auto bad = [&](const char* why) {
    fail({manifest_path}, "invalid manifest: file '" + file + "' " + why);
  };
  if (file.empty()) bad("is empty");
  if (file.front() == '/' || file.find('\\') != std::string::npos)
    bad("must be a path relative to the manifest's folder");
  if (std::any_of(file.begin(), file.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    bad("has control characters");
  if (file.substr(0, file.find('/')).find(':') != std::string::npos)
    bad("must be a path, not a URL");
  size_t start = 0;
  while (start <= file.size()) {
    size_t end = std::min(file.find('/', start), file.size());
    std::string part = file.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") bad("must stay inside the manifest's folder");
    start = end + 1;
  }
}

std::string url_path(const std::string& file) {
  std::string out;
  size_t start = 0;
  for (;;) {
    const size_t slash = file.find('/', start);
    out += percent_encode(std::string_view(file).substr(start, slash - start));
    if (slash == std::string::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

nlohmann::json gallery_model(const GalleryInput& input, const GalleryStrings& strings) {
  const Manifest& m = input.manifest;
  const std::vector<ManifestEdition> editions = gallery_editions(m);
  const std::vector<ZipPlan> zips = plan_zips(m);
  const bool several = editions.size() > 1;

  std::string base = input.base_url;
  if (!base.empty()) {
    if (!base.starts_with("https://") && !base.starts_with("http://"))
      fail_usage("base URL '" + base + "' must start with https:// or http://");
    if (base.back() != '/') base += '/';
  }
  const std::string server = input.server.empty() ? "" : checked_server_url(input.server);
  auto bytes_of = [&](const std::string& file) {
    auto it = input.file_bytes.find(file);
    if (it == input.file_bytes.end()) fail_io({}, "no size known for '" + file + "'");
    return it->second;
  };
  auto href = [](const std::string& file) { return url_path(file); };

  // The lead card, whose image the page's own link preview shows.
  const ManifestCard* lead = nullptr;
  if (!input.lead.empty()) {
    std::vector<std::string> ids;
    for (const ManifestCard& c : m.cards) {
      ids.push_back(c.id);
      if (c.id == input.lead && !lead) lead = &c;
    }
    if (!lead) {
      std::vector<std::string> hints = did_you_mean(input.lead, ids);
      auto part = std::find_if(ids.begin(), ids.end(), [&](const std::string& id) {
        return id.find(input.lead) != std::string::npos;
      });
      if (hints.empty() && part != ids.end()) hints.push_back("did you mean '" + *part + "'?");
      if (hints.empty()) {
        std::string list;
        for (size_t i = 0; i < ids.size() && i < 8; ++i) list += (i ? ", " : "") + ids[i];
        hints.push_back("cards: " + list + (ids.size() > 8 ? ", …" : ""));
      }
      fail_usage("there is no card '" + input.lead + "' in " + input.manifest_path, hints);
    }
  } else {
    for (const ManifestCard& c : m.cards)
      if (!lead && edition_of(editions, c) == 0 && !c.outputs.empty()) lead = &c;
  }

  // The output a card is previewed with: a landscape link card if there is one.
  auto preview_of = [](const ManifestCard& c) -> const ManifestOutput* {
    for (const char* size : {"og", "x", "square"})
      for (const ManifestOutput& o : c.outputs)
        if (o.size == size) return &o;
    for (const ManifestOutput& o : c.outputs)
      if (o.width > o.height) return &o;
    return c.outputs.empty() ? nullptr : &c.outputs.front();
  };

  const Platforms& platforms = input.platforms ? *input.platforms : default_platforms();
  const Words first(strings, editions[0].lang);
  Json page;
  page["generator"] = m.generator;
  page["lang"] = editions[0].lang;
  page["has_lang"] = !editions[0].lang.empty();
  page["rtl"] = is_rtl_language(editions[0].lang);
  page["title"] = editions[0].name.empty() ? m.campaign : editions[0].name;
  page["description"] = editions[0].intro.empty() ? first("how_to") : editions[0].intro;
  page["several"] = several;
  page["server"] = server;
  page["has_server"] = !server.empty();
  page["languages_label"] = first("languages");

  Json colors = Json::array();
  for (const auto& [role, value] : editions[0].colors) {
    if (!is_simple_name(role, 32) || !is_hex_colour(value))
      fail({input.manifest_path}, "invalid manifest: colour '" + role +
                                      "' must be written "
                                      "like #1C1A4A, not '" +
                                      value + "'");
    colors.push_back({{"role", role}, {"value", value}});
  }
  page["colors"] = colors;

  Json og = {{"has", false}};
  if (lead) {
    if (const ManifestOutput* o = preview_of(*lead)) {
      bytes_of(o->file);  // the page links only files that exist
      og = {{"has", true},
            {"image", base + href(o->file)},
            {"type", !o->mime.empty() ? o->mime
                                      : std::string(mime_type(
                                            format_of_path(o->file).value_or(ImageFormat::png)))},
            {"width", o->width},
            {"height", o->height},
            {"alt", lead->alt},
            {"url", base},
            {"has_url", !base.empty()}};
    }
  }
  page["og"] = og;

  Json languages = Json::array();
  Json sections = Json::array();
  Json panel = {{"cards", Json::object()}, {"editions", Json::object()}};
  Json share_words = Json::object();  // by edition id: the Share buttons' words (share.js)
  for (size_t e = 0; e < editions.size(); ++e) {
    const ManifestEdition& ed = editions[e];
    const Words w(strings, ed.lang);
    const std::string anchor = edition_anchor(editions, e);
    languages.push_back({{"href", "#" + anchor},
                         {"lang", ed.lang},
                         {"name", w.has_own("language_name") ? w("language_name")
                                  : ed.lang.empty()          ? std::to_string(e + 1)
                                                             : ed.lang},
                         {"rtl", is_rtl_language(ed.lang)},
                         {"current", e == 0}});
    // The platforms a size is for, from platforms.yaml, each once, in the
    // file's order ("X, WhatsApp, Facebook, …"); a size no surface is for
    // is a custom size.
    auto size_label = [&w, &platforms](const std::string& size, int width, int height) {
      std::vector<std::string> names;
      for (const Surface& s : surfaces_for_size(platforms, size, width, height))
        if (std::find(names.begin(), names.end(), s.platform) == names.end())
          names.push_back(s.platform);
      if (names.empty()) return w("sizes.custom");
      std::string label;
      for (const std::string& n : names) label += (label.empty() ? "" : w("list_separator")) + n;
      return label;
    };
    auto dims = [](int width, int height) {
      return std::to_string(width) + "×" + std::to_string(height);
    };

    Json zip_links = Json::array();
    for (const ZipPlan& z : zips) {
      if (z.edition != e) continue;
      std::uint64_t bytes = bytes_of(z.file);
      zip_links.push_back({{"href", href(z.file)},
                           {"label", size_label(z.size, z.width, z.height)},
                           {"dims", dims(z.width, z.height)},
                           {"count", w.count(z.entries.size())},
                           {"bytes", bytes},
                           {"size_text", human_bytes(bytes, w("decimal_mark"))}});
    }

    Json cards = Json::array();
    bool personal_cards = false;
    for (size_t n = 0; n < m.cards.size(); ++n) {
      const ManifestCard& c = m.cards[n];
      if (edition_of(editions, c) != e) continue;
      Json downloads = Json::array();
      for (const ManifestOutput& o : c.outputs) {
        std::uint64_t bytes = bytes_of(o.file);
        std::string ext = o.file.substr(o.file.rfind('.') + 1);
        std::string download = card_file_id(c, n) + "-" +
                               (is_simple_name(o.size, 32) ? o.size : dims(o.width, o.height)) +
                               "." + (is_simple_name(ext, 8) ? ext : "png");
        downloads.push_back({{"href", href(o.file)},
                             {"download", download},
                             {"named", download != download_from_path(o.file)},
                             {"label", size_label(o.size, o.width, o.height)},
                             {"dims", dims(o.width, o.height)},
                             {"bytes", bytes},
                             {"size_text", human_bytes(bytes, w("decimal_mark"))}});
      }
      Json card = {{"n", n + 1},
                   {"id", c.id},
                   {"kind", c.kind},
                   {"kind_label", w.has("kinds." + c.kind) ? w("kinds." + c.kind) : c.kind},
                   {"text", c.text},
                   {"long", c.text.size() > kLongText},
                   {"alt", c.alt},
                   {"downloads", downloads},
                   {"has_preview", false}};
      if (c.personal) {
        // What the "Make it yours" panel is built from, in the edition's
        // words, by the card's element id: personal.js carries it.
        Json fields = Json::array();
        for (const ManifestPersonal::Field& f : c.personal->fields)
          fields.push_back(
              {{"name", f.name},
               {"label",
                w.has("personal.fields." + f.name) ? w("personal.fields." + f.name) : f.name},
               {"max", f.max},
               {"required", f.required}});
        Json sizes = Json::array();
        bool square = false;
        for (const ManifestOutput& o : c.outputs) {
          sizes.push_back({{"name", o.size},
                           {"label", size_label(o.size, o.width, o.height)},
                           {"dims", dims(o.width, o.height)}});
          square = square || o.size == "square";
        }
        // A supporter's card is offered square too (an Instagram post, a
        // WhatsApp status) even when the campaign's cards are not.
        if (!square) {
          const SizePreset sq = parse_sizes({"square"}, {}).front();
          sizes.push_back({{"name", sq.name},
                           {"label", size_label(sq.name, sq.width, sq.height)},
                           {"dims", dims(sq.width, sq.height)}});
        }
        panel["cards"]["card-" + std::to_string(n + 1)] = {
            {"id", c.id}, {"fields", fields}, {"photo", c.personal->photo}, {"sizes", sizes}};
        personal_cards = true;
      }
      if (const ManifestOutput* o = preview_of(c)) {
        card["has_preview"] = true;
        card["preview"] = {{"src", href(o->file)},
                           {"width", o->width},
                           {"height", o->height},
                           {"eager", cards.empty()}};
      }
      cards.push_back(std::move(card));
    }

    if (personal_cards) panel["editions"][anchor] = w.group("personal");
    share_words[anchor] = w.group("share");
    const std::string tail = caption_tail(ed, base);
    const Json lacks = several ? lacking(m, editions, e) : Json::array();
    sections.push_back({{"anchor", anchor},
                        {"lang", ed.lang},
                        {"has_lang", !ed.lang.empty()},
                        {"rtl", is_rtl_language(ed.lang)},
                        {"tail", tail},
                        {"has_tail", !tail.empty()},
                        {"title", ed.name.empty() ? m.campaign : ed.name},
                        {"intro", ed.intro},
                        {"has_intro", !ed.intro.empty()},
                        {"current", e == 0},
                        {"ui", w.ui()},
                        {"zips", zip_links},
                        {"has_zips", !zip_links.empty()},
                        {"cards", cards},
                        {"has_cards", !cards.empty()},
                        {"lacks", lacks},
                        {"has_lacks", !lacks.empty()},
                        {"card_count", w.count(cards.size())}});
  }
  page["languages"] = languages;
  page["editions"] = sections;
  page["has_personal"] = !panel["cards"].empty();
  page["personal_panel"] = panel;
  page["share_words"] = share_words;
  return page;
}

}  // namespace placard
