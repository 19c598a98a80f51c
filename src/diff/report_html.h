// REPORT_DIR/index.html: one self-contained page (no outside requests, the
// images by relative path), the cards that changed most first, readable on a
// phone and usable from the keyboard (Tab through the links; j and k move
// from card to card).
#pragma once

#include <string>

#include "diff/diff_model.h"

namespace placard {

std::string report_html(const FolderDiff& diff);

}  // namespace placard
