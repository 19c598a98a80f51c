// The gallery page as plain data: which cards, links, sizes and texts the
// supporters' download page shows, worked out from manifest.json. No I/O and
// no HTML here: gallery_page renders this model, gallery.cc reads and writes.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "batch/manifest.h"
#include "layout/platforms.h"

namespace placard {

// The page's words by language ("en", "es") and key ("copy_alt",
// "sizes.story"), from gallery/strings.yaml. "en" must have every key; other
// languages fall back to it key by key.
using GalleryStrings = std::map<std::string, std::map<std::string, std::string>>;

// Reads gallery/strings.yaml (language → key → text, nested maps flattened
// with '.'). Throws DiagnosticError with the place of a bad entry.
GalleryStrings load_gallery_strings(const std::string& path);

// One "download all" archive: every card of one edition at one size.
struct ZipPlan {
  std::string file;    // relative to the gallery folder, e.g. "campaign-og.zip"
  size_t edition = 0;  // index into the page's editions
  std::string size;    // size name
  int width = 0, height = 0;
  struct Entry {
    std::string name;  // inside the archive: "<card-id>-<size>.<png|jpg|webp>"
    std::string file;  // the PNG, relative to the gallery folder
  };
  std::vector<Entry> entries;
};

struct GalleryInput {
  Manifest manifest;
  std::string manifest_path;  // for messages
  // Actual sizes of the files the page links to (PNGs and ZIPs), by path
  // relative to the gallery folder. The page states these, not the manifest's.
  std::map<std::string, std::uint64_t> file_bytes;
  std::string base_url;  // where the folder will be published ("" = unknown)
  std::string lead;      // id of the card for og:image ("" = the first card)
  // The Placard server that makes supporters' own cards ("" = the page asks
  // the origin it is served from, if any).
  std::string server;
  // Where each size is seen: its download links name the platforms of its
  // surfaces. nullptr: the built-in platforms.yaml.
  const Platforms* platforms = nullptr;
};

// The editions a manifest has: its "editions", or one made from "campaign" for
// a manifest without them. Every card belongs to the edition of its language,
// or to the first edition when none matches.
std::vector<ManifestEdition> gallery_editions(const Manifest& manifest);
size_t edition_of(const std::vector<ManifestEdition>& editions, const ManifestCard& card);

// One ZIP per edition and size, in the order sizes first appear. Named after
// the campaign ("transforming-the-system-story.zip"), with the language when
// there are several editions ("...-es-story.zip"). An edition whose name has
// nothing to slug (Arabic) takes the first edition name that has one
// ("transforming-the-system-ar-og.zip").
std::vector<ZipPlan> plan_zips(const Manifest& manifest);

// The end of every share caption of an edition: the footer's hashtags and the
// campaign URL (the edition's url, a URL in the footer, or the base URL),
// space-separated; "" when there are none. A card's caption is its text, a
// blank line, then this (the page's script puts the two together).
std::string caption_tail(const ManifestEdition& edition, const std::string& base_url);

// "42 kB", "1.4 MB": sizes in SI units, as file managers on phones show them.
std::string human_bytes(std::uint64_t bytes, const std::string& decimal_mark = ".");

// Fails (bad input, placed at the manifest) unless `file` is a relative path
// inside the folder: no "..", no leading '/', no '\\', no URL scheme.
void check_relative_file(const std::string& file, const std::string& manifest_path);

// The name gallery.js gives a card's download link that names no file in the
// page: the file's folder and name joined by '-' ("fund-clinics/og.png" →
// "fund-clinics-og.png"); just the name for a file at the top.
std::string download_from_path(const std::string& file);

// Percent-encodes a relative path for an href or src ('/' kept).
std::string url_path(const std::string& file);

// The model gallery/index.html.mustache renders. Its "personal_panel" is not
// for the template: {"cards": {"card-N": {id, fields [{name, label, max,
// required}], photo, sizes [{name, label, dims}]}}, "editions": {anchor:
// {the panel's words}}}, which gallery.cc writes into personal.js. Every path it names must be
// in input.file_bytes. Throws DiagnosticError for a lead id that is not a card,
// a base URL that is not http(s) or a server URL that checked_server_url
// refuses.
nlohmann::json gallery_model(const GalleryInput& input, const GalleryStrings& strings);

}  // namespace placard
