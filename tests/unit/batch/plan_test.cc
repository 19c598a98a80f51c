// What goes into an output's digest, and which sizes a card gets.
#include "batch/plan.h"

#include <gtest/gtest.h>

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
