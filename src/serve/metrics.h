// Counters for GET /metrics, in Prometheus's text format (version 0.0.4).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace placard {

struct MetricsGauges {
  int queue_depth = 0;
  int renders_in_flight = 0;
  std::uint64_t cache_bytes = 0;
  std::uint64_t cache_entries = 0;
  // Connections and requests the HTTP layer refused, by reason.
  std::vector<std::pair<std::string, std::uint64_t>> refusals;
  // Brands' font sets the workers hold: bounded by brands in use × workers,
  // however often the server reloads.
  int brand_font_sets = 0;
};

class Metrics {
 public:
  void count_request(const std::string& route, int status);
  void observe_render(double seconds);
  std::atomic<std::uint64_t> cache_hits{0}, cache_misses{0}, not_modified{0}, overloaded{0},
      fallbacks{0};
  // placard_requests_total{route,status}, placard_render_seconds (histogram),
  // placard_cache_{hits,misses}_total, placard_cache_bytes, placard_cache_entries,
  // placard_queue_depth, placard_renders_in_flight, placard_overload_rejections_total,
  // placard_refused_total{reason}, placard_brand_font_sets.
  std::string text(const MetricsGauges& gauges) const;

  static constexpr std::array<double, 11> kBuckets = {0.002, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,   1,    2.5,   5};

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size() + 1> buckets_{};  // last: +Inf
  double render_sum_ = 0;
  std::uint64_t render_count_ = 0;
};

}  // namespace placard
