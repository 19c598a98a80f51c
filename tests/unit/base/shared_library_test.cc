#include "base/shared_library.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>

#include "base/diagnostics.h"

namespace placard {
namespace {

TEST(SharedLibrary, BindsAFunctionByItsOwnPrototype) {
  SharedLibrary zlib("libz.so.1", "zlib1g");
  decltype(&zlibVersion) version = nullptr;
  zlib.bind(version, "zlibVersion");
  ASSERT_NE(version, nullptr);
  // The same library the headers describe: its version starts the same.
  EXPECT_EQ(std::strncmp(version(), ZLIB_VERSION, 3), 0) << version();
}

TEST(SharedLibrary, AMissingLibraryNamesItAndThePackage) {
  try {
    SharedLibrary missing("libplacard-absent.so.9", "placard-absent9");
    FAIL() << "loaded a library that does not exist";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::io);
    EXPECT_NE(e.diagnostic().message.find("cannot load 'libplacard-absent.so.9'"),
              std::string::npos)
        << e.diagnostic().message;
    ASSERT_EQ(e.diagnostic().hints.size(), 1u);
    EXPECT_NE(e.diagnostic().hints[0].find("'placard-absent9'"), std::string::npos);
  }
}

TEST(SharedLibrary, AMissingFunctionNamesItAndTheLibrary) {
  SharedLibrary zlib("libz.so.1", "zlib1g");
  void (*fn)() = nullptr;
  try {
    zlib.bind(fn, "placard_no_such_function");
    FAIL() << "bound a function the library does not have";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().message,
              "'libz.so.1' has no function 'placard_no_such_function'");
  }
  EXPECT_EQ(fn, nullptr);
}

// Every library a command may load is there on the machine that built it,
// under the name the code asks for (a wrong soname would only show when a
// user first serves or draws an SVG).
TEST(SharedLibrary, EveryRuntimeLibraryLoads) {
  for (const RuntimeLibrary& lib : kRuntimeLibraries)
    EXPECT_NO_THROW(SharedLibrary{lib}) << lib.soname;
}

}  // namespace
}  // namespace placard
