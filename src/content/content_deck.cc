#include "content/content_deck.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "base/file_io.h"
#include "base/utf8.h"
#include "content/card_kind.h"
#include "content/content_markdown.h"
#include "content/csv_reader.h"
#include "content/deck_tree.h"
#include "content/slug.h"

namespace placard {
namespace {

const std::vector<std::string> kCardFields = {"headline", "text",        "kind",    "id",
                                              "body",     "attribution", "section", "kicker",
                                              "footer",   "layout",      "lang",    "sizes"};
const std::vector<std::string> kCampaignKeys = {"name",        "layout", "brand",  "sizes",
                                                "footer",      "lang",   "format", "budgets",
                                                "personalize", "cards"};

// One field of one card as read, before it is checked.
struct RawField {
  std::string value;
  SourceLoc loc;      // the value
  SourceLoc key_loc;  // the key or column header
};

struct RawCard {
  std::map<std::string, RawField> fields;
  SourceLoc loc;
  std::optional<Diagnostic> error;  // the first thing wrong with it
};

// Runs of white space (line breaks too) become one space; ends are trimmed.
std::string collapse_space(const std::string& s) {
  std::string out;
  bool space = true;
  for (char c : s) {
    bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (is_space && space) continue;
    space = is_space;
    out += is_space ? ' ' : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

RichText literal(const std::string& s) {
  RichText t;
  std::string text = collapse_space(s);
  if (!text.empty()) t.spans.push_back({text, false, false});
  return t;
}

// "og, story" → {"og", "story"}.
std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = std::min(s.find(',', start), s.size());
    std::string part = collapse_space(s.substr(start, end - start));
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

[[noreturn]] void unknown_field(const std::string& name, const SourceLoc& loc,
                                const std::string& what) {
  auto hints = did_you_mean(name, kCardFields);
  std::string all;
  for (const auto& f : kCardFields) all += (all.empty() ? "" : ", ") + f;
  hints.push_back("card fields are " + all);
  if (what == "column") hints.push_back("start a column's name with '#' to have it ignored");
  fail(loc, "unknown " + what + " '" + name + "'", hints);
}

// The checked card of a raw one; ids are resolved later.
ContentCard make_card(RawCard& raw) {
  auto take = [&](const char* name) -> const RawField* {
    auto it = raw.fields.find(name);
    return it == raw.fields.end() ? nullptr : &it->second;
  };
  ContentCard card;
  card.loc = raw.loc;
  const RawField* headline = take("headline");
  const RawField* text = take("text");
  if (headline && text) fail(text->key_loc, "a card has either 'headline' or 'text', not both");
  if (!headline) headline = text;
  if (headline) card.headline = literal(headline->value);
  if (card.headline.empty())
    fail(headline ? headline->loc : raw.loc, "card has no headline",
         {"give it a 'headline' (or 'text')"});
  if (const RawField* kind = take("kind")) {
    std::string k = collapse_space(kind->value);
    std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
    if (k.empty()) {
      card.kind = CardKind::statement;
    } else if (const std::optional<CardKind> named = value_of(kCardKinds, k)) {
      card.kind = *named;
    } else {
      auto hints = did_you_mean(k, names_of(kCardKinds));
      hints.push_back("'kind' is one of 'recommendation', 'heading', 'quote', 'statement'");
      fail(kind->loc, "unknown kind '" + kind->value + "'", hints);
    }
  }
  if (const RawField* id = take("id")) {
    card.id = collapse_space(id->value);
    if (!card.id.empty() && !is_valid_id(card.id)) {
      std::vector<std::string> hints{
          "an id is 1 to 64 lowercase letters a-z, digits, '-' and '_', "
          "starting with a letter or digit"};
      if (std::string slug = slugify(card.id); !slug.empty())
        hints.push_back("did you mean '" + slug + "'?");
      fail(id->loc, "invalid id '" + card.id + "'", hints);
    }
  }
  if (const RawField* f = take("body")) card.body = literal(f->value);
  if (const RawField* f = take("attribution")) card.attribution = collapse_space(f->value);
  if (const RawField* f = take("section")) card.section = collapse_space(f->value);
  if (const RawField* f = take("kicker")) card.kicker = collapse_space(f->value);
  if (const RawField* f = take("footer")) card.footer = collapse_space(f->value);
  if (const RawField* f = take("layout")) card.layout = collapse_space(f->value);
  if (const RawField* f = take("lang")) card.lang = collapse_space(f->value);
  if (const RawField* f = take("sizes")) card.sizes = split_list(f->value);
  return card;
}

// A card that failed to read: what is known of it (its place, its id and
// headline if they are good) and the error.
ContentCard failed_card(const RawCard& raw, const Diagnostic& error) {
  ContentCard card;
  card.loc = raw.loc;
  card.error = error;
  auto it = raw.fields.find("id");
  if (it != raw.fields.end() && is_valid_id(collapse_space(it->second.value)))
    card.id = collapse_space(it->second.value);
  for (const char* name : {"headline", "text"})
    if (auto f = raw.fields.find(name); f != raw.fields.end() && card.headline.empty())
      card.headline = literal(f->second.value);
  return card;
}

// The checked card of a raw one, or a failed card.
ContentCard card_of(RawCard& raw) {
  if (raw.error) return failed_card(raw, *raw.error);
  try {
    return make_card(raw);
  } catch (const DiagnosticError& e) {
    return failed_card(raw, e.diagnostic());
  }
}

// Ids, recommendation numbers and the final checks every deck gets.
Content finish(Content content, std::vector<RawCard> raws) {
  std::map<std::string, SourceLoc> explicit_ids;
  for (RawCard& raw : raws) {
    ContentCard card = card_of(raw);
    if (!card.id.empty()) {
      auto [it, fresh] = explicit_ids.emplace(card.id, raw.fields["id"].loc);
      if (!fresh)
        fail(raw.fields["id"].loc,
             "duplicate id '" + card.id + "', first used at " + format_location(it->second),
             {"give each card its own id"});
    }
    content.cards.push_back(std::move(card));
  }
  // Generated ids: slugs of the headline, made unique.
  assign_ids(content.cards, explicit_ids);
  // Recommendations are numbered within their section, in file order.
  std::map<std::string, int> per_section;
  for (ContentCard& card : content.cards)
    if (card.kind == CardKind::recommendation) card.number = ++per_section[card.section];
  for (ContentCard& card : content.cards)
    if (card.kind == CardKind::recommendation) card.total = per_section[card.section];
  if (content.cards.empty())
    fail({content.path}, "no cards found", {"add at least one card with a 'headline'"});
  check_personalize_cards(content.meta.personalize, card_ids(content));
  return content;
}

// ---- YAML and JSON ----

std::string scalar_of(const DeckNode& n, const std::string& what, bool allow_list) {
  if (n.type == DeckNode::Type::null) return "";
  if (n.type == DeckNode::Type::scalar) return n.scalar;
  if (allow_list && n.type == DeckNode::Type::list) {
    std::string joined;
    for (const DeckNode& item : n.items) {
      if (item.type != DeckNode::Type::scalar)
        fail(item.loc, "items of '" + what + "' must be text values");
      joined += (joined.empty() ? "" : ",") + item.scalar;
    }
    return joined;
  }
  fail(n.loc, "'" + what + "' must be a text value" + (allow_list ? " or a list" : ""));
}

RawCard raw_card_of(const DeckNode& n) {
  RawCard raw;
  raw.loc = n.loc;
  if (n.type == DeckNode::Type::scalar) {
    raw.fields["headline"] = {n.scalar, n.loc, n.loc};
    return raw;
  }
  try {
    if (n.type != DeckNode::Type::map)
      fail(n.loc, "a card must be a mapping of fields (headline, kind, ...) or a text");
    // Every field that reads well is kept, so that a failed card keeps its id.
    for (size_t i = 0; i < n.keys.size(); ++i) {
      const std::string& key = n.keys[i];
      try {
        if (std::find(kCardFields.begin(), kCardFields.end(), key) == kCardFields.end())
          unknown_field(key, n.key_locs[i], "field");
        raw.fields[key] = {scalar_of(n.items[i], key, key == "sizes"), n.items[i].loc,
                           n.key_locs[i]};
      } catch (const DiagnosticError& e) {
        if (!raw.error) raw.error = e.diagnostic();
      }
    }
  } catch (const DiagnosticError& e) {
    raw.error = e.diagnostic();
  }
  return raw;
}

Content deck_of_tree(const DeckNode& root, const std::string& path) {
  Content content;
  content.path = path;
  const DeckNode* cards = &root;
  if (root.type == DeckNode::Type::map) {
    for (size_t i = 0; i < root.keys.size(); ++i) {
      const std::string& key = root.keys[i];
      if (std::find(kCampaignKeys.begin(), kCampaignKeys.end(), key) == kCampaignKeys.end()) {
        auto hints = did_you_mean(key, kCampaignKeys);
        hints.push_back(
            "a deck has campaign settings (name, layout, brand, sizes, footer, "
            "lang, format, budgets, personalize) and 'cards', a list");
        fail(root.key_locs[i], "unknown key '" + key + "' in deck", hints);
      }
    }
    CampaignMeta& meta = content.meta;
    meta.loc = root.loc;
    if (auto* n = root.find("name")) meta.name = collapse_space(scalar_of(*n, "name", false));
    if (auto* n = root.find("layout")) {
      meta.layout = scalar_of(*n, "layout", false);
      meta.layout_loc = n->loc;
    }
    if (auto* n = root.find("brand")) {
      meta.brand = scalar_of(*n, "brand", false);
      meta.brand_loc = n->loc;
    }
    if (auto* n = root.find("sizes")) {
      meta.sizes = split_list(scalar_of(*n, "sizes", true));
      meta.sizes_loc = n->loc;
    }
    if (auto* n = root.find("footer")) meta.footer = collapse_space(scalar_of(*n, "footer", false));
    if (auto* n = root.find("lang")) meta.lang = scalar_of(*n, "lang", false);
    if (auto* n = root.find("format")) {
      meta.format_loc = n->loc;
      meta.format = check_format_name(scalar_of(*n, "format", false), n->loc);
    }
    if (auto* n = root.find("budgets")) {
      meta.budgets_loc = n->loc;
      meta.budgets = scalar_of(*n, "budgets", false);
    }
    if (auto* n = root.find("personalize")) meta.personalize = read_personalize(*n);
    cards = root.find("cards");
    if (!cards) fail(root.loc, "deck has no 'cards'", {"list the cards under 'cards:'"});
  }
  if (cards->type != DeckNode::Type::list) fail(cards->loc, "'cards' must be a list of cards");
  std::vector<RawCard> raws;
  for (const DeckNode& item : cards->items) raws.push_back(raw_card_of(item));
  return finish(std::move(content), std::move(raws));
}

}  // namespace

Content parse_deck_yaml(const std::string& text, const std::string& path) {
  return deck_of_tree(deck_tree_from_yaml(clean_source(text, path), path), path);
}

Content parse_deck_json(std::string_view text, const std::string& path) {
  return deck_of_tree(deck_tree_from_json(clean_source(text, path), path), path);
}

// ---- CSV ----

Content parse_deck_csv(std::string_view text, const std::string& path) {
  std::vector<CsvRow> rows = parse_csv(clean_source(text, path), path);
  if (rows.empty())
    fail({path}, "no cards found", {"the first row names the fields: headline,kind,..."});
  // The header: field names, case and surrounding space ignored.
  struct Column {
    std::string field;  // "" = ignored
    SourceLoc loc;
  };
  std::vector<Column> columns;
  std::map<std::string, SourceLoc> seen;
  for (const CsvCell& cell : rows[0]) {
    std::string name = collapse_space(cell.text);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (name.starts_with("#")) {
      columns.push_back({"", cell.loc});
      continue;
    }
    if (name.empty()) fail(cell.loc, "column has no name", {"name every column in the first row"});
    if (std::find(kCardFields.begin(), kCardFields.end(), name) == kCardFields.end())
      unknown_field(cell.text, cell.loc, "column");
    if (auto it = seen.find(name); it != seen.end())
      fail(cell.loc, "duplicate column '" + name + "'",
           {"it is first named at " + format_location(it->second)});
    seen[name] = cell.loc;
    columns.push_back({name, cell.loc});
  }
  std::vector<RawCard> raws;
  for (size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    // A row of empty cells (a spreadsheet's trailing rows) is no card.
    if (std::all_of(row.begin(), row.end(),
                    [](const CsvCell& c) { return collapse_space(c.text).empty(); }))
      continue;
    RawCard raw;
    raw.loc = row[0].loc;
    if (row.size() > columns.size()) {
      Diagnostic d;
      d.loc = row[columns.size()].loc;
      d.message = "row has " + std::to_string(row.size()) + " cells but the header names " +
                  std::to_string(columns.size());
      d.hints = {"quote a cell that contains the delimiter"};
      raw.error = d;
    }
    for (size_t c = 0; c < row.size() && c < columns.size(); ++c) {
      if (columns[c].field.empty()) continue;
      raw.fields[columns[c].field] = {row[c].text, row[c].loc, columns[c].loc};
    }
    raws.push_back(std::move(raw));
  }
  Content content;
  content.path = path;
  content.meta.loc = {path, 1, 1};
  return finish(std::move(content), std::move(raws));
}

Content read_content(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (ext == ".md" || ext == ".markdown") return read_markdown(path);
  if (ext == ".yaml" || ext == ".yml") return parse_deck_yaml(read_file(path), path);
  if (ext == ".json") return parse_deck_json(read_file(path), path);
  if (ext == ".csv" || ext == ".tsv") return parse_deck_csv(read_file(path), path);
  fail_usage("cannot tell the format of '" + path + "' from its extension",
             {"use .md for Markdown, .yaml or .json for a deck, .csv for a spreadsheet"});
}

}  // namespace placard
