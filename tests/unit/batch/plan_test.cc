// What goes into an output's digest, and which sizes a card gets.
#include "batch/plan.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/file_io.h"

using namespace placard;

namespace {
ContentCard card_with(std::vector<Span> spans) {
  ContentCard c;
  c.id = "end-287g";
  c.headline.spans = std::move(spans);
  return c;
}
}  // namespace

TEST(Plan, HighlightingAWordChangesTheDigest) {
  // Marking a word with ==…== changes the pixels, so an incremental run must
  // render the card again.
  const SizePreset og = parse_sizes({"og"}, {}).front();
  const ContentCard plain =
      card_with({{"End ", false, false, false}, {"287(g)", false, false, false}});
  const ContentCard marked =
      card_with({{"End ", false, false, false}, {"287(g)", false, false, true}});
  EXPECT_NE(card_key(plain, {}, {}, og), card_key(marked, {}, {}, og));
  EXPECT_NE(output_digest("f", "l", "b", plain, {}, {}, og, ImageFormat::png, 0),
            output_digest("f", "l", "b", marked, {}, {}, og, ImageFormat::png, 0));
  EXPECT_EQ(output_digest("f", "l", "b", plain, {}, {}, og, ImageFormat::png, 0),
            output_digest("f", "l", "b", plain, {}, {}, og, ImageFormat::png, 0));
}

TEST(Plan, TheFormatAndTheBudgetAreInTheDigest) {
  // A card switched to WebP, or given another budget, is a new file: an
  // incremental run renders it again.
  const SizePreset og = parse_sizes({"og"}, {}).front();
  const ContentCard c = card_with({{"End 287(g)", false, false, false}});
  const std::string png = output_digest("f", "l", "b", c, {}, {}, og, ImageFormat::png, 300000);
  EXPECT_NE(png, output_digest("f", "l", "b", c, {}, {}, og, ImageFormat::jpeg, 300000));
  EXPECT_NE(output_digest("f", "l", "b", c, {}, {}, og, ImageFormat::jpeg, 300000),
            output_digest("f", "l", "b", c, {}, {}, og, ImageFormat::webp, 300000));
  EXPECT_NE(png, output_digest("f", "l", "b", c, {}, {}, og, ImageFormat::png, 250000));
}

TEST(Plan, SizesComeFromTheRunThenTheCardThenTheCampaign) {
  ContentCard card = card_with({{"x", false, false, false}});
  CampaignMeta meta;
  EXPECT_EQ(card_sizes({}, card, meta).front().name, "og");
  meta.sizes = {"square"};
  EXPECT_EQ(card_sizes({}, card, meta).front().name, "square");
  card.sizes = {"story"};
  EXPECT_EQ(card_sizes({}, card, meta).front().name, "story");
  EXPECT_EQ(card_sizes({"x"}, card, meta).front().name, "x");
}

TEST(Plan, CardsAtOneSizeShareItsSurfacesAndACampaignsMeta) {
  // A card holds its size's surfaces and its campaign's front matter by
  // reference to one copy: a copy per card was ~8 MB of a 1,000-card run.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("placard-plan-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string deck = (dir / "deck.csv").string();
  write_file_atomic(deck,
                    "kind,headline,lang\nstatement,One,\nstatement,Two,\nstatement,Tres,es\n");
  RenderOptions o;
  o.inputs = {deck};
  o.sizes = {"og,story,1500x500"};
  o.platforms = {"x"};
  BatchReport report;
  Renderer renderer;
  Planner planner(o, report);
  planner.read(renderer);
  const std::vector<PlannedCard> cards = planner.cards("");
  fs::remove_all(dir);
  ASSERT_EQ(cards.size(), 3u);
  for (const PlannedCard& c : cards) {
    ASSERT_FALSE(c.error) << c.error->message;
    ASSERT_EQ(c.sizes.size(), 3u);
    for (size_t k = 0; k < 3; ++k) {
      EXPECT_TRUE(c.sizes[k].surfaces.shares(cards[0].sizes[k].surfaces)) << c.sizes[k].name;
      // --platforms x keeps X's surfaces only.
      for (const Surface& s : c.sizes[k].surfaces) EXPECT_EQ(s.platform, "X") << s.name;
    }
  }
  EXPECT_FALSE(cards[0].sizes[0].surfaces.empty());  // X shows a link card
  EXPECT_EQ(cards[0].meta, cards[1].meta);
  EXPECT_NE(cards[0].meta, cards[2].meta);  // the Spanish card has its own language
  EXPECT_EQ(cards[2].meta->lang, "es");
  EXPECT_EQ(cards[0].meta->lang, "");
}
