#include "http/connection_table.h"

#include <gtest/gtest.h>

using namespace placard;
using namespace std::chrono_literals;

TEST(ConnectionTable, CountsPerAddressAndKeepsTheReserve) {
  ConnectionLimits l;
  l.max_connections = 3;
  l.reserved = 1;
  l.per_address = 2;
  ConnectionTable t(l);
  const SteadyTime now{};
  ASSERT_TRUE(t.admit("a"));
  auto* a1 = t.open("a", 5, now);
  ASSERT_TRUE(t.admit("a"));
  t.open("a", 6, now);
  EXPECT_FALSE(t.admit("a"));  // its share
  EXPECT_EQ(t.refused(Refusal::per_address), 1u);
  t.open("b", 7, now);
  EXPECT_FALSE(t.in_reserve());
  t.open("c", 8, now);
  EXPECT_TRUE(t.in_reserve());  // the fourth is the reserve's
  EXPECT_FALSE(t.admit("d"));
  EXPECT_EQ(t.refused(Refusal::connections), 1u);
  t.close(a1);
  EXPECT_TRUE(t.admit("a"));
  EXPECT_FALSE(t.in_reserve());
}

TEST(ConnectionTable, ARequestNotWholeByTheDeadlineIsOverdueOnce) {
  ConnectionLimits l;
  l.request_deadline = 10s;
  ConnectionTable t(l);
  const SteadyTime start{};
  auto* slow = t.open("a", 5, start);
  auto* done = t.open("a", 6, start);
  done->request_done = true;
  EXPECT_TRUE(t.overdue(start + 9s).empty());
  auto due = t.overdue(start + 11s);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due.front(), slow);
  EXPECT_TRUE(t.overdue(start + 12s).empty());
  EXPECT_EQ(t.refused(Refusal::request_deadline), 1u);
}
