#include "base/shared_library.h"

#include <dlfcn.h>

#include "base/diagnostics.h"

namespace placard {
namespace {

[[noreturn]] void fail(const std::string& message, const std::string& package) {
  Diagnostic d;
  d.kind = FailureKind::io;
  d.message = message;
  d.hints.push_back("install the Debian package '" + package + "' (scripts/install-deps.sh does)");
  throw DiagnosticError(std::move(d));
}

}  // namespace

SharedLibrary::SharedLibrary(const std::string& soname, const std::string& package)
    : soname_(soname), package_(package) {
  // RTLD_NOW: a missing symbol of the library's own dependencies shows here,
  // once, not in the middle of a request. RTLD_LOCAL: its symbols stay out
  // of the global namespace.
  handle_ = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) {
    const char* why = dlerror();
    fail("cannot load '" + soname + "': " + (why ? why : "unknown reason"), package_);
  }
}

SharedLibrary::~SharedLibrary() {
  // Not closed: functions and objects of the library (GObject types that
  // librsvg registers, a daemon's threads) may outlive this handle, and the
  // libraries are kept for the life of the process anyway.
}

void* SharedLibrary::symbol(const char* name) const {
  dlerror();
  void* p = dlsym(handle_, name);
  if (!p) fail("'" + soname_ + "' has no function '" + name + "'", package_);
  return p;
}

}  // namespace placard
