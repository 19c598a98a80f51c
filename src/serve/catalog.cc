#include "serve/catalog.h"

#include "render/pipeline.h"

namespace placard {

Catalog::Catalog(const std::vector<std::string>& inputs, const Limits& limits, Renderer& renderer,
                 const std::string& fonts_digest)
    : options_{}, report_{}, planner_(options_, report_), fonts_digest_(fonts_digest) {
  options_.inputs = inputs;
  options_.limits = limits;
  planner_.read(renderer);
  cards_ = planner_.cards(fonts_digest_);
  for (size_t i = 0; i < cards_.size(); ++i) {
    by_id_.emplace(cards_[i].card.id, i);
    ids_.push_back(cards_[i].card.id);
  }
}

const PlannedCard* Catalog::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &cards_[it->second];
}

std::string Catalog::digest(const PlannedCard& c, const SizePreset& size,
                            ImageFormat format) const {
  // The format the extension asks for, under the size's budget as a batch
  // has it: the digest the manifest records for the same file.
  const std::int64_t budget = budget_for(c.campaign->budgets, size);
  for (size_t i = 0; i < c.sizes.size(); ++i)
    if (c.sizes[i].name == size.name && c.formats[i] == format) return c.hashes[i];
  std::string layout;
  {
    std::lock_guard lock(mu_);
    if (layout_digests_.size() >= 4096) layout_digests_.clear();  // sizes anyone may ask for
    std::string& slot = layout_digests_[c.card.id + '/' + size.name];
    if (slot.empty()) slot = layout_digest_at(*c.layout, c.campaign->brand, c.card.kind, size);
    layout = slot;
  }
  return output_digest(fonts_digest_, layout, c.campaign->brand_digest, c.card, *c.meta, c.labels,
                       size, format, budget);
}

}  // namespace placard
