#include "serve/preview_engine.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <yaml-cpp/yaml.h>

#include "base/resources.h"
#include "batch/input_hash.h"
#include "batch/plan.h"
#include "batch/manifest.h"
#include "content/content_deck.h"
#include "gallery/gallery_model.h"
#include "layout/layout_file.h"
#include "render/build_card.h"
#include "render/layout_dump.h"
#include "render/pipeline.h"

namespace fs = std::filesystem;

namespace placard {

namespace {

std::string absolute(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return p.string();
}

// Built-in names and files are told apart as the batch tells them: a '/' or
// a .yaml/.yml/.svg ending is a file.
bool is_file_name(const std::string& name) {
  return name.find('/') != std::string::npos || name.ends_with(".yaml") ||
         name.ends_with(".yml") || name.ends_with(".svg");
}

// Every font file Placard loads (fonts/ and its fonts.yaml): any card may
// fall back to any of them, so each is a dependency of every card.
std::vector<std::string> font_files() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fonts_dir(), ec))
    if (e.is_regular_file(ec)) out.push_back(absolute(e.path().string()));
  std::sort(out.begin(), out.end());
  return out;
}

// The images a layout draws on a card of this kind at this size.
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
    if (!path.empty()) out.push_back(absolute(path));
  }
  return out;
}

std::string text_of(const ContentCard& c) {
  std::string text = c.headline.plain();
  if (!c.body.empty()) text += " " + c.body.plain();
  return text;
}

// What kind of YAML file this is, from its top-level keys: "layout",
// "brand" or "" (a deck, or not YAML at all).
std::string yaml_kind(const fs::path& file) {
  std::error_code ec;
  if (fs::file_size(file, ec) > 1 << 20 || ec) return "";
  try {
    YAML::Node n = YAML::LoadFile(file.string());
    if (!n.IsMap()) return "";
    if (n["elements"]) return "layout";
    if (n["colors"] || n["colours"]) return "brand";
  } catch (const std::exception&) {
  }
  return "";
}

Diagnostic with_source(Diagnostic d) {
  attach_source_line(d);
  return d;
}

}  // namespace

// One refresh's reading of the files: contents, brands, layouts, cards.
struct PreviewEngine::Plan {
  struct Campaign {
    Content content;
    std::optional<Brand> brand;
    CampaignOutput output;  // format and budgets, as `placard render` has them
    std::optional<Diagnostic> error;  // the brand or budgets file cannot be read
  };
  struct LayoutEntry {
    std::optional<Layout> layout;  // with contrast as a warning, so failing cards still draw
    bool contrast_blocks = false;
    std::optional<Diagnostic> error;
  };
  struct Job {
    const Campaign* campaign = nullptr;
    ContentCard card;
    CampaignMeta meta;
    CardLabels labels;
    const LayoutEntry* layout = nullptr;
  };
  std::vector<std::unique_ptr<Campaign>> campaigns;
  std::map<std::string, std::unique_ptr<LayoutEntry>> layouts;
  std::vector<Job> jobs;  // parallel to the new state's cards
};

PreviewEngine::PreviewEngine(PreviewOptions options) : options_(std::move(options)) {
  if (options_.jobs < 1) options_.jobs = 1;
  state_ = std::make_shared<PreviewState>();
}

PreviewEngine::~PreviewEngine() = default;

std::shared_ptr<const PreviewState> PreviewEngine::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

std::string PreviewEngine::file_digest_cached(const std::string& path) {
  struct stat st {};
  std::string key;
  if (::stat(path.c_str(), &st) == 0)
    key = std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
          std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_ino);
  auto it = file_digests_.find(path);
  if (it != file_digests_.end() && !key.empty() && it->second.first == key) return it->second.second;
  std::string digest = file_digest(path);
  file_digests_[path] = {key, digest};
  return digest;
}

std::vector<std::string> PreviewEngine::choose(const std::string& layout_id,
                                               const std::string& brand_id) {
  {
    auto s = state();
    auto listed = [](const std::vector<PreviewChoice>& list, const std::string& id) {
      return id.empty() || std::any_of(list.begin(), list.end(),
                                       [&](const PreviewChoice& c) { return c.id == id; });
    };
    if (!listed(s->layouts, layout_id)) fail_usage("unknown layout '" + layout_id + "'");
    if (!listed(s->brands, brand_id)) fail_usage("unknown brand '" + brand_id + "'");
    std::lock_guard lock(refresh_mu_);
    chosen_layout_ = layout_id;
    chosen_brand_ = brand_id;
  }
  return refresh();
}

std::vector<std::string> PreviewEngine::refresh() {
  std::lock_guard refresh_lock(refresh_mu_);
  const std::shared_ptr<const PreviewState> old = state();
  auto next = std::make_shared<PreviewState>();
  next->layout = chosen_layout_;
  next->brand = chosen_brand_;

  // The pickers: built-in layouts, then layout and brand files next to the
  // content (its folder and one level below), and whatever the options name.
  std::set<std::string> seen_files;
  auto add_choice = [&](std::vector<PreviewChoice>& list, const std::string& path,
                        const std::string& label) {
    const std::string abs = absolute(path);
    for (const PreviewChoice& c : list)
      if (c.path == abs) return;
    list.push_back({"file:" + std::to_string(list.size()), label, abs});
  };
  try {
    for (const auto& [name, description] : list_layouts()) next->layouts.push_back({name, name, name});
  } catch (const DiagnosticError&) {
  }
  next->brands.push_back({"default", "default (built in)", absolute(default_brand_path())});
  for (const std::string& input : options_.inputs) {
    const fs::path dir = fs::path(absolute(input)).parent_path();
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it.depth() > 1) {
        it.disable_recursion_pending();
        continue;
      }
      const fs::path& p = it->path();
      if (it->is_regular_file(ec) && (p.extension() == ".yaml" || p.extension() == ".yml" ||
                                      p.extension() == ".svg"))
        files.push_back(p);
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      const std::string label = fs::relative(f, dir, ec).string();
      if (f.extension() == ".svg") {
        add_choice(next->layouts, f.string(), label);
        continue;
      }
      const std::string kind = yaml_kind(f);
      if (kind == "layout") add_choice(next->layouts, f.string(), label);
      if (kind == "brand") add_choice(next->brands, f.string(), label);
    }
  }
  auto lookup = [](const std::vector<PreviewChoice>& list, const std::string& id) {
    for (const PreviewChoice& c : list)
      if (c.id == id) return c.path;
    return std::string();
  };
  std::string layout_override = options_.layout;
  std::string brand_override = options_.brand;
  if (!chosen_layout_.empty()) layout_override = lookup(next->layouts, chosen_layout_);
  if (!chosen_brand_.empty()) brand_override = lookup(next->brands, chosen_brand_);
  if (is_file_name(layout_override)) add_choice(next->layouts, layout_override, layout_override);
  if (!brand_override.empty()) add_choice(next->brands, brand_override, brand_override);

  if (renderers_.empty()) renderers_.push_back(std::make_unique<Renderer>(options_.limits));
  Plan plan;
  auto layout_for = [&](const ContentCard& card, const Content& content) -> const Plan::LayoutEntry& {
    std::string name = layout_override;
    if (name.empty()) {
      name = !card.layout.empty() ? card.layout : content.meta.layout;
      if (name.empty()) name = "standard";
      if (is_file_name(name)) name = (fs::path(content.path).parent_path() / name).string();
    }
    auto& slot = plan.layouts[name];
    if (slot) return *slot;
    slot = std::make_unique<Plan::LayoutEntry>();
    try {
      slot->layout = load_layout(name);
      slot->contrast_blocks = slot->layout->contrast == ContrastPolicy::error;
      slot->layout->contrast = ContrastPolicy::warn;
    } catch (const DiagnosticError& e) {
      slot->error = with_source(e.diagnostic());
      if (slot->error->loc.file.empty()) slot->error->loc.file = name;
      next->errors.push_back(*slot->error);
    }
    return *slot;
  };

  // Read every content file and its brand.
  std::set<std::string> failed_inputs;
  for (const std::string& input : options_.inputs) {
    auto c = std::make_unique<Plan::Campaign>();
    try {
      std::error_code ec;
      const auto bytes = fs::file_size(input, ec);
      if (!ec && bytes > static_cast<std::uintmax_t>(options_.limits.file_bytes))
        fail_limit({input}, "file-bytes", options_.limits.file_bytes,
                   "content file is " + std::to_string(bytes) + " bytes, too large to read");
      c->content = read_content(input);
    } catch (const DiagnosticError& e) {
      Diagnostic d = with_source(e.diagnostic());
      if (d.loc.file.empty()) d.loc.file = input;
      next->errors.push_back(d);
      failed_inputs.insert(input);
      continue;
    }
    try {
      c->output = campaign_output(c->content, "", "");
      c->brand = resolve_brand(brand_override, c->content, renderers_[0]->fonts());
    } catch (const DiagnosticError& e) {
      c->error = with_source(e.diagnostic());
      next->errors.push_back(*c->error);
    }
    plan.campaigns.push_back(std::move(c));
  }

  // Settle every card: id, layout, sizes, and each output's dependencies
  // and digest.
  std::map<std::string, const PreviewOutput*> before;
  for (const PreviewCard& card : old->cards)
    for (const PreviewOutput& o : card.outputs) before[card.id + "/" + o.size.name] = &o;
  const std::vector<std::string> fonts = font_files();
  std::set<std::string> ids;
  std::vector<Stale> stale;
  std::set<std::string> size_names;
  for (const auto& campaign : plan.campaigns) {
    const Content& content = campaign->content;
    const std::string content_path = absolute(content.path);
    for (const ContentCard& source : content.cards) {
      if (next->cards.size() >= static_cast<size_t>(options_.limits.cards)) break;
      Plan::Job job;
      job.campaign = campaign.get();
      job.card = source;
      job.meta = content.meta;
      if (!source.lang.empty()) job.meta.lang = source.lang;
      job.labels = {source.kicker, source.footer};
      // Ids unique across files, as `placard render` makes them.
      if (ids.contains(job.card.id) && !job.meta.lang.empty())
        job.card.id += "-" + job.meta.lang;
      for (int n = 2; ids.contains(job.card.id); ++n) job.card.id = source.id + "-" + std::to_string(n);
      ids.insert(job.card.id);

      PreviewCard card;
      card.id = job.card.id;
      card.kind = source.kind;
      card.loc = source.loc;
      const std::string kicker =
          source.kicker.empty() ? default_kicker(source, job.meta) : source.kicker;
      card.alt = alt_text(source, kicker);
      ManifestEdition edition{job.meta.lang, job.meta.name, job.meta.intro, job.meta.footer,
                              job.meta.url, {}};
      if (edition.footer.empty() && campaign->brand) edition.footer = campaign->brand->footer;
      const std::string tail = caption_tail(edition, "");
      card.caption = text_of(source) + (tail.empty() ? "" : "\n\n" + tail);

      std::optional<Diagnostic> error = campaign->error;
      const Plan::LayoutEntry* le = nullptr;
      if (!error) {
        le = &layout_for(source, content);
        if (le->error) error = le->error;
      }
      job.layout = le;
      std::vector<SizePreset> sizes;
      try {
        sizes = card_sizes(options_.sizes, source, content.meta);
      } catch (const DiagnosticError& e) {
        if (!error) error = with_source(e.diagnostic());
        sizes = parse_sizes({"og"}, {});
      }
      for (const SizePreset& size : sizes) {
        if (size_names.insert(size.name).second) next->sizes.push_back(size);
        PreviewOutput out;
        out.size = size;
        std::vector<std::string> deps = {content_path};
        if (campaign->brand) deps.push_back(absolute(campaign->brand->path));
        // The brand's own fonts: saving one re-renders (and reloads the fonts).
        if (campaign->brand)
          for (const BrandFace& f : campaign->brand->font_set.files) deps.push_back(f.path);
        const std::string budgets_path =
            campaign->output.budgets_file.empty() ? "" : absolute(campaign->output.budgets_file);
        if (!budgets_path.empty()) deps.push_back(budgets_path);
        if (le && le->layout) {
          deps.push_back(absolute(le->layout->path));
          auto images = layout_images(*le->layout, *campaign->brand, source.kind, size);
          deps.insert(deps.end(), images.begin(), images.end());
          if (le->layout->path.ends_with(".svg")) deps.push_back(absolute(le->layout->path));
        }
        deps.insert(deps.end(), fonts.begin(), fonts.end());
        std::sort(deps.begin(), deps.end());
        deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
        out.deps = deps;
        if (!error) {
          InputHash h;
          h.add("Placard " PLACARD_VERSION).add(card_key(job.card, job.meta, job.labels, size));
          h.add(le->contrast_blocks ? "contrast:error" : "contrast:warn");
          // The file as `placard render` encodes it: format and budget.
          const FormatChoice f = campaign->output.format;
          h.add(f.automatic ? "auto" : format_name(f.format))
              .add(std::to_string(budget_for(campaign->output.budgets, size)));
          // The content file counts through the card's own text and
          // settings (card_key), not its bytes: a word changed in one card
          // leaves the other cards of the file as they are. So does the
          // budgets file, through this size's budget.
          for (const std::string& d : deps)
            if (d != content_path && d != budgets_path) h.add(d).add(file_digest_cached(d));
          out.digest = h.hex();
        }
        auto prev = before.find(card.id + "/" + size.name);
        if (prev != before.end()) {
          const PreviewOutput& p = *prev->second;
          out.image = p.image;
          out.format = p.format;
          out.dump = p.dump;
          out.version = p.version;
          if (!error && p.digest == out.digest && !p.error) {
            out.current = p.current;
            out.contrast = p.contrast;
            out.contrast_blocks = p.contrast_blocks;
            out.warnings = p.warnings;
          }
        }
        if (error) out.error = error;
        card.outputs.push_back(std::move(out));
      }
      next->cards.push_back(std::move(card));
      plan.jobs.push_back(std::move(job));
    }
  }
  // Cards of a content file that cannot be read now stay as they were.
  if (!failed_inputs.empty()) {
    for (const PreviewCard& card : old->cards) {
      if (ids.contains(card.id)) continue;
      if (!failed_inputs.contains(card.loc.file)) continue;
      PreviewCard kept = card;
      for (PreviewOutput& o : kept.outputs) {
        o.current = false;
        o.digest.clear();  // not rendered again until its file reads
      }
      next->cards.push_back(std::move(kept));
      plan.jobs.push_back({});
      for (const PreviewOutput& o : card.outputs)
        if (size_names.insert(o.size.name).second) next->sizes.push_back(o.size);
    }
  }
  for (size_t c = 0; c < next->cards.size(); ++c)
    for (PreviewOutput& o : next->cards[c].outputs)
      if (!o.error && !o.digest.empty() && !o.current)
        stale.push_back({&o, c, next->cards[c].id + "/" + o.size.name});

  // Fonts and images are loaded once per Renderer: when one of them changed,
  // start from fresh renderers.
  {
    InputHash h;
    for (const std::string& f : fonts) h.add(f).add(file_digest_cached(f));  // fonts.yaml too
    std::set<std::string> images;
    for (const PreviewCard& card : next->cards)
      for (const PreviewOutput& o : card.outputs)
        for (const std::string& d : o.deps)
          if (!d.ends_with(".md") && !d.ends_with(".yaml") && !d.ends_with(".yml") &&
              !d.ends_with(".json") && !d.ends_with(".csv") && !d.ends_with(".tsv"))
            images.insert(d);
    for (const std::string& f : images) h.add(f).add(file_digest_cached(f));
    const std::string digest = h.hex();
    if (!renderer_inputs_.empty() && digest != renderer_inputs_) renderers_.clear();
    renderer_inputs_ = digest;
  }

  std::vector<std::string> done;
  render_stale(plan, stale);
  for (const Stale& st : stale) done.push_back(st.name);
  next->version = old->version + 1;
  std::lock_guard lock(mu_);
  state_ = std::move(next);
  return done;
}

void PreviewEngine::render_stale(Plan& plan, std::vector<Stale>& stale) {
  if (stale.empty()) return;
  const size_t workers = std::min(stale.size(), static_cast<size_t>(options_.jobs));
  while (renderers_.size() < workers) renderers_.push_back(std::make_unique<Renderer>(options_.limits));
  std::atomic<size_t> next{0};
  auto work = [&](Renderer& renderer) {
    for (size_t i = next++; i < stale.size(); i = next++) {
      PreviewOutput& out = *stale[i].out;
      const Plan::Job& job = plan.jobs.at(stale[i].card);
      try {
        // The file `placard render` writes: its format, within its budget,
        // so that the page shows the bytes (and any JPEG or WebP artefacts)
        // a platform will get.
        const CampaignOutput& output = job.campaign->output;
        Rendered r = render_one(job.card, job.meta, *job.layout->layout, *job.campaign->brand,
                                out.size, renderer, job.labels, false,
                                {output.format, budget_for(output.budgets, out.size)});
        out.image = std::make_shared<const std::string>(std::move(r.bytes));
        out.format = r.format;
        out.dump = std::make_shared<const std::string>(dump_layout(r.card, r.layout, true));
        out.version = out.digest.substr(0, 16);
        out.current = true;
        out.contrast = std::move(r.contrast);
        out.contrast_blocks = job.layout->contrast_blocks;
        out.warnings.clear();
        // Contrast failures are shown as values; the rest are warnings.
        for (const std::string& w : r.layout.warnings)
          if (w.find(" has contrast ") == std::string::npos) out.warnings.push_back(w);
        // The images actually drawn join the dependencies.
        for (const CardItem& item : r.card.items)
          if (const auto* img = std::get_if<ImageItem>(&item)) {
            const std::string p = absolute(img->path);
            if (!std::binary_search(out.deps.begin(), out.deps.end(), p)) {
              out.deps.insert(std::upper_bound(out.deps.begin(), out.deps.end(), p), p);
            }
          }
        renderer.card_done(1);
      } catch (const DiagnosticError& e) {
        out.error = with_source(e.diagnostic());
        out.current = false;
      } catch (const std::exception& e) {
        Diagnostic d;
        d.kind = FailureKind::io;
        d.loc = job.card.loc;
        d.message = std::string("internal error: ") + e.what();
        out.error = d;
        out.current = false;
      }
      ++renders_;
    }
  };
  std::vector<std::thread> threads;
  for (size_t w = 1; w < workers; ++w) threads.emplace_back(work, std::ref(*renderers_[w]));
  work(*renderers_[0]);
  for (auto& t : threads) t.join();
}

std::vector<std::string> PreviewEngine::watched_files() const {
  auto s = state();
  std::set<std::string> files;
  for (const std::string& input : options_.inputs) files.insert(absolute(input));
  for (const PreviewCard& card : s->cards)
    for (const PreviewOutput& o : card.outputs) files.insert(o.deps.begin(), o.deps.end());
  for (const auto* list : {&s->layouts, &s->brands})
    for (const PreviewChoice& c : *list)
      if (c.path.find('/') != std::string::npos) files.insert(c.path);
  for (const Diagnostic& d : s->errors)
    if (!d.loc.file.empty()) files.insert(absolute(d.loc.file));
  return {files.begin(), files.end()};
}

void run_preview_loop(PreviewEngine& engine, ChangeSource& changes,
                      const std::function<void(const std::vector<std::string>&)>& on_refresh,
                      const std::atomic<bool>& stop, int settle_ms) {
  changes.set_files(engine.watched_files());
  while (!stop) {
    if (!changes.wait(200)) continue;
    // Let a burst of saves settle, but not for ever: a file saved every few
    // ms still shows within a second.
    for (int waited = 0; !stop && waited < 1000 && changes.wait(settle_ms); waited += settle_ms) {
    }
    if (stop) break;
    std::vector<std::string> rendered = engine.refresh();
    changes.set_files(engine.watched_files());
    on_refresh(rendered);
  }
}

namespace {

nlohmann::ordered_json diagnostic_value(const Diagnostic& d) {
  nlohmann::ordered_json j;
  j["severity"] = d.severity == Severity::error ? "error" : "warning";
  j["file"] = d.loc.file;
  j["line"] = d.loc.line;
  j["col"] = d.loc.col;
  j["where"] = format_location(d.loc);
  j["message"] = d.message;
  j["hints"] = d.hints;
  nlohmann::ordered_json lines = nlohmann::ordered_json::array();
  for (const auto& [n, text] : source_lines(d.loc, 2)) lines.push_back({{"n", n}, {"text", text}});
  j["source"] = lines;
  j["text"] = format_diagnostic(d);
  return j;
}

nlohmann::ordered_json choices(const std::vector<PreviewChoice>& list) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const PreviewChoice& c : list) out.push_back({{"id", c.id}, {"label", c.label}});
  return out;
}

}  // namespace

std::string diagnostic_json(const Diagnostic& d) {
  return diagnostic_value(d).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string preview_state_json(const PreviewState& state) {
  nlohmann::ordered_json j;
  j["version"] = state.version;
  j["sizes"] = nlohmann::ordered_json::array();
  for (const SizePreset& s : state.sizes)
    j["sizes"].push_back({{"name", s.name}, {"width", s.width}, {"height", s.height},
                          {"label", s.label}});
  j["layouts"] = choices(state.layouts);
  j["brands"] = choices(state.brands);
  j["layout"] = state.layout;
  j["brand"] = state.brand;
  j["errors"] = nlohmann::ordered_json::array();
  for (const Diagnostic& d : state.errors) j["errors"].push_back(diagnostic_value(d));
  j["cards"] = nlohmann::ordered_json::array();
  for (const PreviewCard& card : state.cards) {
    nlohmann::ordered_json c;
    c["id"] = card.id;
    c["kind"] = kind_name(card.kind);
    c["where"] = format_location(card.loc);
    c["alt"] = card.alt;
    c["caption"] = card.caption;
    c["outputs"] = nlohmann::ordered_json::array();
    for (const PreviewOutput& o : card.outputs) {
      nlohmann::ordered_json jo;
      jo["size"] = o.size.name;
      jo["width"] = o.size.width;
      jo["height"] = o.size.height;
      jo["version"] = o.version;  // "" = no image yet
      jo["current"] = o.current;
      jo["bytes"] = o.image ? o.image->size() : 0;
      jo["format"] = std::string(format_name(o.format));
      jo["ext"] = std::string(file_extension(o.format));
      if (o.error) jo["error"] = diagnostic_value(*o.error);
      if (!o.contrast.empty()) {
        jo["contrast"] = nlohmann::ordered_json::array();
        for (const ContrastFailure& f : o.contrast)
          jo["contrast"].push_back({{"frame", f.frame}, {"block", f.block}, {"field", f.field},
                                    {"ratio", f.ratio}, {"needed", f.needed},
                                    {"size", std::round(f.size * 10) / 10},
                                    {"text", f.text_color}, {"background", f.background}});
        jo["contrast_blocks"] = o.contrast_blocks;
      }
      if (!o.warnings.empty()) jo["warnings"] = o.warnings;
      c["outputs"].push_back(jo);
    }
    j["cards"].push_back(c);
  }
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace placard
