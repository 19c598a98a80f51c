#include "content/content_deck.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const DiagnosticError& e) {
    return format_diagnostic(e.diagnostic());
  }
  return "no error";
}

TEST(ContentDeck, CsvRowsBecomeCards) {
  Content c = parse_deck_csv(
      "Kind,Headline,Body,ID,lang,sizes,#notes\n"
      "recommendation,End 287(g)   agreements.,,end-287g,,,check\n"
      "recommendation,\"Say \"\"no\"\" to <b>raids</b> & **ICE**\",\"Keep "
      "families\ntogether\",,es,\"og, story\",\n"
      "quote,Civil process.,,,,,\n"
      ",,,,,,\n",
      "deck.csv");
  ASSERT_EQ(c.cards.size(), 3u);
  EXPECT_EQ(c.cards[0].id, "end-287g");
  EXPECT_EQ(c.cards[0].headline.plain(), "End 287(g) agreements.");
  EXPECT_EQ(c.cards[0].number, 1);
  EXPECT_EQ(c.cards[0].total, 2);
  // Markup in a cell is text; no emphasis is made of it.
  ASSERT_EQ(c.cards[1].headline.spans.size(), 1u);
  EXPECT_EQ(c.cards[1].headline.plain(), "Say \"no\" to <b>raids</b> & **ICE**");
  EXPECT_FALSE(c.cards[1].headline.spans[0].strong);
  EXPECT_EQ(c.cards[1].body.plain(), "Keep families together");
  EXPECT_EQ(c.cards[1].lang, "es");
  EXPECT_EQ(c.cards[1].sizes, (std::vector<std::string>{"og", "story"}));
  EXPECT_EQ(c.cards[1].id, "say-no-to-b-raids-b-ice");
  EXPECT_EQ(c.cards[1].number, 2);
  EXPECT_EQ(c.cards[2].kind, CardKind::quote);
  EXPECT_EQ(format_location(c.cards[2].loc), "deck.csv:5:1");
}

TEST(ContentDeck, EveryKindReadsByTheNameKindNameWrites) {
  const CardKind kinds[] = {CardKind::recommendation, CardKind::heading, CardKind::quote,
                            CardKind::statement};
  std::string csv = "headline,kind\n";
  for (CardKind k : kinds) csv += std::string("Card,") + kind_name(k) + "\n";
  csv += "Card,STATEMENT\nCard,\n";  // any case; empty is a statement
  Content c = parse_deck_csv(csv, "deck.csv");
  ASSERT_EQ(c.cards.size(), 6u);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(c.cards[i].kind, kinds[i]) << kind_name(kinds[i]);
  EXPECT_EQ(c.cards[4].kind, CardKind::statement);
  EXPECT_EQ(c.cards[5].kind, CardKind::statement);
  // The hint chooses among the same names.
  c = parse_deck_csv("headline,kind\nCard,heding\n", "deck.csv");
  ASSERT_TRUE(c.cards[0].error);
  EXPECT_NE(format_diagnostic(*c.cards[0].error).find("did you mean 'heading'?"),
            std::string::npos);
}

TEST(ContentDeck, CsvErrorsNameThePlace) {
  auto csv = [](const char* text) { return error_of([&] { parse_deck_csv(text, "deck.csv"); }); };
  // The error of the one card of `text`: a bad row fails its card only.
  auto row = [](const char* text) {
    Content c = parse_deck_csv(text, "deck.csv");
    if (c.cards.size() != 1 || !c.cards[0].error) return std::string("no card error");
    return format_diagnostic(*c.cards[0].error);
  };
  std::string e = csv("headline,knid\nHi,quote\n");
  EXPECT_NE(e.find("deck.csv:1:10: error: unknown column 'knid'"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'kind'?"), std::string::npos) << e;
  e = row("headline,kind\nHi,qoute\n");
  EXPECT_NE(e.find("deck.csv:2:4: error: unknown kind 'qoute'"), std::string::npos) << e;
  e = row("headline,kind\n,quote\n");
  EXPECT_NE(e.find("deck.csv:2:1: error: card has no headline"), std::string::npos) << e;
  e = row("headline\nA,B\n");
  EXPECT_NE(e.find("deck.csv:2:3: error: row has 2 cells but the header names 1"),
            std::string::npos)
      << e;
  e = csv("headline,id\nA,x\nB,x\n");
  EXPECT_NE(e.find("deck.csv:3:3: error: duplicate id 'x', first used at deck.csv:2:3"),
            std::string::npos)
      << e;
  e = row("headline,id\nA,Bad Id\n");
  EXPECT_NE(e.find("invalid id 'Bad Id'"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'bad-id'?"), std::string::npos) << e;
  // The other rows are cards as before; the failed one keeps its place and
  // the id its headline gives.
  Content c = parse_deck_csv("headline,kind\nOne,quote\nTwo,qoute\nThree,\n", "deck.csv");
  ASSERT_EQ(c.cards.size(), 3u);
  EXPECT_FALSE(c.cards[0].error);
  EXPECT_TRUE(c.cards[1].error);
  EXPECT_EQ(c.cards[1].id, "two");
  EXPECT_EQ(format_location(c.cards[1].loc), "deck.csv:3:1");
  EXPECT_FALSE(c.cards[2].error);
}

TEST(ContentDeck, YamlDeckWithCampaignSettings) {
  Content c = parse_deck_yaml(
      "name: Spring\nsizes: [og, square]\nlang: es\nfooter: \"#Tag\"\ncards:\n"
      "  - headline: Uno\n    kind: recommendation\n    section: A\n"
      "  - Dos\n"
      "  - {headline: Tres, kind: recommendation, section: B, layout: bold.yaml}\n",
      "deck.yaml");
  EXPECT_EQ(c.meta.name, "Spring");
  EXPECT_EQ(c.meta.sizes, (std::vector<std::string>{"og", "square"}));
  EXPECT_EQ(c.meta.lang, "es");
  EXPECT_EQ(c.meta.footer, "#Tag");
  ASSERT_EQ(c.cards.size(), 3u);
  EXPECT_EQ(c.cards[1].kind, CardKind::statement);
  EXPECT_EQ(c.cards[1].headline.plain(), "Dos");
  EXPECT_EQ(c.cards[0].total, 1);  // sections number their own recommendations
  EXPECT_EQ(c.cards[2].number, 1);
  EXPECT_EQ(c.cards[2].layout, "bold.yaml");
}

TEST(ContentDeck, JsonDeckAndItsErrors) {
  Content c = parse_deck_json("[{\"headline\": \"A\", \"id\": \"a\"}, \"B\"]", "deck.json");
  ASSERT_EQ(c.cards.size(), 2u);
  EXPECT_EQ(c.cards[1].id, "b");
  auto card_error = [](const char* json) {
    Content c = parse_deck_json(json, "deck.json");
    if (c.cards.size() != 1 || !c.cards[0].error) return std::string("no card error");
    return format_diagnostic(*c.cards[0].error);
  };
  std::string e = card_error("{\"cards\": [{\"headline\": \"A\",\n  \"bdoy\": \"x\"}]}");
  EXPECT_NE(e.find("deck.json:2:3: error: unknown field 'bdoy'"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'body'?"), std::string::npos) << e;
  e = error_of([] { parse_deck_json("{\"card\": []}", "deck.json"); });
  EXPECT_NE(e.find("unknown key 'card' in deck"), std::string::npos) << e;
  e = card_error("{\"cards\": [{\"headline\": [\"A\"]}]}");
  EXPECT_NE(e.find("'headline' must be a text value"), std::string::npos) << e;
}

TEST(ContentDeck, ReadContentPicksTheReaderByExtension) {
  std::string e = error_of([] { read_content("campaign.docx"); });
  EXPECT_NE(e.find("cannot tell the format of 'campaign.docx'"), std::string::npos) << e;
}

}  // namespace
}  // namespace placard
