#include "render/pipeline.h"

#include <gtest/gtest.h>

#include <string>

#include "../image/test_images.h"
#include "content/content_deck.h"
#include "image/image_read.h"
#include "image/jpeg_write.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/layout_dump.h"

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
        render_one(make_render_job(content.cards[1], content.meta, layout, brand, size), renderer)
            .bytes;
    renderer.card_done(1000);  // past any threshold: fonts and kept layouts dropped
    const std::string after =
        render_one(make_render_job(content.cards[1], content.meta, layout, brand, size), renderer)
            .bytes;
    EXPECT_EQ(before, after) << size_name;
    // The stages' times are recorded for the benchmark.
    EXPECT_GT(renderer.times().encode, 0) << size_name;
    EXPECT_GE(renderer.times().total(), renderer.times().layout + renderer.times().draw);
  }
}

// A personal card's photo slot gets the supporter's photo as the camera
// meant it: a phone's JPEG stored on its side with EXIF orientation 6
// comes out upright, and the photo is not left in the image cache.
TEST(PipelinePersonal, APhotoWithExifOrientation6IsDrawnUpright) {
  // Upright: 300x200, red in the top-left quarter, blue elsewhere.
  Pixmap upright = Pixmap::make(300, 200);
  for (int y = 0; y < 200; ++y)
    for (int x = 0; x < 300; ++x)
      upright.set_rgba(x, y, x < 150 && y < 100 ? Rgba{220, 30, 30, 255} : Rgba{30, 40, 200, 255});
  // Stored as the sensor saw it: 200x300, to be turned 90° clockwise.
  Pixmap stored = Pixmap::make(200, 300);
  for (int y = 0; y < 300; ++y)
    for (int x = 0; x < 200; ++x) stored.set_argb(x, y, upright.argb(299 - y, x));
  JpegTuning tuning;
  tuning.quality = 95;
  const std::string jpeg = test::with_app1(encode_jpeg(stored, tuning), test::exif_block(6, true));
  const Pixmap photo = decode_image(jpeg, "phone.jpg");
  ASSERT_EQ(photo.width, 300);
  ASSERT_EQ(photo.height, 200);
  const Rgba corner = photo.rgba(20, 20);
  EXPECT_GT(corner.r, 180) << int(corner.r) << " " << int(corner.g) << " " << int(corner.b);

  Layout layout = parse_layout(
      "elements:\n"
      "  - {name: photo, type: image, source: supporter, fit: fill, area: canvas, box: [0, 0, 1, "
      "1]}\n"
      "  - {name: who, field: name, box: [0.1, 0.8, 0.8, 0.15], color: '#FFFFFF', size: [20, "
      "40]}\n",
      "personal.yaml");
  Renderer renderer;
  Brand brand = resolve_brand("", Content{}, renderer.fonts());
  CampaignMeta meta;
  meta.lang = "en";
  meta.personalize.cards = {"card"};
  meta.personalize.fields = {{"name", 40, true, {}}};
  meta.personalize.photo = true;
  Supporter s{{{"name", "Ana"}}, &photo};
  const SizePreset size = parse_sizes({"600x400"}, {})[0];
  Rendered r = render_one(with_output(make_render_job(statement_card("End 287(g) agreements."),
                                                      meta, layout, brand, size, {}, &s),
                                      {FormatChoice{false, ImageFormat::png}, 0}),
                          renderer);
  const Pixmap out = decode_image(r.bytes, "out.png");
  auto near = [](Rgba a, Rgba b) {
    return std::abs(a.r - b.r) < 40 && std::abs(a.g - b.g) < 40 && std::abs(a.b - b.b) < 40;
  };
  EXPECT_TRUE(near(out.rgba(100, 60), {220, 30, 30, 255}));   // top-left: red
  EXPECT_TRUE(near(out.rgba(450, 60), {30, 40, 200, 255}));   // top-right: blue
  EXPECT_TRUE(near(out.rgba(100, 260), {30, 40, 200, 255}));  // bottom-left: blue
  // The same card without a supporter has no photo and no name.
  Rendered plain = render_one(with_output(make_render_job(statement_card("End 287(g) agreements."),
                                                          meta, layout, brand, size),
                                          {FormatChoice{false, ImageFormat::png}, 0}),
                              renderer);
  EXPECT_TRUE(plain.layout.frames.empty());
  EXPECT_FALSE(near(decode_image(plain.bytes, "plain.png").rgba(100, 60), {220, 30, 30, 255}));
}

}  // namespace
}  // namespace placard
