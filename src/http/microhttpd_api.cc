#include "http/microhttpd_api.h"

#include <cstdarg>

namespace placard {

MicrohttpdApi::MicrohttpdApi() {
  lib_.bind(start_daemon_va, "MHD_start_daemon_va");
  lib_.bind(stop_daemon, "MHD_stop_daemon");
  lib_.bind(run, "MHD_run");
  lib_.bind(get_timeout, "MHD_get_timeout");
  lib_.bind(get_daemon_info, "MHD_get_daemon_info");
  lib_.bind(quiesce_daemon, "MHD_quiesce_daemon");
  lib_.bind(get_connection_info, "MHD_get_connection_info");
  lib_.bind(get_connection_values, "MHD_get_connection_values");
  lib_.bind(get_connection_values_n, "MHD_get_connection_values_n");
  lib_.bind(lookup_connection_value, "MHD_lookup_connection_value");
  lib_.bind(suspend_connection, "MHD_suspend_connection");
  lib_.bind(resume_connection, "MHD_resume_connection");
  lib_.bind(create_post_processor, "MHD_create_post_processor");
  lib_.bind(post_process, "MHD_post_process");
  lib_.bind(destroy_post_processor, "MHD_destroy_post_processor");
  lib_.bind(create_response_from_buffer, "MHD_create_response_from_buffer");
  lib_.bind(create_response_from_buffer_with_free_callback_cls,
            "MHD_create_response_from_buffer_with_free_callback_cls");
  lib_.bind(create_response_from_callback, "MHD_create_response_from_callback");
  lib_.bind(create_response_from_fd, "MHD_create_response_from_fd");
  lib_.bind(add_response_header, "MHD_add_response_header");
  lib_.bind(queue_response, "MHD_queue_response");
  lib_.bind(destroy_response, "MHD_destroy_response");
  lib_.bind(get_version, "MHD_get_version");
}

MHD_Daemon* MicrohttpdApi::start_daemon(unsigned flags, std::uint16_t port,
                                        MHD_AcceptPolicyCallback apc, void* apc_cls,
                                        MHD_AccessHandlerCallback dh, void* dh_cls, ...) const {
  va_list options;
  va_start(options, dh_cls);
  MHD_Daemon* d = start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, options);
  va_end(options);
  return d;
}

const MicrohttpdApi& mhd() {
  static const MicrohttpdApi api;
  return api;
}

}  // namespace placard
