// Libraries that only some commands need, loaded when first used: `placard
// render` does not map the HTTP server's TLS stack, librsvg and its image
// loaders, or libzip unless a card or a command asks for them, which keeps a
// batch's resident memory and every command's start-up down (issue 25).
//
// Each user binds the functions it calls by their real prototypes
// (`decltype(&rsvg_handle_new_from_data)`), so a changed signature still
// fails to compile; what is checked at run time is only that the library
// and its symbols are there.
#pragma once

#include <string>

#include "base/runtime_libraries.h"

namespace placard {

class SharedLibrary {
 public:
  // Opens `soname` (say "libmicrohttpd.so.12") with the dynamic loader's
  // search rules. Fails (FailureKind::io) with the loader's reason and a
  // hint naming `package`, the Debian package that provides it, when the
  // library is not installed.
  SharedLibrary(const std::string& soname, const std::string& package);
  explicit SharedLibrary(const RuntimeLibrary& lib) : SharedLibrary(lib.soname, lib.package) {}
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // Sets `fn` to the library's function `name`; fails as above when the
  // library lacks it (an older version than the one built against).
  template <class Fn>
  void bind(Fn& fn, const char* name) const {
    fn = reinterpret_cast<Fn>(symbol(name));
  }

  const std::string& soname() const { return soname_; }

 private:
  void* symbol(const char* name) const;

  std::string soname_, package_;
  void* handle_ = nullptr;
};

}  // namespace placard
