#include "render/build_card.h"

#include <gtest/gtest.h>

#include <cmath>

#include "layout/layout_file.h"

namespace placard {
namespace {

const std::string kExampleBrand =
    std::string(PLACARD_TEST_DIR) + "/../examples/brands/transforming/brand.yaml";

RichText rich(const std::string& s) {
  RichText t;
  t.spans.push_back({s, false, false});
  return t;
}

ContentCard recommendation(int number, int total) {
  ContentCard c;
  c.id = "end-287g-agreements";
  c.kind = CardKind::recommendation;
  c.headline = rich("End 287(g) agreements.");
  c.body = rich("They turn local police into immigration agents.");
  c.section = "Ending unworkable collaborations";
  c.number = number;
  c.total = total;
  c.loc = {"campaign.md", 14, 3};
  return c;
}

ContentCard heading() {
  ContentCard c;
  c.id = "ending-unworkable-collaborations";
  c.kind = CardKind::heading;
  c.headline = rich("Ending unworkable collaborations");
  return c;
}

ContentCard quote() {
  ContentCard c;
  c.id = "civil-process";
  c.kind = CardKind::quote;
  c.headline = rich("Immigration enforcement is a civil process.");
  c.attribution = "Ana Pérez";
  return c;
}

CampaignMeta meta(const std::string& lang = "en") {
  CampaignMeta m;
  m.name = "Transforming the System";
  m.lang = lang;
  return m;
}

SizePreset preset(const std::string& name) {
  return parse_sizes({name}, {})[0];
}

Color hex(const char* s) {
  Color c;
  EXPECT_TRUE(parse_hex_color(s, c)) << s;
  return c;
}

std::vector<const TextFrame*> frames(const Card& card) {
  std::vector<const TextFrame*> out;
  for (const auto& item : card.items)
    if (const auto* f = std::get_if<TextFrame>(&item)) out.push_back(f);
  return out;
}

std::vector<std::string> frame_names(const Card& card) {
  std::vector<std::string> out;
  for (const TextFrame* f : frames(card)) out.push_back(f->name);
  return out;
}

const TextFrame* frame(const Card& card, const std::string& name) {
  for (const TextFrame* f : frames(card))
    if (f->name == name) return f;
  return nullptr;
}

const TextBlock* block(const Card& card, const std::string& frame_name, const std::string& field) {
  const TextFrame* f = frame(card, frame_name);
  if (!f) return nullptr;
  for (const auto& b : f->blocks)
    if (b.field == field) return &b;
  return nullptr;
}

std::string text_of(const Card& card, const std::string& frame_name, const std::string& field) {
  const TextBlock* b = block(card, frame_name, field);
  return b ? b->text.plain() : "<none>";
}

const ElementSpec& spec(const Layout& l, Orientation o, const std::string& name) {
  for (const auto& e : l.for_orientation(o))
    if (e.name == name) return e;
  throw std::runtime_error("no element '" + name + "'");
}

Rect place(const BoxSpec& b, const Rect& area) {
  return {area.x + b.x * area.w, area.y + b.y * area.h, b.w * area.w, b.h * area.h};
}

void expect_rect_near(const Rect& got, const Rect& want) {
  EXPECT_NEAR(got.x, want.x, 1e-6);
  EXPECT_NEAR(got.y, want.y, 1e-6);
  EXPECT_NEAR(got.w, want.w, 1e-6);
  EXPECT_NEAR(got.h, want.h, 1e-6);
}

class BuildCard : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    layout_ = new Layout(load_layout("standard"));
    brand_ = new Brand(load_brand(kExampleBrand));
  }
  static void TearDownTestSuite() {
    delete layout_;
    delete brand_;
  }
  static Card build(const ContentCard& c, const std::string& size, const CampaignMeta& m = meta(),
                    const CardLabels& labels = {}) {
    return build_card(c, m, *layout_, *brand_, preset(size), labels);
  }
  static Layout* layout_;
  static Brand* brand_;
};
Layout* BuildCard::layout_ = nullptr;
Brand* BuildCard::brand_ = nullptr;

// --- kickers ---

TEST(DefaultKicker, RecommendationsAreNumberedInTheirSection) {
  EXPECT_EQ(default_kicker(recommendation(2, 4), meta()), "Recommendation 2 of 4");
  EXPECT_EQ(default_kicker(recommendation(1, 1), meta()), "Recommendation");
}

TEST(DefaultKicker, Spanish) {
  EXPECT_EQ(default_kicker(recommendation(2, 4), meta("es")), "Recomendación 2 de 4");
  EXPECT_EQ(default_kicker(recommendation(2, 4), meta("es-MX")), "Recomendación 2 de 4");
  EXPECT_EQ(default_kicker(recommendation(1, 1), meta("es")), "Recomendación");
  // Only "es" itself or a tag starting "es-" is Spanish.
  EXPECT_EQ(default_kicker(recommendation(2, 4), meta("est")), "Recommendation 2 of 4");
  EXPECT_EQ(default_kicker(recommendation(2, 4), meta("")), "Recommendation 2 of 4");
}

TEST(DefaultKicker, OtherLanguages) {
  EXPECT_EQ(default_kicker(recommendation(2, 4), meta("fr")), "Recommandation 2 sur 4");
  EXPECT_EQ(default_kicker(recommendation(2, 4), meta("de")), "Empfehlung 2 von 4");
  EXPECT_EQ(default_kicker(recommendation(2, 4), meta("pt-BR")), "Recomendação 2 de 4");
  EXPECT_EQ(default_kicker(recommendation(1, 1), meta("fr")), "Recommandation");
}

TEST(DefaultKicker, TheCampaignsLanguagesBeyondTheFirstEight) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"he", "המלצה 2 מתוך 4"},
      {"he-IL", "המלצה 2 מתוך 4"},
      {"hi", "सिफ़ारिश 2/4"},
      {"th",
       "ข้อเสนอแนะที่ 2 "
       "จาก 4"},
      {"ja", "提言 2/4"},
      {"ko", "권고 2/4"},
      {"ru", "Рекомендация 2 из 4"},
      {"uk", "Рекомендація 2 з 4"},
      {"it", "Raccomandazione 2 di 4"},
      {"tr", "Öneri 2/4"},
      {"pl", "Rekomendacja 2 z 4"},
      {"pl_PL", "Rekomendacja 2 z 4"},
      {"fa", "توصیه ۲ از ۴"},
      {"ur", "سفارش ۴ میں سے ۲"},
      {"zh-Hant-TW", "建議 2/4"},
  };
  for (const auto& [lang, kicker] : cases) {
    SCOPED_TRACE(lang);
    EXPECT_EQ(default_kicker(recommendation(2, 4), meta(lang)), kicker);
    EXPECT_EQ(default_kicker(recommendation(2, 4), meta(lang)).find("Recommendation"),
              std::string::npos);
  }
  // A language the file lacks reads English.
  EXPECT_EQ(default_kicker(recommendation(2, 4), meta("sw")), "Recommendation 2 of 4");
}

TEST(DefaultKicker, OneKickerWritesItsNumbersInOneSystem) {
  // Arabic-Indic digits around Arabic words, not "1" beside "١".
  EXPECT_EQ(default_kicker(recommendation(1, 12), meta("ar")), "التوصية ١ من ١٢");
  EXPECT_EQ(default_kicker(recommendation(1, 12), meta("ar-EG")), "التوصية ١ من ١٢");
  // The Maghreb writes Western digits, with the same words.
  EXPECT_EQ(default_kicker(recommendation(1, 12), meta("ar-MA")), "التوصية 1 من 12");
  EXPECT_EQ(default_kicker(recommendation(1, 1), meta("ar")), "توصية");
}

TEST(DefaultKicker, TheLanguageTagsNumberingSystemPicksTheDigits) {
  // BCP 47's -u-nu- keyword: Arabic words with Western digits, as a
  // campaign whose audience reads "1" asks; or the other way round.
  EXPECT_EQ(default_kicker(recommendation(1, 12), meta("ar-u-nu-latn")), "التوصية 1 من 12");
  EXPECT_EQ(default_kicker(recommendation(1, 12), meta("ar-EG-u-nu-latn")), "التوصية 1 من 12");
  EXPECT_EQ(default_kicker(recommendation(1, 12), meta("ar-MA-u-nu-arab")), "التوصية ١ من ١٢");
  EXPECT_NE(default_kicker(recommendation(2, 4), meta("hi-u-nu-deva")).find("२"),
            std::string::npos);
  EXPECT_NE(default_kicker(recommendation(2, 4), meta("hi-u-nu-deva")).find("४"),
            std::string::npos);
  // Other keywords leave the language's own digits.
  EXPECT_EQ(default_kicker(recommendation(1, 12), meta("ar-u-ca-islamic")), "التوصية ١ من ١٢");
  // A numbering system that does not exist is a mistake to name, not to skip.
  try {
    default_kicker(recommendation(1, 2), meta("ar-u-nu-latin"));
    ADD_FAILURE() << "an unknown numbering system was accepted";
  } catch (const DiagnosticError& e) {
    EXPECT_NE(format_diagnostic(e.diagnostic()).find("'latin'"), std::string::npos);
    EXPECT_NE(format_diagnostic(e.diagnostic()).find("latn"), std::string::npos);
  }
}

TEST_F(BuildCard, ANumberingSystemInTheTagKeepsTheLanguageForEverythingElse) {
  Card ar = build(recommendation(1, 12), "og", meta("ar-u-nu-latn"));
  EXPECT_EQ(ar.lang, "ar");
  EXPECT_TRUE(ar.rtl);
  EXPECT_EQ(text_of(ar, "main", "kicker"), "التوصية 1 من 12");
}

TEST(DefaultKicker, TheCardsOwnLanguageWins) {
  ContentCard c = recommendation(2, 4);
  c.lang = "es";
  EXPECT_EQ(default_kicker(c, meta("en")), "Recomendación 2 de 4");
}

TEST(DefaultKicker, HeadingsUseTheCampaignNameAndQuotesNothing) {
  EXPECT_EQ(default_kicker(heading(), meta()), "Transforming the System");
  EXPECT_EQ(default_kicker(quote(), meta()), "");
  ContentCard statement;
  statement.headline = rich("Stop the raids");
  EXPECT_EQ(default_kicker(statement, meta()), "");
}

TEST_F(BuildCard, KickerIsDrawnAboveTheHeadline) {
  Card en = build(recommendation(2, 4), "og");
  EXPECT_EQ(text_of(en, "main", "kicker"), "Recommendation 2 of 4");
  EXPECT_EQ(text_of(en, "main", "headline"), "End 287(g) agreements.");
  EXPECT_EQ(text_of(en, "main", "body"), "They turn local police into immigration agents.");

  Card es = build(recommendation(2, 4), "og", meta("es"));
  EXPECT_EQ(text_of(es, "main", "kicker"), "Recomendación 2 de 4");
  EXPECT_EQ(es.lang, "es");

  Card h = build(heading(), "og");
  EXPECT_EQ(text_of(h, "heading", "kicker"), "Transforming the System");
  EXPECT_EQ(text_of(h, "heading", "headline"), "Ending unworkable collaborations");
}

TEST_F(BuildCard, KickerLabelReplacesTheDefault) {
  Card c = build(recommendation(2, 4), "og", meta(), {"Demand 3", ""});
  EXPECT_EQ(text_of(c, "main", "kicker"), "Demand 3");
  EXPECT_EQ(c.alt,
            "Demand 3: End 287(g) agreements. They turn local police into immigration "
            "agents.");
}

TEST_F(BuildCard, EmptyFieldsAreLeftOut) {
  ContentCard c = recommendation(2, 4);
  c.body = {};
  Card card = build(c, "og");
  EXPECT_EQ(block(card, "main", "body"), nullptr);
  ASSERT_NE(block(card, "main", "headline"), nullptr);
}

TEST_F(BuildCard, CardLanguageComesFromTheCardThenTheCampaign) {
  ContentCard c = recommendation(2, 4);
  c.lang = "es";
  Card card = build(c, "og", meta("en"));
  EXPECT_EQ(card.lang, "es");
  EXPECT_EQ(text_of(card, "main", "kicker"), "Recomendación 2 de 4");
  EXPECT_EQ(block(card, "main", "headline")->style.lang, "es");
  EXPECT_EQ(build(recommendation(2, 4), "og", meta("fr")).lang, "fr");
}

// --- identity and alt text ---

TEST_F(BuildCard, CarriesIdentitySizeAndTitle) {
  Card c = build(recommendation(2, 4), "og");
  EXPECT_EQ(c.id, "end-287g-agreements");
  EXPECT_EQ(c.kind, CardKind::recommendation);
  EXPECT_EQ(c.size_name, "og");
  EXPECT_EQ(c.width, 1200);
  EXPECT_EQ(c.height, 630);
  EXPECT_EQ(c.title, "End 287(g) agreements.");
  EXPECT_EQ(c.loc.file, "campaign.md");
  EXPECT_EQ(c.loc.line, 14);
}

TEST_F(BuildCard, TitleAndAltTextAreCleanedOfStrayWhitespace) {
  ContentCard c = recommendation(2, 4);
  c.headline = rich("  End 287(g)\n   agreements.\t");
  Card card = build(c, "og");
  EXPECT_EQ(card.title, "End 287(g) agreements.");
  EXPECT_EQ(card.alt,
            "Recommendation 2 of 4: End 287(g) agreements. They turn local police "
            "into immigration agents.");
  EXPECT_EQ(text_of(card, "main", "headline"), "End 287(g) agreements.");
}

TEST(AltText, KickerHeadlineBodyAttribution) {
  EXPECT_EQ(alt_text(recommendation(2, 4), "Recommendation 2 of 4"),
            "Recommendation 2 of 4: End 287(g) agreements. They turn local police into "
            "immigration agents.");
  EXPECT_EQ(alt_text(quote(), ""), "Immigration enforcement is a civil process. \u2014 Ana Pérez");
  EXPECT_EQ(alt_text(heading(), "Transforming the System"),
            "Transforming the System: Ending unworkable collaborations");
  // A kicker that already ends a sentence gets no colon.
  EXPECT_EQ(alt_text(heading(), "Part 1."), "Part 1. Ending unworkable collaborations");
}

TEST_F(BuildCard, AltTextUsesTheCardsKicker) {
  EXPECT_EQ(build(recommendation(2, 4), "story", meta("es")).alt,
            "Recomendación 2 de 4: End 287(g) agreements. They turn local police into "
            "immigration agents.");
  EXPECT_EQ(build(quote(), "og").alt,
            "Immigration enforcement is a civil process. \u2014 Ana Pérez");
}

// --- footer ---

TEST_F(BuildCard, FooterPrecedenceLabelsThenCampaignThenBrand) {
  CampaignMeta with_footer = meta();
  with_footer.footer = "example.org/transform";
  EXPECT_EQ(text_of(build(recommendation(2, 4), "og"), "footer", "footer"),
            "#TransformingTheSystem");
  EXPECT_EQ(text_of(build(recommendation(2, 4), "og", with_footer), "footer", "footer"),
            "example.org/transform");
  EXPECT_EQ(text_of(build(recommendation(2, 4), "og", with_footer, {"", "#FromTheCli"}), "footer",
                    "footer"),
            "#FromTheCli");
}

TEST_F(BuildCard, NoFooterAnywhereMeansNoFooterFrame) {
  Brand plain = *brand_;
  plain.footer = "";
  Card c = build_card(recommendation(2, 4), meta(), *layout_, plain, preset("og"));
  EXPECT_EQ(frame(c, "footer"), nullptr);
}

// --- geometry ---

TEST_F(BuildCard, SafeAreaClearsTheSizesPlatforms) {
  // X lays the page title over the bottom of a link card (y 539-615).
  expect_rect_near(build(recommendation(2, 4), "og").safe, {0, 0, 1200, 539});
  expect_rect_near(build(recommendation(2, 4), "square").safe, {0, 0, 1080, 1080});
  // A story's safe zone clears every story surface in platforms.yaml:
  // Shorts' 288 px top bar, Meta's 672 px bottom, Meta's 65 px left edge,
  // TikTok's 200 px right rail.
  expect_rect_near(build(recommendation(2, 4), "story").safe, {65, 288, 815, 960});
}

// A layout's own `safe_area` wins over the platforms' zone.
TEST(BuildCardSafeArea, ALayoutMaySetItsOwn) {
  Layout layout = parse_layout(
      "safe_area: {story: {top: 0.14, bottom: 0.2}}\n"
      "elements:\n  - {name: t, field: headline, box: [0, 0, 1, 1], size: [20, 40]}\n",
      "own.yaml");
  const Brand brand = load_brand(kExampleBrand);
  const Card c = build_card(recommendation(2, 4), CampaignMeta{}, layout, brand,
                            parse_sizes({"story"}, {})[0], {}, nullptr);
  expect_rect_near(c.safe, {0, 0.14 * 1920, 1080, 1920 * (1 - 0.14 - 0.2)});
}

TEST_F(BuildCard, StoryTextStaysInsideTheSafeArea) {
  for (const ContentCard& content : {recommendation(2, 4), heading(), quote()}) {
    Card c = build(content, "story");
    ASSERT_FALSE(frames(c).empty());
    for (const TextFrame* f : frames(c)) {
      SCOPED_TRACE(content.id + " " + f->name);
      EXPECT_GE(f->box.x, c.safe.x - 1e-6);
      EXPECT_GE(f->box.y, c.safe.y - 1e-6);
      EXPECT_LE(f->box.right(), c.safe.right() + 1e-6);
      EXPECT_LE(f->box.bottom(), c.safe.bottom() + 1e-6);
    }
  }
}

TEST_F(BuildCard, BoxesFollowTheOrientationsOverrides) {
  Card og = build(recommendation(2, 4), "og");
  Card story = build(recommendation(2, 4), "story");
  expect_rect_near(frame(og, "main")->box,
                   place(spec(*layout_, Orientation::landscape, "main").box, og.safe));
  expect_rect_near(frame(story, "main")->box,
                   place(spec(*layout_, Orientation::story, "main").box, story.safe));
}

TEST_F(BuildCard, CanvasBoxesIgnoreTheSafeArea) {
  Card story = build(recommendation(2, 4), "story");
  ASSERT_FALSE(story.items.empty());
  const auto* band = std::get_if<ShapeItem>(&story.items.front());
  ASSERT_NE(band, nullptr);
  const Rect canvas{0, 0, 1080, 1920};
  expect_rect_near(band->box, place(spec(*layout_, Orientation::story, "band").box, canvas));
  EXPECT_EQ(band->box.y, 0);  // the band reaches the top edge, under the story UI
}

TEST_F(BuildCard, RightToLeftCardsMirrorTheLayout) {
  Card ltr = build(recommendation(2, 4), "og", meta("en"));
  Card rtl = build(recommendation(2, 4), "og", meta("ar"));
  EXPECT_FALSE(ltr.rtl);
  EXPECT_TRUE(rtl.rtl);
  const BoxSpec& b = spec(*layout_, Orientation::landscape, "main").box;
  const Rect& safe = rtl.safe;
  expect_rect_near(frame(rtl, "main")->box, {safe.x + (1 - b.x - b.w) * safe.w,
                                             safe.y + b.y * safe.h, b.w * safe.w, b.h * safe.h});
  EXPECT_TRUE(block(rtl, "main", "headline")->style.rtl);
  EXPECT_FALSE(block(ltr, "main", "headline")->style.rtl);
  // The logo keeps to the outer edge: end becomes start.
  int logos = 0;
  for (const auto& item : rtl.items) {
    if (const auto* logo = std::get_if<ImageItem>(&item)) {
      EXPECT_EQ(logo->halign, Align::start);
      ++logos;
    }
  }
  EXPECT_EQ(logos, 1);
}

TEST_F(BuildCard, RightToLeftIsDetectedFromTheTextWhenNoLanguageIsGiven) {
  ContentCard c = recommendation(2, 4);
  c.headline = rich("إنهاء التعاون مع الهجرة");
  EXPECT_TRUE(build(c, "og", meta("")).rtl);
}

// The decorative mark is the language's opening quotation mark (CLDR): a
// German quote is not opened with a mark that reads as closing, a Japanese
// one gets 「, and an Arabic or Hebrew one the ” that opens it on the right.
TEST_F(BuildCard, TheDecorativeQuoteMarkIsTheLanguagesOpeningMark) {
  const auto mark = [&](const char* lang) {
    return text_of(build(quote(), "og", meta(lang)), "quote-mark", "quote_mark");
  };
  EXPECT_EQ(mark("en"), "\u201C");
  EXPECT_EQ(mark("de"), "\u201E");
  EXPECT_EQ(mark("de-CH"), "\u00AB");
  EXPECT_EQ(mark("fr"), "\u00AB");
  EXPECT_EQ(mark("es"), "\u00AB");
  EXPECT_EQ(mark("pl"), "\u201E");
  EXPECT_EQ(mark("ja"), "\u300C");
  EXPECT_EQ(mark("zh-Hant"), "\u300C");
  EXPECT_EQ(mark("zh"), "\u201C");
  EXPECT_EQ(mark("ar"), "\u201D");
  EXPECT_EQ(mark("he"), "\u201D");
  EXPECT_EQ(mark("xx"), "\u201C");  // a language the file lacks
}

// A quote typed in its own marks gives them up to the decorative one; one
// that only starts with a mark keeps it and gets no second; an attribution
// typed with its dash gets no second dash.
TEST_F(BuildCard, TypedQuotesAndDashesAreNotDoubled) {
  ContentCard c = quote();
  c.headline = rich("\u201EMieten runter, jetzt!\u201C");
  c.attribution = "\u2014 Ana P\u00E9rez";
  Card de = build(c, "og", meta("de"));
  EXPECT_EQ(text_of(de, "quote", "headline"), "Mieten runter, jetzt!");
  EXPECT_EQ(text_of(de, "quote-mark", "quote_mark"), "\u201E");
  EXPECT_EQ(text_of(de, "quote", "attribution"), "\u2014 Ana P\u00E9rez");
  EXPECT_EQ(de.alt, "\u201EMieten runter, jetzt!\u201C \u2014 Ana P\u00E9rez");

  c.headline = rich("\u00ABNo\u00BB, dijo la ministra. \u00ABNunca m\u00E1s\u00BB.");
  c.attribution = "- Ana";
  Card es = build(c, "og", meta("es"));
  EXPECT_EQ(text_of(es, "quote", "headline"),
            "\u00ABNo\u00BB, dijo la ministra. \u00ABNunca m\u00E1s\u00BB.");
  EXPECT_EQ(frame_names(es), (std::vector<std::string>{"quote", "footer"}));
  EXPECT_EQ(text_of(es, "quote", "attribution"), "- Ana");
}

// A tint that fades a photo into the text beside it is mirrored with the
// photo, so on a right-to-left card it still fades towards the text.
TEST_F(BuildCard, RightToLeftCardsMirrorGradientsWithTheirElements) {
  Layout l = parse_layout(
      "elements:\n  - name: shade\n    type: rect\n    box: [0, 0, 0.6, 1]\n"
      "    fill: {gradient: linear, angle: 90, stops: [[0, primary, 1], [1, primary, 0]]}\n"
      "  - name: glow\n    type: rect\n    box: [0, 0, 1, 1]\n"
      "    fill: {gradient: radial, center: [0.2, 0.5], stops: [[0, accent, 1], [1, accent, 0]]}\n",
      "fixture.yaml");
  const Card ltr = build_card(recommendation(2, 4), meta("en"), l, *brand_, preset("og"));
  const Card rtl = build_card(recommendation(2, 4), meta("ar"), l, *brand_, preset("og"));
  const Gradient& a = std::get<ShapeItem>(ltr.items.at(0)).gradient;
  const Gradient& b = std::get<ShapeItem>(rtl.items.at(0)).gradient;
  EXPECT_LT(a.x0, a.x1);                 // opaque at the left, where the text is
  EXPECT_GT(b.x0, b.x1);                 // opaque at the right, where the text is
  EXPECT_NEAR(a.x0 + b.x0, 1200, 1e-6);  // mirrored about the canvas's middle
  const Gradient& ga = std::get<ShapeItem>(ltr.items.at(1)).gradient;
  const Gradient& gb = std::get<ShapeItem>(rtl.items.at(1)).gradient;
  EXPECT_NEAR(ga.x0, 240, 1e-6);
  EXPECT_NEAR(gb.x0, 960, 1e-6);
}

TEST_F(BuildCard, LayoutsCanOptOutOfMirroring) {
  Layout l = parse_layout(
      "mirror_rtl: false\nelements:\n  - name: bar\n    type: rect\n"
      "    box: [0.1, 0, 0.2, 1]\n",
      "fixture.yaml");
  Card c = build_card(recommendation(2, 4), meta("ar"), l, *brand_, preset("og"));
  EXPECT_TRUE(c.rtl);
  EXPECT_NEAR(std::get<ShapeItem>(c.items.at(0)).box.x, 120, 1e-9);
}

// --- which elements appear ---

TEST_F(BuildCard, QuoteElementsOnlyOnQuotes) {
  Card q = build(quote(), "og");
  EXPECT_EQ(frame_names(q), (std::vector<std::string>{"quote-mark", "quote", "footer"}));
  EXPECT_EQ(text_of(q, "quote-mark", "quote_mark"), "\u201C");
  EXPECT_EQ(text_of(q, "quote", "headline"), "Immigration enforcement is a civil process.");
  EXPECT_EQ(text_of(q, "quote", "attribution"), "\u2014 Ana Pérez");

  Card r = build(recommendation(2, 4), "og");
  EXPECT_EQ(frame_names(r), (std::vector<std::string>{"main", "footer"}));
  Card h = build(heading(), "story");
  EXPECT_EQ(frame_names(h), (std::vector<std::string>{"heading", "footer"}));
}

TEST_F(BuildCard, QuoteWithoutAttributionHasNoAttributionBlock) {
  ContentCard c = quote();
  c.attribution = "";
  Card card = build(c, "square");
  EXPECT_EQ(block(card, "quote", "attribution"), nullptr);
  EXPECT_EQ(card.alt, "Immigration enforcement is a civil process.");
}

// --- decorations go with what they decorate ---

std::vector<const LineItem*> lines(const Card& card) {
  std::vector<const LineItem*> out;
  for (const auto& item : card.items)
    if (const auto* l = std::get_if<LineItem>(&item)) out.push_back(l);
  return out;
}

TEST_F(BuildCard, TheQuoteLayoutsRuleIsDrawnOnlyBesideAnAttribution) {
  const Layout quote_layout = load_layout("quote");
  ContentCard bare = quote();
  bare.attribution = "";
  for (const SizePreset& size : size_presets()) {
    Card with = build_card(quote(), meta(), quote_layout, *brand_, size);
    EXPECT_EQ(lines(with).size(), 1u) << size.name;
    EXPECT_NE(frame(with, "attribution"), nullptr) << size.name;
    Card without = build_card(bare, meta(), quote_layout, *brand_, size);
    EXPECT_TRUE(lines(without).empty()) << size.name << ": a rule beside no attribution";
    EXPECT_EQ(frame(without, "attribution"), nullptr) << size.name;
    // Everything else is still there: the wash, the mark, the quote, the footer, the logo.
    EXPECT_EQ(without.items.size(), with.items.size() - 2) << size.name;
  }
}

TEST_F(BuildCard, TheRecommendationLayoutsRuleIsDrawnOnlyAboveAFooterOrALogo) {
  const Layout rec = load_layout("recommendation");
  Brand bare = *brand_;
  bare.logo = "";
  bare.footer = "";
  for (const SizePreset& size : size_presets()) {
    for (const ContentCard& c : {recommendation(2, 4), heading(), quote()}) {
      EXPECT_EQ(lines(build_card(c, meta(), rec, *brand_, size)).size(), 1u) << size.name;
      EXPECT_TRUE(lines(build_card(c, meta(), rec, bare, size)).empty())
          << size.name << " " << c.id << ": a rule above neither footer nor logo";
      // A footer alone (here the campaign's) keeps the rule.
      CampaignMeta m = meta();
      m.footer = "#TransformingTheSystem";
      EXPECT_EQ(lines(build_card(c, m, rec, bare, size)).size(), 1u) << size.name;
    }
  }
}

TEST_F(BuildCard, AnchorsStillFindTheirTextAfterADecorationIsLeftOut) {
  const Layout l = parse_layout(
      "elements:\n"
      "  - {name: rule, type: line, from: [0.1, 0.7], to: [0.2, 0.7], with: attribution}\n"
      "  - {name: bar, type: rect, box: [0.1, 0.1, 0.2, 10px], anchor: {to: main}}\n"
      "  - {name: main, field: headline, box: [0.1, 0.2, 0.8, 0.4]}\n"
      "  - {name: attribution, field: attribution, box: [0.25, 0.65, 0.6, 0.1]}\n"
      "  - {name: tick, type: rect, box: [0.1, 0.9, 0.1, 0.02], with: rule-label}\n"
      "  - {name: rule-label, text: \"x\", box: [0.3, 0.9, 0.1, 0.05], with: attribution}\n",
      "fixture.yaml");
  ContentCard c = quote();
  c.attribution = "";
  Card card = build_card(c, meta(), l, *brand_, preset("og"));
  // The rule goes with the attribution, the label with it, and the tick
  // with the label: the bar and the quote remain, the anchor on the quote.
  ASSERT_EQ(card.items.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<ShapeItem>(card.items[0]));
  ASSERT_EQ(frame_names(card), (std::vector<std::string>{"main"}));
  ASSERT_EQ(card.anchors.size(), 1u);
  EXPECT_EQ(card.anchors[0].items, (std::vector<size_t>{0}));
  EXPECT_EQ(card.anchors[0].target, 1u);

  Card full = build_card(quote(), meta(), l, *brand_, preset("og"));
  EXPECT_EQ(full.items.size(), 6u);
  ASSERT_EQ(full.anchors.size(), 1u);
  EXPECT_EQ(full.anchors[0].items, (std::vector<size_t>{1}));
  EXPECT_EQ(full.anchors[0].target, 2u);
}

TEST_F(BuildCard, LogoComesFromTheBrand) {
  Card c = build(recommendation(2, 4), "og");
  const ImageItem* logo = nullptr;
  for (const auto& item : c.items)
    if (const auto* i = std::get_if<ImageItem>(&item)) logo = i;
  ASSERT_NE(logo, nullptr);
  EXPECT_EQ(logo->path, brand_->logo);
  EXPECT_TRUE(logo->path.ends_with("logo.svg"));

  Brand no_logo = *brand_;
  no_logo.logo = "";
  Card bare = build_card(recommendation(2, 4), meta(), *layout_, no_logo, preset("og"));
  for (const auto& item : bare.items) EXPECT_FALSE(std::holds_alternative<ImageItem>(item));
}

// --- colours and fonts ---

TEST_F(BuildCard, ColoursComeFromBrandRoles) {
  Card c = build(recommendation(2, 4), "og");
  EXPECT_EQ(c.background, hex("#1C1A4A"));                               // paper
  EXPECT_EQ(std::get<ShapeItem>(c.items.front()).fill, hex("#FFC83D"));  // band: accent
  EXPECT_EQ(block(c, "main", "kicker")->style.color, hex("#FFC83D"));    // accent
  const TextStyle& headline = block(c, "main", "headline")->style;
  EXPECT_EQ(headline.color, hex("#FFFFFF"));                         // ink
  EXPECT_EQ(headline.strong_color, hex("#FFC83D"));                  // strong: accent
  EXPECT_EQ(headline.em_color, headline.color);                      // no em colour: same
  EXPECT_EQ(block(c, "main", "body")->style.color, hex("#CFCDEB"));  // muted
}

TEST_F(BuildCard, FontsComeFromBrandRoles) {
  Card c = build(recommendation(2, 4), "og");
  const TextStyle& headline = block(c, "main", "headline")->style;
  EXPECT_EQ(headline.font.family, "Inter Display");
  EXPECT_EQ(headline.font.weight, 800);    // the brand's display weight
  EXPECT_EQ(headline.strong_weight, 800);  // never lighter than the text around it
  const TextStyle& kicker = block(c, "main", "kicker")->style;
  EXPECT_EQ(kicker.font.family, "Inter");
  EXPECT_EQ(kicker.font.weight, 700);  // the layout's weight wins
  EXPECT_TRUE(kicker.uppercase);
  const TextStyle& body = block(c, "main", "body")->style;
  EXPECT_EQ(body.font.weight, 400);
  EXPECT_EQ(body.strong_weight, 700);
}

TEST_F(BuildCard, SizesScaleWithTheSquareRootOfTheArea) {
  const TextSpec& want = spec(*layout_, Orientation::landscape, "main").texts.at(1);
  Card og = build(recommendation(2, 4), "og");
  Card square = build(recommendation(2, 4), "square");
  Card story = build(recommendation(2, 4), "story");
  const TextStyle& og_h = block(og, "main", "headline")->style;
  const TextStyle& sq_h = block(square, "main", "headline")->style;
  const TextStyle& st_h = block(story, "main", "headline")->style;
  // A 1080x1080 card uses the layout's px as written.
  const TextSpec& square_want = spec(*layout_, Orientation::square, "main").texts.at(1);
  EXPECT_DOUBLE_EQ(sq_h.size_min, square_want.size_min);
  EXPECT_DOUBLE_EQ(sq_h.size_max, square_want.size_max);
  EXPECT_NEAR(og_h.size_max, want.size_max * std::sqrt(1200.0 * 630) / 1080, 1e-9);
  EXPECT_NEAR(og_h.size_min, want.size_min * std::sqrt(1200.0 * 630) / 1080, 1e-9);
  const TextSpec& story_want = spec(*layout_, Orientation::story, "main").texts.at(1);
  EXPECT_NEAR(st_h.size_max, story_want.size_max * 1440.0 / 1080, 1e-9);
  EXPECT_GT(st_h.size_max, og_h.size_max);
  EXPECT_GT(st_h.size_min, og_h.size_min);
  // Gaps between stacked fields scale too; the first block has none.
  EXPECT_EQ(block(og, "main", "kicker")->gap_before, 0);
  EXPECT_GT(block(story, "main", "headline")->gap_before,
            block(og, "main", "headline")->gap_before);
}

// --- layout colours that are not brand roles ---

Layout one_rect(const std::string& fill) {
  return parse_layout(
      "elements:\n  - name: bar\n    type: rect\n    box: [0, 0, 1, 1]\n"
      "    fill: \"" +
          fill + "\"\n",
      "fixture.yaml");
}

TEST_F(BuildCard, HexColoursInALayoutAreUsedAsIs) {
  Card c = build_card(recommendation(2, 4), meta(), one_rect("#ff0000"), *brand_, preset("og"));
  ASSERT_EQ(c.items.size(), 1u);
  EXPECT_EQ(std::get<ShapeItem>(c.items[0]).fill, (Color{1, 0, 0, 1}));
}

TEST_F(BuildCard, UnknownColourRoleInALayoutIsAnError) {
  try {
    build_card(recommendation(2, 4), meta(), one_rect("acent"), *brand_, preset("og"));
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    const Diagnostic& d = e.diagnostic();
    EXPECT_EQ(d.kind, FailureKind::bad_input);
    EXPECT_EQ(d.loc.file, "fixture.yaml");
    EXPECT_EQ(d.message, "unknown colour 'acent'");
    EXPECT_EQ(d.hints, (std::vector<std::string>{"did you mean 'accent'?",
                                                 "use a brand role (paper, ink, accent, primary, "
                                                 "muted, on_accent, on_primary) or #rrggbb"}));
  }
}

TEST_F(BuildCard, UnknownTextColourIsAnErrorWithoutAGuess) {
  // Caught when the layout is read, with the place of the value.
  try {
    parse_layout(
        "elements:\n  - name: t\n    box: [0, 0, 1, 1]\n    field: headline\n"
        "    color: sky\n",
        "fixture.yaml");
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().message, "unknown colour 'sky'");
    EXPECT_EQ(e.diagnostic().loc.line, 5);
    EXPECT_EQ(e.diagnostic().hints,
              std::vector<std::string>{"use a brand role (paper, ink, accent, primary, muted, "
                                       "on_accent, on_primary) or #rrggbb"});
  }
}

// A personal layout: the supporter's photo, their name, a sentence naming
// them, and the card's line.
Layout personal_layout() {
  return parse_layout(
      "photo: {file: ../layouts/images/ridges.png}\n"
      "elements:\n"
      "  - {name: photo, type: image, source: supporter, area: canvas, box: [0, 0, 1, 0.6]}\n"
      "  - {name: who, field: name, box: [0, 0.6, 1, 0.1]}\n"
      "  - {name: says, text: [\"{name} from {city} says:\", \"{name} says:\"], box: [0, 0.7, 1, "
      "0.1]}\n"
      "  - {name: line, field: headline, box: [0, 0.8, 1, 0.2]}\n",
      std::string(PLACARD_TEST_DIR) + "/fixture.yaml");
}

CampaignMeta personal_meta() {
  CampaignMeta m = meta();
  m.personalize.cards = {"end-287g-agreements"};
  m.personalize.fields = {{"name", 40, true, {}}, {"city", 40, false, {}}};
  m.personalize.photo = true;
  return m;
}

std::vector<std::string> frame_texts(const Card& card) {
  std::vector<std::string> out;
  for (const CardItem& item : card.items)
    if (const auto* f = std::get_if<TextFrame>(&item))
      for (const TextBlock& b : f->blocks) out.push_back(f->name + ": " + b.text.plain());
  return out;
}

TEST(BuildCardPersonal, WithoutASupporterTheirFramesAreLeftOutAndTheSlotShowsThePhoto) {
  Brand brand = load_brand(kExampleBrand);
  Card card =
      build_card(recommendation(1, 1), personal_meta(), personal_layout(), brand, preset("square"));
  EXPECT_EQ(frame_texts(card), std::vector<std::string>{"line: End 287(g) agreements."});
  const auto* img = std::get_if<ImageItem>(&card.items.at(0));
  ASSERT_NE(img, nullptr);
  EXPECT_FALSE(img->supporter);
  EXPECT_NE(img->path.find("ridges.png"), std::string::npos);  // the layout's photo
}

TEST(BuildCardPersonal, ValuesAreIsolatedRunsAndEmptyPlaceholdersTakeTheNextForm) {
  Brand brand = load_brand(kExampleBrand);
  Pixmap photo = Pixmap::make(40, 30);
  Supporter s{{{"name", "\u0639\u0644\u064A"}}, &photo};
  Card card = build_card(recommendation(1, 1), personal_meta(), personal_layout(), brand,
                         preset("square"), {}, &s);
  EXPECT_EQ(frame_texts(card),
            (std::vector<std::string>{"who: \u200E\u2068\u0639\u0644\u064A\u2069",
                                      "says: \u200E\u2068\u0639\u0644\u064A\u2069 says:",
                                      "line: End 287(g) agreements."}));
  const auto* img = std::get_if<ImageItem>(&card.items.at(0));
  ASSERT_NE(img, nullptr);
  EXPECT_TRUE(img->supporter);
  EXPECT_TRUE(img->path.empty());  // nothing for the image cache to load
  EXPECT_EQ(img->fit, ImageFit::cover);
  // The card stays in English: the Arabic name does not turn it around, and
  // each line of it starts with a left-to-right mark, so that Pango (which
  // does not skip isolates when it finds a paragraph's direction) sets it
  // left to right.
  EXPECT_FALSE(card.rtl);
  s.fields["city"] = "Houston";
  card = build_card(recommendation(1, 1), personal_meta(), personal_layout(), brand,
                    preset("square"), {}, &s);
  EXPECT_EQ(frame_texts(card)[1],
            "says: \u200E\u2068\u0639\u0644\u064A\u2069 from \u2068Houston\u2069 says:");
  // The misfit message names the supporter's field, not the frame.
  for (const CardItem& item : card.items)
    if (const auto* f = std::get_if<TextFrame>(&item); f && f->name == "says") {
      EXPECT_EQ(f->blocks[0].field, "name");
    }
}

TEST(BuildCardPersonal, AFieldTheCampaignDoesNotDeclareFailsAtTheLayoutLine) {
  Brand brand = load_brand(kExampleBrand);
  CampaignMeta m = personal_meta();
  m.personalize.fields = {{"name", 40, true, {}}};  // no city
  try {
    build_card(recommendation(1, 1), m, personal_layout(), brand, preset("square"));
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().message,
              "the layout shows the supporter's field 'city', which the campaign's "
              "'personalize.fields' does not declare");
    EXPECT_EQ(e.diagnostic().loc.line, 5);
    EXPECT_NE(e.diagnostic().loc.file.find("fixture.yaml"), std::string::npos);
  }
  // A campaign that personalises nothing just leaves the frames out.
  Card plain = build_card(recommendation(1, 1), meta(), personal_layout(), brand, preset("og"));
  EXPECT_EQ(frame_texts(plain).size(), 1u);
}

}  // namespace
}  // namespace placard
