#include "serve/rate_limit.h"

#include <arpa/inet.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace placard {

namespace {
constexpr size_t kWays = 8;
}

RateLimiter::RateLimiter(double per_minute, double burst, size_t slots)
    : per_second_(per_minute / 60.0),
      burst_(std::max(1.0, burst)),
      // Keyed so that nobody can pick addresses that land in one set.
      seed_((std::uint64_t(std::random_device{}()) << 32) ^ std::random_device{}()),
      table_(std::max(kWays, (slots + kWays - 1) / kWays * kWays)) {}

double RateLimiter::tokens_at(const Bucket& b, Clock::time_point now) const {
  const double elapsed = std::chrono::duration<double>(now - b.at).count();
  return std::min(burst_, b.tokens + std::max(0.0, elapsed) * per_second_);
}

int RateLimiter::take(std::string_view client, Clock::time_point now) {
  std::uint64_t id = XXH3_64bits_withSeed(client.data(), client.size(), seed_);
  if (id == 0) id = 1;
  const size_t sets = table_.size() / kWays;
  Bucket* set = &table_[(id >> 32 ^ id) % sets * kWays];
  std::lock_guard lock(mu_);
  Bucket* bucket = nullptr;
  for (size_t i = 0; i < kWays && !bucket; ++i)
    if (set[i].id == id) bucket = &set[i];
  if (!bucket) {  // a free way, else the way with the most tokens by now
    bucket = &set[0];
    double most = -1;
    for (size_t i = 0; i < kWays; ++i) {
      const double t = set[i].id == 0 ? burst_ + 1 : tokens_at(set[i], now);
      if (t > most) {
        most = t;
        bucket = &set[i];
      }
    }
    *bucket = {id, burst_, now};
  }
  bucket->tokens = tokens_at(*bucket, now);
  bucket->at = std::max(bucket->at, now);
  if (bucket->tokens >= 1) {
    bucket->tokens -= 1;
    return 0;
  }
  if (per_second_ <= 0) return 3600;
  return std::max(1, static_cast<int>(std::ceil((1 - bucket->tokens) / per_second_ - 1e-9)));
}

std::string rate_limit_key(std::string_view address) {
  const std::string a(address);
  unsigned char v6[16];
  if (inet_pton(AF_INET6, a.c_str(), v6) == 1) {
    // An IPv4-mapped address is its IPv4 address.
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(mapped, mapped + 12, v6)) {
      char buf[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, v6 + 12, buf, sizeof buf);
      return buf;
    }
    std::fill(v6 + 8, v6 + 16, 0);
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, v6, buf, sizeof buf);
    return std::string(buf) + "/64";
  }
  return a;
}

}  // namespace placard
