// What a campaign lets supporters personalise: the `personalize:` block of
// front matter or a deck's header. Plain data, read once with the content;
// the layout binds `field: name` frames and a `source: supporter` image slot,
// and the server's POST /personal route takes exactly these fields.
//
//   personalize:
//     cards: [end-287g-agreements, immigration-enforcement-is-a-civil-process]  # or: all
//     fields: {name: {max: 40, required: true}, city: {max: 40}}
//     photo: true            # the supporter's photo in the layout's photo slot
//     layout: frame          # optional: a layout made for personal cards
//     blocklist: blocked-words.txt   # optional, relative to the content file
//     allow_mixed_scripts: true      # optional: a word may mix Latin, Greek and Cyrillic
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"

namespace placard {

struct DeckNode;

struct PersonalField {
  std::string name;  // as the layout's `field:` and the form part name it
  int max = 40;      // graphemes
  bool required = false;
  SourceLoc loc;
};

struct Personalize {
  bool all = false;                   // `cards: all`
  std::vector<std::string> cards;     // card ids as the content file gives them
  std::vector<PersonalField> fields;  // in the order written
  bool photo = false;
  std::string layout;     // "" = each card's own layout
  std::string blocklist;  // as written, relative to the content file
  // A word of a field may mix Latin, Greek and Cyrillic letters (refused by
  // default: it is how look-alikes of a word are made). For a campaign whose
  // supporters write so; the blocklist still matches look-alikes.
  bool allow_mixed_scripts = false;
  SourceLoc loc;  // where the block is; file "" = not given
  SourceLoc cards_loc, photo_loc, layout_loc, blocklist_loc;

  bool enabled() const { return all || !cards.empty(); }
  // Whether the card with this id (as the content file gives it) may be
  // personalised.
  bool covers(std::string_view id) const;
  const PersonalField* field(std::string_view name) const;
};

// Field names a layout frame may not take for a supporter's field: the card's
// own fields, and "photo" (the upload's form part).
bool is_reserved_field_name(std::string_view name);

// Reads the block; fails with file:line:col on unknown keys, bad names,
// limits out of range and wrong types.
Personalize read_personalize(const DeckNode& node);

// Fails at the `cards:` list when it names an id that is not among `ids`
// (with a did-you-mean hint).
void check_personalize_cards(const Personalize& p, const std::vector<std::string>& ids);

}  // namespace placard
