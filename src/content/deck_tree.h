// A deck file (YAML or JSON) as a small tree of text values, each with its
// place in the file, so that the deck reader checks both formats with the same
// code and the same messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"

namespace placard {

struct DeckNode {
  enum class Type { null, scalar, list, map };
  Type type = Type::null;
  std::string scalar;               // scalars: the text (numbers and booleans as written)
  std::vector<DeckNode> items;      // list items, or map values in file order
  std::vector<std::string> keys;    // maps: the keys, parallel to items
  std::vector<SourceLoc> key_locs;  // maps: where each key is
  SourceLoc loc;                    // where the value starts

  const DeckNode* find(const std::string& key) const;
};

// Both fail with file:line:col on syntax errors and on a key given twice.
DeckNode deck_tree_from_yaml(const std::string& text, const std::string& path);
DeckNode deck_tree_from_json(std::string_view text, const std::string& path);

}  // namespace placard
