#include "batch/progress.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

TEST(Progress, LineShowsBarCountRateAndTimeLeft) {
  EXPECT_EQ(progress_line(0, 10, 0, 10), "[..........]  0/10 cards");
  EXPECT_EQ(progress_line(5, 10, 2.0, 10), "[#####.....]  5/10 cards  2.5 cards/s  ETA 0:02");
  EXPECT_EQ(progress_line(100, 6100, 10.0, 4), "[....]  100/6100 cards  10.0 cards/s  ETA 10:00");
  EXPECT_EQ(progress_line(10, 10, 1.0, 2), "[##]  10/10 cards  10.0 cards/s  ETA 0:00");
}

TEST(Progress, OffWhenNotATerminal) {
  std::FILE* f = std::tmpfile();
  {
    Progress p(f, false, 3);
    p.advance();
    p.print("line\n");
    p.finish();
  }
  std::rewind(f);
  char buf[64] = {};
  size_t n = std::fread(buf, 1, sizeof buf, f);
  std::fclose(f);
  EXPECT_EQ(std::string(buf, n), "line\n");  // no bar, no escape codes
}

TEST(Progress, DrawsAndClearsOnATerminal) {
  std::FILE* f = std::tmpfile();
  {
    Progress p(f, true, 2);
    p.advance();
    p.advance();
    p.finish();
  }
  std::rewind(f);
  char buf[256] = {};
  size_t n = std::fread(buf, 1, sizeof buf, f);
  std::fclose(f);
  std::string out(buf, n);
  EXPECT_NE(out.find("2/2 cards"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("\r\033[K")) << out;  // the bar is cleared at the end
}

}  // namespace
}  // namespace placard
