// Cairo's cache of the fonts no one holds any more, and their glyph images.
#pragma once

namespace placard {

// Frees the scaled fonts Cairo keeps after their last user let go, with
// their glyph images. Cairo 1.16 keeps up to 256 of them (its "holdovers",
// least recently released first out), so that a font asked for again comes
// back with its glyphs rendered, and frees one only to make room for
// another: the fonts of every size a run's cards were fitted at stay, each
// glyph image twice (Cairo's and the copy in pixman's glyph cache). Call it
// after the text engines let go of their fonts (Fonts::forget_sized_fonts):
// the fonts a card holds are never touched, and a font asked for again is
// opened and its glyphs rendered anew, to the same pixels.
void free_released_scaled_fonts();

}  // namespace placard
