// The pipeline: content → cards → layout → pixels → PNG → files + manifest.
// render_campaigns() reads as the list of stages; render_one() is one card at
// one size. Errors for one card are collected and the batch goes on.
#pragma once

#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "build_card.h"
#include "content.h"
#include "diagnostics.h"
#include "draw.h"
#include "fonts.h"
#include "pango_text.h"
#include "template.h"
#include "text_fit.h"

namespace placard {

struct RenderOptions {
  std::vector<std::string> inputs;  // content files
  std::string out_dir;
  std::vector<std::string> sizes;   // empty: front matter, else "og"
  std::string layout;               // empty: front matter, else "standard"
  std::string brand;                // empty: front matter, else the built-in brand
  bool strict = false;              // missing glyphs are errors, not warnings
};

struct RunSummary {
  int cards = 0;
  int outputs = 0;
  int failed_cards = 0;
  std::vector<Diagnostic> errors;
  std::vector<std::string> warnings;
};

// Fonts, text engines and decoded images, reused across cards.
class Renderer {
 public:
  Renderer();
  PangoText& text_for(const std::string& lang);
  const Fonts& fonts() const { return *fonts_; }
  ImageCache& images() { return images_; }

 private:
  std::unique_ptr<Fonts> fonts_;
  std::map<std::string, std::unique_ptr<PangoText>> text_;
  ImageCache images_;
};

struct Rendered {
  Card card;
  CardLayout layout;
  std::string png;
};

// One card at one size: build, lay out, draw, encode. Fails on misfit.
Rendered render_one(const ContentCard& content, const CampaignMeta& meta, const Layout& layout,
                    const Brand& brand, const SizePreset& size, Renderer& renderer,
                    const CardLabels& labels = {}, bool strict = false);

// The card `placard card TEXT` renders: a statement with TEXT as its headline.
ContentCard statement_card(const std::string& text);

// Layout and brand for a campaign: command line first, then front matter
// (brand relative to the content file), then the built-in defaults.
Layout resolve_layout(const std::string& cli_layout, const Content& content);
Brand resolve_brand(const std::string& cli_brand, const Content& content, const Fonts& fonts);

RunSummary render_campaigns(const RenderOptions& options, Renderer& renderer, std::ostream& log);

}  // namespace placard
