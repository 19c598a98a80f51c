#include "serve/rate_limit.h"

#include <gtest/gtest.h>

#include <string>

using namespace placard;
using namespace std::chrono_literals;

namespace {
const RateLimiter::Clock::time_point t0{};
}

TEST(RateLimit, ABurstOfNThenOneTokenEvery60OverNSeconds) {
  RateLimiter r(10, 10);  // 10 a minute: a token every 6 s
  for (int i = 0; i < 10; ++i) EXPECT_EQ(r.take("1.2.3.4", t0), 0) << i;
  EXPECT_EQ(r.take("1.2.3.4", t0), 6);  // Retry-After: whole seconds until a token
  EXPECT_EQ(r.take("1.2.3.4", t0 + 1s), 5);
  EXPECT_EQ(r.take("1.2.3.4", t0 + 5500ms), 1);  // 0.5 s rounds up
  EXPECT_EQ(r.take("1.2.3.4", t0 + 6s), 0);
  EXPECT_EQ(r.take("1.2.3.4", t0 + 6s), 6);
  // Another client has its own bucket.
  EXPECT_EQ(r.take("5.6.7.8", t0 + 6s), 0);
  // A long pause refills the burst, no more.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(r.take("1.2.3.4", t0 + 1h), 0) << i;
  EXPECT_GT(r.take("1.2.3.4", t0 + 1h), 0);
}

TEST(RateLimit, CyclingAddressesNeitherGrowsTheTableNorRefillsAnActiveClient) {
  RateLimiter r(2, 2, 1024);
  const size_t slots = r.slots();
  EXPECT_EQ(slots, 1024u);
  EXPECT_EQ(r.take("victim", t0), 0);
  EXPECT_EQ(r.take("victim", t0), 0);
  EXPECT_GT(r.take("victim", t0), 0);
  // 100000 addresses, one request each: the table keeps its size, and each
  // new address is served (its fresh bucket) without memory growing.
  int refused = 0;
  for (int i = 0; i < 100000; ++i)
    refused += r.take("10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256), t0) > 0;
  EXPECT_EQ(r.slots(), slots);
  EXPECT_EQ(refused, 0);
  // Eviction drops the bucket with the most tokens first: the one-shot
  // addresses (1 of 2 left) go before the victim's empty one, so the
  // victim is still limited.
  EXPECT_GT(r.take("victim", t0), 0);
}

TEST(RateLimit, IPv6CountsBySlash64AndMappedIPv4AsIPv4) {
  EXPECT_EQ(rate_limit_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(rate_limit_key("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
  EXPECT_NE(rate_limit_key("2001:db8:1:3::1"), rate_limit_key("2001:db8:1:2::1"));
  EXPECT_EQ(rate_limit_key("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(rate_limit_key("192.0.2.7"), "192.0.2.7");
}
