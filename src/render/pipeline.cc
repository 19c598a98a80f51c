#include "render/pipeline.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <set>
#include <variant>

#include "base/file_io.h"
#include "base/resources.h"
#include "content/slug.h"
#include "image/encode.h"
#include "layout/budgets.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/anchor.h"
#include "render/brand_fonts.h"
#include "render/brand_marks.h"
#include "render/contrast.h"
#include "render/decoration.h"
#include "render/platform_check.h"
#include "render/scaled_fonts.h"

namespace fs = std::filesystem;

namespace placard {

Renderer::Renderer(const Limits& limits)
    : fonts_(std::make_unique<Fonts>(fonts_dir())), images_(limits) {}

PangoText& Renderer::text_for(const std::string& lang) {
  auto& slot = text_[lang];
  if (!slot) slot = std::make_unique<PangoText>(*fonts_, lang);
  return *slot;
}

PangoText& Renderer::text_for(const std::string& lang, const BrandFontSet& brand) {
  if (brand.empty()) return text_for(lang);
  // One font set per brand's fonts, loaded on the first card that needs it
  // (the brand being drawn holds its own, so this never frees it).
  drop_unheld_brand_fonts();
  size_t i = 0;
  while (i < brand_fonts_.size() && !(brand_fonts_[i].set == brand)) ++i;
  if (i == brand_fonts_.size())
    brand_fonts_.push_back({brand, std::make_unique<Fonts>(fonts_dir(), brand), {}, {}, false});
  BrandFonts& b = brand_fonts_[i];
  b.set.holder.reset();  // the renderer itself holds nothing
  if (brand.holder && std::none_of(b.holders.begin(), b.holders.end(), [&](const auto& h) {
        return !h.owner_before(brand.holder) && !brand.holder.owner_before(h);
      })) {
    b.holders.push_back(brand.holder);
    b.held = true;
  }
  auto& slot = b.text[lang];
  if (!slot) slot = std::make_unique<PangoText>(*b.fonts, lang);
  return *slot;
}

namespace {

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Stores the CPU time since the last lap as one stage's time.
class StageClock {
 public:
  void lap(double& stage) {
    const double now = thread_cpu_ms();
    stage = now - last_;
    last_ = now;
  }

 private:
  double last_ = thread_cpu_ms();
};

}  // namespace

void Renderer::drop_unheld_brand_fonts() {
  // A set loaded for a brand without a holder (one made by hand) is kept.
  std::erase_if(brand_fonts_, [](BrandFonts& b) {
    std::erase_if(b.holders, [](const std::weak_ptr<const int>& h) { return h.expired(); });
    return b.held && b.holders.empty();
  });
}

void Renderer::card_done(int renders) {
  drop_unheld_brand_fonts();
  // Pango let go of its fonts after the card before this one; Cairo kept
  // them, with their glyphs. This card took back the ones it needed (those
  // of most cards: the kicker's size, a common headline size): the others go.
  if (free_released_fonts_) free_released_scaled_fonts();
  free_released_fonts_ = false;
  // Reopening the fonts and drawing their glyphs again costs ~0.5% of this
  // many renders (callgrind); between resets the caches hold the fonts of
  // this many renders' sizes, not of every size a run was fitted at.
  constexpr int kRendersPerReset = 64;
  renders_since_reset_ += renders;
  if (renders_since_reset_ < kRendersPerReset) return;
  renders_since_reset_ = 0;
  for (auto& [lang, text] : text_) text->forget_layouts();
  fonts_->forget_sized_fonts();
  for (BrandFonts& b : brand_fonts_) {
    for (auto& [lang, text] : b.text) text->forget_layouts();
    b.fonts->forget_sized_fonts();
  }
  free_released_fonts_ = true;
}

namespace {

// When no frame of the built card shows the headline, the card's texts that
// none shows, as "'headline', 'body'"; else "". (A layout may leave out the
// body or attribution by design, as `frame` does; a card without its
// headline is blank.)
std::string unshown_fields(const ContentCard& content, const Card& card) {
  std::set<std::string> shown;
  for (const CardItem& item : card.items)
    if (const auto* frame = std::get_if<TextFrame>(&item))
      for (const TextBlock& b : frame->blocks) shown.insert(b.field);
  if (shown.contains("headline")) return "";
  std::string lost;
  const std::pair<const char*, bool> fields[] = {{"headline", !content.headline.empty()},
                                                 {"body", !content.body.empty()},
                                                 {"attribution", !content.attribution.empty()}};
  for (const auto& [field, has_text] : fields)
    if (has_text && !shown.contains(field))
      lost += (lost.empty() ? "'" : ", '") + std::string(field) + "'";
  return lost;
}

}  // namespace

RenderJob make_render_job(const ContentCard& content, const CampaignMeta& meta,
                          const Layout& layout, const Brand& brand, const SizePreset& size,
                          const CardLabels& labels, const Supporter* supporter) {
  RenderJob job;
  StageClock clock;
  job.card = build_card(content, meta, layout, brand, size, labels, supporter);
  clock.lap(job.build_ms);
  job.content = &content;
  job.layout = &layout;
  job.brand = &brand;
  job.size = size;
  job.supporter = supporter;
  return job;
}

RenderJob with_output(RenderJob job, const OutputSpec& output, bool strict) {
  job.output = output;
  job.strict = strict;
  return job;
}

namespace {

// A warning of this output: kept, or under --strict thrown as the error.
void warn(const RenderJob& job, CardLayout& layout, Diagnostic d) {
  if (job.strict) {
    d.severity = Severity::error;
    throw DiagnosticError(std::move(d));
  }
  layout.warnings.push_back(std::move(d));
}

}  // namespace

Rendered render_one(RenderJob job, Renderer& renderer) {
  Rendered r;
  StageTimes& times = renderer.times();
  times = {};
  times.build = job.build_ms;
  StageClock clock;
  r.card = std::move(job.card);
  const SizePreset& size = job.size;
  const std::string who = "card '" + r.card.id + "' " + size.name + ": ";
  // Fit, balance and place the text.
  PangoText& text = renderer.text_for(r.card.lang, job.brand->font_set);
  r.layout = lay_out_card(r.card, text);
  // Bars and marks anchored to a text follow its lines.
  place_anchored(r.card, r.layout);
  // Rings and rules move off the words, or shrink.
  yield_decorations(r.card, r.layout);
  clock.lap(times.layout);
  // Text the layout has no frame for would be lost without a word.
  if (const std::string lost = unshown_fields(*job.content, r.card); !lost.empty())
    warn(job, r.layout,
         warning(Check::unshown_text, r.card.loc,
                 who + "layout '" + job.layout->name + "' has no text frame for " + lost +
                     ", so the card does not show it",
                 {"add a text element with 'field: headline' (and the others) to '" +
                  job.layout->path + "', or use a built-in layout"}));
  // Characters no font has (or, under strict, a brand's fallback) stop here.
  if (job.strict && !r.layout.warnings.empty()) warn(job, r.layout, r.layout.warnings.front());
  // Paint shapes, images and text, keeping what lies under each text.
  load_images(r.card, renderer.images());
  std::vector<TextBackdrop> backdrops;
  Pixmap& pixels = renderer.canvas();
  draw_card_into(pixels, r.card, r.layout, text, renderer.images(), &backdrops,
                 job.supporter ? job.supporter->photo : nullptr);
  // The supporter's name stays in no cache once this card is drawn.
  if (job.supporter) text.forget_layouts();
  clock.lap(times.draw);
  // Check every text against the pixels drawn under it (WCAG 2.2).
  for (Diagnostic& d : check_contrast(r.card, backdrops, &r.contrast)) {
    d.check = Check::contrast;
    if (job.layout->contrast == ContrastPolicy::error) throw DiagnosticError(std::move(d));
    // As every warning of an output, at the card (the manifest keeps it so).
    d.severity = Severity::warning;
    d.loc = r.card.loc;
    r.layout.warnings.push_back(std::move(d));
  }
  // Hold text, the logo and important elements to what each platform of the
  // size shows (its crop) and leaves uncovered (its bars, rails and titles).
  r.platforms = check_platforms(r.card, r.layout, size.surfaces);
  for (const PlatformIssue& issue : r.platforms) {
    // At the layout element that has to move (the card when it has no place).
    warn(job, r.layout,
         warning(Check::platform, issue.loc.file.empty() ? r.card.loc : issue.loc,
                 who + describe(issue),
                 {"move '" + issue.element + "' inside the safe area of '" + size.name +
                  "', or leave platforms out with --platforms ('placard platforms' lists them)"}));
  }
  clock.lap(times.contrast);
  // Encode in the card's format, within its size's budget, with the title
  // and alt text inside the file.
  const OutputSpec& output = job.output;
  r.format = output_format(r.card, output.format);
  Encoded e = encode_card(pixels, r.format, {r.card.title, r.card.alt, "Placard " PLACARD_VERSION},
                          output.budget);
  clock.lap(times.encode);
  if (!e.fits)
    warn(job, r.layout,
         warning(
             Check::byte_budget, r.card.loc,
             who + std::to_string(e.bytes.size()) + " bytes as " +
                 std::string(format_name(r.format)) +
                 (r.format == ImageFormat::png ? ""
                                               : " even at quality " + std::to_string(e.quality)) +
                 ", over the " + size.name + " budget of " + std::to_string(output.budget) +
                 " bytes (" + human_size(output.budget) + ")",
             {r.format == ImageFormat::png
                  ? "use 'format: jpeg' (or --format jpeg) for this card, or raise the budget "
                    "of '" +
                        size.name + "' with a budgets file (--budgets)"
                  : "raise the budget of '" + size.name +
                        "' with a budgets file (--budgets), or use a photo with less fine "
                        "detail"}));
  r.bytes = std::move(e.bytes);
  r.quality = e.quality;
  return r;
}

ImageFormat output_format(const Card& card, FormatChoice choice) {
  if (!choice.automatic) return choice.format;
  for (const CardItem& item : card.items)
    if (const auto* img = std::get_if<ImageItem>(&item); img && img->photo)
      return ImageFormat::jpeg;
  return ImageFormat::png;
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
  return load_layout(
      layout_reference(content.meta.layout, fs::path(content.path).parent_path().string()));
}

Brand resolve_brand(const std::string& cli_brand, const Content& content, const Fonts& fonts) {
  std::string path = cli_brand;
  if (path.empty() && !content.meta.brand.empty())
    path = (fs::path(content.path).parent_path() / content.meta.brand).string();
  if (path.empty()) path = default_brand_path();
  if (!fs::is_regular_file(path)) {
    SourceLoc loc = cli_brand.empty() ? content.meta.brand_loc : SourceLoc{};
    fail(loc, "brand file '" + path + "' does not exist",
         {"give the brand file relative to the content file"});
  }
  Brand brand = load_brand(path);
  auto bundled = [&](const std::string& family, const SourceLoc& loc, const std::string& what) {
    if (fonts.has_family(family)) return;
    auto hints = did_you_mean(family, fonts.families());
    std::string all;
    for (const auto& f : fonts.families()) all += (all.empty() ? "" : ", ") + f;
    hints.push_back("bundled families: " + all);
    hints.push_back("or give the brand's own font with 'file:' (relative to the brand file)");
    fail(loc, what + " uses family '" + family + "', which is not in fonts/", hints);
  };
  for (const auto& [role, font] : brand.fonts)
    if (font.file.empty())
      bundled(font.family,
              brand.font_locs.count(role) ? brand.font_locs.at(role) : SourceLoc{path, 0, 0},
              "brand font '" + role + "'");
  for (const BrandScript& s : brand.scripts)
    if (s.file.empty()) bundled(s.family, s.loc, "brand font for script '" + s.name + "'");
  load_brand_fonts(brand);
  for (Diagnostic& w : check_brand_marks(brand, content))
    brand.font_report.warnings.push_back(std::move(w));
  return brand;
}

}  // namespace placard
