#include "batch/input_hash.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/file_io.h"

namespace placard {
namespace {

TEST(InputHash, PiecesAreLengthPrefixed) {
  EXPECT_NE(InputHash().add("ab").add("c").hex(), InputHash().add("a").add("bc").hex());
  EXPECT_EQ(InputHash().add("ab").add("c").hex(), InputHash().add("ab").add("c").hex());
  EXPECT_EQ(InputHash().hex().size(), 32u);
}

TEST(InputHash, FileDigestFollowsTheBytes) {
  namespace fs = std::filesystem;
  const std::string dir =
      (fs::temp_directory_path() / ("placard-hash-" + std::to_string(getpid()))).string();
  const std::string f = dir + "/a.otf";
  const std::string missing = file_digest(f);
  write_file_atomic(f, "one");
  const std::string one = file_digest(f);
  EXPECT_NE(one, missing);
  const std::string fonts_one = fonts_digest(dir);
  write_file_atomic(f, "two");
  EXPECT_NE(file_digest(f), one);
  EXPECT_NE(fonts_digest(dir), fonts_one);
  write_file_atomic(dir + "/notes.txt", "not a font");
  EXPECT_EQ(fonts_digest(dir), fonts_digest(dir));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace placard
