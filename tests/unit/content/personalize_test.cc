#include "content/personalize.h"

#include <gtest/gtest.h>

#include "content/content_deck.h"
#include "content/content_markdown.h"

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

const char* kBody =
    "## Recommendations\n\n"
    "- End 287(g) agreements.\n"
    "- Keep families together.\n";

Content markdown_with(const std::string& block) {
  return parse_markdown("---\nname: Test\n" + block + "---\n" + kBody, "c.md");
}

TEST(Personalize, FrontMatterBlockIsRead) {
  Content c = markdown_with(
      "personalize:\n"
      "  cards: [end-287g-agreements]\n"
      "  fields: {name: {max: 30, required: true}, city: {max: 40}}\n"
      "  photo: true\n"
      "  layout: frame\n"
      "  blocklist: blocked.txt\n");
  const Personalize& p = c.meta.personalize;
  EXPECT_TRUE(p.enabled());
  EXPECT_TRUE(p.covers("end-287g-agreements"));
  EXPECT_FALSE(p.covers("keep-families-together"));
  ASSERT_EQ(p.fields.size(), 2u);
  EXPECT_EQ(p.fields[0].name, "name");
  EXPECT_EQ(p.fields[0].max, 30);
  EXPECT_TRUE(p.fields[0].required);
  EXPECT_EQ(p.fields[1].name, "city");
  EXPECT_FALSE(p.fields[1].required);
  ASSERT_NE(p.field("city"), nullptr);
  EXPECT_EQ(p.field("town"), nullptr);
  EXPECT_TRUE(p.photo);
  EXPECT_EQ(p.layout, "frame");
  EXPECT_EQ(p.blocklist, "blocked.txt");
  EXPECT_FALSE(p.allow_mixed_scripts);  // refused unless the campaign says so
  // Places point into the file: the block starts on line 3.
  EXPECT_EQ(p.fields[0].loc.line, 5);
  EXPECT_EQ(p.photo_loc.line, 6);
}

TEST(Personalize, AbsentBlockPersonalisesNothing) {
  Content c = markdown_with("");
  EXPECT_FALSE(c.meta.personalize.enabled());
  EXPECT_FALSE(c.meta.personalize.covers("end-287g-agreements"));
}

TEST(Personalize, ACampaignMayAllowWordsThatMixScripts) {
  Content c =
      markdown_with("personalize: {cards: all, fields: {name: {}}, allow_mixed_scripts: true}\n");
  EXPECT_TRUE(c.meta.personalize.allow_mixed_scripts);
  EXPECT_EQ(
      error_of([] {
        markdown_with("personalize:\n  cards: all\n  photo: true\n  allow_mixed_scripts: some\n");
      }),
      "c.md:6:24: error: personalize: 'allow_mixed_scripts' must be true or false, not "
      "'some'\n");
}

TEST(Personalize, AllCardsAndPhotoOnly) {
  Content c = markdown_with("personalize: {cards: all, photo: true}\n");
  EXPECT_TRUE(c.meta.personalize.covers("keep-families-together"));
  EXPECT_TRUE(c.meta.personalize.fields.empty());
}

TEST(Personalize, ErrorsNameTheLineAndTheFix) {
  EXPECT_EQ(error_of([] {
              markdown_with("personalize:\n  cards: [end-287g-agreement]\n  photo: true\n");
            }),
            "c.md:4:10: error: personalize: no card 'end-287g-agreement' in this file\n"
            "hint: did you mean 'end-287g-agreements'?\n");
  EXPECT_NE(error_of([] {
              markdown_with("personalize:\n  cards: all\n  feilds: {name: {}}\n");
            }).find("c.md:5:3: error: unknown key 'feilds' in personalize"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              markdown_with("personalize:\n  cards: all\n  fields: {headline: {}}\n");
            }).find("is a card field or the photo"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              markdown_with("personalize:\n  cards: all\n  fields: {Name: {}}\n");
            }).find("is not a simple name"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              markdown_with("personalize:\n  cards: all\n  fields: {name: {max: 0}}\n");
            }).find("from 1 to 200, not '0'"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              markdown_with("personalize:\n  cards: all\n  photo: maybe\n");
            }).find("must be true or false"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              markdown_with("personalize:\n  cards: all\n");
            }).find("nothing to personalise"),
            std::string::npos);
  EXPECT_NE(error_of([] { markdown_with("personalize:\n  photo: true\n"); }).find("which cards?"),
            std::string::npos);
}

TEST(Personalize, DeckHeadersTakeTheSameBlock) {
  Content y = parse_deck_yaml(
      "personalize:\n  cards: [a]\n  fields: {name: {required: true}}\n"
      "cards:\n  - {id: a, headline: One}\n  - {id: b, headline: Two}\n",
      "d.yaml");
  EXPECT_TRUE(y.meta.personalize.covers("a"));
  EXPECT_FALSE(y.meta.personalize.covers("b"));
  EXPECT_TRUE(y.meta.personalize.fields.at(0).required);
  EXPECT_EQ(y.meta.personalize.fields.at(0).max, 40);  // the default

  Content j = parse_deck_json(
      R"({"personalize": {"cards": "all", "photo": true}, "cards": [{"headline": "One"}]})",
      "d.json");
  EXPECT_TRUE(j.meta.personalize.covers("one"));
  EXPECT_TRUE(j.meta.personalize.photo);
  EXPECT_NE(
      error_of([] {
        parse_deck_json(
            R"({"personalize": {"cards": ["x"], "photo": true}, "cards": [{"headline": "One"}]})",
            "d.json");
      }).find("d.json:1:"),
      std::string::npos);
}

}  // namespace
}  // namespace placard
