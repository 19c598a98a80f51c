// The image cache keeps memory within --cache-mb, dropping the least
// recently used image first.
#include <gtest/gtest.h>

#include "serve/image_lru.h"

using placard::ImageLru;

namespace {
std::shared_ptr<const std::string> image(size_t bytes) {
  return std::make_shared<const std::string>(bytes, 'x');
}
}  // namespace

TEST(ImageLru, StaysWithinItsBytesAndDropsTheOldestFirst) {
  ImageLru cache(10'000);
  cache.put("a", image(3000));
  cache.put("b", image(3000));
  cache.put("c", image(3000));
  ASSERT_TRUE(cache.get("a"));  // a is now the most recent
  cache.put("d", image(3000));  // b goes
  EXPECT_TRUE(cache.get("a"));
  EXPECT_FALSE(cache.get("b"));
  EXPECT_TRUE(cache.get("c"));
  EXPECT_TRUE(cache.get("d"));
  EXPECT_LE(cache.bytes(), 10'000u);
  for (int i = 0; i < 1000; ++i) cache.put("k" + std::to_string(i), image(1500));
  EXPECT_LE(cache.bytes(), 10'000u);
  EXPECT_EQ(cache.entries(), 6u);
}

TEST(ImageLru, AnImageLargerThanTheCacheIsNotKept) {
  ImageLru cache(1000);
  cache.put("big", image(5000));
  EXPECT_FALSE(cache.get("big"));
  EXPECT_EQ(cache.bytes(), 0u);
  ImageLru off(0);  // --cache-mb 0
  off.put("a", image(10));
  EXPECT_FALSE(off.get("a"));
}
