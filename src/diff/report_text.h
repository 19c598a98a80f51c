// Small pieces of wording the HTML, Markdown and JSON reports share.
#pragma once

#include <string>

#include "diff/diff_model.h"

namespace placard {

// "12.3%", "0.04%", "<0.01%" or "0%": a share of pixels for people.
std::string percent(double share);

// "x 40-1160, y 210-420" (inclusive pixel ranges).
std::string box_text(const PixelBox& box);

// "renamed from 'old'", "added", "removed", "changed".
std::string card_change_text(const CardDiff& card);

// "2 cards changed, 1 renamed, 1 added, 1 removed; 40 outputs of 8 cards
// unchanged", or "nothing changed; 48 outputs of 8 cards unchanged".
std::string totals_text(const FolderDiff& diff);

}  // namespace placard
