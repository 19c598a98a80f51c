// The table of libmicrohttpd's functions binds the library the header
// describes: the version it reports is the header's MHD_VERSION.
#include "http/microhttpd_api.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace placard {
namespace {

// MHD_VERSION spells each part in hex digits that read as the decimal
// version: 0x00097500 is "0.9.75".
std::string header_version() {
  char text[32];
  std::snprintf(text, sizeof text, "%x.%x.%x", (MHD_VERSION >> 24) & 0xff,
                (MHD_VERSION >> 16) & 0xff, (MHD_VERSION >> 8) & 0xff);
  return text;
}

TEST(MicrohttpdApi, LoadsTheLibraryOfTheHeader) {
  const MicrohttpdApi& api = mhd();
  ASSERT_NE(api.get_version, nullptr);
  EXPECT_EQ(std::string(api.get_version()), header_version());
}

}  // namespace
}  // namespace placard
