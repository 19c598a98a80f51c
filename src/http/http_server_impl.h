// The inside of http_server.cc, shared with event_loop.cc: one request's
// exchange, and the server's state around libmicrohttpd. Not for routes.
#pragma once

#include <unistd.h>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "http/connection_table.h"
#include "http/http_server.h"
#include "http/microhttpd_api.h"
#include "http/request_checks.h"

namespace placard {

using Clock = std::chrono::steady_clock;

// One request, from its request line to the end of its answer. Shared by
// libmicrohttpd's per-request slot and every Reply handed to a route.
class HttpExchange {
 public:
  HttpServer::Impl* server = nullptr;
  std::string target;
  Clock::time_point start = Clock::now();

  std::mutex mu;                   // guards what follows
  MHD_Connection* conn = nullptr;  // null once libmicrohttpd is done with it
  std::string method;
  std::string route;
  const Route* route_def = nullptr;  // once matched
  bool headers_seen = false;
  std::optional<RequestFault> folded;  // obs-fold, found when the header came in
  std::string version;                 // "HTTP/1.1" or "HTTP/1.0", as libmicrohttpd read it
  bool dispatched = false;             // a route (or a limit) has seen it
  bool in_handler = false;             // the route's handler is running on the server thread
  bool suspended = false;
  bool answered = false;
  bool reserve_only = false;                // came in on a reserved connection, for another path
  ConnectionTable::Entry* entry = nullptr;  // its connection (event-loop thread only)
  std::optional<HttpResponse> pending;      // answered, not yet handed to libmicrohttpd
  AccessRecord record;                      // filled when queued

  // A POST's body while it streams in: touched by the server thread only.
  struct Post {
    const Route* route = nullptr;
    HttpRequest request;
    FormLimits limits;
    std::unique_ptr<FormCollector> form;
    MHD_PostProcessor* parser = nullptr;
    std::uint64_t bytes = 0;
    // reading: parsed as it comes; draining: refused while the body streams
    // in, which libmicrohttpd (0.9.75) can only answer once it has ended,
    // so the rest is read and dropped, up to another max_body_bytes;
    // answered: an answer is queued or the route has the request.
    enum class Stage { reading, draining, answered } stage = Stage::reading;
    std::optional<HttpResponse> refusal;  // while draining
    std::uint64_t drain_left = 0;
  };
  std::unique_ptr<Post> post;
  ~HttpExchange() {
    if (post && post->parser) mhd().destroy_post_processor(post->parser);
  }
};

struct HttpServer::Impl {
  HttpOptions options;
  std::vector<Route> routes;
  MHD_Daemon* daemon = nullptr;
  std::atomic<bool> closing{false};
  std::atomic<int> in_flight{0};
  std::mutex waiting_mu;
  std::set<std::shared_ptr<HttpExchange>> waiting;  // suspended, for abandon_waiting()

  // The event loop: one thread of ours drives libmicrohttpd (MHD_run).
  std::unique_ptr<ConnectionTable> table;
  std::map<ConnectionTable::Entry*, std::weak_ptr<HttpExchange>> current;  // request on each
  std::thread loop_thread;
  int wake_fd = -1;
  std::atomic<bool> stop_loop{false}, quiesce_wanted{false};
  std::mutex quiesce_mu;
  std::condition_variable quiesced_cv;
  bool quiesced = false;
  void loop();
  void wake() const {
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_fd, &one, sizeof one);
  }
  void cut_overdue();
  static ConnectionTable::Entry* entry_of(MHD_Connection* conn) {
    const MHD_ConnectionInfo* info =
        mhd().get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? static_cast<ConnectionTable::Entry*>(info->socket_context) : nullptr;
  }

  void dispatch(const std::shared_ptr<HttpExchange>& x, MHD_Connection* conn, bool has_body);
  HttpRequest request_of(const HttpExchange& x, MHD_Connection* conn) const;
  std::optional<HttpResponse> check(const HttpExchange& x, const HttpRequest& req,
                                    MHD_Connection* conn, bool has_body, const Route*& route);
  void run(const std::shared_ptr<HttpExchange>& x, MHD_Connection* conn, const HttpRequest& req,
           const Route& route);
  MHD_Result begin_post(const std::shared_ptr<HttpExchange>& x, MHD_Connection* conn,
                        bool has_body);
  MHD_Result post_piece(const std::shared_ptr<HttpExchange>& x, MHD_Connection* conn,
                        const char* data, size_t size);
  MHD_Result end_post(const std::shared_ptr<HttpExchange>& x, MHD_Connection* conn);
  MHD_Result refuse_post(HttpExchange& x, MHD_Connection* conn, HttpResponse r,
                         bool mid_body = false);
  bool queue(HttpExchange& x, MHD_Connection* conn, HttpResponse r);
};

// libmicrohttpd's callbacks for a new connection (event_loop.cc).
MHD_Result on_accept(void* cls, const sockaddr* addr, socklen_t len);
void on_connection(void* cls, MHD_Connection* conn, void** socket_context,
                   MHD_ConnectionNotificationCode code);

}  // namespace placard
