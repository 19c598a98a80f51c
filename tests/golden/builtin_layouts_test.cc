// Every built-in layout (and the SVG template example) renders the example
// campaign in English, Spanish and Arabic at every preset size with both
// example brands: no card too long for its boxes, no text outside the safe
// area, no contrast failure, and nothing that a platform of the size crops
// or covers (the platform check, platforms.yaml).
#include <gtest/gtest.h>

#include <filesystem>
#include <tuple>

#include "case_name.h"

#include "content/content_markdown.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/pipeline.h"
#include "text/personal_field.h"

using namespace placard;

namespace {

const std::string kRoot = std::string(PLACARD_TEST_DIR) + "/..";

std::vector<std::string> layouts_to_check() {
  std::vector<std::string> layouts;
  for (const auto& [name, description] : list_layouts()) layouts.push_back(name);
  layouts.push_back(kRoot + "/examples/svg-template/poster.yaml");
  return layouts;
}

// (brand, layout): one test each, so that a failure names both and ctest
// spreads them over the cores.
using LayoutCase = std::tuple<std::string, std::string>;
class BuiltInLayouts : public testing::TestWithParam<LayoutCase> {};

}  // namespace

TEST(BuiltInLayoutList, HasEveryLayout) {
  EXPECT_GE(layouts_to_check().size(), 8u);
}

TEST_P(BuiltInLayouts, RenderTheExampleCampaignAtEverySize) {
  const auto& [brand_name, name] = GetParam();
  Renderer renderer;
  Layout layout = load_layout(name);
  int rendered = 0;
  for (const char* edition : {"campaign.md", "campaign.es.md", "campaign.ar.md"}) {
    Content content = read_markdown(kRoot + "/examples/transforming-the-system/" + edition);
    Brand brand = resolve_brand(kRoot + "/examples/brands/" + brand_name + "/brand.yaml", content,
                                renderer.fonts());
    for (const ContentCard& c : content.cards) {
      for (const SizePreset& size : size_presets()) {
        try {
          Rendered r =
              render_one(make_render_job(c, content.meta, layout, brand, size), renderer);
          EXPECT_TRUE(r.layout.warnings.empty()) << edition << " " << c.id << " " << size.name
                                                 << ": " << r.layout.warnings.front().message;
          ++rendered;
        } catch (const DiagnosticError& e) {
          ADD_FAILURE() << layout.name << " with " << brand_name << " (" << edition
                        << "): " << format_diagnostic(e.diagnostic());
        }
      }
    }
  }
  EXPECT_EQ(rendered, 3 * 6 * 6);
}

INSTANTIATE_TEST_SUITE_P(BrandAndLayout, BuiltInLayouts,
                         testing::Combine(testing::Values("transforming", "common-ground"),
                                          testing::ValuesIn(layouts_to_check())),
                         [](const testing::TestParamInfo<LayoutCase>& i) {
                           return case_name(
                               std::get<0>(i.param) + "_" +
                               std::filesystem::path(std::get<1>(i.param)).stem().string());
                         });

// The personal layout with a supporter: short and long, Latin and Arabic
// names, with and without a town, over a busy photo, in every edition, at
// every size, with both brands: everything fits and passes the contrast check.
// One test per edition.
class FrameLayout : public testing::TestWithParam<std::string> {};

TEST_P(FrameLayout, RendersSupportersCardsInThisEdition) {
  const std::string root = kRoot;
  Renderer renderer;
  // A busy photo: hard-edged bright and dark checks with noise.
  Pixmap photo = Pixmap::make(640, 480);
  for (int y = 0; y < 480; ++y)
    for (int x = 0; x < 640; ++x) {
      const bool light = ((x / 23) + (y / 31)) % 2 == 0;
      const uint8_t n = static_cast<uint8_t>((x * 7919 + y * 104729) % 40);
      photo.set_rgba(x, y,
                     light ? Rgba{uint8_t(215 + n), uint8_t(215 + n), uint8_t(120 + n), 255}
                           : Rgba{uint8_t(n), uint8_t(40 + n), uint8_t(90 + n), 255});
    }
  const std::vector<std::map<std::string, std::string>> people = {
      {{"name", "Ana"}},
      {{"name", "Maria Guadalupe Fernández-Castellanos"}, {"city", "San Juan Bautista"}},
      {{"name", "عليّ حسن"}, {"city", "ديربورن"}},
      {{"name", "محمد عبد الرحمن الحسيني الهاشمي"}, {"city", "Dearborn Heights"}}};
  Layout layout = load_layout("frame");
  int rendered = 0;
  {
    const std::string file = GetParam();
    Content content = read_markdown(root + "/examples/transforming-the-system/" + file);
    for (const char* brand_name : {"transforming", "common-ground"}) {
      Brand brand = resolve_brand(root + "/examples/brands/" + brand_name + "/brand.yaml", content,
                                  renderer.fonts());
      for (const ContentCard& c : content.cards) {
        if (!content.meta.personalize.covers(c.id)) continue;
        for (const auto& fields : people) {
          Supporter s{fields, &photo};
          for (auto& [name, value] : s.fields) value = clean_personal_field(value);
          for (const SizePreset& size : size_presets()) {
            try {
              Rendered r = render_one(make_render_job(c, content.meta, layout, brand, size, {}, &s),
                                      renderer);
              EXPECT_TRUE(r.layout.warnings.empty()) << r.layout.warnings.front().message;
              ++rendered;
            } catch (const DiagnosticError& e) {
              ADD_FAILURE() << file << " " << c.id << " " << size.name << " " << brand_name << " "
                            << fields.at("name") << ": " << format_diagnostic(e.diagnostic());
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(rendered, 2 * 2 * 4 * 6);
}

INSTANTIATE_TEST_SUITE_P(Editions, FrameLayout,
                         testing::Values("campaign.md", "campaign.es.md", "campaign.ar.md"),
                         [](const testing::TestParamInfo<std::string>& i) {
                           return case_name(i.param);
                         });
