#include "content/content_markdown.h"

#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace placard {
namespace {

// The example campaign (from the "Transforming the System" page) as Markdown.
constexpr std::string_view kSeed = R"(# Transforming the System

Download the graphics below and share them to help spread the word.

## Ending unworkable collaborations between state criminal and federal immigration systems

Over the past 10 years, the federal government has enforced federal immigration laws.

To further the policy objective of encouraging the cooperation of communities in maintaining public safety, the Administration should:

- Terminate the Priority Enforcement Program, a federal program that checks fingerprints taken by local law enforcement against immigration databases. All fingerprints taken by local law officers at arrest are shared with the FBI, and then passed to ICE. If ICE is interested in an individual, ICE can ask the local agency to hold that individual for ICE to take into custody;
- Continue demanding law enforcement to work with the community, not ICE;
- End 287(g) agreements.

Immigration enforcement practices should not be transformed into a criminal justice matter.

To this end, the Department of Homeland Security and Administration should:

- Prohibit local law enforcement from collaborating with ICE.
)";

Content parse(std::string_view md) {
  return parse_markdown(md, "campaign.md");
}

// The error as the user sees it: "file:line:col: error: message" and hints.
std::string error_of(std::string_view md) {
  try {
    parse(md);
  } catch (const DiagnosticError& e) {
    return format_diagnostic(e.diagnostic());
  }
  return "no error";
}

// Spans as Markdown-like text, so that a failure reads well:
// "plain|*em*|**strong**|***both***".
std::string spans_of(const RichText& t) {
  std::string out;
  for (const Span& s : t.spans) {
    std::string mark = std::string(s.em ? "*" : "") + (s.strong ? "**" : "");
    out += (out.empty() ? "" : "|") + mark + s.text + mark;
  }
  return out;
}

// The one card of a document with a single item/heading/quote.
ContentCard only_card(std::string_view md) {
  Content c = parse(md);
  EXPECT_EQ(c.cards.size(), 1u);
  return c.cards.at(0);
}

TEST(Markdown, SeedGivesHeadingThenFourRecommendationsOfOneSection) {
  Content c = parse(kSeed);
  EXPECT_EQ(c.path, "campaign.md");
  EXPECT_EQ(c.meta.name, "Transforming the System");
  EXPECT_EQ(c.meta.intro, "Download the graphics below and share them to help spread the word.");
  ASSERT_EQ(c.cards.size(), 5u);

  const std::string section =
      "Ending unworkable collaborations between state criminal and federal immigration systems";
  EXPECT_EQ(c.cards[0].kind, CardKind::heading);
  EXPECT_EQ(c.cards[0].id, "ending-unworkable-collaborations-between-state");
  EXPECT_EQ(c.cards[0].headline.plain(), section);
  EXPECT_EQ(format_location(c.cards[0].loc), "campaign.md:5:1");

  // Two lists in one section: "Recommendation 2 of 4" counts across both.
  const char* ids[] = {"terminate-the-priority-enforcement-program",
                       "continue-demanding-law-enforcement-to-work", "end-287g-agreements",
                       "prohibit-local-law-enforcement"};
  for (int i = 1; i <= 4; ++i) {
    const ContentCard& card = c.cards[i];
    EXPECT_EQ(card.kind, CardKind::recommendation);
    EXPECT_EQ(card.id, ids[i - 1]);
    EXPECT_EQ(card.number, i);
    EXPECT_EQ(card.total, 4);
    EXPECT_EQ(card.section, section);
  }
  EXPECT_EQ(format_location(c.cards[2].loc), "campaign.md:12:1");
  EXPECT_EQ(format_location(c.cards[4].loc), "campaign.md:19:1");
  EXPECT_STREQ(kind_name(c.cards[1].kind), "recommendation");
}

TEST(Markdown, LongItemSplitsIntoFirstSentenceAndBody) {
  Content c = parse(kSeed);
  const ContentCard& pep = c.cards[1];
  EXPECT_EQ(pep.headline.plain(),
            "Terminate the Priority Enforcement Program, a federal program that checks "
            "fingerprints taken by local law enforcement against immigration databases.");
  // The body keeps the rest, without the list's trailing ";".
  EXPECT_EQ(pep.body.plain(),
            "All fingerprints taken by local law officers at arrest are shared with the FBI, "
            "and then passed to ICE. If ICE is interested in an individual, ICE can ask the "
            "local agency to hold that individual for ICE to take into custody");
  EXPECT_EQ(c.cards[2].headline.plain(),
            "Continue demanding law enforcement to work with the community, not ICE");
  EXPECT_TRUE(c.cards[2].body.empty());
}

TEST(Markdown, AbbreviationsDoNotEndTheHeadline) {
  ContentCard card = only_card(
      "- Stop arrests of citizens by U.S. Immigration and Customs Enforcement, as "
      "Dr. King and Mr. Smith documented in St. Louis and across the country for a "
      "decade. Then report every case.\n");
  EXPECT_EQ(card.headline.plain(),
            "Stop arrests of citizens by U.S. Immigration and Customs Enforcement, as "
            "Dr. King and Mr. Smith documented in St. Louis and across the country for a "
            "decade.");
  EXPECT_EQ(card.body.plain(), "Then report every case.");
}

TEST(Markdown, ShortItemKeepsAllSentencesInTheHeadline) {
  ContentCard card = only_card("- End 287(g) agreements. Now.\n");
  EXPECT_EQ(card.headline.plain(), "End 287(g) agreements. Now.");
  EXPECT_TRUE(card.body.empty());
}

TEST(Markdown, FurtherParagraphsOfAnItemJoinTheBody) {
  ContentCard card = only_card("- End 287(g) agreements.\n\n  They hurt trust.\n\n  And safety;\n");
  EXPECT_EQ(card.headline.plain(), "End 287(g) agreements.");
  EXPECT_EQ(card.body.plain(), "They hurt trust. And safety");
}

TEST(Markdown, ListJoiningPunctuationIsStripped) {
  Content c = parse("- Fund schools; and\n- Fund clinics, or\n- Fund parks,\n- Fund libraries.\n");
  ASSERT_EQ(c.cards.size(), 4u);
  EXPECT_EQ(c.cards[0].headline.plain(), "Fund schools");
  EXPECT_EQ(c.cards[1].headline.plain(), "Fund clinics");
  EXPECT_EQ(c.cards[2].headline.plain(), "Fund parks");
  EXPECT_EQ(c.cards[3].headline.plain(), "Fund libraries.");
}

TEST(Markdown, EmphasisBecomesSpans) {
  ContentCard card = only_card("- Work with *the community*, **not ICE** and ***never*** *them*\n");
  EXPECT_EQ(spans_of(card.headline),
            "Work with |*the community*|, |**not ICE**| and |***never***| |*them*");
  EXPECT_EQ(card.headline.spans[1], (Span{"the community", false, true}));
}

TEST(Markdown, NeighbouringSpansOfEqualEmphasisMerge) {
  ContentCard card = only_card("- *a* *b*\n  **c**[**d**](https://x.org) **e**\n");
  EXPECT_EQ(spans_of(card.headline), "*a*| |*b*| |**cd**| |**e**");
}

TEST(Markdown, UserTextStaysLiteral) {
  ContentCard card = only_card("- Say <b>no</b> & mean it &amp; `<i>`\n");
  EXPECT_EQ(spans_of(card.headline), "Say <b>no</b> & mean it & <i>");
}

TEST(Markdown, LinksGiveTextImagesAltTextAndLinesJoin) {
  ContentCard card = only_card(
      "- Read [the   *report*](https://example.org)\n  now ![our logo](logo.png)  \n  today\n");
  EXPECT_EQ(spans_of(card.headline), "Read the |*report*| now our logo today");
}

TEST(Markdown, ExplicitIdsAreUsedAndStripped) {
  Content c = parse(
      "## Our asks {#asks}\n\n- End 287(g) agreements. {#end-287g}\n\n"
      "> Civil, not criminal. {#civil}\n");
  ASSERT_EQ(c.cards.size(), 3u);
  EXPECT_EQ(c.cards[0].id, "asks");
  EXPECT_EQ(c.cards[0].headline.plain(), "Our asks");
  EXPECT_EQ(c.cards[1].section, "Our asks");
  EXPECT_EQ(c.cards[1].id, "end-287g");
  EXPECT_EQ(c.cards[1].headline.plain(), "End 287(g) agreements.");
  EXPECT_EQ(c.cards[2].id, "civil");
  EXPECT_EQ(c.cards[2].headline.plain(), "Civil, not criminal.");
}

TEST(Markdown, DuplicateGeneratedIdsGetNumbers) {
  Content c = parse("- Act now\n- Act now\n- Act now {#act-now-2}\n- Act now\n");
  ASSERT_EQ(c.cards.size(), 4u);
  EXPECT_EQ(c.cards[0].id, "act-now");
  EXPECT_EQ(c.cards[1].id, "act-now-3");  // "-2" is taken explicitly
  EXPECT_EQ(c.cards[2].id, "act-now-2");
  EXPECT_EQ(c.cards[3].id, "act-now-4");
}

TEST(Markdown, TextWithoutLatinLettersGetsKindAndNumber) {
  Content c = parse("> الهجرة ليست جريمة\n\n- Act\n- 终止合作\n");
  ASSERT_EQ(c.cards.size(), 3u);
  EXPECT_EQ(c.cards[0].id, "quote-1");
  EXPECT_EQ(c.cards[1].id, "act");
  EXPECT_EQ(c.cards[2].id, "recommendation-2");
}

TEST(Markdown, SectionsNumberTheirOwnRecommendations) {
  Content c = parse(
      "- Before any heading\n\n## First\n\n### Context only\n\nSome words.\n\n- a\n- b\n\n"
      "## Second\n\n- c\n");
  ASSERT_EQ(c.cards.size(), 6u);
  EXPECT_EQ(c.cards[0].section, "");
  EXPECT_EQ(c.cards[0].number, 1);
  EXPECT_EQ(c.cards[0].total, 1);
  EXPECT_EQ(c.cards[1].kind, CardKind::heading);
  EXPECT_EQ(c.cards[1].section, "First");
  EXPECT_EQ(c.cards[3].number, 2);
  EXPECT_EQ(c.cards[3].total, 2);
  EXPECT_EQ(c.cards[5].section, "Second");
  EXPECT_EQ(c.cards[5].number, 1);
  EXPECT_EQ(c.cards[5].total, 1);
}

TEST(Markdown, NestedItemsAreRecommendationsToo) {
  Content c = parse("1. Parent\n   - child one\n   - child two\n2. Next\n");
  ASSERT_EQ(c.cards.size(), 4u);
  EXPECT_EQ(c.cards[0].headline.plain(), "Parent");
  EXPECT_EQ(c.cards[1].headline.plain(), "child one");
  EXPECT_EQ(format_location(c.cards[1].loc), "campaign.md:2:4");
  EXPECT_EQ(c.cards[3].headline.plain(), "Next");
  EXPECT_EQ(c.cards[3].number, 4);
  EXPECT_EQ(c.cards[3].total, 4);
}

TEST(Markdown, QuoteAttributionFromLastParagraph) {
  ContentCard card = only_card("> “Immigration is a *civil* process.”\n>\n> — The report\n");
  EXPECT_EQ(card.kind, CardKind::quote);
  EXPECT_EQ(spans_of(card.headline), "Immigration is a |*civil*| process.");
  EXPECT_EQ(card.attribution, "The report");
  EXPECT_EQ(card.id, "immigration-is-a-civil-process");
}

TEST(Markdown, QuoteAttributionFromLastLine) {
  ContentCard card = only_card("> \"Decouple policing from immigration.\"\n> -- Task Force\n");
  EXPECT_EQ(card.headline.plain(), "Decouple policing from immigration.");
  EXPECT_EQ(card.attribution, "Task Force");
}

TEST(Markdown, QuoteWithoutAttributionKeepsInnerQuotations) {
  ContentCard card = only_card("> “Secure Communities” and “PEP” failed.\n>\n> Both of them.\n");
  EXPECT_EQ(card.headline.plain(), "“Secure Communities” and “PEP” failed. Both of them.");
  EXPECT_EQ(card.attribution, "");
}

TEST(Markdown, FrontMatterSetsCampaignDefaults) {
  Content c = parse(
      "---\nname: Transforming the System\nlayout: quote\nbrand: brands/acme.yaml\n"
      "sizes: [square, story]\nfooter: \"#EndPEP\"\nlang: es\n---\n# Other title\n\n- Act\n");
  EXPECT_EQ(c.meta.name, "Transforming the System");
  EXPECT_EQ(c.meta.layout, "quote");
  EXPECT_EQ(c.meta.brand, "brands/acme.yaml");
  EXPECT_EQ(c.meta.sizes, (std::vector<std::string>{"square", "story"}));
  EXPECT_EQ(c.meta.footer, "#EndPEP");
  EXPECT_EQ(c.meta.lang, "es");
  EXPECT_EQ(format_location(c.meta.loc), "campaign.md:1:1");
  // Card places count the front matter's lines.
  EXPECT_EQ(format_location(c.cards[0].loc), "campaign.md:11:1");
}

TEST(Markdown, FrontMatterSizesMayBeACommaSeparatedString) {
  Content c = parse("---\nsizes: 1080x1080, story ,\n...\n- Act\n");
  EXPECT_EQ(c.meta.sizes, (std::vector<std::string>{"1080x1080", "story"}));
}

TEST(Markdown, ByteOrderMarkAndCrlfAreAccepted) {
  Content c = parse("\xEF\xBB\xBF---\r\nlayout: quote\r\n---\r\n- One\r\n- Two\r\n  lines\r\n");
  EXPECT_EQ(c.meta.layout, "quote");
  ASSERT_EQ(c.cards.size(), 2u);
  EXPECT_EQ(c.cards[1].headline.plain(), "Two lines");
  EXPECT_EQ(format_location(c.cards[1].loc), "campaign.md:5:1");
}

TEST(MarkdownErrors, UnknownFrontMatterKeySuggestsTheRightOne) {
  EXPECT_EQ(error_of("---\nname: X\nlayuot: quote\n---\n- Act\n"),
            "campaign.md:3:1: error: unknown key 'layuot' in front matter\n"
            "hint: did you mean 'layout'?\n");
}

TEST(MarkdownErrors, FrontMatterWrongTypeAndSyntax) {
  EXPECT_EQ(error_of("---\nname:\n  first: X\n---\n- Act\n"),
            "campaign.md:3:3: error: 'name' in front matter must be a text value\n");
  EXPECT_EQ(error_of("---\nlayout: [a, b]\n---\n- Act\n"),
            "campaign.md:2:9: error: 'layout' in front matter must be a text value\n");
  EXPECT_EQ(error_of("---\nsizes:\n  - square\n  - {w: 1}\n---\n- Act\n"),
            "campaign.md:4:5: error: items of 'sizes' must be text values\n");
  EXPECT_EQ(error_of("---\nname: a\nname: b\n---\n- Act\n"),
            "campaign.md:3:1: error: duplicate key 'name' in front matter\n");
  EXPECT_EQ(error_of("---\n- a\n---\n- Act\n"),
            "campaign.md:2:1: error: front matter must be a mapping of 'key: value' lines\n");
  EXPECT_EQ(error_of("---\nname: [a\nlayout: b\n---\n- Act\n"),
            "campaign.md:2:7: error: invalid YAML: while parsing a flow sequence, did not find "
            "expected ',' or ']'\n");
  EXPECT_EQ(error_of("---\nname: a\n\n- Act\n"),
            "campaign.md:1:1: error: front matter is not closed\n"
            "hint: end it with a line '---'\n");
}

TEST(MarkdownErrors, InvalidUtf8NamesTheByteAndItsPlace) {
  EXPECT_EQ(error_of("# Title\n\n- Caf\xE9 abierto\n"),
            "campaign.md:3:6: error: invalid UTF-8 byte 0xe9\n"
            "hint: save the file as UTF-8\n");
  EXPECT_EQ(error_of("\xEF\xBB\xBF\xFF"),
            "campaign.md:1:1: error: invalid UTF-8 byte 0xff\n"
            "hint: save the file as UTF-8\n");
}

TEST(MarkdownErrors, InvalidExplicitId) {
  EXPECT_EQ(error_of("## Our asks\n\n- End 287(g) {#End 287g}\n"),
            "campaign.md:3:14: error: invalid id 'End 287g'\n"
            "hint: an id is 1 to 64 lowercase letters a-z, digits, '-' and '_', "
            "starting with a letter or digit\n"
            "hint: did you mean '{#end-287g}'?\n");
}

TEST(MarkdownErrors, DuplicateExplicitIdNamesBothPlaces) {
  EXPECT_EQ(error_of("## Asks {#pep}\n\n- End PEP {#pep}\n"),
            "campaign.md:3:11: error: duplicate id 'pep', first used at campaign.md:1:9\n"
            "hint: give each card its own id\n");
}

TEST(MarkdownErrors, NoCards) {
  EXPECT_EQ(error_of("# Title\n\nJust a paragraph.\n\n### Small heading\n"),
            "campaign.md: error: no cards found\n"
            "hint: add a list item, a '##' heading or a '>' quote\n");
}

TEST(ReadMarkdown, ReadsAFile) {
  namespace fs = std::filesystem;
  std::string dir = (fs::temp_directory_path() / "placard-markdown-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  std::string path = dir + "/campaign.md";
  std::ofstream(path) << "## Hello\n";
  Content c = read_markdown(path);
  fs::remove_all(dir);
  EXPECT_EQ(c.path, path);
  ASSERT_EQ(c.cards.size(), 1u);
  EXPECT_EQ(c.cards[0].id, "hello");
}

TEST(ReadMarkdown, MissingFileIsAnIoFailure) {
  try {
    read_markdown("no/such/campaign.md");
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::io);
    EXPECT_TRUE(e.diagnostic().message.starts_with("cannot read 'no/such/campaign.md': "))
        << e.diagnostic().message;
  }
}

TEST(Markdown, FrontMatterUrlIsTheCampaignPage) {
  Content c = parse("---\nurl: https://example.org/transform\n---\n# T\n\nShare these.\n\n- Act\n");
  EXPECT_EQ(c.meta.url, "https://example.org/transform");
  EXPECT_EQ(c.meta.intro, "Share these.");
}

}  // namespace
}  // namespace placard
