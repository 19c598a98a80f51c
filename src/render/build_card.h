// Content + layout + brand + size → Card, with every default resolved and
// every length in pixels. The only stage that knows about brand roles.
#pragma once

#include "content/content.h"
#include "layout/sizes.h"
#include "layout/template.h"
#include "model/card.h"

namespace placard {

// Text for fields the content does not hold directly (kicker, footer).
struct CardLabels {
  std::string kicker;  // overrides the kind's default kicker when not empty
  std::string footer;  // "" = the campaign's, else the brand's
};

Card build_card(const ContentCard& content, const CampaignMeta& meta, const Layout& layout,
                const Brand& brand, const SizePreset& size, const CardLabels& labels = {});

// The kicker a kind gets by default, in the campaign's language:
// "Recommendation 2 of 4", "Recomendación 2 de 4".
std::string default_kicker(const ContentCard& card, const CampaignMeta& meta);

// What a screen reader should hear: kicker, headline, body, attribution.
std::string alt_text(const ContentCard& card, const std::string& kicker);

}  // namespace placard
