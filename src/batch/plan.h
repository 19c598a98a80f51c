// The plan of a run: every content file read with its brand, and each card
// with its layout, sizes and the digest of each output's inputs (what the
// manifest records). `placard render` plans, then renders what is stale;
// `placard serve` plans, then renders what is asked for.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "batch/batch.h"
#include "batch/manifest.h"
#include "content/content.h"
#include "image/encode.h"
#include "layout/budgets.h"
#include "layout/sizes.h"
#include "layout/template.h"
#include "render/build_card.h"
#include "render/pipeline.h"
#include "text/personal_field.h"

namespace placard {

class Renderer;

// How a campaign's cards are encoded: the command line's format, else the
// front matter's, else auto; the built-in budgets under the command line's
// budgets file, else the front matter's (relative to the content file).
struct CampaignOutput {
  FormatChoice format;
  Budgets budgets;
  std::string budgets_file;  // the file read, or ""
};
// Fails (bad input, at the front matter) when the budgets file is missing or wrong.
CampaignOutput campaign_output(const Content& content, const std::string& cli_format,
                               const std::string& cli_budgets);

// A content file with its brand, read once.
struct PlannedCampaign {
  Content content;
  Brand brand;
  std::string brand_digest;  // brand file, logo and photo
  FormatChoice format;       // the command line's, else the front matter's, else auto
  Budgets budgets;           // the built-in ones under the command line's or front matter's file
  std::string budgets_file;  // the budgets file read, or ""
  // Personal cards (`personalize:`): the layout made for them (null = each
  // card's own) and the refused words (null = none).
  const Layout* personal_layout = nullptr;
  std::string personal_layout_digest;
  std::optional<Blocklist> blocklist;
};

// One card: what to render, at which sizes, and each output's digest.
struct PlannedCard {
  size_t index = 0;        // place in the whole run
  ContentCard card;        // with its final id
  std::string content_id;  // the id the content gave it, the same in every edition
  const PlannedCampaign* campaign = nullptr;
  // The campaign's, with the card's language: the planner's, one per
  // campaign and language (a copy per card was ~1 KB of a 1,000-card run's
  // heap each).
  const CampaignMeta* meta = nullptr;
  CardLabels labels;
  const Layout* layout = nullptr;
  std::string layout_digest;  // layout file and every image it names, at any size
  std::vector<SizePreset> sizes;
  std::vector<std::string> hashes;    // per size
  std::vector<ImageFormat> formats;   // per size: settled from the built card (a photo?)
  std::vector<std::int64_t> budgets;  // per size, bytes (0 = none)
  std::vector<std::string> files;     // per size: "<id>/<size>.<png|jpg|webp>"
  // Per size: the card the plan built to settle its format, kept for the
  // render, which takes it (take_render_job), so that a card is built once.
  // Empty when released: an output up to date, or a server's catalog.
  std::vector<std::optional<Card>> built;
  std::optional<Diagnostic> error;  // the card cannot be rendered
  std::string alt;
  // Personal cards. `source_id` is the id as its file writes it: `cards:`
  // names that, while `card.id` may carry an edition's suffix ("-es").
  std::string source_id;
  const Personalize* personalize = nullptr;  // the campaign's block
  const Layout* personal_layout = nullptr;   // null = `layout`
  const Blocklist* blocklist = nullptr;      // null = no refused words
  // Whether a supporter may make this card their own.
  bool personal() const { return personalize && personalize->covers(source_id); }
};

// The job of output k: the card the plan built for it, taken, or built again
// when it was released; encoded in the planned format within its budget.
RenderJob take_render_job(PlannedCard& card, size_t k, bool strict);
// The job of `card` at `size` (one of its sizes, or a server's other size),
// built now: a catalog's cards are shared by every request. With a
// supporter, the personal card, on the campaign's personal layout.
RenderJob render_job(const PlannedCard& card, const SizePreset& size, const OutputSpec& output,
                     const Supporter* supporter = nullptr);

// Fails when a campaign's personal layout cannot show what `personalize:`
// asks for: `photo: true` without a `source: supporter` slot (at the
// `photo:` line), a required field no frame shows (at the field).
void check_personal_layout(const Personalize& p, const Layout& layout);

// Reads content and settles every card. Lives as long as the cards it made
// (they point into it).
class Planner {
 public:
  Planner(const RenderOptions& o, BatchReport& report);
  ~Planner();
  Planner(const Planner&) = delete;
  Planner& operator=(const Planner&) = delete;

  // Reads every content file; a file that cannot be read is reported and
  // the others go on.
  void read(Renderer& renderer);
  // Every card of the run (of this shard), in order, settled.
  std::vector<PlannedCard> cards(const std::string& fonts_digest);
  // The content files read, with their brands, in the order given.
  std::vector<const PlannedCampaign*> campaigns() const;
  // Editions of one campaign (content files in different languages) should
  // hold the same cards: for each edition that lacks some, one diagnostic
  // at its front matter naming the card ids the others have.
  std::vector<Diagnostic> edition_gaps() const;
  // Frees the cards read from the content files, once cards() has copied
  // them into the plan and edition_gaps() has compared them: a batch keeps
  // only its planned cards (1,000 cards: ~0.7 MB held to the end for nothing).
  void drop_content_cards();

  bool incomplete = false;      // a content file could not be read
  std::int64_t run_pixels = 0;  // of every output planned
  std::string campaign_name;
  std::vector<ManifestEdition> editions;

 private:
  struct LayoutEntry;
  void settle(PlannedCard& card, const std::string& fonts_digest);
  const LayoutEntry& layout_for(const ContentCard& card, const Content& content);
  const LayoutEntry& layout_named(std::string name, const SourceLoc& loc);
  // layout_digest_at(), once per layout, brand, kind and size.
  const std::string& layout_digest_for(const PlannedCard& card, const SizePreset& size);
  // The campaign's meta with the language `lang` (its own when empty).
  const CampaignMeta* meta_for(const PlannedCampaign& campaign, const std::string& lang);
  // The surfaces of a size as --platforms selects them: one list per size
  // name, shared by every card planned at it.
  const SurfaceList& surfaces_for(const SizePreset& size);
  // `personalize.layout` and `personalize.blocklist`, relative to the file.
  void read_personalize(PlannedCampaign& c);

  const RenderOptions& o_;
  BatchReport& report_;
  std::vector<std::unique_ptr<PlannedCampaign>> campaigns_;
  std::map<std::string, std::unique_ptr<LayoutEntry>> layouts_;
  std::map<std::string, std::string> layout_digests_at_;
  std::map<std::string, SurfaceList> surfaces_;  // by size name
  std::map<std::pair<const PlannedCampaign*, std::string>, std::unique_ptr<CampaignMeta>> metas_;
};

// The language the manifest and the download page give cards and editions
// whose content names none: English. (Their text is set as before, with no
// language: only what the page shows depends on it.)
std::string manifest_lang(const std::string& lang);

// The digest of every input of one output: Placard's version, the format
// with its encoder settings, the byte budget, the fonts, the layout and brand
// (files and images), the card's text and settings, and the size.
std::string output_digest(std::string_view fonts_digest, std::string_view layout_digest,
                          std::string_view brand_digest, const ContentCard& card,
                          const CampaignMeta& meta, const CardLabels& labels,
                          const SizePreset& size, ImageFormat format, std::int64_t budget);

// Everything about a card and its size that reaches the pixels, as text: its
// part of output_digest. The card's place in its file is left out, so moving
// a card re-renders nothing.
std::string card_key(const ContentCard& card, const CampaignMeta& meta, const CardLabels& labels,
                     const SizePreset& size);

// The sizes of one card: those chosen for the run (the command line), else
// the card's own, else the campaign's, else og.
std::vector<SizePreset> card_sizes(const std::vector<std::string>& chosen, const ContentCard& card,
                                   const CampaignMeta& meta);

// The files a layout draws on a card of `kind` at `size`: its SVG
// templates and pictures, the brand's logo and the photo it shows.
std::vector<std::string> layout_images(const Layout& layout, const Brand& brand, CardKind kind,
                                       const SizePreset& size);

// Digests of a layout (its file, the images it names and its photo), of a
// layout as one card sees it (its file and layout_images() there), and of a
// brand (its file, logo and photo). An output's digest takes the second, so
// a picture saved re-renders only the cards that show it.
std::string layout_digest(const Layout& layout);
std::string layout_digest_at(const Layout& layout, const Brand& brand, CardKind kind,
                             const SizePreset& size);
std::string brand_digest(const Brand& brand);

}  // namespace placard
