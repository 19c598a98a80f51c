#include "base/run_limits.h"

#include <gtest/gtest.h>

using namespace placard;

TEST(RunLimits, SetsKnownLimits) {
  Limits l;
  set_limit(l, "cards=5");
  set_limit(l, "run-pixels=123456789012");
  EXPECT_EQ(l.cards, 5);
  EXPECT_EQ(l.run_pixels, 123456789012LL);
}

TEST(RunLimits, RefusesUnknownNamesWithAHint) {
  Limits l;
  try {
    set_limit(l, "cardz=5");
    FAIL() << "no error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::usage);
    EXPECT_EQ(e.diagnostic().message, "unknown limit 'cardz'");
    ASSERT_FALSE(e.diagnostic().hints.empty());
    EXPECT_EQ(e.diagnostic().hints[0], "did you mean 'cards'?");
  }
}

TEST(RunLimits, RefusesBadValues) {
  Limits l;
  for (const char* bad : {"cards", "cards=", "cards=0", "cards=-1", "cards=1e3",
                          "cards=99999999999", "canvas-side=9000"})
    EXPECT_THROW(set_limit(l, bad), DiagnosticError) << bad;
  EXPECT_EQ(l.cards, Limits{}.cards);
}
