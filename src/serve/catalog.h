// The cards `placard serve` answers at /card/{id}/…: the content files read
// exactly as `placard render` reads them (batch/plan.h), held as one
// immutable snapshot that a reload replaces whole.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "batch/plan.h"

namespace placard {

class Renderer;

class Catalog {
 public:
  // Reads every content file, with their layouts and brands. A file that
  // cannot be read is listed in errors(); its cards are missing.
  Catalog(const std::vector<std::string>& inputs, const Limits& limits, Renderer& renderer,
          const std::string& fonts_digest);
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  const PlannedCard* find(const std::string& id) const;
  const std::vector<std::string>& ids() const { return ids_; }
  size_t size() const { return cards_.size(); }
  // The digest the manifest records for this card at this size in this
  // format (under the size's budget): the ETag.
  std::string digest(const PlannedCard& card, const SizePreset& size, ImageFormat format) const;
  const std::vector<Diagnostic>& errors() const { return report_.errors; }
  // Every file read: content, layouts, brands, logos (what a reload watches).
  const std::vector<std::string>& files() const { return report_.inputs; }

 private:
  RenderOptions options_;
  BatchReport report_;
  Planner planner_;
  std::string fonts_digest_;
  std::vector<PlannedCard> cards_;
  std::map<std::string, size_t> by_id_;
  std::vector<std::string> ids_;
  // layout_digest_at() of sizes asked for that no card declares, by card and size.
  mutable std::mutex mu_;
  mutable std::map<std::string, std::string> layout_digests_;
};

}  // namespace placard
