// manifest.json: what a run wrote, card by card, for people and for the next
// incremental run.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace placard {

struct ManifestOutput {
  std::string size;  // size name, e.g. "og"
  int width = 0, height = 0;
  std::string file;  // written PNG, relative to the manifest
  std::uint64_t bytes = 0;
  std::string hash;  // digest of every input of this PNG (see input_hash.h); "" = unknown
  std::vector<std::string> warnings;  // from rendering this size
  bool operator==(const ManifestOutput&) const = default;
};

struct ManifestCard {
  std::string id, kind, text, alt;
  std::string source;  // "campaign.md:12:1": where the card is written; "" = unknown
  int index = -1;      // shard manifests: the card's place in the whole run
  std::vector<std::string> warnings;
  std::vector<ManifestOutput> outputs;
  bool operator==(const ManifestCard&) const = default;
};

struct Manifest {
  std::string campaign;
  std::string generator;
  std::string shard;   // "2/4" for a shard's manifest, else ""
  std::vector<ManifestCard> cards;
  bool operator==(const Manifest&) const = default;
};

// Pretty JSON (2-space indent, trailing newline, UTF-8 text unescaped), keys in
// a fixed order: generator, campaign, shard (shards only), cards[] {index
// (shards only), id, kind, text, alt, source, warnings, outputs[] {size,
// width, height, file, bytes, hash, warnings}}; empty optional values are
// left out.
std::string manifest_to_json(const Manifest& manifest);

// Parses what manifest_to_json wrote; unknown keys are ignored. Throws
// DiagnosticError with `path` (and line:col for syntax errors) as its place.
Manifest manifest_from_json(std::string_view text, const std::string& path);

}  // namespace placard
