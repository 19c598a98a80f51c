// The table of libzip's functions binds the library the header describes.
#include "gallery/libzip_api.h"

#include <gtest/gtest.h>

#include <string>

namespace placard {
namespace {

TEST(LibzipApi, LoadsTheLibraryOfTheHeader) {
  const LibzipApi& api = libzip();
  ASSERT_NE(api.libzip_version, nullptr);
  EXPECT_EQ(std::string(api.libzip_version()), LIBZIP_VERSION);
  EXPECT_EQ(&libzip(), &api);
}

}  // namespace
}  // namespace placard
