// A batch: every card of one or more content files at every size, rendered on
// all cores, incrementally. The stages:
//
//   plan     read content, layouts and brands; one job per card, each output
//            with a digest of all its inputs; compare with the manifest
//   render   workers (one Renderer each) render and write the stale outputs
//   tidy     remove outputs of cards that are gone
//   record   write the manifest, last
//
// With `check`, only the plan runs and nothing is written.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/run_limits.h"

namespace placard {

// A deterministic slice of the cards: card ids are spread over `count`
// shards by their hash, so a card stays in its shard when others come and go.
struct Shard {
  int index = 1;  // 1-based
  int count = 1;
  bool whole() const { return count <= 1; }
};

struct RenderOptions {
  std::vector<std::string> inputs;  // content files
  std::string out_dir;
  std::vector<std::string> sizes;  // empty: the card's, the campaign's, else "og"
  std::string layout;              // empty: the card's, the campaign's, else "standard"
  std::string brand;               // empty: front matter, else the built-in brand
  std::string format;              // "png", "jpeg", "webp", "auto"; empty: front matter, else auto
  std::string budgets;             // a budgets file; empty: front matter's, else the built-in one
  // The surfaces the platform check holds cards to: surface or platform
  // names ("x", "whatsapp", "tiktok"); empty: every surface of each size.
  std::vector<std::string> platforms;
  int jobs = 0;           // worker threads; 0 = all cores
  bool force = false;     // render even what is up to date
  bool check = false;     // only report missing and stale outputs
  bool progress = false;  // draw a progress bar on stderr
  bool strict = false;    // missing glyphs, busted budgets and platform issues are errors
  Shard shard;
  Limits limits;  // --limit NAME=VALUE
};

// One output --check found wanting, or one that a run removed.
struct OutputNote {
  std::string file;  // relative to the output folder
  std::string why;   // "missing", "stale", "card removed"
};

struct BatchReport {
  int cards = 0;       // cards in the run (in this shard)
  int outputs = 0;     // images the run is responsible for
  int rendered = 0;    // images written
  int up_to_date = 0;  // images left as they were
  int failed_cards = 0;
  int jobs = 1;  // worker threads used
  double seconds = 0;
  std::vector<OutputNote> removed;  // outputs of vanished cards (removed, or with check, to remove)
  std::vector<OutputNote> wanting;  // check: missing or stale outputs
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;  // severity warning; "card 'id' size: message" at the card
  bool manifest_written = false;
  std::vector<std::string> inputs;  // every file the run read: content, layouts, brands, images
  // Per brand with fonts of its own: each file's family, style, format, axes
  // and licence, and how long reading and checking them took.
  std::vector<std::string> brand_fonts;
};

BatchReport run_batch(const RenderOptions& options);

// The file a run writes its manifest to: "manifest.json", or for a shard
// "manifest.shard-2-of-4.json".
std::string manifest_name(const Shard& shard);

// The shard (1-based) a card id belongs to.
int shard_of(const std::string& id, int count);

// --json: {"rendered", "up_to_date", "failed", "removed", "warnings", "errors",
// "seconds", ...} as one JSON document.
std::string report_json(const BatchReport& report, const RenderOptions& options);

}  // namespace placard
