#include "batch/batch.h"

#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <thread>

#include "base/file_io.h"
#include "base/resources.h"
#include "batch/input_hash.h"
#include "batch/manifest.h"
#include "batch/progress.h"
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

// The campaign's language edition, for the gallery page; the first content
// file in a language gives it.
void add_edition(std::vector<ManifestEdition>& editions, const CampaignMeta& meta,
                 const Brand& brand) {
  for (const ManifestEdition& e : editions)
    if (e.lang == meta.lang) return;
  ManifestEdition e{meta.lang, meta.name, meta.intro,
                    meta.footer.empty() ? brand.footer : meta.footer, meta.url, {}};
  for (const auto& [role, c] : brand.colors) {
    char hex[8];
    auto byte = [](double v) { return static_cast<int>(std::clamp(v, 0.0, 1.0) * 255 + 0.5); };
    std::snprintf(hex, sizeof hex, "#%02X%02X%02X", byte(c.r), byte(c.g), byte(c.b));
    e.colors.emplace_back(role, hex);
  }
  editions.push_back(std::move(e));
}

// A content file with its brand, read once.
struct Campaign {
  Content content;
  Brand brand;
  std::string brand_digest;  // brand file, logo and photo
  FormatChoice format;       // the command line's, else the front matter's, else auto
  Budgets budgets;           // the built-in ones under the command line's or front matter's file
};

struct LayoutEntry {
  std::optional<Layout> layout;
  std::string digest;  // layout file and the images it names
  std::optional<Diagnostic> error;
};

// One card of the run: what to render and what it rendered.
struct Job {
  size_t index = 0;  // place in the whole run
  ContentCard card;  // with its final id
  const Campaign* campaign = nullptr;
  CampaignMeta meta;  // the campaign's, with the card's language
  CardLabels labels;
  const Layout* layout = nullptr;
  std::vector<SizePreset> sizes;
  std::vector<std::string> hashes;  // per size
  std::vector<ImageFormat> formats; // per size
  std::vector<std::int64_t> budgets;  // per size, bytes (0 = none)
  std::vector<std::string> files;   // per size: "<id>/<size>.<ext>"
  std::vector<bool> stale;          // per size
  const ManifestCard* old = nullptr;
  std::optional<Diagnostic> error;
  std::vector<ManifestOutput> rendered;  // per size, valid where stale
  std::string alt;
};

std::string text_of(const ContentCard& c) {
  std::string text = c.headline.plain();
  if (!c.body.empty()) text += " " + c.body.plain();
  return text;
}

nlohmann::ordered_json spans_json(const RichText& t) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Span& s : t.spans) out.push_back({s.text, s.strong, s.em});
  return out;
}

// Everything about the card and its size that reaches the pixels, as text.
// The card's place in its file is left out: moving a card re-renders nothing.
std::string card_key(const Job& job, const SizePreset& size) {
  const ContentCard& c = job.card;
  const CampaignMeta& m = job.meta;
  nlohmann::ordered_json j = {
      {"id", c.id}, {"kind", kind_name(c.kind)}, {"headline", spans_json(c.headline)},
      {"body", spans_json(c.body)}, {"attribution", c.attribution}, {"section", c.section},
      {"number", c.number}, {"total", c.total},
      {"meta", {m.name, m.intro, m.footer, m.lang}},
      {"labels", {job.labels.kicker, job.labels.footer}},
      {"size", {size.name, size.width, size.height, size.safe_top, size.safe_bottom}}};
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string layout_digest(const Layout& layout) {
  InputHash h;
  h.add_file(layout.path);
  std::set<std::string> images;
  for (const auto& elements : layout.elements)
    for (const ElementSpec& el : elements)
      if (el.type == ElementType::image && el.source != "logo" && !el.source.empty())
        images.insert((fs::path(layout.path).parent_path() / el.source).string());
  for (const auto& img : images) h.add(img).add_file(img);
  if (!layout.photo.empty()) h.add("photo").add_file(layout.photo);
  return h.hex();
}

std::string brand_digest(const Brand& brand) {
  InputHash h;
  h.add_file(brand.path);  // the logo's and photo's bytes count, not where they live
  if (!brand.logo.empty()) h.add_file(brand.logo);
  if (!brand.photo.empty()) h.add("photo").add_file(brand.photo);
  return h.hex();
}

// Output ids must be unique across content files: a clash between files in
// different languages is settled with the language ("end-287g-es").
std::string lang_suffix(const std::string& lang) {
  std::string out;
  for (char c : lang) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (c == '-' || c == '_') out += '-';
  }
  return out;
}

// A card field longer than the limit: an error for that card.
std::optional<Diagnostic> text_too_long(const ContentCard& c, const Limits& limits) {
  const std::pair<const char*, std::string> fields[] = {
      {"headline", c.headline.plain()}, {"body", c.body.plain()},
      {"attribution", c.attribution},   {"kicker", c.kicker},
      {"footer", c.footer},             {"section", c.section}};
  for (const auto& [name, text] : fields) {
    if (text.size() <= static_cast<size_t>(limits.text_bytes)) continue;
    try {
      fail_limit(c.loc, "text-bytes", limits.text_bytes,
                 std::string("card ") + name + " is " + std::to_string(text.size()) +
                     " bytes long");
    } catch (const DiagnosticError& e) {
      return e.diagnostic();
    }
  }
  return std::nullopt;
}

bool file_has_size(const std::string& path, std::uint64_t bytes) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
         static_cast<std::uint64_t>(st.st_size) == bytes;
}

// The manifest the last run left, or an empty one. In a shard, entries of the
// shard's own manifest win over the whole run's.
Manifest previous_manifest(const RenderOptions& o, std::vector<std::string>& warnings) {
  Manifest old;
  auto load = [&](const std::string& name) -> std::optional<Manifest> {
    const std::string path = (fs::path(o.out_dir) / name).string();
    if (!fs::exists(path)) return std::nullopt;
    try {
      return manifest_from_json(read_file(path), path);
    } catch (const DiagnosticError& e) {
      warnings.push_back(format_location(e.diagnostic().loc) + ": " + e.diagnostic().message +
                         "; rendering every card again");
      return std::nullopt;
    }
  };
  if (auto whole = load("manifest.json")) old = std::move(*whole);
  if (!o.shard.whole()) {
    if (auto own = load(manifest_name(o.shard))) {
      std::map<std::string, size_t> at;
      for (size_t i = 0; i < old.cards.size(); ++i) at[old.cards[i].id] = i;
      for (ManifestCard& c : own->cards) {
        if (auto it = at.find(c.id); it != at.end()) old.cards[it->second] = std::move(c);
        else old.cards.push_back(std::move(c));
      }
    }
  }
  return old;
}

class Planner {
 public:
  Planner(const RenderOptions& o, BatchReport& report) : o_(o), report_(report) {}

  // Reads every content file; a file that cannot be read is reported and
  // the others go on.
  void read(Renderer& renderer) {
    for (const std::string& input : o_.inputs) {
      report_.inputs.push_back(input);
      try {
        auto c = std::make_unique<Campaign>();
        std::error_code ec;
        const auto bytes = fs::file_size(input, ec);
        if (!ec && bytes > static_cast<std::uintmax_t>(o_.limits.file_bytes))
          fail_limit({input}, "file-bytes", o_.limits.file_bytes,
                     "content file is " + std::to_string(bytes) + " bytes, too large to read");
        c->content = read_content(input);
        c->format = *parse_format_choice(!o_.format.empty() ? o_.format : c->content.meta.format);
        c->budgets = default_budgets();
        if (!o_.budgets.empty()) {
          c->budgets = load_budgets(o_.budgets, c->budgets);
          report_.inputs.push_back(o_.budgets);
        } else if (!c->content.meta.budgets.empty()) {
          const std::string path =
              (fs::path(input).parent_path() / c->content.meta.budgets).string();
          if (!fs::exists(path))
            fail(c->content.meta.budgets_loc, "budgets file '" + path + "' does not exist");
          c->budgets = load_budgets(path, c->budgets);
          report_.inputs.push_back(path);
        }
        c->brand = resolve_brand(o_.brand, c->content, renderer.fonts());
        c->brand_digest = brand_digest(c->brand);
        report_.inputs.push_back(c->brand.path);
        if (!c->brand.logo.empty()) report_.inputs.push_back(c->brand.logo);
        if (!c->brand.photo.empty()) report_.inputs.push_back(c->brand.photo);
        campaigns_.push_back(std::move(c));
      } catch (const DiagnosticError& e) {
        if (e.diagnostic().kind == FailureKind::usage) throw;
        report_.errors.push_back(e.diagnostic());
        incomplete = true;
      }
    }
  }

  std::vector<Job> jobs(const std::string& fonts) {
    std::vector<Job> out;
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
        Job job;
        job.index = index++;
        job.card = card;
        job.campaign = campaign.get();
        job.meta = content.meta;
        if (!card.lang.empty()) job.meta.lang = card.lang;
        job.labels = {card.kicker, card.footer};
        job.alt = alt_text(card, card.kicker.empty() ? default_kicker(card, job.meta) : card.kicker);
        // A unique output id across files.
        if (ids.contains(job.card.id) && !job.meta.lang.empty() &&
            !ids.contains(card.id + "-" + lang_suffix(job.meta.lang)))
          job.card.id = card.id + "-" + lang_suffix(job.meta.lang);
        if (auto it = ids.find(job.card.id); it != ids.end()) {
          Diagnostic d;
          d.loc = card.loc;
          d.message = "duplicate id '" + job.card.id + "', first used at " +
                      format_location(it->second);
          d.hints = {"give the card its own id, or give the files different 'lang'"};
          job.error = d;
        } else {
          ids[job.card.id] = card.loc;
        }
        if (!job.error) job.error = text_too_long(card, o_.limits);
        if (shard_of(job.card.id, o_.shard.count) != o_.shard.index) continue;
        if (!job.error) settle(job, fonts);
        out.push_back(std::move(job));
      }
    }
    return out;
  }

  bool incomplete = false;  // a content file could not be read
  std::int64_t run_pixels = 0;  // of every output planned
  std::string campaign_name;
  std::vector<ManifestEdition> editions;

 private:
  // Layout, sizes and digests of one card.
  void settle(Job& job, const std::string& fonts) {
    const ContentCard& card = job.card;
    const Content& content = job.campaign->content;
    try {
      // The command line wins, then the card, then the campaign.
      const LayoutEntry& le = layout_for(card, content);
      if (le.error) throw DiagnosticError(*le.error);
      job.layout = &*le.layout;
      if (!o_.sizes.empty()) job.sizes = parse_sizes(o_.sizes, {});
      else if (!card.sizes.empty()) job.sizes = parse_sizes(card.sizes, card.loc);
      else if (!content.meta.sizes.empty()) job.sizes = parse_sizes(content.meta.sizes, content.meta.sizes_loc);
      else job.sizes = parse_sizes({"og"}, {});
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
        const Card built = build_card(card, job.meta, *job.layout, job.campaign->brand, size, job.labels);
        const ImageFormat format = output_format(built, job.campaign->format);
        const std::int64_t budget = budget_for(job.campaign->budgets, size);
        InputHash h;
        h.add("Placard " PLACARD_VERSION).add(encoding_id(format)).add(std::to_string(budget));
        h.add(fonts).add(le.digest).add(job.campaign->brand_digest).add(card_key(job, size));
        job.hashes.push_back(h.hex());
        job.formats.push_back(format);
        job.budgets.push_back(budget);
        job.files.push_back(card.id + "/" + size.name + "." + std::string(file_extension(format)));
      }
    } catch (const DiagnosticError& e) {
      if (e.diagnostic().kind == FailureKind::usage) throw;
      job.error = e.diagnostic();
    }
  }

  // The command line wins, then the card, then the campaign. A layout file
  // named in content is relative to that content file.
  const LayoutEntry& layout_for(const ContentCard& card, const Content& content) {
    std::string name = o_.layout;
    if (name.empty()) {
      name = !card.layout.empty() ? card.layout : content.meta.layout;
      if (name.empty()) name = "standard";
      if (name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml"))
        name = (fs::path(content.path).parent_path() / name).string();
    }
    const SourceLoc loc = card.loc;
    auto& slot = layouts_[name];
    if (!slot) {
      slot = std::make_unique<LayoutEntry>();
      try {
        slot->layout = load_layout(name);
        slot->digest = layout_digest(*slot->layout);
        report_.inputs.push_back(slot->layout->path);
      } catch (const DiagnosticError& e) {
        Diagnostic d = e.diagnostic();
        if (d.loc.file.empty()) d.loc = loc;
        slot->error = d;
      }
    }
    return *slot;
  }

  const RenderOptions& o_;
  BatchReport& report_;
  std::vector<std::unique_ptr<Campaign>> campaigns_;
  std::map<std::string, std::unique_ptr<LayoutEntry>> layouts_;
};

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
    }
  }
}

// ---- render ----

std::string warning_line(const Job& job, const SizePreset& size, const std::string& w) {
  return format_location(job.card.loc) + ": card '" + job.card.id + "' " + size.name + ": " + w;
}

// Renders the stale outputs of one job; writes them only when all rendered.
void render_job(Job& job, Renderer& renderer, const std::string& out_dir, bool strict) {
  std::vector<std::string> files(job.sizes.size());
  job.rendered.assign(job.sizes.size(), {});
  try {
    for (size_t k = 0; k < job.sizes.size(); ++k) {
      if (!job.stale[k]) continue;
      const SizePreset& size = job.sizes[k];
      // The format settled in the plan, so the file is the one planned.
      const OutputSpec spec{FormatChoice{false, job.formats[k]}, job.budgets[k]};
      Rendered r = render_one(job.card, job.meta, *job.layout, job.campaign->brand, size,
                              renderer, job.labels, strict, spec);
      ManifestOutput& out = job.rendered[k];
      out = {size.name, size.width, size.height, job.files[k], r.bytes.size(), job.hashes[k], {},
             std::string(format_name(r.format)), std::string(mime_type(r.format))};
      for (const auto& w : r.layout.warnings) out.warnings.push_back(w);
      files[k] = std::move(r.bytes);
    }
    // An error above means nothing is written for this card.
    for (size_t k = 0; k < job.sizes.size(); ++k) {
      if (!job.stale[k]) continue;
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
      render_job(*todo[i], renderer, o.out_dir, o.strict);
      renderer.card_done(static_cast<int>(std::count(todo[i]->stale.begin(), todo[i]->stale.end(), true)));
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

// ---- record ----

ManifestCard entry_of(const Job& job) {
  ManifestCard e;
  e.index = static_cast<int>(job.index);
  e.id = job.card.id;
  e.kind = kind_name(job.card.kind);
  e.lang = job.meta.lang;
  e.text = text_of(job.card);
  e.alt = job.alt;
  e.source = format_location(job.card.loc);
  for (size_t k = 0; k < job.sizes.size(); ++k) {
    ManifestOutput out;
    if (job.stale[k]) {
      out = job.rendered[k];
    } else {
      for (const ManifestOutput& o : job.old->outputs)
        if (o.file == job.files[k]) out = o;
    }
    for (const auto& w : out.warnings)
      if (std::find(e.warnings.begin(), e.warnings.end(), w) == e.warnings.end())
        e.warnings.push_back(w);
    e.outputs.push_back(std::move(out));
  }
  return e;
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
  std::vector<Job> jobs = planner.jobs(fonts_digest(fonts_dir()));
  if (planner.run_pixels > o.limits.run_pixels)
    fail_limit({}, "run-pixels", o.limits.run_pixels,
               "the run's outputs have " + std::to_string(planner.run_pixels) + " pixels in all");
  Manifest old = previous_manifest(o, report.warnings);
  compare(jobs, old, o);

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
      }
    }
    if (any) todo.push_back(&job);
  }
  // Outputs of cards (or sizes) that are gone; in a shard, only its own.
  // When a content file could not be read its cards are unknown: keep all.
  if (!planner.incomplete) {
    for (const ManifestCard& c : old.cards) {
      if (shard_of(c.id, o.shard.count) != o.shard.index) continue;
      for (const ManifestOutput& out : c.outputs)
        if (!planned_files.contains(out.file) && is_safe_relative_path(out.file))
          report.removed.push_back({out.file, !planned_ids.contains(c.id)                ? "card removed"
                                              : planned_sizes.contains(c.id + "/" + out.size) ? "format changed"
                                                                                             : "size dropped"});
    }
  }

  if (o.check) {
    for (const Job& job : jobs)
      if (job.error) report.errors.push_back(*job.error), ++report.failed_cards;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
  }

  // Render: workers take cards in turn; each has its own Renderer.
  int threads = o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::max(1, std::min<int>(threads, static_cast<int>(todo.size())));
  report.jobs = threads;
  remove_stale_temp_files(o.out_dir);  // what a killed run left
  render_all(todo, threads, renderer, o);

  // Tidy: remove what vanished. A card whose format changed but which failed
  // to render keeps its old file, as the manifest keeps its old entry.
  std::set<std::string> failed_ids;
  for (const Job& job : jobs)
    if (job.error) failed_ids.insert(job.card.id);
  for (const OutputNote& n : report.removed)
    if (n.why != "format changed" || !failed_ids.contains(n.file.substr(0, n.file.find('/'))))
      remove_output(o.out_dir, n.file);

  // Record: the manifest, last. A card that failed keeps its last entry, so
  // the manifest always describes the files on disk.
  Manifest manifest;
  manifest.generator = "Placard " PLACARD_VERSION;
  manifest.campaign = planner.campaign_name;
  manifest.editions = planner.editions;
  if (!o.shard.whole())
    manifest.shard = std::to_string(o.shard.index) + "/" + std::to_string(o.shard.count);
  for (const Job& job : jobs) {
    if (job.error) {
      ++report.failed_cards;
      report.errors.push_back(*job.error);
      if (job.old) {
        ManifestCard kept = *job.old;
        kept.index = static_cast<int>(job.index);
        manifest.cards.push_back(std::move(kept));
      }
      continue;
    }
    for (size_t k = 0; k < job.sizes.size(); ++k) {
      if (!job.stale[k]) continue;
      ++report.rendered;
      for (const auto& w : job.rendered[k].warnings)
        report.warnings.push_back(warning_line(job, job.sizes[k], w));
    }
    manifest.cards.push_back(entry_of(job));
  }
  if (planner.incomplete) {  // keep what we know of the unread files' cards
    for (const ManifestCard& c : old.cards)
      if (!planned_ids.contains(c.id) && shard_of(c.id, o.shard.count) == o.shard.index)
        manifest.cards.push_back(c);
  }
  const std::string path = (fs::path(o.out_dir) / manifest_name(o.shard)).string();
  const std::string json = manifest_to_json(manifest);
  bool same = false;
  // Nothing read and nothing there before: no manifest of nothing.
  if (manifest.cards.empty() && planner.incomplete && !fs::exists(path)) same = true;
  if (!same && fs::exists(path)) {
    try {
      same = read_file(path) == json;
    } catch (const DiagnosticError&) {
    }
  }
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
  if (!o.shard.whole()) j["shard"] = std::to_string(o.shard.index) + "/" + std::to_string(o.shard.count);
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
  j["warnings"] = r.warnings;
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const Diagnostic& d : r.errors)
    errors.push_back({{"place", format_location(d.loc)}, {"message", d.message}});
  j["errors"] = errors;
  j["jobs"] = r.jobs;
  j["seconds"] = std::round(r.seconds * 1000) / 1000;
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace placard
