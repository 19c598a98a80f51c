#include "pipeline.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <ostream>

#include "content_markdown.h"
#include "file_io.h"
#include "layout_file.h"
#include "manifest.h"
#include "png_write.h"
#include "resources.h"
#include "sizes.h"
#include "slug.h"

namespace fs = std::filesystem;

namespace placard {

Renderer::Renderer() : fonts_(std::make_unique<Fonts>(fonts_dir())) {}

PangoText& Renderer::text_for(const std::string& lang) {
  auto& slot = text_[lang];
  if (!slot) slot = std::make_unique<PangoText>(*fonts_, lang);
  return *slot;
}

Rendered render_one(const ContentCard& content, const CampaignMeta& meta, const Layout& layout,
                    const Brand& brand, const SizePreset& size, Renderer& renderer,
                    const CardLabels& labels) {
  Rendered r;
  // Resolve every default into a Card of pixels and colours.
  r.card = build_card(content, meta, layout, brand, size, labels);
  // Fit, balance and place the text.
  PangoText& text = renderer.text_for(r.card.lang);
  r.layout = lay_out_card(r.card, text);
  // Paint shapes, images and text.
  load_images(r.card, renderer.images());
  Pixmap pixels = draw_card(r.card, r.layout, text, renderer.images());
  // Encode with the alt text inside the file.
  r.png = encode_png(pixels, {r.card.title, r.card.alt, "Placard " PLACARD_VERSION});
  return r;
}

ContentCard statement_card(const std::string& text) {
  ContentCard card;
  card.kind = CardKind::statement;
  card.id = slugify(text);
  if (card.id.empty()) card.id = "card";
  card.headline.spans.push_back({text, false, false});
  card.loc = {"<command line>", 0, 0};
  return card;
}

Layout resolve_layout(const std::string& cli_layout, const Content& content) {
  if (!cli_layout.empty()) return load_layout(cli_layout);
  if (content.meta.layout.empty()) return load_layout("standard");
  const std::string& l = content.meta.layout;
  bool is_path = l.find('/') != std::string::npos || l.ends_with(".yaml");
  return load_layout(is_path ? (fs::path(content.path).parent_path() / l).string() : l);
}

Brand resolve_brand(const std::string& cli_brand, const Content& content, const Fonts& fonts) {
  std::string path = cli_brand;
  if (path.empty() && !content.meta.brand.empty())
    path = (fs::path(content.path).parent_path() / content.meta.brand).string();
  if (path.empty()) path = default_brand_path();
  if (!fs::exists(path)) {
    SourceLoc loc = cli_brand.empty() ? content.meta.loc : SourceLoc{};
    fail(loc, "brand file '" + path + "' does not exist");
  }
  Brand brand = load_brand(path);
  for (const auto& [role, font] : brand.fonts) {
    if (fonts.has_family(font.family)) continue;
    auto hints = did_you_mean(font.family, fonts.families());
    std::string all;
    for (const auto& f : fonts.families()) all += (all.empty() ? "" : ", ") + f;
    hints.push_back("bundled families: " + all);
    fail({path, 0, 0}, "brand font '" + role + "' uses family '" + font.family +
                           "', which is not in fonts/", hints);
  }
  return brand;
}

namespace {

std::vector<SizePreset> resolve_sizes(const RenderOptions& options, const Content& content) {
  if (!options.sizes.empty()) return parse_sizes(options.sizes, {});
  if (!content.meta.sizes.empty()) return parse_sizes(content.meta.sizes, content.meta.loc);
  return parse_sizes({"og"}, {});
}

// The campaign's language edition, for the gallery page; the first campaign
// file in a language gives it.
void add_edition(Manifest& manifest, const CampaignMeta& meta, const Brand& brand) {
  for (const ManifestEdition& e : manifest.editions)
    if (e.lang == meta.lang) return;
  ManifestEdition e{meta.lang, meta.name, meta.intro,
                    meta.footer.empty() ? brand.footer : meta.footer, meta.url, {}};
  for (const auto& [role, c] : brand.colors) {
    char hex[8];
    auto byte = [](double v) { return static_cast<int>(std::clamp(v, 0.0, 1.0) * 255 + 0.5); };
    std::snprintf(hex, sizeof hex, "#%02X%02X%02X", byte(c.r), byte(c.g), byte(c.b));
    e.colors.emplace_back(role, hex);
  }
  manifest.editions.push_back(std::move(e));
}

void report(const DiagnosticError& e, RunSummary& summary, std::ostream& log) {
  log << format_diagnostic(e.diagnostic());
  summary.errors.push_back(e.diagnostic());
}

}  // namespace

RunSummary render_campaigns(const RenderOptions& options, Renderer& renderer, std::ostream& log) {
  RunSummary summary;
  Manifest manifest;
  manifest.generator = "Placard " PLACARD_VERSION;
  for (const std::string& input : options.inputs) {
    // Read the content and the template it asks for.
    Content content = read_markdown(input);
    Layout layout = resolve_layout(options.layout, content);
    Brand brand = resolve_brand(options.brand, content, renderer.fonts());
    std::vector<SizePreset> sizes = resolve_sizes(options, content);
    if (manifest.campaign.empty()) manifest.campaign = content.meta.name;
    add_edition(manifest, content.meta, brand);

    for (const ContentCard& c : content.cards) {
      ++summary.cards;
      ManifestCard entry{c.id, kind_name(c.kind), c.headline.plain(), "", content.meta.lang,
                         {}, {}};
      std::vector<std::pair<std::string, std::string>> files;  // path, png
      try {
        for (const SizePreset& size : sizes) {
          Rendered r = render_one(c, content.meta, layout, brand, size, renderer);
          entry.alt = r.card.alt;
          for (const auto& w : r.layout.warnings) {
            if (std::find(entry.warnings.begin(), entry.warnings.end(), w) == entry.warnings.end()) {
              entry.warnings.push_back(w);
              log << format_location(c.loc) << ": warning: " << w << "\n";
            }
          }
          const std::string rel = c.id + "/" + size.name + ".png";
          entry.outputs.push_back({size.name, size.width, size.height, rel, r.png.size()});
          files.emplace_back(rel, std::move(r.png));
        }
      } catch (const DiagnosticError& e) {
        // An error means nothing is written for this card; the batch goes on.
        report(e, summary, log);
        ++summary.failed_cards;
        continue;
      }
      if (!c.body.empty()) entry.text += " " + c.body.plain();
      for (const auto& [rel, png] : files) {
        write_file_atomic((fs::path(options.out_dir) / rel).string(), png);
        ++summary.outputs;
      }
      summary.warnings.insert(summary.warnings.end(), entry.warnings.begin(), entry.warnings.end());
      manifest.cards.push_back(std::move(entry));
    }
  }
  // The manifest goes last, so it only ever lists files that exist.
  write_file_atomic((fs::path(options.out_dir) / "manifest.json").string(),
                    manifest_to_json(manifest));
  return summary;
}

}  // namespace placard
