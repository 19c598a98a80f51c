// Every built-in layout (and the SVG template example) renders the example
// campaign at every preset size with both example brands: no card too long
// for its boxes, no text outside the safe area, no contrast failure.
#include <gtest/gtest.h>

#include "content/content_markdown.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/pipeline.h"

using namespace placard;

TEST(BuiltInLayouts, RenderTheExampleCampaignWithBothBrandsAtEverySize) {
  const std::string root = std::string(PLACARD_TEST_DIR) + "/..";
  Content content = read_markdown(root + "/examples/transforming-the-system/campaign.md");
  Renderer renderer;
  std::vector<std::string> layouts;
  for (const auto& [name, description] : list_layouts()) layouts.push_back(name);
  ASSERT_GE(layouts.size(), 7u);
  layouts.push_back(root + "/examples/svg-template/poster.yaml");
  int rendered = 0;
  for (const std::string& brand_name : {"transforming", "common-ground"}) {
    Brand brand = resolve_brand(root + "/examples/brands/" + brand_name + "/brand.yaml", content,
                                renderer.fonts());
    for (const std::string& name : layouts) {
      Layout layout = load_layout(name);
      for (const ContentCard& c : content.cards) {
        for (const SizePreset& size : size_presets()) {
          try {
            Rendered r = render_one(c, content.meta, layout, brand, size, renderer);
            EXPECT_TRUE(r.layout.warnings.empty()) << r.layout.warnings.front();
            ++rendered;
          } catch (const DiagnosticError& e) {
            ADD_FAILURE() << layout.name << " with " << brand_name << ": "
                          << format_diagnostic(e.diagnostic());
          }
        }
      }
    }
  }
  EXPECT_EQ(rendered, 2 * 8 * 6 * 6);
}
