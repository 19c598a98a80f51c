// Libraries a command does not need are not mapped (issue 25): the dynamic
// loader's own trace (LD_DEBUG=files) says which files a run opened, so
// these tests see what a user's process maps, not what the binary links.
#include <gtest/gtest.h>

#include <string>

#include "run_placard.h"

namespace placard::test {
namespace {

class LoadedLibraries : public ScratchTest {
 protected:
  // The loader's trace of `placard ARGS`, with the command's own output.
  Result traced(const std::string& args) {
    return shell("LD_DEBUG=files " + std::string(PLACARD_BINARY) + " " + args);
  }
  static bool opened(const Result& r, const std::string& soname) {
    return r.out.find("file=" + soname + " ") != std::string::npos;
  }
  // Any version of a library: "libgnutls" for libgnutls.so.30 or .so.31.
  static bool opened_any(const Result& r, const std::string& stem) {
    return r.out.find("file=" + stem + ".so.") != std::string::npos;
  }
  void write_deck() { write("deck.csv", "id,headline\nhousing,Homes for everyone by 2030\n"); }
};

TEST_F(LoadedLibraries, ACardWithoutAnSvgDoesNotLoadLibrsvg) {
  write_deck();
  const Result r = traced("render " + path("deck.csv") + " -o " + path("out") + " --sizes og");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(std::filesystem::exists(path("out/housing/og.png")));
  EXPECT_TRUE(opened(r, "libcairo.so.2"))
      << "the trace is not the loader's: " << r.out.substr(0, 400);
  EXPECT_FALSE(opened(r, "librsvg-2.so.2"));
}

TEST_F(LoadedLibraries, AnSvgLogoLoadsLibrsvgWhenTheCardIsDrawn) {
  write_deck();
  const std::string brand =
      std::string(PLACARD_TEST_DIR) + "/../examples/brands/transforming/brand.yaml";
  const Result r =
      traced("render " + path("deck.csv") + " -o " + path("out") + " --sizes og --brand " + brand);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(opened(r, "librsvg-2.so.2"));
  EXPECT_TRUE(std::filesystem::exists(path("out/housing/og.png")));
}

// libmicrohttpd is loaded by placard serve and preview, libzip when the
// gallery writes a ZIP: neither, nor the TLS stack and libcrypto they bring,
// is mapped by a render or by --version.
TEST_F(LoadedLibraries, ARenderMapsNeitherTheServersTlsStackNorLibzip) {
  write_deck();
  for (const std::string& args :
       {"render " + path("deck.csv") + " -o " + path("out") + " --sizes og",
        std::string("--version")}) {
    const Result r = traced(args);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(opened_any(r, "libc")) << "the trace is not the loader's: " << r.out.substr(0, 400);
    for (const char* absent : {"libmicrohttpd", "libgnutls", "libp11-kit", "libnettle",
                               "libhogweed", "libzip", "libcrypto", "libssl"})
      EXPECT_FALSE(opened_any(r, absent)) << "placard " << args << " maps " << absent;
  }
}

TEST_F(LoadedLibraries, TheGalleryLoadsLibzipWhenItWritesAZip) {
  write_deck();
  const Result r =
      traced("render " + path("deck.csv") + " -o " + path("out") + " --sizes og --gallery");
  ASSERT_EQ(r.code, 0) << r.out;
  int zips = 0;
  for (const auto& f : std::filesystem::directory_iterator(path("out")))
    zips += f.path().extension() == ".zip";
  EXPECT_EQ(zips, 1);
  EXPECT_TRUE(opened(r, "libzip.so.4"));
  EXPECT_FALSE(opened_any(r, "libmicrohttpd"));
}

}  // namespace
}  // namespace placard::test
