// The libraries Placard loads only when a command or a card needs them
// (base/shared_library.h), each with the Debian 12 package that provides
// it. container/check-packages.sh reads the lines below (one library per
// line, in this exact form) to check that the image ships them, since the
// binary's NEEDED entries no longer name them.
#pragma once

namespace placard {

struct RuntimeLibrary {
  const char* soname;
  const char* package;
};

// clang-format off
inline constexpr RuntimeLibrary kLibMicrohttpd{"libmicrohttpd.so.12", "libmicrohttpd12"};
inline constexpr RuntimeLibrary kLibRsvg{"librsvg-2.so.2", "librsvg2-2"};
inline constexpr RuntimeLibrary kLibZip{"libzip.so.4", "libzip4"};
// clang-format on

inline constexpr RuntimeLibrary kRuntimeLibraries[] = {kLibMicrohttpd, kLibRsvg, kLibZip};

}  // namespace placard
