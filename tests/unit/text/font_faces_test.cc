#include "text/font_faces.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "base/resources.h"

using namespace placard;

namespace {

bool has(const std::vector<FontSpec>& faces, const std::string& family, int weight, bool italic) {
  return std::any_of(faces.begin(), faces.end(), [&](const FontSpec& f) {
    return f.family == family && f.weight == weight && f.italic == italic;
  });
}

}  // namespace

TEST(FontFaces, ListsEveryBundledFaceOnce) {
  Fonts fonts(fonts_dir());
  const std::vector<FontSpec> faces = font_faces(fonts);
  EXPECT_TRUE(has(faces, "Inter Display", 800, false));
  EXPECT_TRUE(has(faces, "Inter Display", 800, true));
  EXPECT_TRUE(has(faces, "Inter Display", 900, false));
  EXPECT_TRUE(has(faces, "Inter", 400, true));
  EXPECT_TRUE(has(faces, "Vollkorn", 700, true));
  EXPECT_TRUE(has(faces, "Noto Sans Hebrew", 700, false));
  // No synthesized slanted copies of upright faces.
  EXPECT_FALSE(has(faces, "Noto Sans Hebrew", 700, true));
  for (size_t i = 1; i < faces.size(); ++i)
    EXPECT_FALSE(faces[i - 1] == faces[i]) << faces[i].family;
}

TEST(FontFaces, AFaceDrawsOnlyTheCharactersInItsOwnFile) {
  Fonts fonts(fonts_dir());
  const FontSpec display{"Inter Display", 800, false, "", false, false};
  const FontSpec arabic{"Noto Sans Arabic", 400, false, "", false, false};
  EXPECT_TRUE(face_draws(fonts, display, U'ñ'));
  EXPECT_FALSE(face_draws(fonts, display, U'\u0645'));  // Arabic meem: a fallback's
  EXPECT_TRUE(face_draws(fonts, arabic, U'\u0645'));
  EXPECT_FALSE(face_draws(fonts, arabic, U'ñ'));
  // A family the set lacks draws nothing, whatever fontconfig substitutes.
  EXPECT_FALSE(face_draws(fonts, {"No Such Family", 400, false, "", false, false}, U'a'));
}
