// The thread that drives libmicrohttpd (see http_server.h for why), and the
// edge it keeps: connections admitted by address, and requests cut at their
// deadline.
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "http/http_server_impl.h"
#include "http/request_checks.h"

namespace placard {

namespace {

std::string numeric_host(const sockaddr* a) {
  if (!a) return "";
  char host[NI_MAXHOST];
  const socklen_t len = a->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
  return getnameinfo(a, len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) == 0 ? host : "";
}

}  // namespace

MHD_Result on_accept(void* cls, const sockaddr* addr, socklen_t) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  return impl->table->admit(numeric_host(addr)) ? MHD_YES : MHD_NO;
}

void on_connection(void* cls, MHD_Connection* conn, void** socket_context,
                   MHD_ConnectionNotificationCode code) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const MHD_ConnectionInfo* a =
        mhd().get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const MHD_ConnectionInfo* fd =
        mhd().get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    *socket_context = impl->table->open(numeric_host(a ? a->client_addr : nullptr),
                                        fd ? fd->connect_fd : -1, Clock::now());
  } else if (*socket_context) {
    auto* e = static_cast<ConnectionTable::Entry*>(*socket_context);
    impl->current.erase(e);
    impl->table->close(e);
    *socket_context = nullptr;
  }
}

// A request not whole by its deadline is answered 408 on the socket itself
// (libmicrohttpd has no way to answer a request whose header is not in) and
// the socket is shut, which libmicrohttpd then sees and closes. This runs on
// the loop thread between two MHD_run() calls, so nothing else writes to it.
void HttpServer::Impl::cut_overdue() {
  static const std::string kBody =
      "{\"error\":\"the request did not arrive in time\",\"hint\":\"send the whole request at "
      "once\"}\n";
  static const std::string kAnswer =
      "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json\r\n"
      "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nContent-Length: " +
      std::to_string(kBody.size()) + "\r\n\r\n" + kBody;
  for (ConnectionTable::Entry* e : table->overdue(Clock::now())) {
    if (e->fd < 0) continue;
    AccessRecord record{"-", "-", "", 408, 0, 0, ""};
    bool logged_later = false;
    if (auto it = current.find(e); it != current.end())
      if (std::shared_ptr<HttpExchange> x = it->second.lock()) {
        std::lock_guard lock(x->mu);
        x->answered = true;
        record = {printable(x->method),
                  loggable_target(x->target),
                  x->route,
                  408,
                  0,
                  std::chrono::duration<double, std::milli>(Clock::now() - x->start).count(),
                  ""};
        x->record = record;
        logged_later = true;  // when libmicrohttpd ends the request
      }
    [[maybe_unused]] ssize_t n =
        ::send(e->fd, kAnswer.data(), kAnswer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(e->fd, SHUT_RDWR);
    if (!logged_later && options.on_done) options.on_done(record);
  }
}

void HttpServer::Impl::loop() {
  const MHD_DaemonInfo* info = mhd().get_daemon_info(daemon, MHD_DAEMON_INFO_EPOLL_FD);
  const int epoll_fd = info ? info->epoll_fd : -1;
  auto next_sweep = Clock::now();
  while (!stop_loop) {
    // Wait for libmicrohttpd's epoll set, a wake-up, or its next timeout;
    // at least every 200 ms for the request deadlines.
    int timeout_ms = 200;
    MHD_UNSIGNED_LONG_LONG t = 0;
    if (mhd().get_timeout(daemon, &t) == MHD_YES)
      timeout_ms = static_cast<int>(std::min<MHD_UNSIGNED_LONG_LONG>(t, 200));
    pollfd fds[2] = {{epoll_fd, POLLIN, 0}, {wake_fd, POLLIN, 0}};
    ::poll(fds, 2, timeout_ms);
    if (fds[1].revents & POLLIN) {
      std::uint64_t n;
      [[maybe_unused]] ssize_t r = ::read(wake_fd, &n, sizeof n);
    }
    if (stop_loop) break;
    if (quiesce_wanted) {
      std::lock_guard lock(quiesce_mu);
      if (!quiesced) {
        MHD_socket fd = mhd().quiesce_daemon(daemon);
        if (fd != MHD_INVALID_SOCKET) ::close(fd);
        quiesced = true;
        quiesced_cv.notify_all();
      }
    }
    mhd().run(daemon);  // every ready connection, without waiting
    if (Clock::now() >= next_sweep) {
      cut_overdue();
      next_sweep = Clock::now() + std::chrono::milliseconds(200);
    }
  }
}

}  // namespace placard
