// The only Cairo drawing code: paints a laid-out card into pixels. Inputs are
// already resolved and fitted, so drawing cannot fail on content; images are
// loaded (and cached) before the first card that needs them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/run_limits.h"
#include "image/image_read.h"
#include "image/pixmap.h"
#include "model/card.h"
#include "render/contrast.h"
#include "text/text_fit.h"

namespace placard {

class PangoText;

// The options that decode an image of `header` for `item`: the limits, and
// the smallest size that still has a pixel for every pixel of the card the
// image covers (its box, or more under `cover`). A photo of 4000x3000 drawn
// over a 1200x630 card is decoded at 2000x1500; a logo at its size.
DecodeOptions decode_options_for(const ImageItem& item, const ImageHeader& header,
                                 const Limits& limits);

// Decoded logos and images, kept for the whole run (one per worker).
class ImageCache {
 public:
  // Images over `limits.image_bytes` or (decoded) `limits.image_pixels` fail.
  explicit ImageCache(const Limits& limits = {});
  ~ImageCache();
  ImageCache(const ImageCache&) = delete;
  ImageCache& operator=(const ImageCache&) = delete;

  // Loads the image `item` draws: an SVG (without the elements its
  // hide_ids name: an SVG template's fields), or a PNG, JPEG or WebP decoded
  // for the item's box (decode_options_for). Each reduction of a file is an
  // entry of its own, so a photo drawn at og and at story is decoded once at
  // each size's reduction. Fails with the path when it is not an image.
  void load(const ImageItem& item);
  // The same for a file at full size.
  void load(const std::string& path, const std::vector<std::string>& hide_ids = {});
  struct Entry;
  const Entry& get(const ImageItem& item) const;

  // Full-size decoding for every image, as before reduced decoding: what
  // `placard_bench photo` compares against. On by default.
  void set_reduced_decoding(bool on) { reduced_ = on; }

 private:
  DecodeOptions options_for(const ImageItem& item, const ImageHeader& header) const;
  std::string key_for(const ImageItem& item) const;
  std::map<std::string, std::unique_ptr<Entry>> entries_;  // by path, hidden ids, reduction
  std::map<std::string, ImageHeader> headers_;             // raster files by path
  Limits limits_;
  bool reduced_ = true;
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
