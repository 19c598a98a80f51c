// Inputs the fuzzers found (fuzz/regressions/<target>/) and their seeds
// (fuzz/seeds/<target>/), fed to the same readers as the fuzz targets: each
// must be read or refused with a DiagnosticError, never crash or throw
// anything else. Under `make test-sanitize` this also catches memory errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "content/content_deck.h"
#include "content/content_markdown.h"
#include "image/image_read.h"
#include "image/png_read.h"
#include "layout/layout_file.h"
#include "render/draw.h"
#include "serve/render_query.h"
#include "text/font_file.h"

#include "../../fuzz/palette_harness.h"
#include "../../fuzz/personal_form_harness.h"

namespace fs = std::filesystem;
using namespace placard;

namespace {

const fs::path kFuzz = fs::path(PLACARD_TEST_DIR) / ".." / "fuzz";

using Reader = std::function<void(const std::string& bytes, const fs::path& file)>;

// As fuzz/jpeg_fuzz.cc, png_fuzz.cc and webp_fuzz.cc read their input (as
// fuzz/fuzz_image.h does): the first byte picks the scale asked for and a
// memory budget, the rest is the file.
template <typename Decode>
void decode_as_fuzzed(const std::string& b, Decode decode) {
  if (b.empty()) return;
  DecodeOptions options;
  options.max_pixels = 4'000'000;
  const auto first = static_cast<unsigned char>(b[0]);
  if (first & 1) options.min_width = options.min_height = 1 + first / 2;
  if (first & 2) options.max_memory = 256 << 10;
  decode(std::string_view(b).substr(1), "fuzz", options);
}

const std::map<std::string, Reader>& readers() {
  static const std::map<std::string, Reader> r = {
      {"markdown", [](const std::string& b, const fs::path&) { parse_markdown(b, "fuzz.md"); }},
      {"deck_yaml", [](const std::string& b, const fs::path&) { parse_deck_yaml(b, "fuzz.yaml"); }},
      {"deck_json", [](const std::string& b, const fs::path&) { parse_deck_json(b, "fuzz.json"); }},
      {"deck_csv", [](const std::string& b, const fs::path&) { parse_deck_csv(b, "fuzz.csv"); }},
      {"layout", [](const std::string& b, const fs::path&) { parse_layout(b, "fuzz.yaml"); }},
      {"brand", [](const std::string& b, const fs::path&) { parse_brand(b, "fuzz.yaml"); }},
      {"image", [](const std::string&, const fs::path& f) { ImageCache().load(f.string()); }},
      {"jpeg", [](const std::string& b, const fs::path&) { decode_as_fuzzed(b, decode_jpeg); }},
      {"webp", [](const std::string& b, const fs::path&) { decode_as_fuzzed(b, decode_webp); }},
      {"png",
       [](const std::string& b, const fs::path&) {
         decode_as_fuzzed(b, [](std::string_view bytes, const std::string& name,
                                const DecodeOptions& o) { return decode_png(bytes, name, o); });
       }},
      // A made-up flat card through the PNG encoder's palette and back: no
      // pixel further than the palette rule allows.
      {"palette",
       [](const std::string& b, const fs::path&) {
         const auto o =
             fuzz::palette::round_trip(reinterpret_cast<const uint8_t*>(b.data()), b.size());
         EXPECT_TRUE(o.holds()) << "moved " << o.worst << " levels, " << o.allowed << " allowed";
       }},
      // A brand's font file as the font_file target reads it; a refusal is
      // a FontFileError.
      {"font_file",
       [](const std::string& b, const fs::path&) {
         try {
           const FontFileInfo info = inspect_font(b);
           EXPECT_FALSE(info.axes_text().empty());
         } catch (const FontFileError&) {
         }
       }},
      // A request target for placard serve; a refusal is an HttpError.
      {"serve_request",
       [](const std::string& b, const fs::path&) {
         try {
           parse_render_target(b, std::string(32, 'k'), {{"statement", "quote"}, {"default"}},
                               Limits{});
         } catch (const HttpError&) {
         }
       }},
      // A supporter's form, sent to a real server as the fuzz target sends
      // it: answered 200 (the form passed every check) or refused with a 4xx.
      {"personal_form",
       [](const std::string& b, const fs::path&) {
         const int status = fuzz::personal_form::send(b);
         EXPECT_TRUE(status == 200 || (status >= 400 && status <= 499)) << "status " << status;
       }},
  };
  return r;
}

int feed(const std::string& kind) {
  int fed = 0;
  const Reader& read = readers().at(kind);
  for (const char* set : {"regressions", "seeds"}) {
    const fs::path dir = kFuzz / set / kind;
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      SCOPED_TRACE(e.path().string());
      try {
        read(read_file(e.path().string()), e.path());
      } catch (const DiagnosticError&) {
        // refused with a message: fine
      }
      ++fed;
    }
  }
  return fed;
}

TEST(FuzzRegression, EveryKnownInputIsReadOrRefused) {
  int total = 0;
  for (const auto& [kind, reader] : readers()) total += feed(kind);
  EXPECT_GT(total, 0);
}

}  // namespace
