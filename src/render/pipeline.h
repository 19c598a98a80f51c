// The pipeline of one card: content → card → layout → pixels → PNG.
// render_one() reads as the list of stages; batch.h runs it over many cards.
#pragma once

#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/run_limits.h"
#include "content/content.h"
#include "image/encode.h"
#include "layout/template.h"
#include "render/build_card.h"
#include "render/contrast.h"
#include "render/draw.h"
#include "render/platform_check.h"
#include "text/fonts.h"
#include "text/pango_text.h"
#include "text/text_fit.h"

namespace placard {

// CPU milliseconds (of the calling thread) each stage of the last
// render_one() took: what the benchmark reports.
struct StageTimes {
  double build = 0, layout = 0, draw = 0, contrast = 0, encode = 0;  // contrast: and platforms
  double total() const { return build + layout + draw + contrast + encode; }
};

// Fonts, text engines, decoded images and the canvas, reused across cards.
// One per thread.
class Renderer {
 public:
  explicit Renderer(const Limits& limits = {});
  PangoText& text_for(const std::string& lang);
  // The text engine of a brand's own fonts (the bundled one when it has
  // none): a font set of its own, so no card sees another brand's files.
  PangoText& text_for(const std::string& lang, const BrandFontSet& brand);
  const Fonts& fonts() const { return *fonts_; }
  ImageCache& images() { return images_; }
  Pixmap& canvas() { return canvas_; }
  StageTimes& times() { return times_; }
  // Call after each card: every so many renders, lets go of the fonts opened
  // at each size and their glyph caches, which otherwise grow with the run;
  // and at once of the font sets of brands that no one holds any more.
  void card_done(int renders);
  // Brand font sets this renderer has loaded and keeps.
  size_t brand_font_sets() const { return brand_fonts_.size(); }

 private:
  std::unique_ptr<Fonts> fonts_;
  std::map<std::string, std::unique_ptr<PangoText>> text_;
  struct BrandFonts {
    BrandFontSet set;
    std::unique_ptr<Fonts> fonts;
    std::map<std::string, std::unique_ptr<PangoText>> text;
    // The brands (each load of the same files) that use it; none left: freed.
    std::vector<std::weak_ptr<const int>> holders;
    bool held = false;  // some brand held it (one made by hand holds nothing: kept)
  };
  std::vector<BrandFonts> brand_fonts_;  // few per run: a list
  // Frees the font sets whose every holder is gone (no card can ask for them).
  void drop_unheld_brand_fonts();
  ImageCache images_;
  Pixmap canvas_;  // the pixels of the card being drawn
  StageTimes times_;
  int renders_since_reset_ = 0;
  bool free_released_fonts_ = false;  // after the next card: see card_done()
};

// How a card's file is encoded: --format (or `format:`) and its size's budget.
struct OutputSpec {
  FormatChoice format;      // auto: PNG, or JPEG for a card with a photo
  std::int64_t budget = 0;  // bytes; 0 = no budget
};

// The format `choice` gives `card`: a fixed one as it is; auto, JPEG when the
// card shows a photo (every platform takes JPEG) and the palette PNG
// otherwise. The batch names files by it before anything is drawn.
ImageFormat output_format(const Card& card, FormatChoice choice);

// One output, resolved: the card built for its size (every default settled,
// lengths in pixels) and how its file is encoded. The plan makes one per
// output it renders, so a card is built once; render_one() draws it.
struct RenderJob {
  Card card;  // from build_card()
  // What the card was built from: the content (so that no text is lost
  // without a word), the layout (its name, file and contrast policy) and the
  // brand (its fonts).
  const ContentCard* content = nullptr;
  const Layout* layout = nullptr;
  const Brand* brand = nullptr;
  SizePreset size;
  OutputSpec output;
  bool strict = false;  // warnings are errors
  // A personal card's supporter (render/build_card.h): their values are in
  // `card`, and their photo is drawn for this job only, never cached.
  const Supporter* supporter = nullptr;
  double build_ms = 0;  // CPU time building `card` took: StageTimes::build
};

// The job of `content` at `size`: builds its card. Fails as build_card does.
RenderJob make_render_job(const ContentCard& content, const CampaignMeta& meta,
                          const Layout& layout, const Brand& brand, const SizePreset& size,
                          const CardLabels& labels = {}, const Supporter* supporter = nullptr);

// `job`, encoded as `output`, with warnings as errors under `strict`.
RenderJob with_output(RenderJob job, const OutputSpec& output, bool strict = false);

struct Rendered {
  Card card;
  CardLayout layout;  // its warnings: every warning of this output
  std::string bytes;  // the encoded file
  ImageFormat format = ImageFormat::png;
  int quality = 0;  // JPEG/WebP: the quality the budget search settled on
  // Texts that fail the contrast check (with a layout whose policy is warn;
  // with `error` the first one is thrown instead).
  std::vector<ContrastFailure> contrast;
  // Elements a surface of the size cuts off or covers (each also a warning,
  // or under `strict` the first one is thrown).
  std::vector<PlatformIssue> platforms;
};

// One output: lay out, draw, check, encode. Fails on misfit. Each warning
// (a character no font has, a text under the contrast it needs, a file over
// its budget even at the lowest quality, text the layout has no frame for) is
// a Diagnostic with its Check in layout.warnings, or under `strict` thrown as
// an error.
Rendered render_one(RenderJob job, Renderer& renderer);

// The card `placard card TEXT` renders: a statement with TEXT as its headline.
ContentCard statement_card(const std::string& text);

// Layout and brand for a campaign: command line first, then front matter
// (brand relative to the content file), then the built-in defaults.
Layout resolve_layout(const std::string& cli_layout, const Content& content);
Brand resolve_brand(const std::string& cli_brand, const Content& content, const Fonts& fonts);

}  // namespace placard
