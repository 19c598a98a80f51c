#include "image/png_write.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "content/content_deck.h"
#include "image/png_read.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/build_card.h"
#include "render/pipeline.h"

namespace placard {
namespace {

struct Chunk {
  std::string type;
  std::string data;
};

uint32_t be32(const std::string& s, size_t at) {
  auto b = [&](size_t i) { return uint32_t(static_cast<unsigned char>(s[at + i])); };
  return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

// The chunks of a PNG file, in order (CRCs are left to the decoder tests).
std::vector<Chunk> chunks(const std::string& png) {
  std::vector<Chunk> out;
  for (size_t at = 8; at + 12 <= png.size();) {
    uint32_t len = be32(png, at);
    out.push_back({png.substr(at + 4, 4), png.substr(at + 8, len)});
    at += 12 + len;
  }
  return out;
}

std::vector<std::string> chunk_types(const std::string& png) {
  std::vector<std::string> types;
  for (const auto& c : chunks(png)) types.push_back(c.type);
  return types;
}

// Something like a card: a flat background, a stripe and "text" of varying
// coverage (opaque images) or alpha (translucent ones).
Pixmap sample(int w, int h, uint8_t background_alpha) {
  Pixmap p = Pixmap::make(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      Rgba c{20, 60, 110, background_alpha};
      if (y > h - 4) c = {240, 190, 30, 255};
      if ((x / 3 + y / 5) % 4 == 0) {
        auto v = uint8_t(x * 37 + y * 11);
        c = background_alpha == 255 ? Rgba{v, v, uint8_t(255 - v), 255} : Rgba{255, 255, 255, v};
      }
      p.set_rgba(x, y, c);
    }
  return p;
}

const PngMeta kMeta{"Fund health workers", "A blue card that reads: fund health workers",
                    "placard test"};

TEST(PngWrite, OpaqueImageIsRgbAndRoundTripsExactly) {
  Pixmap p = sample(61, 33, 255);
  for (int x = 0; x < p.width; ++x) p.set_rgba(x, 0, {uint8_t(x), uint8_t(3 * x), 7, 255});
  std::string png = encode_png(p, kMeta, {.palette = false});

  auto c = chunks(png);
  ASSERT_FALSE(c.empty());
  ASSERT_EQ(c[0].type, "IHDR");
  EXPECT_EQ(be32(c[0].data, 0), 61u);
  EXPECT_EQ(be32(c[0].data, 4), 33u);
  EXPECT_EQ(c[0].data[8], 8);  // bit depth
  EXPECT_EQ(c[0].data[9], 2);  // colour type: RGB

  Pixmap back = decode_png(png, "card.png");
  ASSERT_EQ(back.width, p.width);
  ASSERT_EQ(back.height, p.height);
  EXPECT_EQ(back.data, p.data);
}

// Largest per-channel difference between two opaque pixmaps.
int max_difference(const Pixmap& a, const Pixmap& b) {
  int worst = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      for (int shift = 0; shift < 24; shift += 8)
        worst = std::max(worst, std::abs(int((a.argb(x, y) >> shift) & 0xff) -
                                         int((b.argb(x, y) >> shift) & 0xff)));
  return worst;
}

TEST(PngWrite, FlatColourImageIsAPaletteWithinTheTolerance) {
  // Antialiased "ink" over paper: every blend of two colours, as Cairo makes.
  Pixmap p = Pixmap::make(300, 40);
  for (int y = 0; y < p.height; ++y)
    for (int x = 0; x < p.width; ++x) {
      int t = (x * 7 + y * 3) % 256;  // coverage
      if (x < 100) t = 0;             // plenty of paper
      auto mix = [t](int a, int b) { return uint8_t((a * (255 - t) + b * t + 127) / 255); };
      p.set_rgba(x, y, {mix(250, 17), mix(247, 24), mix(240, 39), 255});
    }
  for (int tolerance : {2, 4, 7}) {
    std::string png = encode_png(p, kMeta, {.palette = true, .tolerance = tolerance});
    auto c = chunks(png);
    EXPECT_EQ(c[0].data[9], 3) << tolerance;  // colour type: palette
    auto types = chunk_types(png);
    auto plte = std::find(types.begin(), types.end(), "PLTE");
    auto idat = std::find(types.begin(), types.end(), "IDAT");
    EXPECT_TRUE(plte < idat && idat != types.end());
    EXPECT_EQ(c.back().type, "IEND");
    Pixmap back = decode_png(png, "card.png");
    EXPECT_LE(max_difference(p, back), tolerance);
    // Paper, the most common colour, is exact.
    EXPECT_EQ(back.argb(0, 0), p.argb(0, 0));
  }
  // Few colours: exact at any tolerance.
  Pixmap few = sample(40, 20, 255);
  for (int y = 0; y < few.height; ++y)
    for (int x = 0; x < few.width; ++x)
      if (few.argb(x, y) != few.argb(0, 0)) few.set_rgba(x, y, {200, 30, 30, 255});
  EXPECT_EQ(decode_png(encode_png(few, kMeta), "f.png").data, few.data);
}

// An edge colour takes the nearest palette entry within the tolerance, and at
// equal distance the more frequent one. The two inks lie on either side of a
// 16-level boundary of red, where the encoder files its entries by value.
TEST(PngWrite, EdgeColoursTakeTheNearestEntryAndTiesTheMoreFrequent) {
  const Rgba paper{250, 247, 240, 255}, ink{17, 24, 39, 255}, other{10, 24, 39, 255};
  const Rgba nearer_ink{14, 24, 39, 255};    // 3 from ink, 4 from other
  const Rgba nearer_other{13, 24, 36, 255};  // 4 from ink, 3 from other
  const Rgba between{14, 24, 43, 255};       // 4 from both
  Pixmap p = Pixmap::make(200, 30);
  for (int y = 0; y < p.height; ++y)
    for (int x = 0; x < p.width; ++x)
      p.set_rgba(x, y, y < 10 ? paper : y < 20 ? ink : x < 50 ? other : paper);
  p.set_rgba(5, 25, nearer_ink);
  p.set_rgba(9, 25, nearer_other);
  p.set_rgba(13, 25, between);
  const Pixmap back = decode_png(encode_png(p, kMeta), "edges.png");
  EXPECT_EQ(back.rgba(5, 25), ink);
  EXPECT_EQ(back.rgba(9, 25), other);
  EXPECT_EQ(back.rgba(13, 25), ink);  // ink covers 2,000 pixels, other 500
  EXPECT_EQ(back.rgba(0, 15), ink);
  EXPECT_EQ(back.rgba(0, 25), other);
}

// A card's subtle background gradient (the heading layout's, dark blue, a
// level every ~10 px) and a faint ring one level off it: each shade fills an
// area, so none is merged into its neighbour. Merged by the 6-level
// tolerance, the gradient became 6-level bands with stepped edges and the
// ring vanished into the background.
TEST(PngWrite, AGradientsShadesAndAFaintRingAreKeptNotBanded) {
  Pixmap p = Pixmap::make(1200, 630);
  for (int y = 0; y < p.height; ++y)
    for (int x = 0; x < p.width; ++x) {
      const int step = (x + y) / 20;  // 0..91: a diagonal gradient
      Rgba c{uint8_t(22 + step / 12), uint8_t(43 + step / 5), uint8_t(100 + step / 3), 255};
      const int dx = x - 900, dy = y - 300;
      const int r2 = dx * dx + dy * dy;
      if (r2 > 250 * 250 && r2 < 262 * 262) c.b = uint8_t(c.b + 3);  // a faint ring
      p.set_rgba(x, y, c);
    }
  const std::string png = encode_png(p, kMeta);
  EXPECT_EQ(chunks(png)[0].data[9], 3);  // still a palette: the shades are few
  const Pixmap back = decode_png(png, "card.png");
  EXPECT_LE(max_difference(p, back), 1);
  EXPECT_NE(back.argb(900 + 256, 300), back.argb(900 + 240, 300));  // the ring is there
}

// The quantiser splits rows into runs of one colour and copies a row equal
// to the one above: long runs, one-pixel runs, a run ending the row.
TEST(PngWrite, LongRunsAndRepeatedRowsRoundTripExactly) {
  const int w = 8191;
  Pixmap p = Pixmap::make(w, 4);
  for (int x = 0; x < w; ++x) {
    p.set_rgba(x, 0, x == w - 1 ? Rgba{200, 30, 30, 255} : Rgba{250, 247, 240, 255});
    p.set_rgba(x, 1, x == w - 1 ? Rgba{200, 30, 30, 255} : Rgba{250, 247, 240, 255});
    p.set_rgba(x, 2, {17, 24, 39, 255});
    p.set_rgba(x, 3, x % 2 ? Rgba{17, 24, 39, 255} : Rgba{250, 247, 240, 255});
  }
  std::string png = encode_png(p, kMeta);
  EXPECT_EQ(chunks(png)[0].data[9], 3);  // palette
  EXPECT_EQ(decode_png(png, "wide.png").data, p.data);
}

// The row filters and compressors the benchmark compares give the same
// pixels as the default encoding: only the bytes may differ.
TEST(PngWrite, EveryPaletteRowFilterAndCompressorGivesTheSamePixels) {
  Pixmap p = Pixmap::make(97, 60);
  for (int y = 0; y < p.height; ++y)
    for (int x = 0; x < p.width; ++x) {
      Rgba c{250, 247, 240, 255};
      // Repeated rows, runs and a changing band, so that each filter's rows differ.
      if (y >= 10 && y < 30 && (x + y / 4) % 7 < 3) c = {17, 24, 39, 255};
      if (y >= 40 && x > y) c = {200, uint8_t(4 * (y - 40)), 30, 255};
      p.set_rgba(x, y, c);
    }
  const std::string reference = encode_png(p, kMeta);
  ASSERT_EQ(chunks(reference)[0].data[9], 3);
  const Pixmap expected = decode_png(reference, "default.png");
  using R = PngTuning::Rows;
  using D = PngTuning::Deflate;
  for (R rows : {R::none, R::up_repeats, R::up})
    for (D deflate : {D::libdeflate, D::zlib_rle, D::zlib}) {
      const std::string png = encode_png(p, kMeta, {.level = 4, .rows = rows, .deflate = deflate});
      EXPECT_EQ(chunks(png)[0].data[9], 3);
      EXPECT_EQ(decode_png(png, "tuned.png").data, expected.data)
          << "rows " << int(rows) << " deflate " << int(deflate);
      if (rows != R::none || deflate != D::libdeflate) {
        EXPECT_NE(png, reference);
      }
    }
}

TEST(PngWrite, ManyColoursFallBackToRgb) {
  Pixmap p = Pixmap::make(128, 128);
  for (int y = 0; y < 128; ++y)
    for (int x = 0; x < 128; ++x)
      p.set_rgba(x, y, {uint8_t(2 * x), uint8_t(2 * y), uint8_t(x ^ y), 255});
  std::string png = encode_png(p, kMeta);
  EXPECT_EQ(chunks(png)[0].data[9], 2);  // RGB
  EXPECT_EQ(decode_png(png, "p.png").data, p.data);
}

TEST(PngWrite, TranslucentImageIsRgbaAndRoundTripsWithinOne) {
  Pixmap p = sample(40, 24, 128);
  p.set_argb(0, 0, 0);           // fully transparent
  p.set_argb(1, 0, 0x01010101);  // the faintest grey
  std::string png = encode_png(p, kMeta);
  EXPECT_EQ(chunks(png)[0].data[9], 6);  // colour type: RGBA

  Pixmap back = decode_png(png, "card.png");
  ASSERT_EQ(back.width, p.width);
  ASSERT_EQ(back.height, p.height);
  for (int y = 0; y < p.height; ++y)
    for (int x = 0; x < p.width; ++x)
      for (int shift = 0; shift < 32; shift += 8) {
        int want = (p.argb(x, y) >> shift) & 0xff, got = (back.argb(x, y) >> shift) & 0xff;
        ASSERT_LE(std::abs(want - got), 1) << "pixel " << x << "," << y << " shift " << shift;
      }
  EXPECT_EQ(back.argb(0, 0), 0u);
}

TEST(PngWrite, HasSrgbAndTextAndNoTime) {
  std::string png = encode_png(sample(8, 8, 255), kMeta);
  auto types = chunk_types(png);
  EXPECT_EQ(types.front(), "IHDR");
  EXPECT_EQ(types.back(), "IEND");
  EXPECT_EQ(std::count(types.begin(), types.end(), "tIME"), 0);
  bool found_srgb = false;
  for (const auto& c : chunks(png))
    if (c.type == "sRGB") {
      found_srgb = true;
      EXPECT_EQ(c.data, std::string(1, '\0'));  // perceptual intent
    }
  EXPECT_TRUE(found_srgb);
  EXPECT_EQ(std::count(types.begin(), types.end(), "tEXt"), 3);

  auto text = read_png_text(png);
  EXPECT_EQ(text.size(), 3u);
  EXPECT_EQ(text["Title"], kMeta.title);
  EXPECT_EQ(text["Description"], kMeta.description);
  EXPECT_EQ(text["Software"], kMeta.software);
}

TEST(PngWrite, NonAsciiAltTextRoundTripsAsItxt) {
  PngMeta meta = kMeta;
  meta.description = "بطاقة زرقاء: موّلوا العاملين الصحيين";
  meta.title = "资助社区卫生工作者";
  std::string png = encode_png(sample(8, 8, 255), meta);
  auto types = chunk_types(png);
  EXPECT_EQ(std::count(types.begin(), types.end(), "iTXt"), 2);
  EXPECT_EQ(std::count(types.begin(), types.end(), "tEXt"), 1);  // Software
  auto text = read_png_text(png);
  EXPECT_EQ(text["Description"], meta.description);
  EXPECT_EQ(text["Title"], meta.title);
}

TEST(PngWrite, EmptyTextFieldsAreLeftOut) {
  std::string png = encode_png(sample(8, 8, 255), PngMeta{"", "alt", ""});
  auto text = read_png_text(png);
  EXPECT_EQ(text.size(), 1u);
  EXPECT_EQ(text["Description"], "alt");
}

TEST(PngWrite, SamePixmapGivesIdenticalBytes) {
  Pixmap p = sample(120, 63, 200);
  std::string first = encode_png(p, kMeta);
  Pixmap copy = p;
  EXPECT_EQ(encode_png(copy, kMeta), first);
}

TEST(PngWrite, HonoursStrideLargerThanTheRow) {
  Pixmap tight = sample(10, 6, 255);
  Pixmap padded = tight;
  padded.stride = tight.stride + 16;
  padded.data.assign(size_t(padded.stride) * padded.height, 0xee);
  for (int y = 0; y < tight.height; ++y)
    std::copy(tight.row(y), tight.row(y) + tight.stride, padded.row(y));
  EXPECT_EQ(encode_png(padded, kMeta), encode_png(tight, kMeta));
}

TEST(PngWrite, RejectsAnEmptyPixmap) {
  try {
    encode_png(Pixmap{}, kMeta);
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::io);
    EXPECT_EQ(e.diagnostic().message, "cannot encode a 0x0 image with stride 0 as PNG");
  }
}

}  // namespace
}  // namespace placard

namespace placard {
namespace {

// A real card: palette-encoded, smaller than RGB, within 3% on every channel.
TEST(PngWrite, RenderedCardIsAPaletteWithNoVisibleChange) {
  Renderer renderer;
  Content content = read_content(std::string(PLACARD_TEST_DIR) +
                                 "/../examples/transforming-the-system/campaign.md");
  Layout layout = resolve_layout("", content);
  Brand brand = resolve_brand("", content, renderer.fonts());
  for (const char* size_name : {"og", "story"}) {
    const SizePreset size = parse_sizes({size_name}, {})[0];
    Card card = build_card(content.cards[1], content.meta, layout, brand, size);
    PangoText& text = renderer.text_for(card.lang);
    CardLayout l = lay_out_card(card, text);
    load_images(card, renderer.images());
    Pixmap pixels = draw_card(card, l, text, renderer.images());
    std::string palette = encode_png(pixels, {});
    std::string rgb = encode_png(pixels, {}, {.palette = false});
    EXPECT_EQ(chunks(palette)[0].data[9], 3) << size_name;
    EXPECT_LT(palette.size() * 3, rgb.size() * 2) << size_name;  // at least a third smaller
    EXPECT_LE(max_difference(pixels, decode_png(palette, "card.png")), 7) << size_name;
  }
}

}  // namespace
}  // namespace placard

namespace placard {
namespace {

// The palette rule on real cards: every built-in layout at every preset size
// (the example's first and longest cards, as `placard render` encodes them).
// A palette PNG moves no pixel by more than 6 levels on any channel from what
// was drawn; any other PNG (a gradient's or a photo's shades: heading, frame,
// photo, and the longest card over statement's glow) is exact.
TEST(PngWrite, EveryBuiltInLayoutAndSizeKeepsThePaletteRule) {
  Renderer renderer;
  Content content = read_content(std::string(PLACARD_TEST_DIR) +
                                 "/../examples/transforming-the-system/campaign.md");
  Brand brand = resolve_brand("", content, renderer.fonts());
  auto length = [](const ContentCard& c) {
    size_t n = 0;
    for (const Span& s : c.headline.spans) n += s.text.size();
    return n;
  };
  size_t longest = 0;
  for (size_t i = 0; i < content.cards.size(); ++i)
    if (length(content.cards[i]) > length(content.cards[longest])) longest = i;
  int palettes = 0, others = 0;
  for (const auto& [name, description] : list_layouts()) {
    Layout layout = load_layout(name);
    for (const SizePreset& size : size_presets())
      for (size_t i : {size_t{0}, longest}) {
        RenderJob job = make_render_job(content.cards[i], content.meta, layout, brand, size);
        job.output.format = FormatChoice{false, ImageFormat::png};
        const Rendered r = render_one(std::move(job), renderer);
        const Pixmap back = decode_png(r.bytes, "card.png");
        const bool palette = chunks(r.bytes)[0].data[9] == 3;
        (palette ? palettes : others)++;
        // Flat layouts (fills and text, no gradient or photo) are palettes.
        if (name == "standard" || name == "recommendation") {
          EXPECT_TRUE(palette) << name << " " << size.name << " card " << i;
        }
        EXPECT_LE(max_difference(renderer.canvas(), back), palette ? 6 : 0)
            << name << " " << size.name << " card " << i << (palette ? " (palette)" : " (RGB)");
      }
  }
  EXPECT_GE(palettes, 40);  // 47 of 96 today
  EXPECT_GE(others, 1);
}

}  // namespace
}  // namespace placard
