#include "batch/batch.h"

#include <xxhash.h>

#include <sys/stat.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "base/file_io.h"
#include "base/resources.h"
#include "batch/input_hash.h"
#include "batch/manifest.h"
#include "batch/plan.h"
#include "batch/progress.h"
#include "batch/renamed.h"
#include "content/content_deck.h"
#include "image/encode.h"
#include "layout/budgets.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/build_card.h"
#include "render/pipeline.h"

namespace fs = std::filesystem;

namespace placard {

std::string manifest_name(const Shard& shard) {
  if (shard.whole()) return "manifest.json";
  return "manifest.shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count) +
         ".json";
}

int shard_of(const std::string& id, int count) {
  if (count <= 1) return 1;
  return static_cast<int>(XXH3_64bits(id.data(), id.size()) % static_cast<unsigned>(count)) + 1;
}

namespace {

// ---- plan ----

// One card of the run: what to render (the plan) and what it rendered.
struct Job : PlannedCard {
  std::vector<bool> stale;  // per size
  // Per size: up to date, but its last render had warnings, which --strict
  // makes errors. It is rendered again (and not written) so that --strict
  // fails the same whether or not the output was up to date.
  std::vector<bool> recheck;
  const ManifestCard* old = nullptr;
  std::vector<ManifestOutput> rendered;  // per size, valid where stale
};

std::string text_of(const ContentCard& c) {
  std::string text = c.headline.plain();
  if (!c.body.empty()) text += " " + c.body.plain();
  return text;
}

bool file_has_size(const std::string& path, std::uint64_t bytes) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
         static_cast<std::uint64_t>(st.st_size) == bytes;
}

// The manifest the last run left, or an empty one. In a shard, entries of the
// shard's own manifest win over the whole run's.
Manifest previous_manifest(const RenderOptions& o, std::vector<Diagnostic>& warnings) {
  Manifest old;
  auto load = [&](const std::string& name) -> std::optional<Manifest> {
    const std::string path = (fs::path(o.out_dir) / name).string();
    if (!fs::exists(path)) return std::nullopt;
    try {
      return manifest_from_json(read_file(path), path);
    } catch (const DiagnosticError& e) {
      Diagnostic d = e.diagnostic();
      d.severity = Severity::warning;
      d.check = Check::stale_manifest;
      d.message += "; rendering every card again";
      warnings.push_back(std::move(d));
      return std::nullopt;
    }
  };
  if (auto whole = load("manifest.json")) old = std::move(*whole);
  if (!o.shard.whole()) {
    if (auto own = load(manifest_name(o.shard))) {
      std::map<std::string, size_t> at;
      for (size_t i = 0; i < old.cards.size(); ++i) at[old.cards[i].id] = i;
      for (ManifestCard& c : own->cards) {
        if (auto it = at.find(c.id); it != at.end())
          old.cards[it->second] = std::move(c);
        else
          old.cards.push_back(std::move(c));
      }
    }
  }
  return old;
}

// The previous run's record of output k, or null.
const ManifestOutput* old_output(const Job& job, size_t k) {
  if (!job.old) return nullptr;
  for (const ManifestOutput& out : job.old->outputs)
    if (out.file == job.files[k]) return &out;
  return nullptr;
}

// Which outputs of each job are stale, against the previous manifest.
void compare(std::vector<Job>& jobs, const Manifest& old, const RenderOptions& o) {
  std::map<std::string, const ManifestCard*> by_id;
  for (const ManifestCard& c : old.cards) by_id[c.id] = &c;
  for (Job& job : jobs) {
    if (auto it = by_id.find(job.card.id); it != by_id.end()) job.old = it->second;
    if (job.error) continue;
    for (size_t k = 0; k < job.sizes.size(); ++k) {
      const std::string& file = job.files[k];
      bool fresh = false;
      if (job.old && !o.force) {
        for (const ManifestOutput& out : job.old->outputs) {
          if (out.file != file) continue;
          fresh = out.hash == job.hashes[k] &&
                  file_has_size((fs::path(o.out_dir) / file).string(), out.bytes);
        }
      }
      job.stale.push_back(!fresh);
      job.recheck.push_back(fresh && o.strict && !old_output(job, k)->warnings.empty());
    }
  }
}

// ---- render ----

// A warning of a card's output as the manifest keeps it, and back.
ManifestWarning recorded(const Diagnostic& d) {
  return {check_name(d.check), d.message, d.hints};
}
Diagnostic warning_of(const Job& job, const ManifestWarning& w) {
  return warning(check_from_name(w.check), job.card.loc, w.message, w.hints);
}

// Each text block's chosen size (to 0.1 px), line count and lines as drawn,
// for review.
std::vector<ManifestText> text_as_set(const CardLayout& layout) {
  std::vector<ManifestText> out;
  for (const PlacedFrame& frame : layout.frames)
    for (const PlacedBlock& b : frame.blocks)
      if (b.measure.lines > 0)
        out.push_back(
            {b.block.field, std::round(b.size * 10) / 10, b.measure.lines, b.measure.line_texts});
  return out;
}

// Renders the stale outputs of one job (and those to recheck); writes the
// stale ones only when all rendered. With `check`, renders only those to
// recheck and writes nothing.
void render_outputs(Job& job, Renderer& renderer, const RenderOptions& o) {
  const std::string& out_dir = o.out_dir;
  const bool strict = o.strict;
  std::vector<std::string> files(job.sizes.size());
  job.rendered.assign(job.sizes.size(), {});
  try {
    for (size_t k = 0; k < job.sizes.size(); ++k) {
      if (!(job.stale[k] && !o.check) && !job.recheck[k]) continue;
      const SizePreset& size = job.sizes[k];
      // The card the plan built, in the format it settled, so the file is
      // the one planned.
      Rendered r = render_one(take_render_job(job, k, strict), renderer);
      ManifestOutput& out = job.rendered[k];
      out = {size.name,
             size.width,
             size.height,
             job.files[k],
             r.bytes.size(),
             job.hashes[k],
             {},
             std::string(format_name(r.format)),
             std::string(mime_type(r.format)),
             text_as_set(r.layout)};
      for (const Diagnostic& w : r.layout.warnings) out.warnings.push_back(recorded(w));
      files[k] = std::move(r.bytes);
    }
    // An error above means nothing is written for this card.
    for (size_t k = 0; k < job.sizes.size(); ++k) {
      if (!job.stale[k] || o.check) continue;
      write_file_atomic_under(out_dir, job.rendered[k].file, files[k], Durability::later);
      std::string().swap(files[k]);
    }
  } catch (const DiagnosticError& e) {
    job.error = e.diagnostic();
  }
}

void render_all(std::vector<Job*>& todo, int threads, Renderer& first, const RenderOptions& o) {
  Progress progress(stderr, o.progress, static_cast<int>(todo.size()));
  std::atomic<size_t> next{0};
  auto work = [&](Renderer& renderer) {
    for (size_t i; (i = next++) < todo.size();) {
      render_outputs(*todo[i], renderer, o);
      renderer.card_done(
          static_cast<int>(std::count(todo[i]->stale.begin(), todo[i]->stale.end(), true)));
      progress.advance();
    }
  };
  std::vector<std::thread> workers;
  std::exception_ptr failure;
  std::mutex failure_mu;
  for (int t = 1; t < threads; ++t) {
    workers.emplace_back([&] {
      try {
        Renderer own(o.limits);  // each worker its own font map and text engines
        work(own);
      } catch (...) {
        std::lock_guard lock(failure_mu);
        if (!failure) failure = std::current_exception();
        next = todo.size();
      }
    });
  }
  try {
    work(first);
  } catch (...) {
    std::lock_guard lock(failure_mu);
    if (!failure) failure = std::current_exception();
    next = todo.size();
  }
  for (auto& w : workers) w.join();
  progress.finish();
  if (failure) std::rethrow_exception(failure);
}

// Where the card is written, as the manifest records it: relative to the
// content file's folder ("campaign.md:12:1", "decks/ban.yaml:3:1"): the
// manifest is published, and the folder it was rendered from (an absolute
// path on a build machine) is nobody's business.
std::string recorded_source(const Job& job) {
  SourceLoc where = job.card.loc;
  if (!where.file.empty() && job.campaign) {
    const fs::path folder = fs::path(job.campaign->content.path).parent_path();
    const fs::path rel = fs::path(where.file).lexically_relative(folder.empty() ? "." : folder);
    where.file = !rel.empty() && *rel.begin() != ".." ? rel.string()
                                                      : fs::path(where.file).filename().string();
  }
  return format_location(where);
}

// A layout or brand file as the manifest records it: a built-in one (in
// `builtin_dir`) by its name ("standard", "default"), any other relative to
// the content file's folder, as its front matter names it. Two checkouts of
// one repository record the same, so that `placard diff` compares them.
std::string recorded_file(const std::string& file, const std::string& builtin_dir, const Job& job) {
  // ("campaign.md" is in the folder "", which fs::absolute refuses.)
  auto absolute = [](const fs::path& p) {
    return fs::absolute(p.empty() ? fs::path(".") : p).lexically_normal();
  };
  const fs::path path = absolute(file);
  if (path.parent_path() == absolute(builtin_dir)) return path.stem().string();
  const fs::path folder = absolute(fs::path(job.campaign->content.path).parent_path());
  const fs::path rel = path.lexically_relative(folder);
  return rel.empty() ? path.filename().string() : rel.generic_string();
}

// A card whose id is new, written where a card of the last run whose id is
// gone was, with most of its text: its headline was edited (a typo fixed),
// and its files and URLs move. A warning; --strict makes it an error.
void find_renamed(const std::vector<Job>& jobs, const Manifest& old, const RenderOptions& o,
                  BatchReport& report) {
  std::set<std::string> ids;
  for (const Job& job : jobs) ids.insert(job.card.id);
  for (const Job& job : jobs) {
    if (job.old || job.error) continue;
    const std::string source = recorded_source(job);
    const std::string text = text_of(job.card);
    for (const ManifestCard& before : old.cards) {
      if (ids.contains(before.id) || !looks_renamed(before, job.card.id, source, text)) continue;
      Diagnostic d = renamed_card(before.id, job.card.id, job.card.loc, o.strict);
      (o.strict ? report.errors : report.warnings).push_back(std::move(d));
      break;
    }
  }
}

// ---- record ----

// The card's manifest entry; takes the outputs it rendered.
ManifestCard entry_of(Job& job) {
  ManifestCard e;
  e.index = static_cast<int>(job.index);
  e.id = job.card.id;
  if (job.content_id != job.card.id) e.content_id = job.content_id;
  e.kind = kind_name(job.card.kind);
  e.lang = manifest_lang(job.meta->lang);
  e.text = text_of(job.card);
  e.alt = job.alt;
  e.source = recorded_source(job);
  const Brand& brand = job.campaign->brand;
  e.layout = recorded_file(job.layout->path, layouts_dir(), job);
  e.brand = recorded_file(brand.path, fs::path(default_brand_path()).parent_path().string(), job);
  for (const BrandFace& f : brand.font_set.files)
    e.fonts.push_back(
        fs::path(f.path)
            .lexically_normal()
            .lexically_relative(fs::absolute(brand.path).lexically_normal().parent_path())
            .string());
  // What a supporter may put on the card, for the download page's panel.
  if (job.personal()) {
    ManifestPersonal personal;
    for (const PersonalField& f : job.personalize->fields)
      personal.fields.push_back({f.name, f.max, f.required});
    personal.photo = job.personalize->photo;
    e.personal = std::move(personal);
  }
  for (size_t k = 0; k < job.sizes.size(); ++k) {
    ManifestOutput out;
    if (job.stale[k])
      out = std::move(job.rendered[k]);
    else
      out = *old_output(job, k);
    for (const auto& w : out.warnings)
      if (std::find(e.warnings.begin(), e.warnings.end(), w) == e.warnings.end())
        e.warnings.push_back(w);
    e.outputs.push_back(std::move(out));
  }
  return e;
}

// Whether the regular file at `path` holds exactly `text`, read a block at a
// time: the manifest there is as large as the new one.
bool file_holds(const std::string& path, std::string_view text) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) != text.size() || ec) return false;
  std::ifstream in(path, std::ios::binary);
  std::string block(std::min<size_t>(text.size(), 1 << 16), '\0');
  for (size_t at = 0; at < text.size();) {
    in.read(block.data(), static_cast<std::streamsize>(std::min(block.size(), text.size() - at)));
    const auto n = static_cast<size_t>(in.gcount());
    if (n == 0 || text.substr(at, n) != std::string_view(block.data(), n)) return false;
    at += n;
  }
  return true;
}

void remove_output(const std::string& out_dir, const std::string& file) {
  remove_file_under(out_dir, file);
  std::error_code ec;  // the card's folder, only if now empty (rmdir never follows a link)
  fs::remove((fs::path(out_dir) / file).parent_path(), ec);
}

}  // namespace

BatchReport run_batch(const RenderOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  BatchReport report;

  // Plan: read everything, digest every output's inputs, compare.
  Renderer renderer(o.limits);
  Planner planner(o, report);
  planner.read(renderer);
  std::vector<Job> jobs;
  {
    std::vector<PlannedCard> planned =
        planner.cards(fonts_digest(fonts_dir()) + typesetting_digest(typesetting_dir()));
    jobs.reserve(planned.size());
    for (PlannedCard& card : planned) {
      jobs.emplace_back();
      static_cast<PlannedCard&>(jobs.back()) = std::move(card);
    }
  }
  if (planner.run_pixels > o.limits.run_pixels)
    fail_limit({}, "run-pixels", o.limits.run_pixels,
               "the run's outputs have " + std::to_string(planner.run_pixels) + " pixels in all");
  // Every edition should have every card; --strict makes a gap an error.
  for (Diagnostic& gap : planner.edition_gaps()) {
    if (o.strict) {
      report.errors.push_back(std::move(gap));
    } else {
      gap.severity = Severity::warning;
      report.warnings.push_back(std::move(gap));
    }
  }
  planner.drop_content_cards();
  Manifest old = previous_manifest(o, report.warnings);
  compare(jobs, old, o);
  find_renamed(jobs, old, o, report);
  // The cards built for outputs that are up to date are not drawn.
  for (Job& job : jobs)
    for (size_t k = 0; k < job.built.size(); ++k)
      if (k >= job.stale.size() || (!(job.stale[k] && !o.check) && !job.recheck[k]))
        job.built[k].reset();

  std::set<std::string> planned_ids;
  std::set<std::string> planned_files;
  std::set<std::string> planned_sizes;  // "<id>/<size>", whatever the format
  std::vector<Job*> todo;
  for (Job& job : jobs) {
    ++report.cards;
    planned_ids.insert(job.card.id);
    if (job.error) continue;
    bool any = false;
    for (size_t k = 0; k < job.sizes.size(); ++k) {
      planned_files.insert(job.files[k]);
      planned_sizes.insert(job.card.id + "/" + job.sizes[k].name);
      ++report.outputs;
      if (job.stale[k]) {
        any = true;
        if (o.check) {
          const std::string& file = job.files[k];
          report.wanting.push_back(
              {file, fs::exists(fs::path(o.out_dir) / file) ? "stale" : "missing"});
        }
      } else {
        ++report.up_to_date;
        any = any || job.recheck[k];
      }
    }
    if (any) todo.push_back(&job);
  }
  // Outputs of cards (or sizes) that are gone; in a shard, only its own.
  // When a content file could not be read its cards are unknown: keep all.
  std::vector<std::string> removed_ids;  // the card of each report.removed
  if (!planner.incomplete) {
    for (const ManifestCard& c : old.cards) {
      if (shard_of(c.id, o.shard.count) != o.shard.index) continue;
      for (const ManifestOutput& out : c.outputs)
        if (!planned_files.contains(out.file) && is_safe_relative_path(out.file)) {
          report.removed.push_back({out.file, !planned_ids.contains(c.id) ? "card removed"
                                              : planned_sizes.contains(c.id + "/" + out.size)
                                                  ? "format changed"
                                                  : "size dropped"});
          removed_ids.push_back(c.id);
        }
    }
  }
  planned_files.clear();  // a line per output: not held through the render
  planned_sizes.clear();

  // Render: workers take cards in turn; each has its own Renderer. --check
  // renders only what --strict must look at again, and writes nothing.
  std::vector<Job*> to_render;
  for (Job* job : todo)
    if (!o.check || std::count(job->recheck.begin(), job->recheck.end(), true) > 0)
      to_render.push_back(job);
  int threads =
      o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::max(1, std::min<int>(threads, static_cast<int>(to_render.size())));
  report.jobs = threads;
  if (!o.check) remove_stale_temp_files(o.out_dir);  // what a killed run left
  render_all(to_render, threads, renderer, o);

  // A card that failed, for whatever reason, keeps its files (and its
  // manifest entry, below): nothing of it is removed.
  std::set<std::string> failed_ids;
  for (const Job& job : jobs)
    if (job.error) failed_ids.insert(job.card.id);
  std::vector<OutputNote> removed;
  for (size_t i = 0; i < report.removed.size(); ++i)
    if (!failed_ids.contains(removed_ids[i])) removed.push_back(std::move(report.removed[i]));
  report.removed = std::move(removed);

  // Warnings of every output, rendered now or recorded in the manifest when
  // it was, so that a run over outputs up to date says what a fresh one does.
  for (const Job& job : jobs) {
    if (job.error) {
      ++report.failed_cards;
      report.errors.push_back(*job.error);
      continue;
    }
    for (size_t k = 0; k < job.sizes.size(); ++k) {
      const ManifestOutput* out = nullptr;
      if (!job.stale[k])
        out = old_output(job, k);
      else if (!o.check)
        out = &job.rendered[k], ++report.rendered;
      if (out)
        for (const auto& w : out->warnings) report.warnings.push_back(warning_of(job, w));
    }
  }
  if (o.check) {
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
  }

  // Tidy: remove what vanished.
  for (const OutputNote& n : report.removed) remove_output(o.out_dir, n.file);

  // Record: the manifest, last. A card that failed keeps its last entry, so
  // the manifest always describes the files on disk.
  Manifest manifest;
  manifest.generator = "Placard " PLACARD_VERSION;
  manifest.campaign = planner.campaign_name;
  manifest.editions = planner.editions;
  if (!o.shard.whole())
    manifest.shard = std::to_string(o.shard.index) + "/" + std::to_string(o.shard.count);
  manifest.cards.reserve(jobs.size());
  for (Job& job : jobs) {
    if (!job.error) {
      manifest.cards.push_back(entry_of(job));
    } else if (job.old) {
      ManifestCard kept = *job.old;
      kept.index = static_cast<int>(job.index);
      manifest.cards.push_back(std::move(kept));
    }
  }
  if (planner.incomplete) {
    // Keep what we know of the unread files: their editions (the download
    // page's title, intro and colours), in their order, and the campaign's
    // name, as well as their cards.
    std::vector<ManifestEdition> editions;
    for (const ManifestEdition& e : old.editions) {
      auto now = std::find_if(manifest.editions.begin(), manifest.editions.end(),
                              [&](const ManifestEdition& n) { return n.lang == e.lang; });
      editions.push_back(now != manifest.editions.end() ? *now : e);
    }
    for (const ManifestEdition& n : manifest.editions)
      if (std::none_of(editions.begin(), editions.end(),
                       [&](const ManifestEdition& e) { return e.lang == n.lang; }))
        editions.push_back(n);
    manifest.editions = std::move(editions);
    if (!old.campaign.empty()) manifest.campaign = old.campaign;
    for (const ManifestCard& c : old.cards)
      if (!planned_ids.contains(c.id) && shard_of(c.id, o.shard.count) == o.shard.index)
        manifest.cards.push_back(c);
  }
  // The plan and the last run's manifest are done with: they go before the
  // manifest is written.
  std::vector<Job>().swap(jobs);
  old = {};
  const std::string path = (fs::path(o.out_dir) / manifest_name(o.shard)).string();
  const std::string json = manifest_to_json(manifest);
  // Nothing read and nothing there before: no manifest of nothing.
  const bool same =
      (manifest.cards.empty() && planner.incomplete && !fs::exists(path)) || file_holds(path, json);
  // The manifest vouches for the PNGs it lists: they reach the disk first.
  if (report.rendered > 0) sync_filesystem(o.out_dir);
  if (!same) {
    write_file_atomic(path, json);
    report.manifest_written = true;
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

std::string report_json(const BatchReport& r, const RenderOptions& o) {
  nlohmann::ordered_json j;
  j["command"] = o.check ? "check" : "render";
  j["out"] = o.out_dir;
  if (!o.shard.whole())
    j["shard"] = std::to_string(o.shard.index) + "/" + std::to_string(o.shard.count);
  j["cards"] = r.cards;
  j["outputs"] = r.outputs;
  j["rendered"] = r.rendered;
  j["skipped"] = r.up_to_date;
  j["failed"] = r.failed_cards;
  auto notes = [](const std::vector<OutputNote>& v) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const auto& n : v) a.push_back({{"file", n.file}, {"why", n.why}});
    return a;
  };
  j["removed"] = notes(r.removed);
  if (o.check) j["wanting"] = notes(r.wanting);
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const Diagnostic& d : r.warnings) {
    nlohmann::ordered_json w = {{"place", format_location(d.loc)}};
    if (d.check != Check::none) w["check"] = check_name(d.check);
    w["message"] = d.message;
    warnings.push_back(std::move(w));
  }
  j["warnings"] = warnings;
  if (!r.brand_fonts.empty()) j["brand_fonts"] = r.brand_fonts;
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const Diagnostic& d : r.errors)
    errors.push_back({{"place", format_location(d.loc)}, {"message", d.message}});
  j["errors"] = errors;
  j["jobs"] = r.jobs;
  j["seconds"] = std::round(r.seconds * 1000) / 1000;
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace placard
