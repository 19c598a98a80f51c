#include "serve/metrics.h"

#include <cstdio>

namespace placard {

void Metrics::count_request(const std::string& route, int status) {
  std::lock_guard lock(mu_);
  ++requests_[{route.empty() ? "none" : route, status}];
}

void Metrics::observe_render(double seconds) {
  std::lock_guard lock(mu_);
  size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  ++buckets_[i];
  render_sum_ += seconds;
  ++render_count_;
}

std::string Metrics::text(const MetricsGauges& g) const {
  std::string out;
  char line[256];
  auto add = [&](const char* fmt, auto... args) {
    std::snprintf(line, sizeof line, fmt, args...);
    out += line;
  };
  std::lock_guard lock(mu_);
  out +=
      "# HELP placard_requests_total HTTP requests answered, by route and status.\n"
      "# TYPE placard_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    add("placard_requests_total{route=\"%s\",status=\"%d\"} %llu\n", key.first.c_str(), key.second,
        static_cast<unsigned long long>(n));
  out +=
      "# HELP placard_render_seconds Time to render and encode one image.\n"
      "# TYPE placard_render_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += buckets_[i];
    add("placard_render_seconds_bucket{le=\"%g\"} %llu\n", kBuckets[i],
        static_cast<unsigned long long>(cumulative));
  }
  cumulative += buckets_.back();
  add("placard_render_seconds_bucket{le=\"+Inf\"} %llu\n",
      static_cast<unsigned long long>(cumulative));
  add("placard_render_seconds_sum %.6f\n", render_sum_);
  add("placard_render_seconds_count %llu\n", static_cast<unsigned long long>(render_count_));
  auto counter = [&](const char* name, const char* help, std::uint64_t v) {
    add("# HELP %s %s\n# TYPE %s counter\n%s %llu\n", name, help, name, name,
        static_cast<unsigned long long>(v));
  };
  auto gauge = [&](const char* name, const char* help, std::uint64_t v) {
    add("# HELP %s %s\n# TYPE %s gauge\n%s %llu\n", name, help, name, name,
        static_cast<unsigned long long>(v));
  };
  counter("placard_cache_hits_total", "Images answered from the in-memory cache.", cache_hits);
  counter("placard_cache_misses_total", "Images that had to be rendered.", cache_misses);
  counter("placard_not_modified_total", "304 answers to If-None-Match.", not_modified);
  counter("placard_overload_rejections_total", "503 answers because the render queue was full.",
          overloaded);
  counter("placard_overload_fallbacks_total",
          "Fallback answers (the --root file or the fallback card) because a render could not "
          "come in time.",
          fallbacks);
  out +=
      "# HELP placard_refused_total Connections and requests refused at the edge, by reason.\n"
      "# TYPE placard_refused_total counter\n";
  for (const auto& [reason, n] : g.refusals)
    add("placard_refused_total{reason=\"%s\"} %llu\n", reason.c_str(),
        static_cast<unsigned long long>(n));
  gauge("placard_queue_depth", "Renders waiting for a worker.",
        static_cast<std::uint64_t>(g.queue_depth));
  gauge("placard_renders_in_flight", "Renders running now.",
        static_cast<std::uint64_t>(g.renders_in_flight));
  gauge("placard_cache_bytes", "Bytes of images in the cache.", g.cache_bytes);
  gauge("placard_cache_entries", "Images in the cache.", g.cache_entries);
  gauge("placard_brand_font_sets", "Font sets of brands' own fonts loaded in the workers.",
        static_cast<std::uint64_t>(g.brand_font_sets));
  return out;
}

}  // namespace placard
