// A token bucket per client: `rate` tokens a minute, at most `burst` saved.
// The buckets live in a fixed table allocated once (sets of a few ways,
// indexed by a keyed hash of the client), so a client cycling addresses
// evicts buckets instead of growing memory; the bucket evicted is the one
// that would have the most tokens now, which loses the least (a full bucket
// is the same as none).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace placard {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  // `per_minute` > 0 tokens a minute, bursts of `burst`; `slots` buckets at
  // most (rounded up to whole sets).
  RateLimiter(double per_minute, double burst, size_t slots = 4096);

  // Takes one token for `client` at time `now`. 0 when taken; otherwise the
  // whole seconds until a token is there (at least 1): the Retry-After.
  int take(std::string_view client, Clock::time_point now);

  size_t slots() const { return table_.size(); }

 private:
  struct Bucket {
    std::uint64_t id = 0;  // keyed hash of the client; 0 = free
    double tokens = 0;
    Clock::time_point at;  // when `tokens` was counted
  };
  double tokens_at(const Bucket& b, Clock::time_point now) const;
  const double per_second_, burst_;
  const std::uint64_t seed_;
  std::mutex mu_;
  std::vector<Bucket> table_;
};

// What the rate limit counts as one client: an IPv4 address, or an IPv6
// address's /64 (one subscriber's network, which its owner can cycle
// through freely). Anything else as is.
std::string rate_limit_key(std::string_view address);

}  // namespace placard
