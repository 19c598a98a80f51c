// The only Cairo drawing code: paints a laid-out card into pixels. Inputs are
// already resolved and fitted, so drawing cannot fail on content; images are
// loaded (and cached) before the first card that needs them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/run_limits.h"
#include "image/pixmap.h"
#include "model/card.h"
#include "render/contrast.h"
#include "text/text_fit.h"

namespace placard {

class PangoText;

// Decoded logos and images, kept for the whole run (one per worker).
class ImageCache {
 public:
  // Images over `limits.image_bytes` or (decoded) `limits.image_pixels` fail.
  explicit ImageCache(const Limits& limits = {});
  ~ImageCache();
  ImageCache(const ImageCache&) = delete;
  ImageCache& operator=(const ImageCache&) = delete;

  // Loads a PNG, JPEG, WebP or SVG file; fails with the path when it is not
  // an image.
  // `hide_ids` names SVG elements left undrawn (an SVG template's fields).
  void load(const std::string& path, const std::vector<std::string>& hide_ids = {});
  struct Entry;
  const Entry& get(const std::string& path, const std::vector<std::string>& hide_ids = {}) const;

 private:
  std::map<std::string, std::unique_ptr<Entry>> entries_;
  Limits limits_;
};

// Loads every image the card uses into the cache (may fail); a supporter's
// photo is not among them.
void load_images(const Card& card, ImageCache& cache);

// Paints the card. With `backdrops`, also records for every text block the
// pixels drawn under it and where its glyphs fall, for the contrast check.
// `supporter_photo` fills the card's `supporter` image slots.
Pixmap draw_card(const Card& card, const CardLayout& layout, PangoText& text,
                 const ImageCache& images, std::vector<TextBackdrop>* backdrops = nullptr,
                 const Pixmap* supporter_photo = nullptr);

// The same into `pix`, reusing its memory: a worker that paints card after
// card into one buffer neither page-faults a fresh 3-8 MB canvas in nor
// leaves the allocator holding freed ones.
void draw_card_into(Pixmap& pix, const Card& card, const CardLayout& layout, PangoText& text,
                    const ImageCache& images, std::vector<TextBackdrop>* backdrops = nullptr,
                    const Pixmap* supporter_photo = nullptr);

}  // namespace placard
