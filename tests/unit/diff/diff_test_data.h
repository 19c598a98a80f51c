// Manifests and images for the tests of this folder.
#pragma once

#include <string>
#include <vector>

#include "batch/manifest.h"
#include "image/pixmap.h"

namespace placard::test {

inline ManifestOutput output(std::string size, std::string hash, std::uint64_t bytes = 100,
                             std::string format = "png", int w = 40, int h = 20) {
  ManifestOutput o;
  o.size = size;
  o.width = w;
  o.height = h;
  o.format = format;
  o.file = "";  // set by card()
  o.bytes = bytes;
  o.hash = std::move(hash);
  return o;
}

// A card whose outputs are written at <id>/<size>.<ext>.
inline ManifestCard card(std::string id, std::string text, std::vector<ManifestOutput> outputs,
                         std::string source = "") {
  ManifestCard c;
  c.id = id;
  c.kind = "statement";
  c.text = std::move(text);
  c.source = source.empty() ? "campaign.md:" + std::to_string(id.size()) + ":1" : source;
  for (ManifestOutput& o : outputs) {
    o.file = id + "/" + o.size + (o.format == "jpeg" ? ".jpg" : "." + o.format);
    c.outputs.push_back(std::move(o));
  }
  return c;
}

inline Manifest manifest(std::vector<ManifestCard> cards, std::string generator = "Placard 1.0") {
  Manifest m;
  m.generator = std::move(generator);
  m.campaign = "Test";
  m.cards = std::move(cards);
  return m;
}

// A w x h opaque image of one colour.
inline Pixmap solid(int w, int h, Rgba colour) {
  Pixmap p = Pixmap::make(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) p.set_rgba(x, y, colour);
  return p;
}

}  // namespace placard::test
