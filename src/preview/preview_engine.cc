#include "preview/preview_engine.h"

#include <sys/stat.h>

#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <new>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "base/file_io.h"
#include "base/resources.h"
#include "base/yaml_map.h"
#include "batch/input_hash.h"
#include "batch/manifest.h"
#include "batch/plan.h"
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

// Every font file Placard loads (fonts/ and its fonts.yaml), and the
// typesetting settings (typesetting/*.yaml): any card may fall back to any
// font and every card is set by the settings, so each is a dependency of
// every card.
std::vector<std::string> shared_files() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const std::string& dir : {fonts_dir(), typesetting_dir()})
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.is_regular_file(ec)) out.push_back(absolute(e.path().string()));
  std::sort(out.begin(), out.end());
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
    // parse_yaml: the same syntax, depth and alias checks as every reader.
    YAML::Node n = parse_yaml(read_file(file.string(), 1 << 20, "file-bytes"), file.string());
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

// One refresh's reading of the files: the run's plan, made by the same
// Planner as `placard render` and `placard serve`, and its cards.
struct PreviewEngine::Plan {
  RenderOptions options;
  BatchReport report;
  std::unique_ptr<Planner> planner;
  std::vector<PlannedCard> cards;  // parallel to the new state's cards (null = kept from before)
  std::vector<PlannedCard*> jobs;
  // A layout whose contrast policy is `error`, as a copy with `warn`: the
  // page draws the failing card and outlines the text; contrast_blocks says
  // that `placard render` would refuse it.
  std::map<const Layout*, std::unique_ptr<Layout>> warn_layouts;
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
  if (it != file_digests_.end() && !key.empty() && it->second.first == key)
    return it->second.second;
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
    for (const auto& [name, description] : list_layouts())
      next->layouts.push_back({name, name, name});
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
      if (it->is_regular_file(ec) &&
          (p.extension() == ".yaml" || p.extension() == ".yml" || p.extension() == ".svg"))
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
  if (is_layout_file(layout_override)) add_choice(next->layouts, layout_override, layout_override);
  if (!brand_override.empty()) add_choice(next->brands, brand_override, brand_override);

  if (renderers_.empty()) renderers_.push_back(std::make_unique<Renderer>(options_.limits));
  Plan plan;
  plan.options.inputs = options_.inputs;
  plan.options.sizes = options_.sizes;
  plan.options.layout = layout_override;
  plan.options.brand = brand_override;
  plan.options.limits = options_.limits;
  plan.planner = std::make_unique<Planner>(plan.options, plan.report);
  const std::vector<std::string> shared = shared_files();
  try {
    plan.planner->read(*renderers_[0]);
    plan.cards =
        plan.planner->cards(fonts_digest(fonts_dir()) + typesetting_digest(typesetting_dir()));
  } catch (const DiagnosticError& e) {
    plan.report.errors.push_back(e.diagnostic());
  }
  // A content file that could not be read, or whose brand could not, is an
  // error of the page; its cards stay as they were (below).
  std::set<std::string> failed_inputs(options_.inputs.begin(), options_.inputs.end());
  for (const PlannedCampaign* c : plan.planner->campaigns()) failed_inputs.erase(c->content.path);
  for (const Diagnostic& d : plan.report.errors) {
    Diagnostic e = with_source(d);
    if (e.loc.file.empty() && failed_inputs.size() == 1) e.loc.file = *failed_inputs.begin();
    next->errors.push_back(std::move(e));
  }
  // A layout file that cannot be read is an error of the page too, once.
  std::set<std::string> page_errors;
  for (const Diagnostic& d : next->errors) page_errors.insert(format_diagnostic(d));
  std::set<std::string> content_paths(options_.inputs.begin(), options_.inputs.end());

  // Each planned card at each size: its dependencies, its digest (the one
  // the manifest records), and what is kept from before.
  std::map<std::string, const PreviewOutput*> before;
  for (const PreviewCard& card : old->cards)
    for (const PreviewOutput& o : card.outputs) before[card.id + "/" + o.size.name] = &o;
  std::set<std::string> ids;
  std::vector<Stale> stale;
  std::set<std::string> size_names;
  for (PlannedCard& job : plan.cards) {
    const PlannedCampaign& campaign = *job.campaign;
    const ContentCard& source = job.card;
    ids.insert(source.id);
    PreviewCard card;
    card.id = source.id;
    card.kind = source.kind;
    card.loc = source.loc;
    card.alt = job.alt;
    ManifestEdition edition{job.meta->lang,   job.meta->name, job.meta->intro,
                            job.meta->footer, job.meta->url,  {}};
    if (edition.footer.empty()) edition.footer = campaign.brand.footer;
    const std::string tail = caption_tail(edition, "");
    card.caption = text_of(source) + (tail.empty() ? "" : "\n\n" + tail);
    card.fonts = campaign.brand.font_report.files;

    std::optional<Diagnostic> error;
    if (job.error) {
      error = with_source(*job.error);
      if (!error->loc.file.empty() && !content_paths.contains(error->loc.file) &&
          page_errors.insert(format_diagnostic(*error)).second)
        next->errors.push_back(*error);
    }
    std::vector<SizePreset> sizes = job.sizes;
    if (sizes.empty()) {  // not settled: the sizes the card would have, to show its error
      try {
        sizes = card_sizes(options_.sizes, source, *job.meta);
      } catch (const DiagnosticError&) {
        sizes = parse_sizes({"og"}, {});
      }
    }
    const std::string content_path = absolute(campaign.content.path);
    for (size_t i = 0; i < sizes.size(); ++i) {
      const SizePreset& size = sizes[i];
      if (size_names.insert(size.name).second) next->sizes.push_back(size);
      PreviewOutput out;
      out.size = size;
      std::vector<std::string> deps = {content_path, absolute(campaign.brand.path)};
      if (!campaign.budgets_file.empty()) deps.push_back(absolute(campaign.budgets_file));
      // The brand's own fonts: saving one re-renders, with the fonts reloaded.
      for (const BrandFace& f : campaign.brand.font_set.files) deps.push_back(f.path);
      if (job.layout) {
        deps.push_back(absolute(job.layout->path));
        for (const std::string& img : layout_images(*job.layout, campaign.brand, source.kind, size))
          deps.push_back(absolute(img));
      }
      deps.insert(deps.end(), shared.begin(), shared.end());
      std::sort(deps.begin(), deps.end());
      deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
      out.deps = std::move(deps);
      if (!error && i < job.hashes.size()) out.digest = job.hashes[i];
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
          out.faces = p.faces;
          out.fallbacks = p.fallbacks;
        }
      }
      if (error) out.error = error;
      card.outputs.push_back(std::move(out));
    }
    next->cards.push_back(std::move(card));
    plan.jobs.push_back(&job);
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
      plan.jobs.push_back(nullptr);
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
    for (const std::string& f : shared) h.add(f).add(file_digest_cached(f));  // fonts.yaml too
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
  for (PlannedCard* job : plan.jobs)
    if (job && job->layout && job->layout->contrast == ContrastPolicy::error &&
        !plan.warn_layouts.contains(job->layout)) {
      auto copy = std::make_unique<Layout>(*job->layout);
      copy->contrast = ContrastPolicy::warn;
      plan.warn_layouts[job->layout] = std::move(copy);
    }
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
  while (renderers_.size() < workers)
    renderers_.push_back(std::make_unique<Renderer>(options_.limits));
  std::atomic<size_t> next{0};
  auto work = [&](Renderer& renderer) {
    for (size_t i = next++; i < stale.size(); i = next++) {
      PreviewOutput& out = *stale[i].out;
      PlannedCard& job = *plan.jobs.at(stale[i].card);
      try {
        // The file `placard render` writes: its format, within its budget,
        // so that the page shows the bytes (and any JPEG or WebP artefacts)
        // a platform will get.
        auto warn = plan.warn_layouts.find(job.layout);
        const Layout& layout = warn != plan.warn_layouts.end() ? *warn->second : *job.layout;
        const size_t k = static_cast<size_t>(
            std::find_if(job.sizes.begin(), job.sizes.end(),
                         [&](const SizePreset& p) { return p.name == out.size.name; }) -
            job.sizes.begin());
        RenderJob render = take_render_job(job, k, false);
        render.layout = &layout;  // the same card; contrast failures shown, not thrown
        Rendered r = render_one(std::move(render), renderer);
        out.image = std::make_shared<const std::string>(std::move(r.bytes));
        out.format = r.format;
        // With each surface's shown and covered areas and the check's
        // findings: the page's platform views are drawn from these.
        out.dump = std::make_shared<const std::string>(
            dump_layout(r.card, r.layout, true, out.size.surfaces, r.platforms));
        out.version = out.digest.substr(0, 16);
        out.current = true;
        out.contrast = std::move(r.contrast);
        out.contrast_blocks = job.layout->contrast == ContrastPolicy::error;
        out.warnings.clear();
        // Contrast failures are shown as values; the rest are warnings.
        for (const Diagnostic& w : r.layout.warnings)
          if (w.check != Check::contrast) out.warnings.push_back(w.message);
        // The brand's faces and the characters they lack, for the detail view.
        out.faces.clear();
        out.fallbacks.clear();
        size_t fi = 0;
        for (const CardItem& item : r.card.items) {
          const auto* frame = std::get_if<TextFrame>(&item);
          if (!frame || fi >= r.layout.frames.size()) continue;
          for (const PlacedBlock& b : r.layout.frames[fi++].blocks) {
            for (const std::string& f : b.measure.faces)
              if (std::find(out.faces.begin(), out.faces.end(), f) == out.faces.end())
                out.faces.push_back(f);
            for (const FallbackChar& f : b.measure.fallbacks) {
              PreviewFallback fb{frame->blocks[b.index].field, f.character, f.code, f.font};
              if (std::find(out.fallbacks.begin(), out.fallbacks.end(), fb) == out.fallbacks.end())
                out.fallbacks.push_back(std::move(fb));
            }
          }
        }
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
    std::vector<std::string> rendered;
    try {
      rendered = engine.refresh();
    } catch (const std::exception& e) {
      // Out of memory in a parse, say: refresh() publishes a state only
      // when it is complete, so the page keeps the last good one.
      std::fprintf(stderr, "placard: refresh failed (%s); still showing the last good content\n",
                   dynamic_cast<const std::bad_alloc*>(&e) ? "out of memory" : "internal error");
      continue;
    }
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
  for (const SizePreset& s : state.sizes) {
    // Where the size is seen (platforms.yaml), for the platform picker; the
    // geometry is in each image's dump.
    nlohmann::ordered_json surfaces = nlohmann::ordered_json::array();
    for (const Surface& f : s.surfaces)
      surfaces.push_back({{"name", f.name}, {"platform", f.platform}, {"shows", f.shows}});
    j["sizes"].push_back({{"name", s.name},
                          {"width", s.width},
                          {"height", s.height},
                          {"label", s.label},
                          {"surfaces", surfaces}});
  }
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
          jo["contrast"].push_back({{"frame", f.frame},
                                    {"block", f.block},
                                    {"field", f.field},
                                    {"ratio", f.ratio},
                                    {"needed", f.needed},
                                    {"size", std::round(f.size * 10) / 10},
                                    {"text", f.text_color},
                                    {"background", f.background}});
        jo["contrast_blocks"] = o.contrast_blocks;
      }
      if (!o.warnings.empty()) jo["warnings"] = o.warnings;
      if (!o.faces.empty()) jo["faces"] = o.faces;
      if (!o.fallbacks.empty()) {
        jo["fallbacks"] = nlohmann::ordered_json::array();
        for (const PreviewFallback& f : o.fallbacks) {
          char code[16];
          std::snprintf(code, sizeof code, "U+%04X", f.code);
          jo["fallbacks"].push_back(
              {{"field", f.field}, {"char", f.character}, {"code", code}, {"font", f.font}});
        }
      }
      c["outputs"].push_back(jo);
    }
    // The brand's own font files (no folder above the brand's is named).
    if (!card.fonts.empty()) {
      c["fonts"] = nlohmann::ordered_json::array();
      for (const BrandFontFile& f : card.fonts)
        c["fonts"].push_back({{"role", f.role},
                              {"file", f.file},
                              {"family", f.family},
                              {"style", f.style},
                              {"format", f.format},
                              {"axes", f.axes},
                              {"instance", f.instance},
                              {"licence", f.licence},
                              {"restricted", f.restricted}});
    }
    j["cards"].push_back(c);
  }
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace placard
