// How large and how heavy a script looks beside the brand's Latin, read
// from pixels: letters drawn alone as a card draws them (in the brand's
// family and weight, so a Hebrew or Devanagari letter gets the fallback
// face, optical size and weight the card would give it), and measured.
// The numbers behind typesetting/scripts.yaml and its tests.
#pragma once

#include <string>

#include "model/card.h"
#include "text/fonts.h"

namespace placard {

struct ScriptInk {
  double body = 0;  // px: the main body's ink height (median over the sample)
  double stem = 0;  // px: the width of a vertical stem (ink coverage across it)
};

// The script's body and stem, drawn at `size` px in `face` with `lang`:
//   latin       body: x, z, v, w (the x-height); stem: l
//   hebrew      body: ה ם ב ש (the letter height); stem: ו
//   devanagari  body: क म न त ब (headline to baseline); stem: the ा of का
//   arabic      body: none measured (0); stem: the alef ا
// Fails (internal) for another name.
ScriptInk measure_script_ink(Fonts& fonts, const FontSpec& face, const std::string& script,
                             double size = 200);

}  // namespace placard
