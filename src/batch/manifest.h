// manifest.json: what a run wrote, card by card, for people and for the next
// incremental run.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace placard {

// A warning as the manifest records it: the check it comes from ("contrast",
// "missing-glyph", … as check_name() gives; "" for others), what it says,
// and the hints, so a run over outputs up to date says what a fresh one did.
struct ManifestWarning {
  std::string check;
  std::string message;
  std::vector<std::string> hints;
  bool operator==(const ManifestWarning&) const = default;
};

// How one text block of an output was set: the size fitting chose, its
// number of lines and each line's text as drawn (with a hyphen it added), so
// a review can say "headline 92 → 84 px, 2 → 3 lines" and where it broke.
struct ManifestText {
  std::string field;  // "headline", "body", …
  double size = 0;    // px, to 0.1
  int lines = 0;
  std::vector<std::string> line_texts;  // empty = not recorded (an older manifest)
  bool operator==(const ManifestText&) const = default;
};

struct ManifestOutput {
  std::string size;  // size name, e.g. "og"
  int width = 0, height = 0;
  std::string file;  // the written image, relative to the manifest
  std::uint64_t bytes = 0;
  std::string hash;  // digest of every input of this image (see input_hash.h); "" = unknown
  std::vector<ManifestWarning> warnings;  // from rendering this size
  std::string format;                     // "png", "jpeg" or "webp"
  std::string mime;                       // "image/png", "image/jpeg" or "image/webp"
  std::vector<ManifestText> text;         // each text block as set; empty = not recorded
  bool operator==(const ManifestOutput&) const = default;
};

// What a supporter may put on a card of their own (the campaign's
// `personalize:` block, for the cards it covers): the page builds its
// "Make it yours" form from this, and the server judges what is sent.
struct ManifestPersonal {
  struct Field {
    std::string name;  // the form part's name ("name", "city")
    int max = 0;       // graphemes
    bool required = false;
    bool operator==(const Field&) const = default;
  };
  std::vector<Field> fields;
  bool photo = false;  // the card takes the supporter's photo
  bool operator==(const ManifestPersonal&) const = default;
};

struct ManifestCard {
  std::string id, kind, text, alt;
  std::string source;  // "campaign.md:12:1": where the card is written; "" = unknown
  // What the card was drawn with, for a review to say that it changed: the
  // built-in layout's name ("standard") or the layout file, and the brand
  // file, each relative to the content file's folder (a built-in brand by its
  // file name). The card's, not each output's: a card has one layout and its
  // campaign one brand at every size. "" = not recorded (an older manifest).
  std::string layout, brand;
  int index = -1;    // shard manifests: the card's place in the whole run
  std::string lang;  // the card's language (BCP 47), "" when not given
  // The id the content gave the card, where `id` adds the language to keep
  // ids unique across editions ("end-287g" for "end-287g-es"); "" = `id`.
  // The same card in every edition has the same content id.
  std::string content_id;
  std::vector<ManifestWarning> warnings;  // of every output, each once
  // The brand's own font files the card is set with, as brand.yaml names
  // them (relative to it); empty with the bundled fonts.
  std::vector<std::string> fonts;
  std::vector<ManifestOutput> outputs;
  std::optional<ManifestPersonal> personal;  // none: the card is the same for everyone
  bool operator==(const ManifestCard&) const = default;
};

// One language edition of the campaign: what the gallery page shows above the
// cards of that language and puts in their share captions.
struct ManifestEdition {
  std::string lang;    // BCP 47 tag, "" when the content gave none
  std::string name;    // campaign title
  std::string intro;   // the paragraph under the title
  std::string footer;  // the cards' footer: hashtags and/or a URL
  std::string url;     // the campaign's web page, for captions
  // Brand colours as "#RRGGBB" by role (paper, ink, accent, primary, muted).
  std::vector<std::pair<std::string, std::string>> colors;
  bool operator==(const ManifestEdition&) const = default;
};

struct Manifest {
  std::string campaign;
  std::string generator;
  std::string shard;                      // "2/4" for a shard's manifest, else ""
  std::vector<ManifestEdition> editions;  // one per language, in input order
  std::vector<ManifestCard> cards;
  bool operator==(const Manifest&) const = default;
};

// Pretty JSON (2-space indent, trailing newline, UTF-8 text unescaped), keys in
// a fixed order: generator, campaign, shard (shards only), editions[] {lang,
// name, intro, footer, url, colors {role: "#RRGGBB"}} (only when there are
// some), cards[] {index (shards only), id, content_id, kind, lang, text, alt,
// source, layout, brand, warnings, fonts, outputs[] {size, width, height, file,
// format, mime, bytes, hash, warnings, text[] {field, size, lines, line_texts[]}},
// personal {fields[] {name, max, required}, photo}
// (cards a supporter may personalise only)}; empty optional values are left out.
std::string manifest_to_json(const Manifest& manifest);
// The same text in pieces, in order (a card or less each), for a reader that
// needs no copy of the whole: manifest_to_json sizes its string with it.
void write_manifest_json(const Manifest& manifest,
                         const std::function<void(std::string_view)>& out);

// Parses what manifest_to_json wrote; unknown keys are ignored. An output
// from before JPEG and WebP has no "format" or "mime": its file's extension
// tells (image/encode.h, format_of_path). Throws
// DiagnosticError with `path` (and line:col for syntax errors) as its place.
Manifest manifest_from_json(std::string_view text, const std::string& path);

}  // namespace placard
