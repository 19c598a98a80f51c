#include "batch/plan.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "base/file_io.h"
#include "base/run_limits.h"
#include "batch/input_hash.h"
#include "content/content_deck.h"
#include "image/encode.h"
#include "layout/budgets.h"
#include "layout/layout_file.h"
#include "layout/platforms.h"
#include "render/pipeline.h"

namespace fs = std::filesystem;

namespace placard {

struct Planner::LayoutEntry {
  std::optional<Layout> layout;
  std::string digest;  // layout file and the images it names
  std::optional<Diagnostic> error;
};

namespace {

// The campaign's language edition, for the gallery page; the first content
// file in a language gives it.
void add_edition(std::vector<ManifestEdition>& editions, const CampaignMeta& meta,
                 const Brand& brand) {
  const std::string lang = manifest_lang(meta.lang);
  for (const ManifestEdition& e : editions)
    if (e.lang == lang) return;
  ManifestEdition e{
      lang, meta.name, meta.intro, meta.footer.empty() ? brand.footer : meta.footer, meta.url, {}};
  for (const auto& [role, c] : brand.colors) {
    char hex[8];
    auto byte = [](double v) { return static_cast<int>(std::clamp(v, 0.0, 1.0) * 255 + 0.5); };
    std::snprintf(hex, sizeof hex, "#%02X%02X%02X", byte(c.r), byte(c.g), byte(c.b));
    e.colors.emplace_back(role, hex);
  }
  editions.push_back(std::move(e));
}

// A highlight (==text==) is part of a span's look, so it is part of the key.
nlohmann::ordered_json spans_json(const RichText& t) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Span& s : t.spans) out.push_back({s.text, s.strong, s.em, s.mark});
  return out;
}

// Output ids must be unique across content files: a clash between files in
// different languages is settled with the language ("end-287g-es").
std::string lang_suffix(const std::string& lang) {
  std::string out;
  for (char c : lang) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
    else if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if (c == '-' || c == '_')
      out += '-';
  }
  return out;
}

// A card field longer than the limit: an error for that card.
std::optional<Diagnostic> text_too_long(const ContentCard& c, const Limits& limits) {
  const std::pair<const char*, std::string> fields[] = {{"headline", c.headline.plain()},
                                                        {"body", c.body.plain()},
                                                        {"attribution", c.attribution},
                                                        {"kicker", c.kicker},
                                                        {"footer", c.footer},
                                                        {"section", c.section}};
  for (const auto& [name, text] : fields) {
    if (text.size() <= static_cast<size_t>(limits.text_bytes)) continue;
    try {
      fail_limit(
          c.loc, "text-bytes", limits.text_bytes,
          std::string("card ") + name + " is " + std::to_string(text.size()) + " bytes long");
    } catch (const DiagnosticError& e) {
      return e.diagnostic();
    }
  }
  return std::nullopt;
}

}  // namespace

std::string manifest_lang(const std::string& lang) {
  return lang.empty() ? "en" : lang;
}

std::string card_key(const ContentCard& c, const CampaignMeta& m, const CardLabels& labels,
                     const SizePreset& size) {
  nlohmann::ordered_json j = {{"id", c.id},
                              {"kind", kind_name(c.kind)},
                              {"headline", spans_json(c.headline)},
                              {"body", spans_json(c.body)},
                              {"attribution", c.attribution},
                              {"section", c.section},
                              {"number", c.number},
                              {"total", c.total},
                              {"meta", {m.name, m.intro, m.footer, m.lang}},
                              {"labels", {labels.kicker, labels.footer}},
                              {"size",
                               {size.name, size.width, size.height, size.safe_left, size.safe_top,
                                size.safe_right, size.safe_bottom}}};
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::vector<SizePreset> card_sizes(const std::vector<std::string>& chosen, const ContentCard& card,
                                   const CampaignMeta& meta) {
  if (!chosen.empty()) return parse_sizes(chosen, {});
  if (!card.sizes.empty()) return parse_sizes(card.sizes, card.loc);
  if (!meta.sizes.empty()) return parse_sizes(meta.sizes, meta.sizes_loc);
  return parse_sizes({"og"}, {});
}

std::string layout_digest(const Layout& layout) {
  InputHash h;
  h.add_file(layout.path);
  std::set<std::string> images;
  auto add = [&](const std::vector<ElementSpec>& elements) {
    for (const ElementSpec& el : elements)
      if ((el.type == ElementType::image || el.type == ElementType::svg) && !el.source_path.empty())
        images.insert(el.source_path);
  };
  for (const auto& elements : layout.elements) add(elements);
  for (const auto& [size, elements] : layout.by_size) add(elements);
  for (const auto& img : images) h.add(img).add_file(img);
  if (!layout.photo.empty()) h.add("photo").add_file(layout.photo);
  return h.hex();
}

std::vector<std::string> layout_images(const Layout& layout, const Brand& brand, CardKind kind,
                                       const SizePreset& size) {
  std::vector<std::string> out;
  for (const ElementSpec& el : layout.for_size(size)) {
    if (el.hidden) continue;
    if (el.type != ElementType::image && el.type != ElementType::svg) continue;
    if (!el.when.empty() && std::find(el.when.begin(), el.when.end(), kind) == el.when.end())
      continue;
    std::string path = el.source_path;
    if (el.source == "logo") path = brand.logo;
    if (el.source == "photo") path = !brand.photo.empty() ? brand.photo : layout.photo;
    if (!path.empty()) out.push_back(path);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string layout_digest_at(const Layout& layout, const Brand& brand, CardKind kind,
                             const SizePreset& size) {
  InputHash h;
  h.add_file(layout.path);
  // The bytes count, not where the files live: the brand's logo and photo
  // are in the brand's digest, the layout's own images go by their name
  // beside the layout.
  const fs::path dir = fs::path(layout.path).parent_path();
  for (const std::string& img : layout_images(layout, brand, kind, size)) {
    if (img == brand.logo || img == brand.photo) continue;
    h.add(fs::path(img).lexically_relative(dir).string()).add_file(img);
  }
  return h.hex();
}

std::string brand_digest(const Brand& brand) {
  InputHash h;
  h.add_file(brand.path);  // the logo's and photo's bytes count, not where they live
  if (!brand.logo.empty()) h.add_file(brand.logo);
  if (!brand.photo.empty()) h.add("photo").add_file(brand.photo);
  // The brand's own fonts: their bytes, in the order they are loaded.
  for (const BrandFace& f : brand.font_set.files) h.add("font").add_file(f.path);
  return h.hex();
}

namespace {

// The platforms files the checks and safe zones come from (the built-in one,
// and a campaign's own over it): a changed crop or covered area re-checks
// every card, as a moved safe zone re-draws it.
const std::string& platforms_digest() {
  static const std::string digest = [] {
    InputHash h;
    for (const std::string& f : default_platforms().files) h.add_file(f);
    return h.hex();
  }();
  return digest;
}

}  // namespace

std::string output_digest(std::string_view fonts_digest, std::string_view layout_digest,
                          std::string_view brand_digest, const ContentCard& card,
                          const CampaignMeta& meta, const CardLabels& labels,
                          const SizePreset& size, ImageFormat format, std::int64_t budget) {
  InputHash h;
  h.add("Placard " PLACARD_VERSION).add(encoding_id(format)).add(std::to_string(budget));
  h.add(fonts_digest).add(layout_digest);
  h.add(brand_digest).add(card_key(card, meta, labels, size));
  // The surfaces this output is checked against (--platforms chooses them):
  // their findings are the output's warnings.
  h.add(platforms_digest());
  for (const Surface& s : size.surfaces) h.add(s.name);
  return h.hex();
}

CampaignOutput campaign_output(const Content& content, const std::string& cli_format,
                               const std::string& cli_budgets) {
  CampaignOutput out;
  out.format = *parse_format_choice(!cli_format.empty() ? cli_format : content.meta.format);
  out.budgets = default_budgets();
  if (!cli_budgets.empty()) {
    out.budgets_file = cli_budgets;
  } else if (!content.meta.budgets.empty()) {
    out.budgets_file = (fs::path(content.path).parent_path() / content.meta.budgets).string();
    if (!fs::exists(out.budgets_file))
      fail(content.meta.budgets_loc, "budgets file '" + out.budgets_file + "' does not exist");
  }
  if (!out.budgets_file.empty()) out.budgets = load_budgets(out.budgets_file, out.budgets);
  return out;
}

Planner::Planner(const RenderOptions& o, BatchReport& report) : o_(o), report_(report) {}

Planner::~Planner() = default;

void Planner::read(Renderer& renderer) {
  check_platform_names(default_platforms(), o_.platforms);
  for (const std::string& input : o_.inputs) {
    report_.inputs.push_back(input);
    auto c = std::make_unique<PlannedCampaign>();
    try {
      std::error_code ec;
      const auto bytes = fs::file_size(input, ec);
      if (!ec && bytes > static_cast<std::uintmax_t>(o_.limits.file_bytes))
        fail_limit({input}, "file-bytes", o_.limits.file_bytes,
                   "content file is " + std::to_string(bytes) + " bytes, too large to read");
      c->content = read_content(input);
      CampaignOutput output = campaign_output(c->content, o_.format, o_.budgets);
      c->format = output.format;
      c->budgets = std::move(output.budgets);
      c->budgets_file = output.budgets_file;
      if (!output.budgets_file.empty()) report_.inputs.push_back(output.budgets_file);
      read_personalize(*c);
      c->brand = resolve_brand(o_.brand, c->content, renderer.fonts());
      c->brand_digest = brand_digest(c->brand);
      report_.inputs.push_back(c->brand.path);
      if (!c->brand.logo.empty()) report_.inputs.push_back(c->brand.logo);
      if (!c->brand.photo.empty()) report_.inputs.push_back(c->brand.photo);
      for (const BrandFace& f : c->brand.font_set.files) report_.inputs.push_back(f.path);
      if (!c->brand.font_set.files.empty()) {
        const std::string who = "brand '" + c->brand.name + "' (" + c->brand.path + ")";
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.1f ms", c->brand.font_report.load_ms);
        const std::string head = who + ": fonts read and checked in " + ms;
        if (std::none_of(report_.brand_fonts.begin(), report_.brand_fonts.end(),
                         [&](const std::string& l) { return l.starts_with(who); })) {
          report_.brand_fonts.push_back(head);
          for (const std::string& l : c->brand.font_report.lines)
            report_.brand_fonts.push_back(who + ": " + l);
        }
      }
      for (const Diagnostic& w : c->brand.font_report.warnings)
        if (std::none_of(
                report_.warnings.begin(), report_.warnings.end(), [&](const Diagnostic& d) {
                  return d.message == w.message && format_location(d.loc) == format_location(w.loc);
                }))
          report_.warnings.push_back(w);
      campaigns_.push_back(std::move(c));
    } catch (const DiagnosticError& e) {
      if (e.diagnostic().kind == FailureKind::usage) throw;
      report_.errors.push_back(e.diagnostic());
      incomplete = true;
      // Watch the broken (or missing) brand or budgets file, so that fixing
      // it is seen.
      const std::string& where = e.diagnostic().loc.file;
      if (!where.empty() && where != input) report_.inputs.push_back(where);
      if (!o_.brand.empty())
        report_.inputs.push_back(o_.brand);
      else if (!c->content.meta.brand.empty())
        report_.inputs.push_back((fs::path(input).parent_path() / c->content.meta.brand).string());
    }
  }
}

std::vector<PlannedCard> Planner::cards(const std::string& fonts) {
  std::vector<PlannedCard> out;
  size_t all = 0;
  for (const auto& campaign : campaigns_) all += campaign->content.cards.size();
  out.reserve(std::min(all, static_cast<size_t>(std::max(o_.limits.cards, 0))));
  std::map<std::string, SourceLoc> ids;
  size_t index = 0;
  for (const auto& campaign : campaigns_) {
    const Content& content = campaign->content;
    if (campaign_name.empty()) campaign_name = content.meta.name;
    add_edition(editions, content.meta, campaign->brand);
    for (const ContentCard& card : content.cards) {
      if (index >= static_cast<size_t>(o_.limits.cards))
        fail_limit(card.loc, "cards", o_.limits.cards,
                   "the run has more than " + std::to_string(o_.limits.cards) + " cards");
      PlannedCard job;
      job.index = index++;
      job.card = card;
      job.content_id = card.id;
      job.campaign = campaign.get();
      job.source_id = card.id;
      job.personalize = &content.meta.personalize;
      job.blocklist = campaign->blocklist ? &*campaign->blocklist : nullptr;
      job.meta = meta_for(*campaign, card.lang);
      job.labels = {card.kicker, card.footer};
      job.alt = alt_text(card, card.kicker.empty() ? default_kicker(card, *job.meta) : card.kicker);
      // A unique output id across files.
      if (ids.contains(job.card.id) && !job.meta->lang.empty() &&
          !ids.contains(card.id + "-" + lang_suffix(job.meta->lang)))
        job.card.id = card.id + "-" + lang_suffix(job.meta->lang);
      if (auto it = ids.find(job.card.id); it != ids.end()) {
        Diagnostic d;
        d.loc = card.loc;
        d.message =
            "duplicate id '" + job.card.id + "', first used at " + format_location(it->second);
        d.hints = {"give the card its own id, or give the files different 'lang'"};
        job.error = d;
      } else {
        ids[job.card.id] = card.loc;
      }
      if (!job.error) job.error = card.error;  // a deck row that could not be read
      if (!job.error) job.error = text_too_long(card, o_.limits);
      if (shard_of(job.card.id, o_.shard.count) != o_.shard.index) continue;
      if (!job.error) settle(job, fonts);
      out.push_back(std::move(job));
    }
  }
  return out;
}

// Layout, sizes and digests of one card.
void Planner::settle(PlannedCard& job, const std::string& fonts) {
  const ContentCard& card = job.card;
  const Content& content = job.campaign->content;
  try {
    // The command line wins, then the card, then the campaign.
    const LayoutEntry& le = layout_for(card, content);
    if (le.error) throw DiagnosticError(*le.error);
    job.layout = &*le.layout;
    job.layout_digest = le.digest;
    if (job.personal()) {
      job.personal_layout = job.campaign->personal_layout;
      check_personal_layout(*job.personalize,
                            job.personal_layout ? *job.personal_layout : *job.layout);
    }
    job.sizes = card_sizes(o_.sizes, card, content.meta);
    for (SizePreset& size : job.sizes) size.surfaces = surfaces_for(size);
    for (const SizePreset& size : job.sizes) {
      const std::int64_t area = std::int64_t(size.width) * size.height;
      if (std::max(size.width, size.height) > o_.limits.canvas_side)
        fail_limit(card.loc, "canvas-side", o_.limits.canvas_side,
                   "size '" + size.name + "' is wider or taller than allowed");
      if (area > o_.limits.canvas_pixels)
        fail_limit(card.loc, "canvas-pixels", o_.limits.canvas_pixels,
                   "size '" + size.name + "' has " + std::to_string(area) + " pixels");
      run_pixels += area;
    }
    for (const SizePreset& size : job.sizes) {
      // The format decides the file's name, so it is settled here, from the
      // built card (does it show a photo?), before anything is drawn.
      Card built = build_card(card, *job.meta, *job.layout, job.campaign->brand, size, job.labels);
      const ImageFormat format = output_format(built, job.campaign->format);
      job.built.push_back(std::move(built));
      const std::int64_t budget = budget_for(job.campaign->budgets, size);
      job.hashes.push_back(output_digest(fonts, layout_digest_for(job, size),
                                         job.campaign->brand_digest, job.card, *job.meta,
                                         job.labels, size, format, budget));
      job.formats.push_back(format);
      job.budgets.push_back(budget);
      job.files.push_back(card.id + "/" + size.name + "." + std::string(file_extension(format)));
    }
  } catch (const DiagnosticError& e) {
    if (e.diagnostic().kind == FailureKind::usage) throw;
    job.error = e.diagnostic();
  }
}

RenderJob take_render_job(PlannedCard& card, size_t k, bool strict) {
  const SizePreset& size = card.sizes.at(k);
  RenderJob job;
  if (k < card.built.size() && card.built[k]) {
    job.card = std::move(*card.built[k]);
    card.built[k].reset();
    job.content = &card.card;
    job.layout = card.layout;
    job.brand = &card.campaign->brand;
    job.size = size;
  } else {
    job = make_render_job(card.card, *card.meta, *card.layout, card.campaign->brand, size,
                          card.labels);
  }
  job.output = {FormatChoice{false, card.formats.at(k)}, card.budgets.at(k)};
  job.strict = strict;
  return job;
}

RenderJob render_job(const PlannedCard& card, const SizePreset& size, const OutputSpec& output,
                     const Supporter* supporter) {
  const Layout& layout = supporter && card.personal_layout ? *card.personal_layout : *card.layout;
  RenderJob job = make_render_job(card.card, *card.meta, layout, card.campaign->brand, size,
                                  card.labels, supporter);
  job.output = output;
  return job;
}

std::vector<const PlannedCampaign*> Planner::campaigns() const {
  std::vector<const PlannedCampaign*> out;
  for (const auto& c : campaigns_) out.push_back(c.get());
  return out;
}

const CampaignMeta* Planner::meta_for(const PlannedCampaign& campaign, const std::string& lang) {
  auto& slot = metas_[{&campaign, lang}];
  if (!slot) {
    slot = std::make_unique<CampaignMeta>(campaign.content.meta);
    if (!lang.empty()) slot->lang = lang;
  }
  return slot.get();
}

const SurfaceList& Planner::surfaces_for(const SizePreset& size) {
  auto [it, added] = surfaces_.try_emplace(size.name);
  if (added)
    it->second = o_.platforms.empty() ? size.surfaces
                                      : SurfaceList(select_surfaces(size.surfaces, o_.platforms));
  return it->second;
}

const std::string& Planner::layout_digest_for(const PlannedCard& card, const SizePreset& size) {
  const std::string key = card.layout->path + '\n' + card.campaign->brand.path + '\n' +
                          kind_name(card.card.kind) + '\n' + size.name;
  auto [it, added] = layout_digests_at_.try_emplace(key);
  if (added)
    it->second = layout_digest_at(*card.layout, card.campaign->brand, card.card.kind, size);
  return it->second;
}

// The command line wins, then the card, then the campaign. A layout file
// named in content is relative to that content file.
// An error without a place of its own is put at the `layout:` that named it.
const Planner::LayoutEntry& Planner::layout_for(const ContentCard& card, const Content& content) {
  std::string name = o_.layout;
  SourceLoc loc = card.loc;
  if (name.empty()) {
    name = card.layout;
    if (name.empty()) name = content.meta.layout, loc = content.meta.layout_loc;
    if (name.empty()) name = "standard";
    name = layout_reference(name, fs::path(content.path).parent_path().string());
  }
  return layout_named(name, loc);
}

const Planner::LayoutEntry& Planner::layout_named(std::string name, const SourceLoc& loc) {
  auto& slot = layouts_[name];
  if (!slot) {
    slot = std::make_unique<LayoutEntry>();
    try {
      slot->layout = load_layout(name);
      slot->digest = layout_digest(*slot->layout);
      report_.inputs.push_back(slot->layout->path);
    } catch (const DiagnosticError& e) {
      Diagnostic d = e.diagnostic();
      // Watch the broken (or missing) file, so that fixing it is seen.
      if (!d.loc.file.empty()) report_.inputs.push_back(d.loc.file);
      if (is_layout_file(name)) report_.inputs.push_back(name);
      if (d.loc.file.empty()) d.loc = loc;
      slot->error = d;
    }
  }
  return *slot;
}

void Planner::read_personalize(PlannedCampaign& c) {
  const Personalize& p = c.content.meta.personalize;
  const fs::path dir = fs::path(c.content.path).parent_path();
  if (!p.layout.empty()) {
    const LayoutEntry& le = layout_named(layout_reference(p.layout, dir.string()), p.layout_loc);
    if (le.error) throw DiagnosticError(*le.error);
    c.personal_layout = &*le.layout;
    c.personal_layout_digest = le.digest;
  }
  if (!p.blocklist.empty()) {
    const std::string path = (dir / p.blocklist).string();
    if (!fs::is_regular_file(path))
      fail(p.blocklist_loc, "blocklist file '" + path + "' does not exist",
           {"give the file of refused words relative to the content file, one word a line"});
    c.blocklist = Blocklist::parse(read_file(path, o_.limits.file_bytes));
    report_.inputs.push_back(path);
  }
}

namespace {

// Which supporter fields the elements show (frames and placeholders), and
// whether one is a supporter's photo slot.
void shown_by(const std::vector<ElementSpec>& elements, std::set<std::string>& fields,
              bool& photo_slot) {
  for (const ElementSpec& el : elements) {
    if (el.hidden) continue;
    if (el.type == ElementType::image && el.source == "supporter") photo_slot = true;
    for (const TextSpec& t : el.texts) {
      if (t.supporter) fields.insert(t.field);
      for (const std::string& n : placeholder_names(t.literal)) fields.insert(n);
      for (const std::string& f : t.fallbacks)
        for (const std::string& n : placeholder_names(f)) fields.insert(n);
    }
  }
}

}  // namespace

void check_personal_layout(const Personalize& p, const Layout& layout) {
  std::set<std::string> fields;
  bool photo_slot = false;
  for (const auto& elements : layout.elements) shown_by(elements, fields, photo_slot);
  for (const auto& [size, elements] : layout.by_size) shown_by(elements, fields, photo_slot);
  if (p.photo && !photo_slot)
    fail(p.photo_loc,
         "'photo: true', but layout '" + layout.name + "' has no image with 'source: supporter'",
         {"use a layout made for personal cards (personalize: {layout: frame}), or add an "
          "image element with 'source: supporter' to '" +
          layout.path + "'"});
  for (const PersonalField& f : p.fields)
    if (f.required && !fields.contains(f.name))
      fail(f.loc,
           "field '" + f.name + "' is required, but layout '" + layout.name + "' shows it nowhere",
           {"add a text frame with 'field: " + f.name + "' (or a \"{" + f.name +
            "}\" placeholder) to the personal layout, or make the field optional"});
}

void Planner::drop_content_cards() {
  for (auto& campaign : campaigns_) std::vector<ContentCard>().swap(campaign->content.cards);
}

std::vector<Diagnostic> Planner::edition_gaps() const {
  std::vector<Diagnostic> out;
  std::map<std::string, std::set<std::string>> ids_by_lang;
  std::map<std::string, SourceLoc> where;
  for (const auto& campaign : campaigns_) {
    const CampaignMeta& meta = campaign->content.meta;
    if (meta.lang.empty()) continue;
    if (!where.contains(meta.lang)) where[meta.lang] = {campaign->content.path, 1, 1};
    for (const ContentCard& card : campaign->content.cards) ids_by_lang[meta.lang].insert(card.id);
  }
  if (ids_by_lang.size() < 2) return out;
  for (const auto& [lang, ids] : ids_by_lang) {
    std::string missing;
    int count = 0;
    for (const auto& [other, other_ids] : ids_by_lang) {
      if (other == lang) continue;
      for (const std::string& id : other_ids) {
        if (ids.contains(id) || missing.find("'" + id + "'") != std::string::npos) continue;
        missing += std::string(missing.empty() ? "" : ", ") + "'" + id + "' (in " + other + ")";
        ++count;
      }
    }
    if (missing.empty()) continue;
    Diagnostic d;
    d.check = Check::edition_gap;
    d.loc = where[lang];
    d.message = "the '" + lang + "' edition has no card" + (count > 1 ? "s " : " ") + missing;
    d.hints = {"translate the missing cards, giving each the same {#id} as in the other editions"};
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace placard
