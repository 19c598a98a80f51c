// Golden cases: layout dumps compared as text, and a few small pixel
// references compared per channel with a tolerance (never PNG bytes).
// PLACARD_UPDATE_GOLDENS=1 rewrites the references and still fails, so an
// update is never silent.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>

#include "base/file_io.h"
#include "base/resources.h"
#include "case_name.h"
#include "content/content_markdown.h"
#include "image/png_read.h"
#include "image/png_write.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/layout_dump.h"
#include "render/pipeline.h"
#include "text/personal_field.h"

namespace fs = std::filesystem;
using namespace placard;

namespace {

const fs::path kGolden = fs::path(PLACARD_TEST_DIR) / "golden";

bool updating() {
  const char* v = std::getenv("PLACARD_UPDATE_GOLDENS");
  return v && *v && std::string(v) != "0";
}

// A case file: the text (or a Markdown list item) and options of one card.
Rendered render_case(const YAML::Node& c, const fs::path& case_file, Renderer& renderer) {
  Content content;
  content.path = case_file.string();
  content.meta.lang = c["lang"] ? c["lang"].as<std::string>() : "";
  ContentCard card;
  if (c["markdown"]) {
    Content md = parse_markdown(c["markdown"].as<std::string>(), case_file.string());
    card = md.cards.at(0);
  } else {
    card = statement_card(c["text"].as<std::string>());
  }
  std::string layout_name = c["layout"] ? c["layout"].as<std::string>() : "standard";
  std::string brand_path = c["brand"] ? (kGolden / c["brand"].as<std::string>()).string() : "";
  if (layout_name.find('/') != std::string::npos) layout_name = (kGolden / layout_name).string();
  Layout layout = load_layout(layout_name);
  Brand brand = resolve_brand(brand_path, content, renderer.fonts());
  SizePreset size = parse_sizes({c["size"].as<std::string>()}, {})[0];
  CardLabels labels{c["kicker"] ? c["kicker"].as<std::string>() : "",
                    c["footer"] ? c["footer"].as<std::string>() : ""};
  // A personal card: the supporter's values, each field declared by the campaign.
  Supporter supporter;
  if (c["supporter"]) {
    content.meta.personalize.cards = {card.id};
    for (const auto& kv : c["supporter"]) {
      const std::string name = kv.first.as<std::string>();
      content.meta.personalize.fields.push_back({name, 40, false, {}});
      supporter.fields[name] = clean_personal_field(kv.second.as<std::string>());
    }
  }
  // References are PNGs of the lossless pixels, whatever the card's own format.
  return render_one(with_output(make_render_job(card, content.meta, layout, brand, size, labels,
                                                c["supporter"] ? &supporter : nullptr),
                                {FormatChoice{false, ImageFormat::png}, 0}),
                    renderer);
}

Rendered render_case(const fs::path& case_file, Renderer& renderer) {
  return render_case(YAML::LoadFile(case_file.string()), case_file, renderer);
}

// What every golden card must satisfy: each block's lines inside its frame's
// box, its ink there too (but for an italic's overhang at a line's end) and
// inside the safe area, and no character left without a glyph.
void check_inside(const Rendered& r) {
  EXPECT_TRUE(r.layout.warnings.empty()) << r.layout.warnings.front().message;
  size_t fi = 0;
  for (const CardItem& item : r.card.items) {
    const auto* frame = std::get_if<TextFrame>(&item);
    if (!frame) continue;
    for (const PlacedBlock& b : r.layout.frames.at(fi).blocks) {
      const Rect ink{b.x + b.measure.ink.x, b.y + b.measure.ink.y, b.measure.ink.w,
                     b.measure.ink.h};
      SCOPED_TRACE(b.block.field);
      // A hanging opening mark is outside the box on the first line's start
      // side, by its advance (measure.hang), and still inside the safe area.
      const double hang_left = b.measure.rtl ? 0 : b.measure.hang;
      const double hang_right = b.measure.rtl ? b.measure.hang : 0;
      for (size_t i = 0; i < b.measure.line_boxes.size(); ++i) {
        const Rect& l = b.measure.line_boxes[i];
        EXPECT_GE(b.x + l.x, frame->box.x - 0.5 - (i == 0 ? hang_left : 0));
        EXPECT_LE(b.x + l.right(), frame->box.right() + 0.5 + (i == 0 ? hang_right : 0));
      }
      EXPECT_GE(ink.x, frame->box.x - 0.2 * b.size - hang_left);
      EXPECT_LE(ink.right(), frame->box.right() + 0.2 * b.size + hang_right);
      EXPECT_GE(ink.x, r.card.safe.x - 0.5);
      EXPECT_LE(ink.right(), r.card.safe.right() + 0.5);
      EXPECT_GE(ink.y, std::max(frame->box.y, r.card.safe.y) - 0.5);
      EXPECT_LE(ink.bottom(), std::min(frame->box.bottom(), r.card.safe.bottom()) + 0.5);
    }
    ++fi;
  }
}

std::vector<fs::path> cases_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".yaml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

// One test per case file of golden/layout/.
class GoldenLayout : public testing::TestWithParam<fs::path> {};

TEST_P(GoldenLayout, DumpMatchesItsReference) {
  Renderer renderer;
  const fs::path& c = GetParam();
  {
    YAML::Node spec = YAML::LoadFile(c.string());
    fs::path expected_file = fs::path(c).replace_extension(".json");
    if (spec["error"]) {
      // Cases that must fail: the message names the card, the field and the shortfall.
      try {
        render_case(spec, c, renderer);
        ADD_FAILURE() << "expected an error containing '" << spec["error"].as<std::string>() << "'";
      } catch (const DiagnosticError& e) {
        EXPECT_NE(e.diagnostic().message.find(spec["error"].as<std::string>()), std::string::npos)
            << e.diagnostic().message;
      }
      return;
    }
    Rendered r = render_case(spec, c, renderer);
    check_inside(r);
    const std::string actual = dump_layout(r.card, r.layout);
    if (updating()) {
      write_file_atomic(expected_file.string(), actual);
      ADD_FAILURE() << "updated " << expected_file;
      return;
    }
    ASSERT_TRUE(fs::exists(expected_file)) << "no reference; run with PLACARD_UPDATE_GOLDENS=1";
    EXPECT_EQ(read_file(expected_file.string()), actual);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenLayout, testing::ValuesIn(cases_in(kGolden / "layout")),
                         [](const testing::TestParamInfo<fs::path>& i) {
                           return case_name(i.param);
                         });

namespace {

struct Diff {
  int max_delta = 0;
  double over_fraction = 0;  // pixels differing by more than the tolerance
  Pixmap image;              // expected | diff | actual
};

int channel(const Pixmap& p, int x, int y, int shift) {
  uint32_t v;
  std::memcpy(&v, p.data.data() + size_t(y) * p.stride + size_t(x) * 4, 4);
  return (v >> shift) & 0xff;
}

Diff compare(const Pixmap& a, const Pixmap& b, int tolerance) {
  Diff d;
  d.image = Pixmap::make(a.width * 3, a.height);
  long over = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      int delta = 0;
      for (int shift : {0, 8, 16, 24})
        delta = std::max(delta, std::abs(channel(a, x, y, shift) - channel(b, x, y, shift)));
      d.max_delta = std::max(d.max_delta, delta);
      if (delta > tolerance) ++over;
      auto put = [&](int px, uint32_t v) {
        std::memcpy(d.image.data.data() + size_t(y) * d.image.stride + size_t(px) * 4, &v, 4);
      };
      uint32_t av, bv;
      std::memcpy(&av, a.data.data() + size_t(y) * a.stride + size_t(x) * 4, 4);
      std::memcpy(&bv, b.data.data() + size_t(y) * b.stride + size_t(x) * 4, 4);
      put(x, av);
      put(a.width + x, delta > tolerance ? 0xffff0000u : 0xff000000u | (delta * 0x010101u));
      put(2 * a.width + x, bv);
    }
  }
  d.over_fraction = double(over) / (double(a.width) * a.height);
  return d;
}

}  // namespace

// One test per case file of golden/pixels/.
class GoldenPixels : public testing::TestWithParam<fs::path> {};

TEST_P(GoldenPixels, CardLooksLikeItsReference) {
  Renderer renderer;
  const fs::path& c = GetParam();
  {
    Rendered r = render_case(c, renderer);
    fs::path ref = fs::path(c).replace_extension(".png");
    if (updating()) {
      write_file_atomic(ref.string(), r.bytes);
      ADD_FAILURE() << "updated " << ref;
      return;
    }
    ASSERT_TRUE(fs::exists(ref)) << "no reference; run with PLACARD_UPDATE_GOLDENS=1";
    Pixmap expected = decode_png(read_file(ref.string()), ref.string());
    Pixmap actual = decode_png(r.bytes, "rendered");
    ASSERT_EQ(expected.width, actual.width);
    ASSERT_EQ(expected.height, actual.height);
    // Antialiasing may move a little between library versions; layout may not.
    Diff d = compare(expected, actual, 24);
    if (d.over_fraction > 0.002) {
      fs::path out = fs::path(testing::TempDir()) / (c.stem().string() + ".diff.png");
      write_file_atomic(out.string(), encode_png(d.image, {}));
      ADD_FAILURE() << "pixels differ: " << d.over_fraction * 100 << "% over tolerance, max delta "
                    << d.max_delta << "; expected | diff | actual written to " << out;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenPixels, testing::ValuesIn(cases_in(kGolden / "pixels")),
                         [](const testing::TestParamInfo<fs::path>& i) {
                           return case_name(i.param);
                         });

// A folder emptied by mistake would otherwise pass with no test at all.
TEST(GoldenCases, EachKindHasCases) {
  EXPECT_GE(cases_in(kGolden / "layout").size(), 10u);
  EXPECT_GE(cases_in(kGolden / "pixels").size(), 2u);
}
