#include "http/http_server.h"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "base/diagnostics.h"
#include "http/connection_table.h"
#include "http/http_server_impl.h"
#include "http/microhttpd_api.h"
#include "http/request_checks.h"

namespace placard {

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
  out += printable(s);
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

namespace {

using Slot = std::shared_ptr<HttpExchange>;

void free_body(void* cls) {
  delete static_cast<std::shared_ptr<const std::string>*>(cls);
}

MHD_Result sum_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
  *static_cast<size_t*>(cls) += std::strlen(key) + (value ? std::strlen(value) : 0) + 4;
  return MHD_YES;
}

struct HeaderBlock {
  std::uintptr_t begin = 0, end = 0;
  std::vector<HeaderPlace> places;
};

MHD_Result place_header(void* cls, MHD_ValueKind, const char* key, size_t, const char* value,
                        size_t value_size) {
  auto* b = static_cast<HeaderBlock*>(cls);
  const auto name = reinterpret_cast<std::uintptr_t>(key);
  const auto value_end = reinterpret_cast<std::uintptr_t>(value) + value_size;
  HeaderPlace p;
  if (key && value && name >= b->begin && name < b->end && value_end >= name &&
      value_end <= b->end) {
    p.name_at = name - b->begin;
    p.value_end = value_end - b->begin;
  }
  b->places.push_back(p);
  return MHD_YES;
}

// Whether a header line was continued (obs-fold): see check_header_block.
// The header block starts at the request's method (libmicrohttpd's own
// pointer into its read buffer, valid until the request ends) and is as
// long as libmicrohttpd counted; the headers' names and values point into
// it, except a folded one's name.
std::optional<RequestFault> folded_header(MHD_Connection* conn, const char* method) {
  const MHD_ConnectionInfo* size =
      mhd().get_connection_info(conn, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
  if (!size || !method) return std::nullopt;
  const std::string_view block(method, size->header_size);
  HeaderBlock b;
  b.begin = reinterpret_cast<std::uintptr_t>(block.data());
  b.end = b.begin + block.size();
  mhd().get_connection_values_n(conn, MHD_HEADER_KIND, place_header, &b);
  return check_header_block(block, std::move(b.places));
}

void* on_uri(void* cls, const char* uri, MHD_Connection* conn) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  auto* x = new Slot(std::make_shared<HttpExchange>());
  (*x)->server = impl;
  (*x)->target = uri ? uri : "";
  // The query is ours to parse (url_codec): libmicrohttpd's table of
  // arguments, filled next from this buffer, is never read, and filling it
  // runs its per-connection pool out at ~480 parameters, when it drops the
  // connection with no answer. Ending the buffer after the '?' leaves it
  // none to fill.
  if (uri)
    if (char* q = std::strchr(const_cast<char*>(uri), '?')) q[1] = '\0';
  if (!conn) return x;
  if (ConnectionTable::Entry* e = HttpServer::Impl::entry_of(conn)) {
    (*x)->entry = e;
    impl->current[e] = *x;
    if (impl->table->in_reserve()) {
      // path() views the request's own target: the request must outlive it.
      const HttpRequest request{"", (*x)->target, "", {}, {}};
      const std::string_view path = request.path();
      const auto& keep = impl->options.reserved_paths;
      (*x)->reserve_only = std::find(keep.begin(), keep.end(), path) == keep.end();
    }
  }
  return x;
}

MHD_Result on_access(void* cls, MHD_Connection* conn, const char*, const char* method,
                     const char* version, const char* upload_data, size_t* upload_size,
                     void** con_cls) {
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
      x->folded = folded_header(conn, method);
      x->version = version ? version : "";
      first = true;
    }
  }
  // The request is whole (for the deadline) once a GET's header is in, or
  // once a POST has been answered or handed to its route.
  auto whole = [&x](MHD_Result r) {
    if (x->entry && (!x->post || x->post->stage == HttpExchange::Post::Stage::answered))
      x->entry->request_done = true;
    return r;
  };
  if (first) {
    const char* length = mhd().lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    const char* chunked = mhd().lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
    const bool has_body = chunked || (length && std::strcmp(length, "0") != 0);
    if (x->method == "POST") return whole(impl->begin_post(x, conn, has_body));
    whole(MHD_YES);
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
    if (piece > 0) return whole(impl->post_piece(x, conn, upload_data, piece));
    return whole(impl->end_post(x, conn));  // the body has ended
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
  const bool ok =
      form->add(key ? key : "", filename ? filename : "", content_type ? content_type : "", offset,
                std::string_view(data ? data : "", data ? size : 0));
  return ok ? MHD_YES : MHD_NO;
}

void on_completed(void* cls, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  auto* slot = static_cast<Slot*>(*con_cls);
  if (!slot) return;
  const Slot& x = *slot;
  if (ConnectionTable::Entry* e = x->entry) {  // the next request's deadline starts now
    e->since = Clock::now();
    e->request_done = false;
    impl->current.erase(e);
  }
  bool log = false, counted = false;
  AccessRecord record;
  {
    std::lock_guard lock(x->mu);
    x->conn = nullptr;
    x->answered = true;  // a late send() is dropped
    counted = x->dispatched;
    if (x->dispatched || x->record.status != 0) {  // dispatched, or cut at the deadline
      log = true;
      record = x->record;
      if (record.status == 0) {  // the client left before its answer
        record.method = printable(x->method);
        record.target = loggable_target(x->target);
        record.route = x->route;
      }
    }
  }
  if (counted) --impl->in_flight;
  if (log) {
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
    const char* v = mhd().lookup_connection_value(conn, MHD_HEADER_KIND, std::string(name).c_str());
    return std::string(v ? v : "");
  };
  return req;
}

namespace {

MHD_Result collect_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
  static_cast<std::vector<std::pair<std::string, std::string>>*>(cls)->emplace_back(
      key ? key : "", value ? value : "");
  return MHD_YES;
}

// A refusal after which nothing more is read from the connection.
HttpResponse then_close(HttpResponse r) {
  r.headers.emplace_back("Connection", "close");
  return r;
}

}  // namespace

std::optional<HttpResponse> HttpServer::Impl::check(const HttpExchange& x, const HttpRequest& req,
                                                    MHD_Connection* conn, bool has_body,
                                                    const Route*& route) {
  // Framing first: what another parser could read differently is refused,
  // and the connection closes (its next bytes are not a request we trust).
  std::vector<std::pair<std::string, std::string>> headers;
  mhd().get_connection_values(conn, MHD_HEADER_KIND, collect_header, &headers);
  std::optional<RequestFault> fault = check_request_line(req.method, req.target);
  if (!fault) fault = x.folded;
  if (!fault) fault = check_headers(headers);
  if (!fault) fault = check_host(x.version, headers);
  if (fault)
    return then_close(
        json_error(fault->status, fault->error, "send a well-formed HTTP/1.1 request"));
  // A connection kept for health checks serves nothing else.
  if (x.reserve_only) {
    table->count(Refusal::reserved_only);
    HttpResponse r =
        json_error(503, "the server has no connection to spare", "try again in a moment");
    r.headers.emplace_back("Retry-After", "1");
    return then_close(std::move(r));
  }
  // Limits: the target's length and parameters, the headers' size, the method, the body.
  size_t header_bytes = 0;
  mhd().get_connection_values(conn, MHD_HEADER_KIND, sum_header, &header_bytes);
  if (req.target.size() > options.max_target_bytes)
    return json_error(
        414,
        "the request target is longer than " + std::to_string(options.max_target_bytes) + " bytes",
        "shorten the text in the URL");
  if (query_parameter_count(req.target) > options.max_query_params)
    return json_error(
        414, "the query has more than " + std::to_string(options.max_query_params) + " parameters",
        "send fewer parameters");
  if (header_bytes > options.max_header_bytes)
    return json_error(431,
                      "the request headers are larger than " +
                          std::to_string(options.max_header_bytes) + " bytes",
                      "send fewer or smaller headers");
  const bool post = req.method == "POST";
  if (req.method != "GET" && req.method != "HEAD" && !post) {
    HttpResponse r = json_error(405, "method not allowed", "use GET or HEAD");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  if (has_body && !post)
    return json_error(413, "a GET or HEAD request takes no body", "send it without a body");
  if (req.target.empty() || req.target[0] != '/')
    return json_error(400, "the request target must be a path", "start the target with '/'");
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
  if (std::optional<HttpResponse> early = check(*x, req, conn, has_body, route)) {
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
      mhd().suspend_connection(conn);
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
          mhd().get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
      info && info->client_addr) {
    const sockaddr* a = info->client_addr;
    char host[NI_MAXHOST];
    const socklen_t len = a->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
    if (getnameinfo(a, len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) == 0) req.client = host;
  }
  std::optional<HttpResponse> early = check(*x, p.request, conn, has_body, p.route);
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
      early = json_error(
          413, "the body is larger than " + std::to_string(p.limits.max_body_bytes >> 20) + " MB",
          "send a smaller photo");
    } else if (p.route->admit) {
      early = p.route->admit(p.request, p.limits);
    }
  }
  if (!early) {
    p.form = std::make_unique<FormCollector>(p.limits);
    p.parser = mhd().create_post_processor(conn, 16 * 1024, on_part, p.form.get());
    if (!p.parser) early = json_error(415, "the body must be multipart/form-data", "");
  }
  if (early) return refuse_post(*x, conn, std::move(*early));
  return MHD_YES;
}

MHD_Result HttpServer::Impl::refuse_post(HttpExchange& x, MHD_Connection* conn, HttpResponse r,
                                         bool mid_body) {
  HttpExchange::Post& p = *x.post;
  if (p.parser) {
    mhd().destroy_post_processor(p.parser);
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
    return refuse_post(
        *x, conn,
        json_error(
            413, "the body is larger than " + std::to_string(p.limits.max_body_bytes >> 20) + " MB",
            "send a smaller photo"),
        true);
  if (mhd().post_process(p.parser, data, size) != MHD_YES) {
    if (const auto& why = p.form->refusal())
      return refuse_post(*x, conn, json_error(why->status, why->error, why->hint, why->field),
                         true);
    return refuse_post(*x, conn,
                       json_error(400, "the form is malformed", "send it as a browser does"), true);
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
  const MHD_Result complete = mhd().destroy_post_processor(p.parser);
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

namespace {

// libmicrohttpd wakes no loop of ours on a resume (it drops MHD_USE_ITC
// when it has no thread of its own): the loop is woken here.
void resume(const HttpServer::Impl* server, MHD_Connection* conn) {
  mhd().resume_connection(conn);
  if (server) server->wake();
}

}  // namespace

struct HttpStream::State {
  std::mutex mu;
  std::string queued;
  bool ended = false;
  bool gone = false;                         // the client left, or libmicrohttpd is done with it
  MHD_Connection* conn = nullptr;            // set when the response is queued
  const HttpServer::Impl* server = nullptr;  // to wake its loop
  bool suspended = false;
  bool dropped = false;  // the client stopped taking bytes: close, do not finish
};

namespace {
// Bytes a stream may hold for a client that does not take them (a tab left
// in the background takes them; a client that stopped reading does not).
// Past this the stream is dropped and its connection closed; the kernel's
// send buffer and the connection's idle timeout bound the rest.
constexpr size_t kMaxStreamQueue = 1 << 20;
}  // namespace

HttpStream::HttpStream() : state(std::make_shared<State>()) {}
HttpStream::~HttpStream() = default;

bool HttpStream::write(std::string_view bytes) {
  std::lock_guard lock(state->mu);
  if (state->gone || state->ended || state->dropped) return false;
  // A write to an empty queue is always taken, so one large event (the
  // preview's state of a big campaign) never drops a client that keeps up.
  if (!state->queued.empty() && state->queued.size() + bytes.size() > kMaxStreamQueue) {
    state->dropped = true;
    state->queued.clear();
    if (state->suspended && state->conn) {  // let libmicrohttpd see it and close
      state->suspended = false;
      resume(state->server, state->conn);
    }
    return false;
  }
  state->queued.append(bytes);
  if (state->suspended && state->conn) {
    state->suspended = false;
    resume(state->server, state->conn);
  }
  return true;
}

void HttpStream::end() {
  std::lock_guard lock(state->mu);
  state->ended = true;
  if (state->suspended && state->conn) {
    state->suspended = false;
    resume(state->server, state->conn);
  }
}

namespace {

// libmicrohttpd asks for the next bytes of a stream; with none queued the
// connection is suspended until write() or end() resumes it.
ssize_t read_stream(void* cls, std::uint64_t, char* buf, size_t max) {
  auto& st = **static_cast<std::shared_ptr<HttpStream::State>*>(cls);
  std::lock_guard lock(st.mu);
  if (st.dropped) return MHD_CONTENT_READER_END_WITH_ERROR;
  if (!st.queued.empty()) {
    const size_t n = std::min(max, st.queued.size());
    std::memcpy(buf, st.queued.data(), n);
    st.queued.erase(0, n);
    return static_cast<ssize_t>(n);
  }
  if (st.ended || !st.conn) return MHD_CONTENT_READER_END_OF_STREAM;
  st.suspended = true;
  mhd().suspend_connection(st.conn);
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
      (*keep)->server = this;
    }
    res = mhd().create_response_from_callback(MHD_SIZE_UNKNOWN, 16 * 1024, read_stream, keep,
                                              free_stream);
    if (!res) delete keep;
  } else if (r.file >= 0) {
    res = mhd().create_response_from_fd(r.file_size, r.file);
    bytes = r.file_size;
    if (!res) ::close(r.file);
  } else if (r.body && !r.body->empty()) {
    auto* keep = new std::shared_ptr<const std::string>(r.body);
    res = mhd().create_response_from_buffer_with_free_callback_cls(
        r.body->size(), const_cast<char*>(r.body->data()), free_body, keep);
    bytes = r.body->size();
    if (!res) delete keep;
  } else {
    res = mhd().create_response_from_buffer(0, nullptr, MHD_RESPMEM_PERSISTENT);
  }
  if (!res) return false;  // out of memory: libmicrohttpd closes the connection
  if (!r.content_type.empty())
    mhd().add_response_header(res, "Content-Type", r.content_type.c_str());
  // No answer is sniffed into another type: JSON errors, images, files.
  if (std::none_of(r.headers.begin(), r.headers.end(), [](const auto& h) {
        return strcasecmp(h.first.c_str(), "X-Content-Type-Options") == 0;
      }))
    mhd().add_response_header(res, "X-Content-Type-Options", "nosniff");
  for (const auto& [name, value] : r.headers)
    mhd().add_response_header(res, name.c_str(), value.c_str());
  if (const Route* route = x.route_def)  // routes outlive every exchange
    for (const auto& [name, value] : route->headers)
      mhd().add_response_header(res, name.c_str(), value.c_str());
  if (closing) mhd().add_response_header(res, "Connection", "close");
  {
    std::lock_guard lock(x.mu);
    x.record = {printable(x.method),
                loggable_target(x.target),
                x.route,
                r.status,
                x.method == "HEAD" || r.status == 304 ? 0 : bytes,
                std::chrono::duration<double, std::milli>(Clock::now() - x.start).count(),
                r.cache};
    x.answered = true;
  }
  const bool queued = mhd().queue_response(conn, static_cast<unsigned>(r.status), res) == MHD_YES;
  mhd().destroy_response(res);
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
    resume(x.server, x.conn);
  }
  return true;
}

bool Reply::done() const {
  std::lock_guard lock(x_->mu);
  return x_->answered || !x_->conn;
}

HttpServer::HttpServer(HttpOptions options, std::vector<Route> routes)
    : impl_(std::make_unique<Impl>()) {
  // libmicrohttpd is loaded here, by the first server of the process.
  try {
    mhd();
  } catch (const DiagnosticError&) {
    ::close(options.listen_fd);
    throw;
  }
  impl_->options = std::move(options);
  impl_->routes = std::move(routes);
  const HttpOptions& o = impl_->options;
  ConnectionLimits limits;
  limits.max_connections = o.max_connections;
  limits.reserved = o.reserved_connections;
  limits.per_address = o.max_connections_per_ip;
  limits.request_deadline = std::chrono::seconds(o.request_timeout_seconds);
  impl_->table = std::make_unique<ConnectionTable>(limits);
  impl_->wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  // No MHD_USE_INTERNAL_POLLING_THREAD: our loop() drives it (see the header).
  // Not strict for the client: strict mode's one check we lack, a missing
  // Host, is then ours (check_host), answered with our headers instead of
  // the library's bare page; every other framing rule is ours already
  // (request_checks.h), and tests/unit/http cover each over a socket.
  const unsigned flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC;
  impl_->daemon = mhd().start_daemon(
      flags, 0, on_accept, impl_.get(), on_access, impl_.get(), MHD_OPTION_LISTEN_SOCKET,
      o.listen_fd, MHD_OPTION_URI_LOG_CALLBACK, on_uri, impl_.get(), MHD_OPTION_NOTIFY_COMPLETED,
      on_completed, impl_.get(), MHD_OPTION_NOTIFY_CONNECTION, on_connection, impl_.get(),
      // The table refuses first (and counts it); this is a backstop.
      MHD_OPTION_CONNECTION_LIMIT, o.max_connections + o.reserved_connections + 1,
      MHD_OPTION_CONNECTION_TIMEOUT, o.timeout_seconds, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      static_cast<size_t>(32 * 1024), MHD_OPTION_STRICT_FOR_CLIENT, 0, MHD_OPTION_END);
  if (!impl_->daemon || impl_->wake_fd < 0) {
    if (impl_->daemon) mhd().stop_daemon(impl_->daemon);
    if (impl_->wake_fd >= 0) ::close(impl_->wake_fd);
    ::close(o.listen_fd);
    fail_io({}, "cannot start the HTTP server");
  }
  impl_->loop_thread = std::thread([impl = impl_.get()] { impl->loop(); });
}

HttpServer::~HttpServer() {
  abandon_waiting();
  impl_->stop_loop = true;
  impl_->wake();
  impl_->loop_thread.join();
  mhd().stop_daemon(impl_->daemon);
  ::close(impl_->wake_fd);
}

void HttpServer::stop_accepting() {
  if (impl_->closing.exchange(true)) return;
  impl_->quiesce_wanted = true;
  impl_->wake();
  std::unique_lock lock(impl_->quiesce_mu);
  impl_->quiesced_cv.wait_for(lock, std::chrono::seconds(2), [this] { return impl_->quiesced; });
}

int HttpServer::in_flight() const {
  return impl_->in_flight;
}

void HttpServer::abandon_waiting() {
  std::set<std::shared_ptr<HttpExchange>> waiting;
  {
    std::lock_guard lock(impl_->waiting_mu);
    waiting = impl_->waiting;
  }
  for (const auto& x : waiting)
    Reply(x).send(json_error(503, "the server is shutting down", "try again"));
}

std::vector<std::pair<std::string, std::uint64_t>> HttpServer::refusals() const {
  std::vector<std::pair<std::string, std::uint64_t>> out;
  for (Refusal r : {Refusal::per_address, Refusal::connections, Refusal::reserved_only,
                    Refusal::request_deadline})
    out.emplace_back(refusal_name(r), impl_->table->refused(r));
  return out;
}

}  // namespace placard
