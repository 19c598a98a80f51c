// The manifest half of `placard diff`: which cards and outputs were added,
// removed, renamed or may have changed, and what changed in words. The
// images are compared afterwards (diff/compare_images.h), only for outputs
// whose bytes may differ.
#pragma once

#include "batch/manifest.h"
#include "diff/diff_model.h"

namespace placard {

// Every card of `before` and `after`, matched by id, then a removed card
// and an added one at the same place with most of the same text as one
// renamed card (batch/renamed.h). An output (matched by size) whose digest,
// byte count and format are the same in both, from the same Placard, is
// unchanged without reading it (`trust_digests`); any other pair of outputs
// is `changed`, to be compared. Settled (diff_model.h): cards with nothing
// that may have changed are counted, not listed. The run's notes: edition names, footers and brand
// colours that changed.
FolderDiff match_cards(const Manifest& before, const Manifest& after, bool trust_digests);

// What changed between two outputs of one size, in words: format, file,
// pixel size, each text block's size, line count and line breaks, bytes, new
// and gone warnings.
std::vector<std::string> output_notes(const ManifestOutput& before, const ManifestOutput& after);

// The text blocks of two outputs of one size whose lines differ, by field;
// none for a block either manifest does not record the lines of.
std::vector<BreakChange> break_changes(const ManifestOutput& before, const ManifestOutput& after);

// `headline breaks: "End 287(g) / agreements." → "End 287(g) agreements."`.
std::string break_note(const BreakChange& change);

}  // namespace placard
