#include "content/deck_tree.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

std::string error_of(const std::string& json) {
  try {
    deck_tree_from_json(json, "deck.json");
  } catch (const DiagnosticError& e) {
    return format_diagnostic(e.diagnostic());
  }
  return "no error";
}

TEST(DeckTree, JsonValuesAndTheirPlaces) {
  DeckNode root = deck_tree_from_json(
      "{\"name\": \"N\",\n \"cards\": [\n  {\"headline\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"\", "
      "\"n\": 12, \"ok\": true}]}",
      "deck.json");
  ASSERT_EQ(root.type, DeckNode::Type::map);
  EXPECT_EQ(root.keys, (std::vector<std::string>{"name", "cards"}));
  const DeckNode* cards = root.find("cards");
  ASSERT_TRUE(cards);
  ASSERT_EQ(cards->items.size(), 1u);
  const DeckNode& card = cards->items[0];
  EXPECT_EQ(card.find("headline")->scalar, "caf\xC3\xA9 \xF0\x9F\x98\x80 \"q\"");
  EXPECT_EQ(card.find("n")->scalar, "12");
  EXPECT_EQ(card.find("ok")->scalar, "true");
  EXPECT_EQ(format_location(card.loc), "deck.json:3:3");
  EXPECT_EQ(format_location(card.key_locs[0]), "deck.json:3:4");  // "headline"
  EXPECT_EQ(format_location(card.find("headline")->loc), "deck.json:3:16");
  EXPECT_EQ(format_location(card.key_locs[1]), "deck.json:3:48");  // "n"
  EXPECT_EQ(format_location(card.find("n")->loc), "deck.json:3:53");
}

TEST(DeckTree, JsonErrorsArePlaced) {
  EXPECT_EQ(error_of("{\"cards\": [1,\n]}").substr(0, 32), "deck.json:2:1: error: invalid JS");
  std::string dup = error_of("{\"a\": 1,\n \"a\": 2}");
  EXPECT_NE(dup.find("deck.json:2:2: error: duplicate key 'a'"), std::string::npos) << dup;
  EXPECT_NE(dup.find("first given at deck.json:1:2"), std::string::npos) << dup;
}

TEST(DeckTree, YamlValuesAndPlaces) {
  DeckNode root =
      deck_tree_from_yaml("cards:\n  - headline: Hi\n    sizes: [og, story]\n", "d.yaml");
  const DeckNode& card = root.find("cards")->items[0];
  EXPECT_EQ(card.find("headline")->scalar, "Hi");
  EXPECT_EQ(card.find("sizes")->items.size(), 2u);
  EXPECT_EQ(format_location(card.key_locs[1]), "d.yaml:3:5");
  EXPECT_THROW(deck_tree_from_yaml("a: 1\na: 2\n", "d.yaml"), DiagnosticError);
}

}  // namespace
}  // namespace placard
