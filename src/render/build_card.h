// Content + layout + brand + size → Card, with every default resolved and
// every length in pixels. The only stage that knows about brand roles.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "content/content.h"
#include "image/pixmap.h"
#include "layout/sizes.h"
#include "layout/template.h"
#include "model/card.h"

namespace placard {

// Text for fields the content does not hold directly (kicker, footer).
struct CardLabels {
  std::string kicker;  // overrides the kind's default kicker when not empty
  std::string footer;  // "" = the campaign's, else the brand's
};

// Where a supporter placed their photo in its slot (the panel's drag and
// zoom): the photo's point at the slot's centre, as far as the photo allows
// (0..1 each way), and how many times larger than just covering the slot it
// is drawn.
struct PhotoPlacement {
  double x = 0.5, y = 0.5, zoom = 1;
};

// One supporter's input to a personal card. Held only for the request: never
// cached, never logged, never written.
struct Supporter {
  std::map<std::string, std::string> fields;  // cleaned values (clean_personal_field), by name
  const Pixmap* photo = nullptr;              // decoded, upright; null = none
  // Unset: the slot's own fit and focus, as in the layout.
  std::optional<PhotoPlacement> placement;
};

// With a supporter, frames bound to supporter fields show their values (each
// an isolated bidi run) and `source: supporter` slots the photo. Without one
// (the batch, the page's og image), those frames are left out and the slots
// show their fallback. A frame bound to a field the campaign's
// `personalize.fields` does not declare fails at the layout's line.
Card build_card(const ContentCard& content, const CampaignMeta& meta, const Layout& layout,
                const Brand& brand, const SizePreset& size, const CardLabels& labels = {},
                const Supporter* supporter = nullptr);

// The kicker a kind gets by default, in the campaign's language:
// "Recommendation 2 of 4", "Recomendación 2 de 4".
std::string default_kicker(const ContentCard& card, const CampaignMeta& meta);

// What a screen reader should hear: kicker, headline, body, attribution.
std::string alt_text(const ContentCard& card, const std::string& kicker);

}  // namespace placard
