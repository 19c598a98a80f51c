#include "cli/proof.h"

#include "cli/draw_proof.h"
#include "content/content_markdown.h"
#include "image/png_write.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/anchor.h"
#include "render/build_card.h"
#include "render/contrast.h"
#include "render/decoration.h"
#include "render/draw.h"
#include "text/text_fit.h"

namespace placard {

namespace {

RichText rich(std::initializer_list<Span> spans) {
  return RichText{spans};
}

// The card at one size, as pixels, or the error that stops it.
ProofCell render_cell(const ContentCard& c, const CampaignMeta& meta, const Layout& layout,
                      const Brand& brand, const SizePreset& size, Renderer& renderer,
                      std::vector<Diagnostic>& errors) {
  ProofCell cell;
  cell.width = size.width;
  cell.height = size.height;
  cell.label =
      size.name + "  " + std::to_string(size.width) + "\u00D7" + std::to_string(size.height);
  try {
    Card card = build_card(c, meta, layout, brand, size);
    PangoText& text = renderer.text_for(card.lang);
    CardLayout laid = lay_out_card(card, text);
    place_anchored(card, laid);
    yield_decorations(card, laid);
    load_images(card, renderer.images());
    std::vector<TextBackdrop> backdrops;
    cell.pixels = draw_card(card, laid, text, renderer.images(), &backdrops);
    for (Diagnostic& d : check_contrast(card, backdrops)) {
      if (layout.contrast == ContrastPolicy::error) throw DiagnosticError(std::move(d));
    }
  } catch (const DiagnosticError& e) {
    cell.pixels = {};
    cell.error = e.diagnostic().message;
    errors.push_back(e.diagnostic());
  }
  return cell;
}

}  // namespace

Content sample_content() {
  Content content;
  content.path = "<sample>";
  content.meta.name = "Sample Campaign";
  content.meta.footer = "example.org/campaign";
  content.meta.lang = "en";
  ContentCard rec;
  rec.id = "sample-recommendation";
  rec.kind = CardKind::recommendation;
  rec.headline = rich({{"Fund community clinics", true, false},
                       {" in every county that asks for one", false, false}});
  rec.body =
      rich({{"Clinics cut emergency visits by a third where they opened, and cost less "
             "than the visits they prevent.",
             false, false}});
  rec.number = 2;
  rec.total = 4;
  rec.section = "Health care close to home";
  ContentCard heading;
  heading.id = "sample-heading";
  heading.kind = CardKind::heading;
  heading.headline = rich({{"Health care close to home", false, false}});
  ContentCard quote;
  quote.id = "sample-quote";
  quote.kind = CardKind::quote;
  quote.headline =
      rich({{"A clinic down the road is worth more than a hospital two counties "
             "away.",
             false, false}});
  quote.attribution = "Dr. Ana Morales, county health officer";
  ContentCard statement;
  statement.id = "sample-statement";
  statement.kind = CardKind::statement;
  statement.headline = rich({{"Care should not depend on your postcode.", false, false}});
  content.cards = {rec, heading, quote, statement};
  for (ContentCard& c : content.cards) c.loc = {"<sample>", 0, 0};
  return content;
}

ProofResult render_proof(const ProofOptions& options, Renderer& renderer) {
  ProofResult result;
  // Read the layout, brand and the cards to show.
  Content content = options.content.empty() ? sample_content() : read_markdown(options.content);
  Layout layout = load_layout(options.layout);
  Content for_brand = content;
  if (options.content.empty()) for_brand.meta.brand.clear();
  Brand brand = resolve_brand(options.brand, for_brand, renderer.fonts());

  // One row per card, one column per preset size.
  std::vector<ProofRow> rows;
  for (const ContentCard& c : content.cards) {
    ProofRow row;
    row.title = std::string(kind_name(c.kind)) + ": " + c.headline.plain();
    if (row.title.size() > 110) {
      size_t cut = row.title.rfind(' ', 105);
      row.title = row.title.substr(0, cut == std::string::npos ? 105 : cut) + "\u2026";
    }
    for (const SizePreset& size : size_presets()) {
      row.cells.push_back(
          render_cell(c, content.meta, layout, brand, size, renderer, result.errors));
      ++result.cards;
    }
    rows.push_back(std::move(row));
  }

  // Compose and encode the sheet.
  const std::string title = "Layout \u2018" + layout.name + "\u2019 \u00B7 brand \u2018" +
                            (brand.name.empty() ? "default" : brand.name) + "\u2019";
  std::string subtitle = layout.description;
  subtitle += options.content.empty() ? "  \u2014  sample text" : "  \u2014  " + options.content;
  if (!result.errors.empty())
    subtitle += "  \u2014  " + std::to_string(result.errors.size()) + " failed (shown in red)";
  Pixmap sheet = draw_proof_sheet(title, subtitle, rows, renderer.text_for("en"));
  result.png =
      encode_png(sheet, {title, "Contact sheet of " + title, "Placard " PLACARD_VERSION, ""});
  return result;
}

}  // namespace placard
