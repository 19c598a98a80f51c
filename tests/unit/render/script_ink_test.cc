// Hebrew and Devanagari beside the brand's Latin look one size and one
// weight, read from the pixels of letters drawn as a card draws them: the
// body as large as the Latin x-height, the stems as heavy as the Latin
// stems at the same weight. (With only Noto's Regular and Bold bundled, a
// Hebrew headline in Inter Display ExtraBold had stems of 0.73 of the
// Latin ones, and looked a weight lighter.)
#include "render/script_ink.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "base/resources.h"

using namespace placard;

TEST(ScriptInk, HebrewAndDevanagariBodiesAndStemsMatchTheLatinAtTheBrandsWeights) {
  Fonts fonts(fonts_dir());
  // The built-in brand's headline (Inter Display 800), kicker (Inter 700),
  // attribution and footer (600) and body (Inter 400).
  for (const auto& [family, weight] : std::vector<std::pair<std::string, int>>{
           {"Inter Display", 800}, {"Inter", 700}, {"Inter", 600}, {"Inter", 400}}) {
    const FontSpec face{family, weight, false, "", false, false};
    const ScriptInk latin = measure_script_ink(fonts, face, "latin");
    ASSERT_GT(latin.body, 50);
    ASSERT_GT(latin.stem, 10);
    for (const char* script : {"hebrew", "devanagari"}) {
      SCOPED_TRACE(family + " " + std::to_string(weight) + " " + script);
      const ScriptInk ink = measure_script_ink(fonts, face, script);
      EXPECT_NEAR(ink.body / latin.body, 1.0, 0.10)
          << "body " << ink.body << " px against the x-height " << latin.body << " px";
      EXPECT_NEAR(ink.stem / latin.stem, 1.0, 0.15)
          << "stem " << ink.stem << " px against the Latin " << latin.stem << " px";
    }
  }
}

TEST(ScriptInk, TheMeasureReadsAStemAndABodyFromPixels) {
  Fonts fonts(fonts_dir());
  const FontSpec regular{"Inter", 400, false, "", false, false};
  const FontSpec black{"Inter Display", 900, false, "", false, false};
  const ScriptInk thin = measure_script_ink(fonts, regular, "latin", 200);
  const ScriptInk heavy = measure_script_ink(fonts, black, "latin", 200);
  // Inter's x-height is about 0.55 em: 110 px at 200 px.
  EXPECT_NEAR(thin.body, 109, 6);
  EXPECT_GT(heavy.stem, thin.stem * 1.8);
  // Twice the size, twice the ink.
  const ScriptInk twice = measure_script_ink(fonts, regular, "latin", 400);
  EXPECT_NEAR(twice.stem / thin.stem, 2.0, 0.1);
  EXPECT_NEAR(twice.body / thin.body, 2.0, 0.05);
}
