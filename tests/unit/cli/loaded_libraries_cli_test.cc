// What a command maps (issue 25): `placard render` does not load the HTTP
// server's library and its TLS stack, or libzip and the libcrypto it needs;
// the gallery's ZIPs load libzip when they are written. Read from the
// dynamic loader's own record (LD_DEBUG=files), which names every library
// it opens, linked or loaded later.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "base/file_io.h"

#include "run_placard.h"

namespace fs = std::filesystem;

namespace {

using placard::test::Result;
using placard::test::ScratchTest;
using placard::test::shell;

class LoadedLibraries : public ScratchTest {
 protected:
  void SetUp() override {
    ScratchTest::SetUp();
    write("c.md", "# Clean air\n\n- Ban idling outside schools.\n");
  }

  // The sonames the loader opened for `placard ARGS`, from every process it ran.
  std::set<std::string> loaded_by(const std::string& args) {
    fs::create_directories(path("ld"));
    Result r = shell("LD_DEBUG=files LD_DEBUG_OUTPUT=" + path("ld/trace") + " " +
                     std::string(PLACARD_BINARY) + " " + args);
    EXPECT_EQ(r.code, 0) << r.out;
    std::set<std::string> names;
    for (const auto& f : fs::directory_iterator(path("ld"))) {
      const std::string text = placard::read_file(f.path().string(), 16 << 20, "trace");
      // "     12345:\tfile=libpango-1.0.so.0 [0];  needed by ./placard [0]"
      for (size_t at = text.find("file="); at != std::string::npos;
           at = text.find("file=", at + 1)) {
        const size_t end = text.find_first_of(" \n[", at + 5);
        names.insert(fs::path(text.substr(at + 5, end - at - 5)).filename().string());
      }
    }
    fs::remove_all(path("ld"));
    return names;
  }

  static bool has(const std::set<std::string>& names, const std::string& prefix) {
    for (const std::string& n : names)
      if (n.starts_with(prefix)) return true;
    return false;
  }
};

TEST_F(LoadedLibraries, RenderMapsNoHttpTlsOrZipLibrary) {
  const std::set<std::string> names =
      loaded_by("render " + path("c.md") + " -o " + path("out") + " --sizes og");
  ASSERT_TRUE(fs::exists(path("out/manifest.json")));
  // The trace is read at all: Pango is a library every render maps.
  ASSERT_TRUE(has(names, "libpango-1.0.so")) << names.size() << " libraries seen";
  for (const char* absent : {"libmicrohttpd.so", "libgnutls.so", "libp11-kit.so", "libnettle.so",
                             "libhogweed.so", "libzip.so", "libcrypto.so", "libssl.so"})
    EXPECT_FALSE(has(names, absent)) << absent << " is mapped by placard render";
}

TEST_F(LoadedLibraries, TheGalleryLoadsLibzipWhenItWritesAZip) {
  const std::set<std::string> names =
      loaded_by("render " + path("c.md") + " -o " + path("out") + " --sizes og --gallery");
  EXPECT_TRUE(fs::exists(path("out/index.html")));
  EXPECT_TRUE(has(names, "libzip.so.4"));
  EXPECT_FALSE(has(names, "libmicrohttpd.so"));
  EXPECT_FALSE(has(names, "libgnutls.so"));
}

TEST_F(LoadedLibraries, VersionMapsNoHttpTlsOrZipLibrary) {
  const std::set<std::string> names = loaded_by("--version");
  ASSERT_TRUE(has(names, "libc.so"));
  for (const char* absent : {"libmicrohttpd.so", "libgnutls.so", "libzip.so", "libcrypto.so"})
    EXPECT_FALSE(has(names, absent)) << absent << " is mapped by placard --version";
}

}  // namespace
