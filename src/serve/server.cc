#include "serve/server.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "base/limit_error.h"
#include "base/resources.h"
#include "batch/input_hash.h"
#include "batch/plan.h"
#include "batch/watch.h"
#include "http/http_error.h"
#include "http/http_server.h"
#include "http/listen.h"
#include "http/static_files.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/build_card.h"
#include "render/pipeline.h"
#include "serve/catalog.h"
#include "serve/disk_cache.h"
#include "serve/fallback_cards.h"
#include "serve/image_lru.h"
#include "serve/link_tags.h"
#include "serve/metrics.h"
#include "serve/personal_route.h"
#include "serve/render_pool.h"
#include "serve/render_query.h"
#include "serve/signing.h"

namespace fs = std::filesystem;

namespace placard {

Limits serve_default_limits() {
  Limits l;
  l.canvas_side = 4096;
  l.canvas_pixels = 3840LL * 2160;
  return l;
}

namespace {

using Clock = std::chrono::steady_clock;

// ---- what /render/ may name ----

struct NamedLayout {
  Layout layout;
  std::string digest;
};
struct NamedBrand {
  Brand brand;
  std::string digest;
};

std::string brand_name_of(const std::string& spec, std::string& path) {
  if (size_t eq = spec.find('='); eq != std::string::npos && eq > 0) {
    path = spec.substr(eq + 1);
    return spec.substr(0, eq);
  }
  path = spec;
  fs::path p(spec);
  return p.stem() == "brand" && p.has_parent_path() ? p.parent_path().filename().string()
                                                    : p.stem().string();
}

// ---- deadlines ----

// Answers 503 to each request still waiting when its deadline passes.
class Deadlines {
 public:
  explicit Deadlines(int ms) : ms_(ms), thread_([this] { run(); }) {}
  ~Deadlines() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  // `fallback`, when set, may give the answer to send instead of a 503.
  using Fallback = std::function<std::optional<HttpResponse>()>;
  void add(const Reply& reply, Fallback fallback = {}) {
    {
      std::lock_guard lock(mu_);
      due_.emplace(Clock::now() + std::chrono::milliseconds(ms_), Due{reply, std::move(fallback)});
    }
    cv_.notify_one();
  }

 private:
  void run() {
    std::unique_lock lock(mu_);
    while (!stop_) {
      if (due_.empty()) {
        cv_.wait(lock);
        continue;
      }
      auto first = due_.begin();
      if (Clock::now() < first->first) {
        cv_.wait_until(lock, first->first);
        continue;
      }
      Reply reply = first->second.reply;
      Fallback fallback = std::move(first->second.fallback);
      due_.erase(first);
      lock.unlock();
      std::optional<HttpResponse> instead;
      if (!reply.done() && fallback) instead = fallback();
      if (instead) {
        reply.send(std::move(*instead));
      } else if (!reply.done()) {
        HttpResponse r =
            json_error(503, "the render took longer than " + std::to_string(ms_) + " ms",
                       "try again in a moment");
        r.headers.emplace_back("Retry-After", "1");
        reply.send(std::move(r));
      }
      lock.lock();
    }
  }
  const int ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  struct Due {
    Reply reply;
    Fallback fallback;
  };
  std::multimap<Clock::time_point, Due> due_;
  bool stop_ = false;
  std::thread thread_;
};

// ---- images ----

// What an image answer needs: its digest, format and caching, and how to
// render it on a worker (render_one, the CLI's pipeline).
struct ImageJob {
  std::string digest;
  ImageFormat format = ImageFormat::png;
  std::string cache_control;
  std::function<std::string(Renderer&)> render;
  // What to answer when the render cannot come in time (null: 503).
  std::function<std::optional<HttpResponse>()> fallback;
};

// An image's answer: its bytes, type and headers, and where the bytes came
// from ("hit", "disk", "miss", "fallback"), which the access log shows.
HttpResponse image_answer(std::shared_ptr<const std::string> body, std::string type,
                          std::vector<std::pair<std::string, std::string>> headers,
                          const char* cache) {
  HttpResponse r;
  r.content_type = std::move(type);
  r.headers = std::move(headers);
  r.body = std::move(body);
  r.cache = cache;
  return r;
}

// The fallback answer: 200 for a minute, no ETag, so that a crawler or a
// cache comes back for the real card.
HttpResponse fallback_answer(std::string type, std::shared_ptr<const std::string> body) {
  return image_answer(std::move(body), std::move(type), {{"Cache-Control", "public, max-age=60"}},
                      "fallback");
}

// Where a /card/ fallback is kept: by campaign name, size and format.
std::string card_fallback_key(const PlannedCard& card, const SizePreset& size, ImageFormat format) {
  return "card/" + card.meta->name + "/" + size.name + "/" + std::string(mime_type(format));
}

class Server {
 public:
  Server(const ServeOptions& o, std::FILE* log);
  // The workers go first: a job still queued touches the flights and cache.
  // The pool is stopped before it is destroyed, since a render that finishes
  // during the shutdown asks it for the next one refused earlier
  // (render_later). The deadline thread goes before the fallback cards it
  // reads.
  ~Server() {
    if (pool_) pool_->stop();
    deadlines_.reset();
    fallback_cards_.reset();
    pool_.reset();
  }
  void run(const std::atomic<bool>& stop, std::FILE* out);

 private:
  std::vector<Route> routes();
  PersonalSetup personal_setup();
  void on_card(const HttpRequest& req, const Reply& reply);
  void on_render(const HttpRequest& req, const Reply& reply);
  void on_card_meta(const std::string& id, const Reply& reply);
  void on_render_meta(const RenderQuery& q, const SizePreset& size, const Reply& reply);
  void send_link_tags(const LinkTags& tags, const Reply& reply) const;
  std::string public_base() const;
  void answer_image(const HttpRequest& req, const Reply& reply, ImageJob job);
  void finish(const std::string& digest, const HttpResponse& answer);
  bool submit_render(const std::string& digest, std::function<std::string(Renderer&)> render,
                     const std::string& type,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     bool background);
  void render_later();
  std::optional<HttpResponse> card_fallback(const PlannedCard& card, const SizePreset& size,
                                            ImageFormat format) const;
  std::optional<HttpResponse> render_fallback(const std::string& key, ImageFormat format) const;
  void want_card_fallbacks(std::shared_ptr<const Catalog> catalog);
  std::string want_render_fallback(const std::string& layout, const std::string& brand,
                                   std::shared_ptr<const SizePreset> size, ImageFormat format);
  void log_access(const AccessRecord& r);
  void reload();
  std::shared_ptr<const Catalog> catalog() const {
    std::lock_guard lock(catalog_mu_);
    return catalog_;
  }
  // A size asked for by name or as WxH, resolved once per spelling. A
  // SizePreset carries every surface of its size; copying one per request
  // was most of the cost of a cached answer.
  std::shared_ptr<const SizePreset> size_for(const std::string& spec) const;

  const ServeOptions& o_;
  std::FILE* log_;
  std::string key_;
  std::string fonts_digest_;
  std::map<std::string, NamedLayout> layouts_;
  std::map<std::string, NamedBrand> brands_;
  std::string default_brand_;
  RenderNames names_;
  std::unique_ptr<StaticRoot> root_;
  Renderer loader_;  // reads content (fonts for brand checks); never renders

  mutable std::mutex catalog_mu_;
  std::shared_ptr<const Catalog> catalog_;

  mutable std::mutex sizes_mu_;
  mutable std::map<std::string, std::shared_ptr<const SizePreset>> sizes_;  // by spelling

  Metrics metrics_;
  ImageLru cache_;
  std::unique_ptr<DiskCache> disk_;  // --cache-dir, behind cache_
  std::unique_ptr<RenderPool> pool_;
  std::unique_ptr<Deadlines> deadlines_;
  std::mutex flights_mu_;
  std::map<std::string, std::vector<Reply>> flights_;  // renders under way, by digest
  std::atomic<bool> stopping_{false};
  // Fallback cards (--on-overload fallback without --fallback FILE): for
  // /card/ by campaign name, size and format, rendered after start and after
  // each reload; for /render/ by layout, brand, size and format, each layout
  // and brand at og after start, any other the first time it is asked for.
  std::unique_ptr<FallbackCards> fallback_cards_;
  std::shared_ptr<const std::string> fallback_file_;
  std::string fallback_type_;
  // Renders refused by a full queue and answered with a fallback: run when
  // a worker is free, so that the real card lands in the cache.
  struct Later {
    std::string digest;
    std::function<std::string(Renderer&)> render;
    std::string type;
    std::vector<std::pair<std::string, std::string>> headers;
  };
  std::mutex later_mu_;
  std::deque<Later> later_;
  std::atomic<HttpServer*> http_{nullptr};  // while serving, for its refusal counts
};

Server::Server(const ServeOptions& o, std::FILE* log)
    : o_(o),
      log_(log),
      loader_(o.limits),
      cache_(static_cast<size_t>(std::max(0, o.cache_mb)) << 20) {
  if (!o.key_file.empty()) key_ = load_key(o.key_file);
  fonts_digest_ = fonts_digest(fonts_dir()) + typesetting_digest(typesetting_dir());
  // Layouts: the built-in ones by name, and --layout files by their stem.
  std::vector<std::pair<std::string, std::string>> layout_specs;
  for (const auto& [name, description] : list_layouts()) layout_specs.emplace_back(name, name);
  for (const std::string& f : o.layouts) layout_specs.emplace_back(fs::path(f).stem().string(), f);
  for (const auto& [name, spec] : layout_specs) {
    Layout l = load_layout(spec);
    std::string digest = layout_digest(l);
    layouts_[name] = {std::move(l), std::move(digest)};
    names_.layouts.push_back(name);
  }
  // Brands: --brand files (the first is the default), else the built-in one.
  std::vector<std::string> brand_specs = o.brands;
  if (brand_specs.empty()) brand_specs.push_back("default=" + default_brand_path());
  for (const std::string& spec : brand_specs) {
    std::string path;
    const std::string name = brand_name_of(spec, path);
    Content none;
    Brand b = resolve_brand(path, none, loader_.fonts());
    std::string digest = brand_digest(b);
    brands_[name] = {std::move(b), std::move(digest)};
    names_.brands.push_back(name);
    if (default_brand_.empty()) default_brand_ = name;
  }
  if (!o.root.empty()) root_ = std::make_unique<StaticRoot>(o.root, o.card_max_age_s);
  if (!o.cache_dir.empty())
    disk_ =
        std::make_unique<DiskCache>(o.cache_dir, static_cast<std::uint64_t>(o.cache_dir_mb) << 20);
  if (!o.fallback_file.empty()) {
    fallback_file_ = std::make_shared<const std::string>(read_file(o.fallback_file));
    fallback_type_ = mime_type(o.fallback_file);
  }
  if (!o.inputs.empty()) {
    auto c = std::make_shared<const Catalog>(o.inputs, o.limits, loader_, fonts_digest_);
    if (!c->errors().empty()) throw DiagnosticError(c->errors().front());
    catalog_ = std::move(c);
  }
}

std::shared_ptr<const SizePreset> Server::size_for(const std::string& spec) const {
  {
    std::lock_guard lock(sizes_mu_);
    if (auto it = sizes_.find(spec); it != sizes_.end()) return it->second;
  }
  std::vector<SizePreset> sizes;
  try {
    sizes = parse_sizes({spec}, {});
  } catch (const DiagnosticError& e) {
    std::string hint = e.diagnostic().hints.empty() ? "use og, x, square, portrait, story, "
                                                      "pinterest or WxH"
                                                    : e.diagnostic().hints.front();
    throw HttpError(404, "unknown size '" + spec + "'", hint);
  }
  if (sizes.size() != 1) throw HttpError(404, "unknown size '" + spec + "'", "ask for one size");
  const SizePreset& s = sizes.front();
  if (std::max(s.width, s.height) > o_.limits.canvas_side ||
      std::int64_t(s.width) * s.height > o_.limits.canvas_pixels)
    throw HttpError(422, "size '" + spec + "' is larger than this server renders",
                    "at most " + std::to_string(o_.limits.canvas_side) + " px a side and " +
                        std::to_string(o_.limits.canvas_pixels) + " pixels");
  auto resolved = std::make_shared<const SizePreset>(s);
  std::lock_guard lock(sizes_mu_);
  // Signed URLs may spell any WxH: only so many spellings are kept.
  if (sizes_.size() < 64) sizes_.emplace(spec, resolved);
  return resolved;
}

void Server::on_card(const HttpRequest& req, const Reply& reply) {
  // /card/{id}/{size}.{png,jpg,jpeg,webp}, no query.
  const auto segments = two_segments(req.path(), "/card/");
  if (!segments) throw HttpError(404, "not found", "the path is /card/ID/SIZE.png, .jpg or .webp");
  const std::string& id = segments->first;
  if (segments->second == "meta") return on_card_meta(id, reply);
  const ImageName name = parse_image_name(segments->second, "/card/ID/SIZE");
  auto snapshot = catalog();
  const PlannedCard* card = snapshot ? snapshot->find(id) : nullptr;
  if (!card) {
    auto hints = snapshot ? did_you_mean(id, snapshot->ids()) : std::vector<std::string>{};
    throw HttpError(404, "no card '" + id + "'", hints.empty() ? "" : hints.front());
  }
  if (card->error) {  // the log gets the whole diagnostic, paths and all; the answer none
    std::fputs(format_diagnostic(*card->error).c_str(), log_);
    return void(reply.send(answer_of(http_error(*card->error))));
  }
  // Unsigned, a card renders only at the sizes its content asks for: each
  // new size is a render anyone could make the server do. The size is the
  // card's own, as planned (with its surfaces), asked for by name or WxH.
  const SizePreset* size = nullptr;
  for (const SizePreset& s : card->sizes)
    if (!size && s.name == name.size) size = &s;
  if (!size) {
    const auto asked = size_for(name.size);
    for (const SizePreset& s : card->sizes)
      if (!size && s.width == asked->width && s.height == asked->height) size = &s;
  }
  if (!size) {
    std::string sizes;
    for (const SizePreset& s : card->sizes) sizes += (sizes.empty() ? "" : ", ") + s.name;
    throw HttpError(404, "card '" + id + "' has no size '" + name.size + "'",
                    "its sizes are " + sizes + "; other sizes need a signed /render/ URL");
  }
  ImageJob job;
  job.format = name.format;
  job.digest = snapshot->digest(*card, *size, job.format);
  job.cache_control = "public, max-age=" + std::to_string(o_.card_max_age_s);
  // `card` and `size` live in `snapshot`, which the jobs hold.
  job.render = [snapshot, card, size, format = job.format](Renderer& r) {
    return render_one(render_job(*card, *size,
                                 {FormatChoice{false, format},
                                  budget_for(card->campaign->budgets, *size)}),
                      r)
        .bytes;
  };
  if (o_.on_overload == "fallback")
    job.fallback = [this, snapshot, card, size, format = job.format] {
      std::optional<HttpResponse> r = card_fallback(*card, *size, format);
      if (r) ++metrics_.fallbacks;
      return r;
    };
  answer_image(req, reply, std::move(job));
}

// The server's address as the outside sees it (--base-url), without a
// trailing slash; 404 without it.
std::string Server::public_base() const {
  if (o_.base_url.empty())
    throw HttpError(404, "link tags need the server's public address",
                    "start placard serve with --base-url https://…");
  std::string base = o_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

void Server::send_link_tags(const LinkTags& tags, const Reply& reply) const {
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "public, max-age=" + std::to_string(o_.card_max_age_s));
  r.body = std::make_shared<const std::string>(link_tags_html(tags));
  reply.send(std::move(r));
}

// The link tags of a card's og picture (else its first size).
void Server::on_card_meta(const std::string& id, const Reply& reply) {
  auto snapshot = catalog();
  const PlannedCard* card = snapshot ? snapshot->find(id) : nullptr;
  if (!card || card->sizes.empty()) throw HttpError(404, "no card '" + id + "'");
  const std::string base = public_base();
  size_t i = 0;
  for (size_t k = 0; k < card->sizes.size(); ++k)
    if (card->sizes[k].name == "og") i = k;
  const ImageFormat format = i < card->formats.size() ? card->formats[i] : ImageFormat::png;
  const std::string ext = format == ImageFormat::jpeg   ? "jpg"
                          : format == ImageFormat::webp ? "webp"
                                                        : "png";
  send_link_tags(
      {base + "/card/" + id + "/" + card->sizes[i].name + "." + ext, card->sizes[i].width,
       card->sizes[i].height, std::string(mime_type(format)), card->alt},
      reply);
}

// The link tags of a signed image: its URL (signed again in the canonical
// form, which the same key signs alike), its size and type, and the alt text
// the card of that text carries.
void Server::on_render_meta(const RenderQuery& q, const SizePreset& size, const Reply& reply) {
  const std::string base = public_base();
  QueryParams params;
  for (const auto& [name, value] :
       {std::pair<const char*, const std::string&>{"headline", q.headline},
        {"kicker", q.kicker},
        {"body", q.body},
        {"footer", q.footer},
        {"lang", q.lang},
        {"brand", q.brand}})
    if (!value.empty()) params.emplace_back(name, value);
  ContentCard card = statement_card(q.headline);
  if (!q.body.empty()) card.body.spans.push_back({q.body, false, false});
  CampaignMeta meta;
  meta.lang = q.lang;
  const std::string alt = alt_text(card, q.kicker.empty() ? default_kicker(card, meta) : q.kicker);
  send_link_tags({base + signed_render_path(key_, q.layout, q.size, params, q.format), size.width,
                  size.height, std::string(mime_type(q.format)), alt},
                 reply);
}

void Server::on_render(const HttpRequest& req, const Reply& reply) {
  const RenderQuery q = parse_render_target(req.target, key_, names_, o_.limits);
  const std::shared_ptr<const SizePreset> size = size_for(q.size);
  if (q.meta) return on_render_meta(q, *size, reply);
  const NamedLayout& layout = layouts_.at(q.layout);
  const NamedBrand& brand = brands_.at(q.brand.empty() ? default_brand_ : q.brand);
  // The card `placard card` makes of the same text.
  ContentCard card = statement_card(q.headline);
  if (!q.body.empty()) card.body.spans.push_back({q.body, false, false});
  CampaignMeta meta;
  meta.lang = q.lang;
  const CardLabels labels{q.kicker, q.footer};
  ImageJob job;
  const std::int64_t budget = budget_for(default_budgets(), *size);
  job.format = q.format;
  job.digest = output_digest(fonts_digest_, layout.digest, brand.digest, card, meta, labels, *size,
                             job.format, budget);
  job.cache_control = "public, max-age=31536000, immutable";
  job.render = [card, meta, labels, size, budget, format = job.format, &layout,
                &brand](Renderer& r) {
    RenderJob job = make_render_job(card, meta, layout.layout, brand.brand, *size, labels);
    job.output = {FormatChoice{false, format}, budget};
    return render_one(std::move(job), r).bytes;
  };
  if (o_.on_overload == "fallback") {
    // Asked for now, so that the next overload at this shape has a picture.
    const std::string key =
        want_render_fallback(q.layout, q.brand.empty() ? default_brand_ : q.brand, size, q.format);
    job.fallback = [this, key, format = job.format] {
      std::optional<HttpResponse> r = render_fallback(key, format);
      if (r) ++metrics_.fallbacks;
      return r;
    };
  }
  answer_image(req, reply, std::move(job));
}

void Server::answer_image(const HttpRequest& req, const Reply& reply, ImageJob job) {
  const std::string etag = "\"" + job.digest + "\"";
  const std::string type(mime_type(job.format));
  std::vector<std::pair<std::string, std::string>> headers = {
      {"ETag", etag}, {"Cache-Control", job.cache_control}, {"X-Content-Type-Options", "nosniff"}};
  if (etag_matches(req.header("If-None-Match"), etag)) {
    ++metrics_.not_modified;
    HttpResponse r;
    r.status = 304;
    r.headers = headers;
    reply.send(std::move(r));
    return;
  }
  if (auto image = cache_.get(job.digest)) {
    ++metrics_.cache_hits;
    reply.send(image_answer(std::move(image), type, headers, "hit"));
    return;
  }
  if (disk_)  // another process, or this one before a restart, rendered it
    if (auto image = disk_->get(job.digest)) {
      ++metrics_.cache_hits;
      cache_.put(job.digest, image);
      reply.send(image_answer(std::move(image), type, headers, "disk"));
      return;
    }
  ++metrics_.cache_misses;
  {
    std::lock_guard lock(flights_mu_);
    auto [it, fresh] = flights_.try_emplace(job.digest);
    it->second.push_back(reply);
    if (!fresh) {  // the same image is being rendered: wait for it
      deadlines_->add(reply, job.fallback);
      return;
    }
  }
  deadlines_->add(reply, job.fallback);
  if (submit_render(job.digest, job.render, type, headers, false)) return;
  std::optional<HttpResponse> instead = job.fallback ? job.fallback() : std::nullopt;
  if (instead) {  // a crawler's first fetch gets a picture; the real one comes later
    {
      std::lock_guard lock(later_mu_);
      const bool known = std::any_of(later_.begin(), later_.end(),
                                     [&](const Later& l) { return l.digest == job.digest; });
      if (!known && later_.size() < 256) later_.push_back({job.digest, job.render, type, headers});
    }
    finish(job.digest, *instead);
    return;
  }
  ++metrics_.overloaded;
  HttpResponse busy = json_error(503, "the server is busy", "try again in a moment");
  busy.headers.emplace_back("Retry-After", "1");
  finish(job.digest, busy);
}

bool Server::submit_render(const std::string& digest, std::function<std::string(Renderer&)> render,
                           const std::string& type,
                           const std::vector<std::pair<std::string, std::string>>& headers,
                           bool background) {
  return pool_->submit([this, digest, render, type, headers, background](Renderer& renderer) {
    if (!background) {  // everyone waiting has gone (deadline, disconnect): skip the work
      std::lock_guard lock(flights_mu_);
      auto it = flights_.find(digest);
      if (it == flights_.end()) return;
      bool wanted = false;
      for (const Reply& r : it->second) wanted = wanted || !r.done();
      if (!wanted) {
        flights_.erase(it);
        return;
      }
    }
    HttpResponse answer;
    const auto start = Clock::now();
    try {
      std::string image = render(renderer);
      image.shrink_to_fit();  // the encoder grows its buffer; the cache keeps what it holds
      answer = image_answer(std::make_shared<const std::string>(std::move(image)), type, headers,
                            "miss");
      metrics_.observe_render(std::chrono::duration<double>(Clock::now() - start).count());
      cache_.put(digest, answer.body);
      if (disk_) disk_->put(digest, *answer.body);
    } catch (const LimitError& e) {
      // A limit the operator set: the client hears which, the log how to raise it.
      answer = answer_of(http_error(e.diagnostic()));
      std::fprintf(log_, "%s", format_diagnostic(e.diagnostic()).c_str());
    } catch (const DiagnosticError& e) {
      answer = answer_of(http_error(e.diagnostic()));
      // The operator's log gets the reason; the client does not.
      if (answer.status == 500) std::fprintf(log_, "%s", format_diagnostic(e.diagnostic()).c_str());
    } catch (const std::exception& e) {
      std::fprintf(log_, "placard: internal error: %s\n", e.what());
      answer = json_error(500, "the card could not be rendered", "");
    }
    finish(digest, answer);
    render_later();
  });
}

// One render refused earlier, now that this worker is free.
void Server::render_later() {
  Later next;
  {
    std::lock_guard lock(later_mu_);
    if (later_.empty()) return;
    next = std::move(later_.front());
    later_.pop_front();
  }
  if (cache_.get(next.digest)) return;
  if (!submit_render(next.digest, next.render, next.type, next.headers, true)) {
    std::lock_guard lock(later_mu_);
    later_.push_front(std::move(next));
  }
}

std::optional<HttpResponse> Server::card_fallback(const PlannedCard& card, const SizePreset& size,
                                                  ImageFormat format) const {
  // The file `placard render` wrote for this card and size, in --root.
  if (root_)
    for (size_t i = 0; i < card.sizes.size() && i < card.files.size(); ++i)
      if (card.sizes[i].name == size.name && card.formats[i] == format) {
        HttpResponse r = root_->answer("/" + card.files[i], "");
        if (r.status != 200) break;
        std::erase_if(r.headers, [](const auto& h) {
          return h.first == "ETag" || h.first == "Cache-Control";
        });
        r.headers.emplace_back("Cache-Control", "public, max-age=60");
        r.cache = "fallback";
        return r;
      }
  if (fallback_file_) return fallback_answer(fallback_type_, fallback_file_);
  auto image =
      fallback_cards_ ? fallback_cards_->get(card_fallback_key(card, size, format)) : nullptr;
  if (!image) return std::nullopt;
  return fallback_answer(std::string(mime_type(format)), std::move(image));
}

std::optional<HttpResponse> Server::render_fallback(const std::string& key,
                                                    ImageFormat format) const {
  if (fallback_file_) return fallback_answer(fallback_type_, fallback_file_);
  auto image = fallback_cards_ ? fallback_cards_->get(key) : nullptr;
  if (!image) return std::nullopt;
  return fallback_answer(std::string(mime_type(format)), std::move(image));
}

// The campaign's name on the built-in statement layout, in its brand, at
// every size and format its cards have: rendered once, off the request path.
void Server::want_card_fallbacks(std::shared_ptr<const Catalog> catalog) {
  if (!fallback_cards_ || !catalog) return;
  const NamedLayout* layout = &layouts_.at("statement");
  for (const std::string& id : catalog->ids()) {
    const PlannedCard* card = catalog->find(id);
    if (!card || card->error) continue;
    for (size_t i = 0; i < card->sizes.size() && i < card->formats.size(); ++i)
      fallback_cards_->want(
          card_fallback_key(*card, card->sizes[i], card->formats[i]),
          [catalog, card, layout, size = card->sizes[i], format = card->formats[i]](Renderer& r) {
            const ContentCard name_card = statement_card(card->meta->name);
            RenderJob job = make_render_job(name_card, *card->meta, layout->layout,
                                            card->campaign->brand, size);
            job.output = {FormatChoice{false, format}, budget_for(card->campaign->budgets, size)};
            return render_one(std::move(job), r).bytes;
          });
  }
}

// A /render/ layout's fallback: the brand's name (else the name the server
// knows it by) as the headline, on that layout, in that brand, at that size
// and format. Returns its key.
std::string Server::want_render_fallback(const std::string& layout, const std::string& brand,
                                         std::shared_ptr<const SizePreset> size,
                                         ImageFormat format) {
  const std::string key = "render/" + layout + "/" + brand + "/" + std::to_string(size->width) +
                          "x" + std::to_string(size->height) + "/" + std::string(mime_type(format));
  if (!fallback_cards_) return key;
  const NamedLayout* l = &layouts_.at(layout);
  const NamedBrand* b = &brands_.at(brand);
  fallback_cards_->want(key, [l, b, brand, size, format](Renderer& r) {
    const std::string text = b->brand.name.empty() ? brand : b->brand.name;
    const ContentCard name_card = statement_card(text);
    RenderJob job = make_render_job(name_card, CampaignMeta{}, l->layout, b->brand, *size);
    job.output = {FormatChoice{false, format}, budget_for(default_budgets(), *size)};
    return render_one(std::move(job), r).bytes;
  });
  return key;
}

void Server::finish(const std::string& digest, const HttpResponse& answer) {
  std::vector<Reply> waiting;
  {
    std::lock_guard lock(flights_mu_);
    auto it = flights_.find(digest);
    if (it == flights_.end()) return;
    waiting = std::move(it->second);
    flights_.erase(it);
  }
  for (const Reply& r : waiting) r.send(answer);
}

void Server::log_access(const AccessRecord& r) {
  metrics_.count_request(r.route, r.status);
  char line[512];
  // Every field is printable ASCII (the HTTP layer escapes method and target).
  std::snprintf(line, sizeof line, "%s %s %d %llu %.1fms%s%s\n", r.method.c_str(), r.target.c_str(),
                r.status, static_cast<unsigned long long>(r.bytes), r.ms,
                r.cache.empty() ? "" : " ", r.cache.c_str());
  std::fputs(line, log_);
}

std::vector<Route> Server::routes() {
  auto guarded = [](auto handler) {
    return [handler](const HttpRequest& req, const Reply& reply) {
      try {
        handler(req, reply);
      } catch (const HttpError& e) {
        reply.send(answer_of(e));
      }
    };
  };
  std::vector<Route> out;
  out.push_back({"healthz", "/healthz", true, [this](const HttpRequest&, const Reply& reply) {
                   HttpResponse r;
                   r.status = stopping_ ? 503 : 200;
                   r.content_type = "text/plain; charset=utf-8";
                   r.headers.emplace_back("Cache-Control", "no-store");
                   r.body = std::make_shared<const std::string>(stopping_ ? "stopping\n" : "ok\n");
                   reply.send(std::move(r));
                 }});
  out.push_back(
      {"metrics", "/metrics", true, [this](const HttpRequest&, const Reply& reply) {
         HttpResponse r;
         r.content_type = "text/plain; version=0.0.4; charset=utf-8";
         r.headers.emplace_back("Cache-Control", "no-store");
         MetricsGauges g{pool_->queued(), pool_->busy(), cache_.bytes(), cache_.entries(), {}};
         if (HttpServer* http = http_) g.refusals = http->refusals();
         g.brand_font_sets = Fonts::live_brand_sets();
         r.body = std::make_shared<const std::string>(metrics_.text(g));
         reply.send(std::move(r));
       }});
  out.push_back({"card", "/card/", false,
                 guarded([this](const HttpRequest& q, const Reply& r) { on_card(q, r); })});
  out.push_back({"render", "/render/", false,
                 guarded([this](const HttpRequest& q, const Reply& r) { on_render(q, r); })});
  for (Route& r : personal_routes(personal_setup())) out.push_back(std::move(r));
  if (root_) {
    out.push_back({"static", "/", false, [this](const HttpRequest& req, const Reply& reply) {
                     reply.send(root_->answer(req.path(), req.header("If-None-Match")));
                   }});
  }
  return out;
}

// POST /personal renders on the same workers, behind the same queue and
// deadline, but shares no flight and no cache: each answer is one person's.
PersonalSetup Server::personal_setup() {
  PersonalSetup p;
  p.catalog = [this] { return catalog(); };
  p.submit = [this](RenderPool::Job job) {
    if (pool_->submit(std::move(job))) return true;
    ++metrics_.overloaded;
    return false;
  };
  p.deadline = [this](const Reply& reply) { deadlines_->add(reply); };
  p.limits = o_.limits;
  p.photo_mb = o_.photo_mb;
  p.rate_per_minute = o_.personal_rate;
  p.log = log_;
  return p;
}

void Server::reload() {
  try {
    auto c = std::make_shared<const Catalog>(o_.inputs, o_.limits, loader_, fonts_digest_);
    std::vector<Diagnostic> errors = c->errors();
    // A card that served well and now fails (a misspelt layout in the front
    // matter) fails the reload too: the last good content goes on.
    const auto current = catalog();
    for (const std::string& id : c->ids()) {
      const PlannedCard* now = c->find(id);
      const PlannedCard* before = current ? current->find(id) : nullptr;
      if (now->error && (!before || !before->error)) errors.push_back(*now->error);
    }
    for (const Diagnostic& d : errors) std::fputs(format_diagnostic(d).c_str(), log_);
    if (!errors.empty()) {
      std::fprintf(log_, "placard: reload failed; still serving the last good content\n");
      return;
    }
    {
      std::lock_guard lock(catalog_mu_);
      catalog_ = std::move(c);
    }
    pool_->renew_renderers();
    want_card_fallbacks(catalog());  // a renamed campaign has none yet
    std::fprintf(log_, "placard: reloaded %zu cards\n", catalog()->size());
  } catch (const DiagnosticError& e) {
    std::fputs(format_diagnostic(e.diagnostic()).c_str(), log_);
    std::fprintf(log_, "placard: reload failed; still serving the last good content\n");
  } catch (const std::exception& e) {
    // Out of memory in a parse, or any other failure: the catalog in use
    // is untouched.
    std::fprintf(log_, "placard: reload failed (%s); still serving the last good content\n",
                 dynamic_cast<const std::bad_alloc*>(&e) ? "out of memory" : "internal error");
  }
}

void Server::run(const std::atomic<bool>& stop, std::FILE* out) {
  Listener listener = listen_on(o_.listen);
  const int jobs =
      o_.jobs > 0 ? o_.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  pool_ = std::make_unique<RenderPool>(jobs, o_.queue > 0 ? o_.queue : 16 * jobs, o_.limits);
  deadlines_ = std::make_unique<Deadlines>(o_.render_timeout_ms);
  if (o_.on_overload == "fallback" && !fallback_file_) {
    fallback_cards_ = std::make_unique<FallbackCards>(o_.limits, log_);
    want_card_fallbacks(catalog_);
    if (!key_.empty())  // /render/ is served: each layout's fallback at og, in each brand
      for (const std::string& layout : names_.layouts)
        for (const std::string& brand : names_.brands)
          want_render_fallback(layout, brand, size_for("og"), ImageFormat::png);
  }
  HttpOptions h;
  h.listen_fd = listener.fd;
  h.max_connections = static_cast<unsigned>(o_.max_connections);
  h.timeout_seconds = static_cast<unsigned>(o_.client_timeout_s);
  h.request_timeout_seconds = static_cast<unsigned>(o_.header_timeout_s);
  h.max_connections_per_ip = static_cast<unsigned>(o_.max_connections_per_ip);
  h.on_done = [this](const AccessRecord& r) { log_access(r); };
  HttpServer http(h, routes());
  http_ = &http;
  std::fprintf(out, "listening on %s\n", listener.url.c_str());
  std::fflush(out);

  std::unique_ptr<FileWatcher> watcher;
  if (catalog_) {
    watcher = std::make_unique<FileWatcher>();
    watcher->set_files(catalog_->files());
  }
  while (!stop) {
    if (!watcher) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    if (!watcher->wait(50)) continue;
    while (!stop && watcher->wait(150)) {  // a burst of saves is one change
    }
    reload();
    watcher->set_files(catalog()->files());
  }

  // Stop: no new connections, in-flight requests get the grace period.
  stopping_ = true;
  http.stop_accepting();
  http_ = nullptr;  // /metrics no longer asks it (it may answer while this returns)
  std::fprintf(log_, "placard: stopping; %d request(s) in flight\n", http.in_flight());
  const auto until = Clock::now() + std::chrono::milliseconds(static_cast<int>(o_.grace_s * 1000));
  while (http.in_flight() > 0 && Clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  http.abandon_waiting();
  const auto flush_until = Clock::now() + std::chrono::milliseconds(200);
  while (http.in_flight() > 0 && Clock::now() < flush_until)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace

void serve(const ServeOptions& options, const std::atomic<bool>& stop, std::FILE* out,
           std::FILE* log) {
  Server server(options, log);
  server.run(stop, out);
}

}  // namespace placard
