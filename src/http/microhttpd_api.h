// libmicrohttpd, loaded when the first HTTP server starts (placard serve and
// placard preview), not linked: its TLS stack (GnuTLS, p11-kit, nettle, GMP)
// costs every other command ~2 MB of mapped pages and its constructors' time
// (issue 25). Each function is bound by the header's own prototype, so the
// header still checks every call's types and constants at compile time.
#pragma once

#include <microhttpd.h>

#include <cstdint>

#include "base/runtime_libraries.h"
#include "base/shared_library.h"

// libmicrohttpd.so.12 is the ABI of the 0.9 series and of 1.0; a header of
// another ABI would describe functions the loaded library does not have.
static_assert(MHD_VERSION >= 0x00090000 && MHD_VERSION < 0x02000000,
              "microhttpd.h is not of the libmicrohttpd.so.12 ABI (0.9.x or 1.0.x)");

namespace placard {

class MicrohttpdApi {
 public:
  // Loads the library and binds every function below; throws
  // DiagnosticError (io) naming the Debian package when it cannot.
  MicrohttpdApi();

  // MHD_start_daemon, which is variadic: the options pass to start_daemon_va.
  MHD_Daemon* start_daemon(unsigned flags, std::uint16_t port, MHD_AcceptPolicyCallback apc,
                           void* apc_cls, MHD_AccessHandlerCallback dh, void* dh_cls, ...) const;

 private:
  SharedLibrary lib_{kLibMicrohttpd};  // first: bound from in the constructor

 public:
  decltype(&MHD_start_daemon_va) start_daemon_va;
  decltype(&MHD_stop_daemon) stop_daemon;
  decltype(&MHD_run) run;
  decltype(&MHD_get_timeout) get_timeout;
  decltype(&MHD_get_daemon_info) get_daemon_info;
  decltype(&MHD_quiesce_daemon) quiesce_daemon;
  decltype(&MHD_get_connection_info) get_connection_info;
  decltype(&MHD_get_connection_values) get_connection_values;
  decltype(&MHD_get_connection_values_n) get_connection_values_n;
  decltype(&MHD_lookup_connection_value) lookup_connection_value;
  decltype(&MHD_suspend_connection) suspend_connection;
  decltype(&MHD_resume_connection) resume_connection;
  decltype(&MHD_create_post_processor) create_post_processor;
  decltype(&MHD_post_process) post_process;
  decltype(&MHD_destroy_post_processor) destroy_post_processor;
  decltype(&MHD_create_response_from_buffer) create_response_from_buffer;
  decltype(&MHD_create_response_from_buffer_with_free_callback_cls)
      create_response_from_buffer_with_free_callback_cls;
  decltype(&MHD_create_response_from_callback) create_response_from_callback;
  decltype(&MHD_create_response_from_fd) create_response_from_fd;
  decltype(&MHD_add_response_header) add_response_header;
  decltype(&MHD_queue_response) queue_response;
  decltype(&MHD_destroy_response) destroy_response;
  decltype(&MHD_get_version) get_version;
};

// The one table, loaded on the first call (from any thread: a function-local
// static). A call that fails to load throws, and the next call tries again.
const MicrohttpdApi& mhd();

}  // namespace placard
