// libzip, loaded when the first ZIP is written (placard render --gallery,
// placard gallery), not linked: it brings OpenSSL's libcrypto (1.4 MB of
// mapped pages) and bzip2, lzma and zstd, which a render without a gallery
// never uses (issue 25). Each function is bound by the header's own
// prototype, so zip.h still checks every call at compile time.
#pragma once

#include <zip.h>

#include "base/runtime_libraries.h"
#include "base/shared_library.h"

// libzip.so.4 is the ABI of libzip 1.x.
static_assert(LIBZIP_VERSION_MAJOR == 1, "zip.h is not of the libzip.so.4 ABI (libzip 1.x)");

namespace placard {

class LibzipApi {
 public:
  // Loads the library and binds every function below; throws
  // DiagnosticError (io) naming the Debian package when it cannot.
  LibzipApi();

 private:
  SharedLibrary lib_{kLibZip};  // first: bound from in the constructor

 public:
  decltype(&zip_error_init) error_init;
  decltype(&zip_error_fini) error_fini;
  decltype(&zip_error_strerror) error_strerror;
  decltype(&zip_source_buffer_create) source_buffer_create;
  decltype(&zip_source_keep) source_keep;
  decltype(&zip_source_free) source_free;
  decltype(&zip_source_open) source_open;
  decltype(&zip_source_read) source_read;
  decltype(&zip_source_close) source_close;
  decltype(&zip_source_error) source_error;
  decltype(&zip_open_from_source) open_from_source;
  decltype(&zip_get_error) get_error;
  decltype(&zip_source_buffer) source_buffer;
  decltype(&zip_file_add) file_add;
  decltype(&zip_set_file_compression) set_file_compression;
  decltype(&zip_file_set_dostime) file_set_dostime;
  decltype(&zip_file_set_external_attributes) file_set_external_attributes;
  decltype(&zip_close) close;
  decltype(&zip_discard) discard;
  decltype(&zip_libzip_version) libzip_version;
};

// The one table, loaded on the first call (from any thread: a function-local
// static). A call that fails to load throws, and the next call tries again.
const LibzipApi& libzip();

}  // namespace placard
