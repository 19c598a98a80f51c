#include "render/pipeline.h"

#include <gtest/gtest.h>

#include <string>

#include "content/content_deck.h"
#include "layout/sizes.h"

namespace placard {
namespace {

// A worker lets go of its sized fonts every so many renders (so a long
// batch does not grow); cards rendered after that are byte-identical.
TEST(Pipeline, LettingGoOfFontsChangesNoOutput) {
  Renderer renderer;
  Content content = read_content(std::string(PLACARD_TEST_DIR) +
                                 "/../examples/transforming-the-system/campaign.md");
  Layout layout = resolve_layout("", content);
  Brand brand = resolve_brand("", content, renderer.fonts());
  for (const char* size_name : {"og", "story"}) {
    const SizePreset size = parse_sizes({size_name}, {})[0];
    const std::string before =
        render_one(content.cards[1], content.meta, layout, brand, size, renderer).bytes;
    renderer.card_done(1000);  // past any threshold: fonts and kept layouts dropped
    const std::string after =
        render_one(content.cards[1], content.meta, layout, brand, size, renderer).bytes;
    EXPECT_EQ(before, after) << size_name;
    // The stages' times are recorded for the benchmark.
    EXPECT_GT(renderer.times().encode, 0) << size_name;
    EXPECT_GE(renderer.times().total(), renderer.times().layout + renderer.times().draw);
  }
}

}  // namespace
}  // namespace placard
