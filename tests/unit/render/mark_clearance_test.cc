// Every bundled face draws the marks of accented Latin letters clear of
// their letter and over it, read from the pixels of each letter drawn alone.
// (The Inter Display 3.19 faces once bundled fail it: their ñ, ã, ĩ, ř and
// Vietnamese stacks touch the letter, and the italic î stands over the next
// letter.)
#include "render/mark_clearance.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "base/resources.h"
#include "text/font_faces.h"

using namespace placard;

namespace {

const MarkedLetter* find(char32_t c) {
  for (const MarkedLetter& l : letters_with_marks_above())
    if (l.letter == c) return &l;
  return nullptr;
}

}  // namespace

TEST(MarkClearance, TheLettersAreThoseWithMarksAboveDrawnOnTheirBase) {
  ASSERT_NE(find(U'ñ'), nullptr);
  EXPECT_EQ(find(U'ñ')->base, "n");
  EXPECT_EQ(find(U'Ñ')->base, "N");
  // Stacked Vietnamese marks: both above, on the plain o; a dot below stays
  // with the base.
  EXPECT_EQ(find(U'ồ')->base, "o");
  EXPECT_EQ(find(U'ộ')->base, "ọ");
  // The horn is part of the letter the tone mark sits on.
  EXPECT_EQ(find(U'ờ')->base, "ơ");
  // i and j lose their dot under a mark.
  EXPECT_EQ(find(U'ĩ')->base, "ı");
  EXPECT_EQ(find(U'ǰ')->base, "ȷ");
  // Marks below only, and the carons drawn beside the stem, are not checked.
  EXPECT_EQ(find(U'ç'), nullptr);
  EXPECT_EQ(find(U'ẹ'), nullptr);
  EXPECT_EQ(find(U'ď'), nullptr);
  EXPECT_EQ(find(U'ť'), nullptr);
  EXPECT_NE(find(U'Ď'), nullptr);
  EXPECT_GT(letters_with_marks_above().size(), 250u);
}

TEST(MarkClearance, EveryBundledFaceDrawsEveryMarkClearOfItsLetter) {
  Fonts fonts(fonts_dir());
  const std::vector<FontSpec> faces = font_faces(fonts);
  int latin_faces = 0;
  for (const FontSpec& face : faces) {
    const std::string name =
        face.family + " " + std::to_string(face.weight) + (face.italic ? " italic" : "");
    SCOPED_TRACE(name);
    const MarkCheck check = check_mark_clearance(fonts, face);
    // A Latin face draws nearly all of them; a face of another script none.
    if (check.letters > 0) {
      ++latin_faces;
      EXPECT_GT(check.letters, 250) << name << " should draw the accented Latin letters";
    }
    for (const MarkFault& f : check.faults) ADD_FAILURE() << name << ": " << describe(f);
  }
  // Inter (4 faces), Inter Display (3) and Vollkorn (2).
  EXPECT_GE(latin_faces, 9);
}
