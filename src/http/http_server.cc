#include "http/http_server.h"

#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <strings.h>
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

const FormPart* HttpRequest::part(std::string_view name) const {
  for (const FormPart& p : parts)
    if (p.name == name) return &p;
  return nullptr;
}

HttpResponse json_error(int status, std::string_view error, std::string_view hint,
                        std::string_view field) {
  nlohmann::ordered_json j;
  j["error"] = error;
  j["hint"] = hint;
  if (!field.empty()) j["field"] = field;
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
  const Route* route_def = nullptr;  // once matched
  bool headers_seen = false;
  bool dispatched = false;  // a route (or a limit) has seen it
  bool in_handler = false;  // the route's handler is running on the server thread
  bool suspended = false;
  bool answered = false;
  std::optional<HttpResponse> pending;  // answered, not yet handed to libmicrohttpd
  AccessRecord record;                  // filled when queued

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
    if (post && post->parser) MHD_destroy_post_processor(post->parser);
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

  void dispatch(const std::shared_ptr<HttpExchange>& x, MHD_Connection* conn, bool has_body);
  HttpRequest request_of(const HttpExchange& x, MHD_Connection* conn) const;
  std::optional<HttpResponse> check(const HttpRequest& req, MHD_Connection* conn, bool has_body,
                                    const Route*& route) const;
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
                     const char*, const char* upload_data, size_t* upload_size, void** con_cls) {
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
  // the connection alive. A POST to a route that takes a form has its body
  // parsed piece by piece and is dispatched on the last. Anything else, or
  // a GET that announces a body, is refused on the first, and the
  // connection closes.
  const size_t piece = *upload_size;
  *upload_size = 0;
  bool first = false;
  {
    std::lock_guard lock(x->mu);
    if (!x->headers_seen) {
      x->headers_seen = true;
      x->method = method ? method : "";
      first = true;
    }
  }
  if (first) {
    const char* length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    const char* chunked = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
    const bool has_body = chunked || (length && std::strcmp(length, "0") != 0);
    if (x->method == "POST") return impl->begin_post(x, conn, has_body);
    if (!has_body && (x->method == "GET" || x->method == "HEAD")) return MHD_YES;
    {
      std::lock_guard lock(x->mu);
      x->dispatched = true;
      x->conn = conn;
    }
    ++impl->in_flight;
    impl->dispatch(x, conn, has_body);
    return MHD_YES;
  }
  if (x->post && x->post->stage != HttpExchange::Post::Stage::answered) {
    if (piece > 0) return impl->post_piece(x, conn, upload_data, piece);
    return impl->end_post(x, conn);  // the body has ended
  }
  if (piece > 0) return MHD_YES;  // the body of a refused request: discarded
  bool dispatch_now = false;
  {
    std::lock_guard lock(x->mu);
    if (!x->dispatched) {
      dispatch_now = true;
      x->dispatched = true;
      x->conn = conn;
    }
  }
  if (dispatch_now) {  // a GET or HEAD, complete
    ++impl->in_flight;
    impl->dispatch(x, conn, false);
    return MHD_YES;
  }
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

MHD_Result on_part(void* cls, MHD_ValueKind, const char* key, const char* filename,
                   const char* content_type, const char*, const char* data, uint64_t offset,
                   size_t size) {
  auto* form = static_cast<FormCollector*>(cls);
  const bool ok = form->add(key ? key : "", filename ? filename : "",
                            content_type ? content_type : "", offset,
                            std::string_view(data ? data : "", data ? size : 0));
  return ok ? MHD_YES : MHD_NO;
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

HttpRequest HttpServer::Impl::request_of(const HttpExchange& x, MHD_Connection* conn) const {
  HttpRequest req;
  req.method = x.method;
  req.target = x.target;
  req.header = [conn](std::string_view name) {
    const char* v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, std::string(name).c_str());
    return std::string(v ? v : "");
  };
  return req;
}

std::optional<HttpResponse> HttpServer::Impl::check(const HttpRequest& req, MHD_Connection* conn,
                                                    bool has_body, const Route*& route) const {
  // Limits first: the target's length, the headers' size, the method, the body.
  size_t header_bytes = 0;
  MHD_get_connection_values(conn, MHD_HEADER_KIND, sum_header, &header_bytes);
  if (req.target.size() > options.max_target_bytes)
    return json_error(414, "the request target is longer than " +
                               std::to_string(options.max_target_bytes) + " bytes",
                      "shorten the text in the URL");
  if (header_bytes > options.max_header_bytes)
    return json_error(431, "the request headers are larger than " +
                               std::to_string(options.max_header_bytes) + " bytes",
                      "send fewer or smaller headers");
  const bool post = req.method == "POST";
  if (req.method != "GET" && req.method != "HEAD" && !post) {
    HttpResponse r = json_error(405, "method not allowed", "use GET or HEAD");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  if (has_body && !post) return json_error(413, "a GET or HEAD request takes no body", "");
  if (req.target.empty() || req.target[0] != '/')
    return json_error(400, "the request target must be a path", "");
  route = nullptr;
  const std::string_view path = req.path();
  for (const Route& r : routes) {
    if (r.exact ? path == r.prefix : path.starts_with(r.prefix)) {
      route = &r;
      break;
    }
  }
  if (post && (!route || !route->form)) {
    HttpResponse r = json_error(405, "method not allowed", "use GET or HEAD");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  if (!route) return json_error(404, "not found", "");
  return std::nullopt;
}

void HttpServer::Impl::dispatch(const std::shared_ptr<HttpExchange>& x, MHD_Connection* conn,
                                bool has_body) {
  const HttpRequest req = request_of(*x, conn);
  const Route* route = nullptr;
  if (std::optional<HttpResponse> early = check(req, conn, has_body, route)) {
    queue(*x, conn, std::move(*early));
    return;
  }
  run(x, conn, req, *route);
}

void HttpServer::Impl::run(const std::shared_ptr<HttpExchange>& x, MHD_Connection* conn,
                           const HttpRequest& req, const Route& route) {
  {
    std::lock_guard lock(x->mu);
    x->route = route.name;
    x->route_def = &route;
    x->in_handler = true;
  }
  const Reply reply(x);
  try {
    route.handler(req, reply);
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

namespace {

// "multipart/form-data" with a boundary, in any case, with any parameters.
bool is_form_data(std::string_view type) {
  constexpr std::string_view kType = "multipart/form-data";
  if (type.size() < kType.size() || strncasecmp(type.data(), kType.data(), kType.size()) != 0)
    return false;
  type.remove_prefix(kType.size());
  if (!type.empty() && type[0] != ';' && type[0] != ' ') return false;
  std::string lower(type);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("boundary=") != std::string::npos;
}

}  // namespace

MHD_Result HttpServer::Impl::begin_post(const std::shared_ptr<HttpExchange>& x,
                                        MHD_Connection* conn, bool has_body) {
  {
    std::lock_guard lock(x->mu);
    x->dispatched = true;
    x->conn = conn;
  }
  ++in_flight;
  x->post = std::make_unique<HttpExchange::Post>();
  HttpExchange::Post& p = *x->post;
  p.request = request_of(*x, conn);
  HttpRequest& req = p.request;  // and who sent it, for the rate limit
  if (const MHD_ConnectionInfo* info =
          MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
      info && info->client_addr) {
    const sockaddr* a = info->client_addr;
    char host[NI_MAXHOST];
    const socklen_t len = a->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
    if (getnameinfo(a, len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) == 0) req.client = host;
  }
  std::optional<HttpResponse> early = check(p.request, conn, has_body, p.route);
  if (!early) {
    {
      std::lock_guard lock(x->mu);
      x->route = p.route->name;
      x->route_def = p.route;
    }
    p.limits = *p.route->form;
    const std::string type = p.request.header("Content-Type");
    const std::string length = p.request.header("Content-Length");
    if (!is_form_data(type)) {
      early = json_error(415, "the body must be multipart/form-data",
                         "send the form as a browser does (FormData)");
    } else if (!length.empty() &&
               (length.size() > 19 || length.find_first_not_of("0123456789") != std::string::npos ||
                std::stoull(length) > p.limits.max_body_bytes)) {
      early = json_error(413, "the body is larger than " +
                                  std::to_string(p.limits.max_body_bytes >> 20) + " MB",
                         "send a smaller photo");
    } else if (p.route->admit) {
      early = p.route->admit(p.request, p.limits);
    }
  }
  if (!early) {
    p.form = std::make_unique<FormCollector>(p.limits);
    p.parser = MHD_create_post_processor(conn, 16 * 1024, on_part, p.form.get());
    if (!p.parser) early = json_error(415, "the body must be multipart/form-data", "");
  }
  if (early) return refuse_post(*x, conn, std::move(*early));
  return MHD_YES;
}

MHD_Result HttpServer::Impl::refuse_post(HttpExchange& x, MHD_Connection* conn, HttpResponse r,
                                         bool mid_body) {
  HttpExchange::Post& p = *x.post;
  if (p.parser) {
    MHD_destroy_post_processor(p.parser);
    p.parser = nullptr;
  }
  p.form.reset();  // what was collected goes at once
  p.request.parts.clear();
  // The connection closes after the answer: what follows a refused body is
  // not worth reading as a next request.
  r.headers.emplace_back("Connection", "close");
  if (mid_body) {
    p.stage = HttpExchange::Post::Stage::draining;
    p.refusal = std::move(r);
    p.drain_left = p.limits.max_body_bytes;
    return MHD_YES;
  }
  p.stage = HttpExchange::Post::Stage::answered;
  return queue(x, conn, std::move(r)) ? MHD_YES : MHD_NO;
}

MHD_Result HttpServer::Impl::post_piece(const std::shared_ptr<HttpExchange>& x,
                                        MHD_Connection* conn, const char* data, size_t size) {
  HttpExchange::Post& p = *x->post;
  if (p.stage == HttpExchange::Post::Stage::draining) {
    if (size > p.drain_left) return MHD_NO;  // no end in sight: cut the connection
    p.drain_left -= size;
    return MHD_YES;
  }
  p.bytes += size;
  if (p.bytes > p.limits.max_body_bytes)
    return refuse_post(*x, conn,
                       json_error(413, "the body is larger than " +
                                           std::to_string(p.limits.max_body_bytes >> 20) + " MB",
                                  "send a smaller photo"),
                       true);
  if (MHD_post_process(p.parser, data, size) != MHD_YES) {
    if (const auto& why = p.form->refusal())
      return refuse_post(*x, conn, json_error(why->status, why->error, why->hint, why->field), true);
    return refuse_post(*x, conn, json_error(400, "the form is malformed", "send it as a browser does"),
                       true);
  }
  return MHD_YES;
}

MHD_Result HttpServer::Impl::end_post(const std::shared_ptr<HttpExchange>& x,
                                      MHD_Connection* conn) {
  HttpExchange::Post& p = *x->post;
  if (p.stage == HttpExchange::Post::Stage::draining) {
    p.stage = HttpExchange::Post::Stage::answered;
    return queue(*x, conn, std::move(*p.refusal)) ? MHD_YES : MHD_NO;
  }
  // The parser checks the closing boundary: a body cut short is refused.
  const MHD_Result complete = MHD_destroy_post_processor(p.parser);
  p.parser = nullptr;
  if (const auto& why = p.form->refusal())
    return refuse_post(*x, conn, json_error(why->status, why->error, why->hint, why->field));
  if (complete != MHD_YES)
    return refuse_post(*x, conn, json_error(400, "the form ended early", "send the whole form"));
  p.request.parts = p.form->take();
  p.form.reset();
  // The parts go to the route; nothing of them stays here once it is done.
  HttpRequest req = std::move(p.request);
  p.request = {};
  p.stage = HttpExchange::Post::Stage::answered;
  run(x, conn, req, *p.route);
  return MHD_YES;
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

bool HttpServer::Impl::queue(HttpExchange& x, MHD_Connection* conn, HttpResponse r) {
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
  if (!res) return false;  // out of memory: libmicrohttpd closes the connection
  if (!r.content_type.empty()) MHD_add_response_header(res, "Content-Type", r.content_type.c_str());
  for (const auto& [name, value] : r.headers)
    MHD_add_response_header(res, name.c_str(), value.c_str());
  if (const Route* route = x.route_def)  // routes outlive every exchange
    for (const auto& [name, value] : route->headers)
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
  const bool queued = MHD_queue_response(conn, static_cast<unsigned>(r.status), res) == MHD_YES;
  MHD_destroy_response(res);
  return queued;
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
