// Cards that look renamed: a card's id is the slug of its headline, so fixing
// a typo in a headline moves its files and every URL that points at them.
// The render warns about it, and `placard diff` pairs the two ids.
#pragma once

#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "batch/manifest.h"

namespace placard {

// The share of words two texts must have in common (in order) for a card
// at the same place to count as the same card under a new id.
inline constexpr double kRenameShare = 0.5;

// True when `before` (a card of the last run, whose id is gone) and the card
// with `id`, `source` ("campaign.md:26:1") and `text` look like the same
// card renamed: the same place in the same file, a different id, and most
// of the text the same.
bool looks_renamed(const ManifestCard& before, const std::string& id, const std::string& source,
                   std::string_view text);

// The warning (or, with `strict`, the error) for card `old_id` now called
// `new_id`, written at `where`: the hint keeps the old id, in the syntax of
// the content file (Markdown "{#id}" after the headline, else "id:").
Diagnostic renamed_card(const std::string& old_id, const std::string& new_id, SourceLoc where,
                        bool strict);

}  // namespace placard
