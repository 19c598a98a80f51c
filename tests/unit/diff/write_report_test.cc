#include "diff/write_report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/file_io.h"

namespace placard {
namespace {

TEST(WriteReport, WritesThePageAndTheSummary) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("placard-write-report-" + std::to_string(getpid()));
  FolderDiff d;
  d.cards = {CardDiff{Change::added, "new-card"}};
  write_report(d, dir.string(), "");
  EXPECT_NE(read_file((dir / "index.html").string()).find("id=\"card-new-card\""),
            std::string::npos);
  EXPECT_NE(read_file((dir / "summary.md").string()).find("| `new-card` | added |"),
            std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace placard
