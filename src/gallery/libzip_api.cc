#include "gallery/libzip_api.h"

namespace placard {

LibzipApi::LibzipApi() {
  lib_.bind(error_init, "zip_error_init");
  lib_.bind(error_fini, "zip_error_fini");
  lib_.bind(error_strerror, "zip_error_strerror");
  lib_.bind(source_buffer_create, "zip_source_buffer_create");
  lib_.bind(source_keep, "zip_source_keep");
  lib_.bind(source_free, "zip_source_free");
  lib_.bind(source_open, "zip_source_open");
  lib_.bind(source_read, "zip_source_read");
  lib_.bind(source_close, "zip_source_close");
  lib_.bind(source_error, "zip_source_error");
  lib_.bind(open_from_source, "zip_open_from_source");
  lib_.bind(get_error, "zip_get_error");
  lib_.bind(source_buffer, "zip_source_buffer");
  lib_.bind(file_add, "zip_file_add");
  lib_.bind(set_file_compression, "zip_set_file_compression");
  lib_.bind(file_set_dostime, "zip_file_set_dostime");
  lib_.bind(file_set_external_attributes, "zip_file_set_external_attributes");
  lib_.bind(close, "zip_close");
  lib_.bind(discard, "zip_discard");
  lib_.bind(libzip_version, "zip_libzip_version");
}

const LibzipApi& libzip() {
  static const LibzipApi api;
  return api;
}

}  // namespace placard
