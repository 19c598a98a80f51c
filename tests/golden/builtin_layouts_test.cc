// Every built-in layout (and the SVG template example) renders the example
// campaign at every preset size with both example brands: no card too long
// for its boxes, no text outside the safe area, no contrast failure.
#include <gtest/gtest.h>

#include "content/content_markdown.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/pipeline.h"
#include "text/personal_field.h"

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
  EXPECT_EQ(rendered, 2 * 9 * 6 * 6);
}

// The personal layout with a supporter: short and long, Latin and Arabic
// names, with and without a town, over a busy photo, in every edition, at
// every size, with both brands: everything fits and passes the contrast check.
TEST(BuiltInLayouts, FrameRendersSupportersCardsInEveryEdition) {
  const std::string root = std::string(PLACARD_TEST_DIR) + "/..";
  Renderer renderer;
  // A busy photo: hard-edged bright and dark checks with noise.
  Pixmap photo = Pixmap::make(640, 480);
  for (int y = 0; y < 480; ++y)
    for (int x = 0; x < 640; ++x) {
      const bool light = ((x / 23) + (y / 31)) % 2 == 0;
      const uint8_t n = static_cast<uint8_t>((x * 7919 + y * 104729) % 40);
      photo.set_rgba(x, y, light ? Rgba{uint8_t(215 + n), uint8_t(215 + n), uint8_t(120 + n), 255}
                                 : Rgba{uint8_t(n), uint8_t(40 + n), uint8_t(90 + n), 255});
    }
  const std::vector<std::map<std::string, std::string>> people = {
      {{"name", "Ana"}},
      {{"name", "Maria Guadalupe Fernández-Castellanos"}, {"city", "San Juan Bautista"}},
      {{"name", "عليّ حسن"}, {"city", "ديربورن"}},
      {{"name", "محمد عبد الرحمن الحسيني الهاشمي"}, {"city", "Dearborn Heights"}}};
  Layout layout = load_layout("frame");
  int rendered = 0;
  for (const char* file : {"campaign.md", "campaign.es.md", "campaign.ar.md"}) {
    Content content = read_markdown(root + "/examples/transforming-the-system/" + file);
    for (const std::string& brand_name : {"transforming", "common-ground"}) {
      Brand brand = resolve_brand(root + "/examples/brands/" + brand_name + "/brand.yaml", content,
                                  renderer.fonts());
      for (const ContentCard& c : content.cards) {
        if (!content.meta.personalize.covers(c.id)) continue;
        for (const auto& fields : people) {
          Supporter s{fields, &photo};
          for (auto& [name, value] : s.fields) value = clean_personal_field(value);
          for (const SizePreset& size : size_presets()) {
            try {
              Rendered r = render_one(c, content.meta, layout, brand, size, renderer, {}, false,
                                      {}, &s);
              EXPECT_TRUE(r.layout.warnings.empty()) << r.layout.warnings.front();
              ++rendered;
            } catch (const DiagnosticError& e) {
              ADD_FAILURE() << file << " " << c.id << " " << size.name << " " << brand_name
                            << " " << fields.at("name") << ": " << format_diagnostic(e.diagnostic());
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(rendered, 3 * 2 * 2 * 4 * 6);
}
