#include "serve/http_server.h"

#include <microhttpd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "base/diagnostics.h"

namespace placard {

using Clock = std::chrono::steady_clock;

std::string_view HttpRequest::path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view HttpRequest::query() const {
  std::string_view t = target;
  size_t q = t.find('?');
  return q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
}

HttpResponse json_error(int status, std::string_view error, std::string_view hint) {
  nlohmann::ordered_json j;
  j["error"] = error;
  j["hint"] = hint;
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.headers.emplace_back("Cache-Control", "no-store");
  r.body = std::make_shared<const std::string>(
      j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
  return r;
}

namespace {

void append_printable(std::string& out, std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (c > 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
}

}  // namespace

std::string loggable_target(std::string_view target) {
  constexpr size_t kMax = 200;
  std::string out;
  const size_t q = target.find('?');
  append_printable(out, target.substr(0, q));
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    std::string keys;
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      std::string_view key = pair.substr(0, pair.find('='));
      if (key != "sig" && !key.empty()) {
        if (!keys.empty()) keys += '&';
        append_printable(keys, key);
      }
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
    if (!keys.empty()) out += "?" + keys;
  }
  if (out.size() > kMax) out = out.substr(0, kMax - 3) + "...";
  return out;
}

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
  bool headers_seen = false;
  bool dispatched = false;  // a route (or a limit) has seen it
  bool in_handler = false;  // the route's handler is running on the server thread
  bool suspended = false;
  bool answered = false;
  std::optional<HttpResponse> pending;  // answered, not yet handed to libmicrohttpd
  AccessRecord record;                  // filled when queued
};

struct HttpServer::Impl {
  HttpOptions options;
  std::vector<Route> routes;
  MHD_Daemon* daemon = nullptr;
  std::atomic<bool> closing{false};
  std::atomic<int> in_flight{0};
  std::mutex waiting_mu;
  std::set<std::shared_ptr<HttpExchange>> waiting;  // suspended, for abandon_waiting()

  void dispatch(const std::shared_ptr<HttpExchange>& x, MHD_Connection* conn, bool has_body);
  void queue(HttpExchange& x, MHD_Connection* conn, HttpResponse r);
};

namespace {

using Slot = std::shared_ptr<HttpExchange>;

void free_body(void* cls) { delete static_cast<std::shared_ptr<const std::string>*>(cls); }

MHD_Result sum_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
  *static_cast<size_t*>(cls) += std::strlen(key) + (value ? std::strlen(value) : 0) + 4;
  return MHD_YES;
}

void* on_uri(void* cls, const char* uri, MHD_Connection*) {
  auto* x = new Slot(std::make_shared<HttpExchange>());
  (*x)->server = static_cast<HttpServer::Impl*>(cls);
  (*x)->target = uri ? uri : "";
  return x;
}

MHD_Result on_access(void* cls, MHD_Connection* conn, const char*, const char* method,
                     const char*, const char*, size_t* upload_size, void** con_cls) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  auto* slot = static_cast<Slot*>(*con_cls);
  if (!slot) {  // no request line seen by on_uri: never expected
    slot = static_cast<Slot*>(on_uri(impl, "", conn));
    *con_cls = slot;
  }
  const Slot& x = *slot;
  // libmicrohttpd calls once when the headers are in, then once per piece of
  // body, then once with none left. An answer can be queued on the first
  // call or the last. A GET or HEAD is dispatched on the last, which keeps
  // the connection alive; anything else, or a request that announces a body
  // (no route takes one), is refused on the first, and the connection closes.
  const bool body_piece = *upload_size > 0;
  *upload_size = 0;
  bool dispatch_now = false, has_body = false;
  {
    std::lock_guard lock(x->mu);
    if (!x->headers_seen) {
      x->headers_seen = true;
      x->method = method ? method : "";
      const char* length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
      const char* chunked = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
      has_body = chunked || (length && std::strcmp(length, "0") != 0);
      if (!has_body && (x->method == "GET" || x->method == "HEAD")) return MHD_YES;
      dispatch_now = true;
    } else if (!x->dispatched && !body_piece) {
      dispatch_now = true;
    }
    if (dispatch_now) {
      x->dispatched = true;
      x->conn = conn;
    }
  }
  if (dispatch_now) {
    ++impl->in_flight;
    impl->dispatch(x, conn, has_body);
    return MHD_YES;
  }
  if (body_piece) return MHD_YES;  // discarded
  // Resumed: a worker has answered.
  std::optional<HttpResponse> r;
  {
    std::lock_guard lock(x->mu);
    r = std::move(x->pending);
    x->pending.reset();
  }
  if (r) impl->queue(*x, conn, std::move(*r));
  return MHD_YES;
}

void on_completed(void* cls, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  auto* slot = static_cast<Slot*>(*con_cls);
  if (!slot) return;
  const Slot& x = *slot;
  bool log = false;
  AccessRecord record;
  {
    std::lock_guard lock(x->mu);
    x->conn = nullptr;
    x->answered = true;  // a late send() is dropped
    if (x->dispatched) {
      log = true;
      record = x->record;
      if (record.status == 0) {  // the client left before its answer
        record.method = x->method;
        record.target = loggable_target(x->target);
        record.route = x->route;
      }
    }
  }
  if (log) {
    --impl->in_flight;
    {
      std::lock_guard lock(impl->waiting_mu);
      impl->waiting.erase(x);
    }
    if (impl->options.on_done) impl->options.on_done(record);
  }
  delete slot;
  *con_cls = nullptr;
}

}  // namespace

void HttpServer::Impl::dispatch(const std::shared_ptr<HttpExchange>& x, MHD_Connection* conn,
                                bool has_body) {
  HttpRequest req;
  req.method = x->method;
  req.target = x->target;
  req.header = [conn](std::string_view name) {
    const char* v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, std::string(name).c_str());
    return std::string(v ? v : "");
  };
  // Limits first: the target's length, the headers' size, the method, no body.
  std::optional<HttpResponse> early;
  size_t header_bytes = 0;
  MHD_get_connection_values(conn, MHD_HEADER_KIND, sum_header, &header_bytes);
  if (req.target.size() > options.max_target_bytes) {
    early = json_error(414, "the request target is longer than " +
                                std::to_string(options.max_target_bytes) + " bytes",
                       "shorten the text in the URL");
  } else if (header_bytes > options.max_header_bytes) {
    early = json_error(431, "the request headers are larger than " +
                                std::to_string(options.max_header_bytes) + " bytes",
                       "send fewer or smaller headers");
  } else if (req.method != "GET" && req.method != "HEAD") {
    early = json_error(405, "method not allowed", "use GET or HEAD");
    early->headers.emplace_back("Allow", "GET, HEAD");
  } else if (has_body) {
    early = json_error(413, "a GET or HEAD request takes no body", "");
  } else if (req.target.empty() || req.target[0] != '/') {
    early = json_error(400, "the request target must be a path", "");
  }
  const Route* route = nullptr;
  if (!early) {
    const std::string_view path = req.path();
    for (const Route& r : routes) {
      if (r.exact ? path == r.prefix : path.starts_with(r.prefix)) {
        route = &r;
        break;
      }
    }
    if (!route) early = json_error(404, "not found", "");
  }
  if (early) {
    queue(*x, conn, std::move(*early));
    return;
  }
  {
    std::lock_guard lock(x->mu);
    x->route = route->name;
    x->in_handler = true;
  }
  const Reply reply(x);
  try {
    route->handler(req, reply);
  } catch (const std::exception&) {  // never shown to the client
    reply.send(json_error(500, "internal error", "try again later"));
  }
  std::optional<HttpResponse> r;
  {
    std::lock_guard lock(x->mu);
    x->in_handler = false;
    if (x->pending) {
      r = std::move(x->pending);
      x->pending.reset();
    } else {
      x->suspended = true;
      MHD_suspend_connection(conn);
    }
  }
  if (r) {
    queue(*x, conn, std::move(*r));
  } else {
    std::lock_guard lock(waiting_mu);
    waiting.insert(x);
  }
}

struct HttpStream::State {
  std::mutex mu;
  std::string queued;
  bool ended = false;
  bool gone = false;                // the client left, or libmicrohttpd is done with it
  MHD_Connection* conn = nullptr;   // set when the response is queued
  bool suspended = false;
};

HttpStream::HttpStream() : state(std::make_shared<State>()) {}
HttpStream::~HttpStream() = default;

bool HttpStream::write(std::string_view bytes) {
  std::lock_guard lock(state->mu);
  if (state->gone || state->ended) return false;
  state->queued.append(bytes);
  if (state->suspended && state->conn) {
    state->suspended = false;
    MHD_resume_connection(state->conn);
  }
  return true;
}

void HttpStream::end() {
  std::lock_guard lock(state->mu);
  state->ended = true;
  if (state->suspended && state->conn) {
    state->suspended = false;
    MHD_resume_connection(state->conn);
  }
}

namespace {

// libmicrohttpd asks for the next bytes of a stream; with none queued the
// connection is suspended until write() or end() resumes it.
ssize_t read_stream(void* cls, std::uint64_t, char* buf, size_t max) {
  auto& st = **static_cast<std::shared_ptr<HttpStream::State>*>(cls);
  std::lock_guard lock(st.mu);
  if (!st.queued.empty()) {
    const size_t n = std::min(max, st.queued.size());
    std::memcpy(buf, st.queued.data(), n);
    st.queued.erase(0, n);
    return static_cast<ssize_t>(n);
  }
  if (st.ended || !st.conn) return MHD_CONTENT_READER_END_OF_STREAM;
  st.suspended = true;
  MHD_suspend_connection(st.conn);
  return 0;
}

void free_stream(void* cls) {
  auto* keep = static_cast<std::shared_ptr<HttpStream::State>*>(cls);
  {
    std::lock_guard lock((*keep)->mu);
    (*keep)->gone = true;
    (*keep)->conn = nullptr;
  }
  delete keep;
}

}  // namespace

void HttpServer::Impl::queue(HttpExchange& x, MHD_Connection* conn, HttpResponse r) {
  MHD_Response* res = nullptr;
  std::uint64_t bytes = 0;
  if (r.stream) {
    auto* keep = new std::shared_ptr<HttpStream::State>(r.stream->state);
    {
      std::lock_guard lock((*keep)->mu);
      (*keep)->conn = conn;
    }
    res = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16 * 1024, read_stream, keep,
                                            free_stream);
    if (!res) delete keep;
  } else if (r.file >= 0) {
    res = MHD_create_response_from_fd(r.file_size, r.file);
    bytes = r.file_size;
    if (!res) ::close(r.file);
  } else if (r.body && !r.body->empty()) {
    auto* keep = new std::shared_ptr<const std::string>(r.body);
    res = MHD_create_response_from_buffer_with_free_callback_cls(
        r.body->size(), const_cast<char*>(r.body->data()), free_body, keep);
    bytes = r.body->size();
    if (!res) delete keep;
  } else {
    res = MHD_create_response_from_buffer(0, nullptr, MHD_RESPMEM_PERSISTENT);
  }
  if (!res) return;  // out of memory: libmicrohttpd closes the connection
  if (!r.content_type.empty()) MHD_add_response_header(res, "Content-Type", r.content_type.c_str());
  for (const auto& [name, value] : r.headers)
    MHD_add_response_header(res, name.c_str(), value.c_str());
  if (closing) MHD_add_response_header(res, "Connection", "close");
  {
    std::lock_guard lock(x.mu);
    x.record = {x.method, loggable_target(x.target), x.route, r.status,
                x.method == "HEAD" || r.status == 304 ? 0 : bytes,
                std::chrono::duration<double, std::milli>(Clock::now() - x.start).count(),
                r.cache};
    x.answered = true;
  }
  MHD_queue_response(conn, static_cast<unsigned>(r.status), res);
  MHD_destroy_response(res);
}

bool Reply::send(HttpResponse response) const {
  HttpExchange& x = *x_;
  std::lock_guard lock(x.mu);
  if (x.answered || !x.conn) return false;
  x.answered = true;
  x.pending = std::move(response);
  if (x.suspended) {
    x.suspended = false;
    MHD_resume_connection(x.conn);
  }
  return true;
}

bool Reply::done() const {
  std::lock_guard lock(x_->mu);
  return x_->answered || !x_->conn;
}

HttpServer::HttpServer(HttpOptions options, std::vector<Route> routes)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->routes = std::move(routes);
  const unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
                         MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC;
  impl_->daemon = MHD_start_daemon(
      flags, 0, nullptr, nullptr, on_access, impl_.get(),
      MHD_OPTION_LISTEN_SOCKET, impl_->options.listen_fd,
      MHD_OPTION_URI_LOG_CALLBACK, on_uri, impl_.get(),
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, impl_.get(),
      MHD_OPTION_CONNECTION_LIMIT, impl_->options.max_connections,
      MHD_OPTION_CONNECTION_TIMEOUT, impl_->options.timeout_seconds,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<size_t>(32 * 1024),
      MHD_OPTION_STRICT_FOR_CLIENT, 1,
      MHD_OPTION_END);
  if (!impl_->daemon) {
    ::close(impl_->options.listen_fd);
    fail_io({}, "cannot start the HTTP server");
  }
}

HttpServer::~HttpServer() {
  abandon_waiting();
  MHD_stop_daemon(impl_->daemon);
}

void HttpServer::stop_accepting() {
  if (impl_->closing.exchange(true)) return;
  MHD_socket fd = MHD_quiesce_daemon(impl_->daemon);
  if (fd != MHD_INVALID_SOCKET) ::close(fd);
}

int HttpServer::in_flight() const { return impl_->in_flight; }

void HttpServer::abandon_waiting() {
  std::set<std::shared_ptr<HttpExchange>> waiting;
  {
    std::lock_guard lock(impl_->waiting_mu);
    waiting = impl_->waiting;
  }
  for (const auto& x : waiting)
    Reply(x).send(json_error(503, "the server is shutting down", "try again"));
}

}  // namespace placard
