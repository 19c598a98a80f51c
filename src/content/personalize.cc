#include "content/personalize.h"

#include <algorithm>
#include <array>

#include "content/deck_tree.h"

namespace placard {
namespace {

constexpr int kMaxFieldGraphemes = 200;  // a name or a town, never a letter
constexpr size_t kMaxFields = 8;

constexpr std::array<std::string_view, 13> kReserved = {
    "headline", "body", "kicker", "footer", "attribution", "section", "number",
    "id",       "kind", "lang",   "photo",  "text",        "title"};

const std::vector<std::string> kKeys = {"cards",  "fields",    "photo",
                                        "layout", "blocklist", "allow_mixed_scripts"};
const std::vector<std::string> kFieldKeys = {"max", "required"};

const std::string& scalar(const DeckNode& n, const std::string& what) {
  if (n.type != DeckNode::Type::scalar)
    fail(n.loc, "personalize: '" + what + "' must be a single value");
  return n.scalar;
}

bool boolean(const DeckNode& n, const std::string& what) {
  const std::string& s = scalar(n, what);
  if (s == "true" || s == "yes") return true;
  if (s == "false" || s == "no") return false;
  fail(n.loc, "personalize: '" + what + "' must be true or false, not '" + s + "'");
}

int integer(const DeckNode& n, const std::string& what, int lo, int hi) {
  const std::string& s = scalar(n, what);
  int v = 0;
  bool ok = !s.empty() && s.size() <= 6 &&
            std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (ok) v = std::stoi(s);
  if (!ok || v < lo || v > hi)
    fail(n.loc, "personalize: '" + what + "' must be a whole number from " + std::to_string(lo) +
                    " to " + std::to_string(hi) + ", not '" + s + "'");
  return v;
}

void check_keys(const DeckNode& map, const std::vector<std::string>& known,
                const std::string& where) {
  for (size_t i = 0; i < map.keys.size(); ++i) {
    if (std::find(known.begin(), known.end(), map.keys[i]) != known.end()) continue;
    auto hints = did_you_mean(map.keys[i], known);
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    hints.push_back(where + " takes " + list);
    fail(map.key_locs[i], "unknown key '" + map.keys[i] + "' in " + where, hints);
  }
}

// Lower-case ASCII letters, digits, '-' and '_', starting with a letter: the
// name is a form part and a layout key, and shows in error messages.
bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 32 || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

PersonalField read_field(const std::string& name, const SourceLoc& key_loc, const DeckNode& n) {
  if (!valid_name(name))
    fail(key_loc, "personalize: field name '" + name + "' is not a simple name",
         {"use lower-case letters, digits, '-' and '_', starting with a letter, e.g. name, city"});
  if (is_reserved_field_name(name))
    fail(key_loc,
         "personalize: '" + name + "' is a card field or the photo, not a supporter's field",
         {"call it something else, e.g. name, city, team"});
  PersonalField f;
  f.name = name;
  f.loc = key_loc;
  if (n.type == DeckNode::Type::null) return f;
  if (n.type != DeckNode::Type::map)
    fail(n.loc,
         "personalize: field '" + name + "' must be a mapping such as {max: 40, required: true}");
  check_keys(n, kFieldKeys, "personalize field '" + name + "'");
  if (auto* m = n.find("max")) f.max = integer(*m, "max", 1, kMaxFieldGraphemes);
  if (auto* r = n.find("required")) f.required = boolean(*r, "required");
  return f;
}

}  // namespace

bool is_reserved_field_name(std::string_view name) {
  return std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end();
}

bool Personalize::covers(std::string_view id) const {
  return all || std::find(cards.begin(), cards.end(), id) != cards.end();
}

const PersonalField* Personalize::field(std::string_view name) const {
  for (const PersonalField& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

Personalize read_personalize(const DeckNode& node) {
  Personalize p;
  p.loc = node.loc;
  if (node.type != DeckNode::Type::map)
    fail(node.loc,
         "'personalize' must be a mapping (cards, fields, photo, layout, blocklist, "
         "allow_mixed_scripts)");
  check_keys(node, kKeys, "personalize");

  const DeckNode* cards = node.find("cards");
  if (!cards)
    fail(node.loc, "personalize: which cards?", {"add 'cards: all' or a list of card ids"});
  p.cards_loc = cards->loc;
  if (cards->type == DeckNode::Type::scalar && cards->scalar == "all") {
    p.all = true;
  } else if (cards->type == DeckNode::Type::list && !cards->items.empty()) {
    for (const DeckNode& item : cards->items) {
      const std::string& id = scalar(item, "cards");
      if (std::find(p.cards.begin(), p.cards.end(), id) != p.cards.end())
        fail(item.loc, "personalize: card '" + id + "' is listed twice");
      p.cards.push_back(id);
    }
  } else {
    fail(cards->loc, "personalize: 'cards' must be 'all' or a list of card ids");
  }

  if (const DeckNode* fields = node.find("fields")) {
    if (fields->type != DeckNode::Type::map)
      fail(fields->loc, "personalize: 'fields' must be a mapping such as {name: {max: 40}}");
    if (fields->keys.size() > kMaxFields)
      fail(fields->loc, "personalize: at most " + std::to_string(kMaxFields) + " fields");
    for (size_t i = 0; i < fields->keys.size(); ++i)
      p.fields.push_back(read_field(fields->keys[i], fields->key_locs[i], fields->items[i]));
  }
  if (const DeckNode* photo = node.find("photo")) {
    p.photo = boolean(*photo, "photo");
    p.photo_loc = photo->loc;
  }
  if (p.fields.empty() && !p.photo)
    fail(node.loc, "personalize: nothing to personalise",
         {"give 'fields', or 'photo: true', or both"});
  if (const DeckNode* layout = node.find("layout")) {
    p.layout = scalar(*layout, "layout");
    p.layout_loc = layout->loc;
  }
  if (const DeckNode* list = node.find("blocklist")) {
    p.blocklist = scalar(*list, "blocklist");
    p.blocklist_loc = list->loc;
  }
  if (const DeckNode* mixed = node.find("allow_mixed_scripts"))
    p.allow_mixed_scripts = boolean(*mixed, "allow_mixed_scripts");
  return p;
}

void check_personalize_cards(const Personalize& p, const std::vector<std::string>& ids) {
  for (const std::string& id : p.cards) {
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
    auto hints = did_you_mean(id, ids);
    if (hints.empty())
      hints.push_back("the cards' ids are their slugs, as `placard render` names their folders");
    fail(p.cards_loc, "personalize: no card '" + id + "' in this file", hints);
  }
}

}  // namespace placard
