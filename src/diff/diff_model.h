// What `placard diff` found between two rendered folders: plain data that the
// HTML page, the Markdown summary and the JSON report are written from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/word_diff.h"
#include "batch/manifest.h"

namespace placard {

enum class Change { unchanged, changed, added, removed, renamed };

// "unchanged", "changed", "added", "removed", "renamed".
const char* change_name(Change change);

// A box in an image's pixels.
struct PixelBox {
  int x = 0, y = 0, width = 0, height = 0;
  bool operator==(const PixelBox&) const = default;
};

// A text block set on other lines: each line as drawn, before and after.
// Only when both manifests record the lines (older ones do not).
struct BreakChange {
  std::string field;  // "headline"
  std::vector<std::string> before, after;
  bool operator==(const BreakChange&) const = default;
};

// What a card was drawn with (its layout or brand), before and after.
struct NameChange {
  std::string before, after;
  bool operator==(const NameChange&) const = default;
};

// One size of a card, before and after.
struct OutputDiff {
  Change change = Change::unchanged;
  std::string size;                      // "og"
  std::optional<ManifestOutput> before;  // none: added
  std::optional<ManifestOutput> after;   // none: removed
  // Changed outputs only, once the images are compared: the share of pixels
  // that differ (0-1), the box around them (none when no pixel differs), and
  // the report's copies of the images, relative to the report folder.
  double changed_share = 0;
  std::optional<PixelBox> box;
  std::string before_image, after_image, diff_image;
  // "format png → jpeg", "bytes 52.1 kB → 48.0 kB", "headline breaks: "A / B" → "A B"" …
  std::vector<std::string> notes;
  std::vector<BreakChange> breaks;    // the same as data, for --json
  std::vector<std::string> problems;  // a missing or unreadable image: listed, not fatal
};

// One card, before and after (a renamed card is one entry with both ids).
struct CardDiff {
  Change change = Change::unchanged;
  std::string id;      // the card's id now (before, for a removed card)
  std::string old_id;  // renamed: the id it had
  std::string source;  // "campaign.md:26:1"
  std::string lang;
  std::vector<WordEdit> text;      // the word diff of the card's text (changed cards)
  std::vector<std::string> notes;  // layout, brand, alt text, kind, fonts, new and gone warnings
  // The same as data, for --json: when both manifests record them and they differ.
  std::optional<NameChange> layout, brand;
  std::vector<OutputDiff> outputs;
  // How much changed, for sorting: the largest share of pixels changed of
  // its outputs, 1 for an added, removed or resized one.
  double score() const;
};

struct FolderDiff {
  std::string base_dir, new_dir;
  std::string base_generator, new_generator;
  std::vector<std::string> notes;     // the run's: brand colours, campaign name
  std::vector<std::string> problems;  // e.g. different Placard versions
  std::vector<CardDiff> cards;        // changed, added, removed or renamed ones only
  int unchanged_cards = 0;
  int unchanged_outputs = 0;
  int compared_outputs = 0;  // outputs whose images were read and compared
  bool changed() const { return !cards.empty(); }
};

// Moves the unchanged outputs out of each card into the count, then the
// cards left with no output, text or note that changed (and not added,
// removed or renamed) out of the list into theirs.
void settle(FolderDiff& diff);

// The cards of `diff` by how much changed, most first; ties by id.
std::vector<const CardDiff*> by_change(const FolderDiff& diff);

}  // namespace placard
