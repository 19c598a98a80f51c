// The dumps' numbers: 1/100 px, so that a golden dump is stable text.
#include "render/dump_json.h"

#include <gtest/gtest.h>

using namespace placard;

TEST(DumpJson, PxAreRoundedToAHundredthAndBoxesAreXYWH) {
  EXPECT_EQ(dump_px(12.344999), 12.34);
  EXPECT_EQ(dump_px(12.346), 12.35);
  EXPECT_EQ(dump_px(-0.004), 0.0);
  EXPECT_EQ(dump_rect({1.005001, 2.5, 300.123, 40}).dump(), "[1.01,2.5,300.12,40.0]");
}
