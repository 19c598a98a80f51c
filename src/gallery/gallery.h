// The supporters' download page: DIR/index.html with its styles and script,
// and one "download all" ZIP per size, made from DIR/manifest.json and the
// cards beside it. Works from a file:// folder and from any static host; the
// page loads nothing from elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace placard {

struct GalleryOptions {
  std::string dir;       // the render output folder, holding manifest.json
  std::string base_url;  // where DIR will be published, for absolute og:image
  std::string lead;      // card id for the page's own link preview
  std::string server;    // the Placard server for "Make it yours" ("" = the page's origin)
};

struct GalleryResult {
  std::string index;  // DIR/index.html
  int cards = 0;
  int languages = 0;
  int zips = 0;
  int removed_zips = 0;          // archives an earlier page offered that this one does not
  std::uint64_t page_bytes = 0;  // index.html + gallery.css + gallery.js
  // personal.js + personal.css: the "Make it yours" panel, which the page
  // loads only when a server answers that it makes personal cards.
  std::uint64_t panel_bytes = 0;
  // share.js + share.css: the Share buttons, loaded after the page's own script.
  std::uint64_t share_bytes = 0;
  // An output the manifest lists that is reached through a symbolic link:
  // skipped (not on the page, not in a ZIP), one warning naming the link each.
  std::vector<Diagnostic> warnings;
};

// Where the gallery records the archives it wrote, so that a later run can
// remove the ones it no longer offers (a size or language dropped) without
// touching any other ZIP in the folder.
inline constexpr const char* kGalleryRecord = ".placard-gallery.json";

// DIR/personal: the answer to GET /personal where no Placard server runs.
inline constexpr const char* kNoPersonalCards = "{\"cards\": {}}\n";

// The options the page in `dir` was last written with, from its record:
// nothing when the folder has no page made by Placard. `placard render`
// writes such a page again after every run, so that it never offers cards
// the manifest no longer lists.
std::optional<GalleryOptions> recorded_gallery(const std::string& dir);

// Reads the manifest and every file it lists, writes the ZIPs, the styles and
// script, then index.html last, each atomically; then removes the archives
// of the previous page that this one no longer links to. Throws DiagnosticError: io
// for files that cannot be read or written, bad input for a manifest that
// does not hold together, usage for a bad base URL or lead card.
GalleryResult write_gallery(const GalleryOptions& options);

}  // namespace placard
