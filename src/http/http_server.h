// HTTP/1.1 over libmicrohttpd, behind a small C++ surface: a route table,
// request and response values, and a Reply that may be answered later from
// any thread (the render workers), which suspends the connection meanwhile.
//
// libmicrohttpd parses the protocol, enforces its own memory ceiling per
// connection (414/431 beyond it), times out idle clients and handles HEAD.
// It runs on one thread of ours that waits on its epoll set and calls
// MHD_run(): libmicrohttpd's own thread (0.9.75) asks epoll_wait for at most
// 128 events and, when it gets that many, asks again with the full idle
// timeout before serving any of them, so a crowd of 128 or more keep-alive
// clients sat unanswered for seconds. MHD_run() never waits.
// This layer adds the limits the routes should not have to think about:
// strict framing (400, request_checks.h), the request target's length and
// parameters (414), the headers' total size (431), methods (405), a deadline
// on the whole request (408), connections per address and room for health
// checks (connection_table.h), and one access-log line per request with
// every field printable and no query values in it.
// A route may take POST with a multipart/form-data body (Route::form): the
// body is parsed by libmicrohttpd's post processor as it streams in, held to
// the route's limits (413 by Content-Length before a byte is read, or as
// soon as the count passes; 415 for any other type) and handed to the route
// in memory, never in a file.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/multipart.h"

namespace placard {

struct HttpRequest {
  std::string method;  // "GET", "HEAD", or "POST" for a route with `form`
  std::string target;  // as sent: path and query, still percent-encoded
  std::string client;  // a POST's peer, numeric ("127.0.0.1", "::1"); "" for GET
  // A POST's form, complete and within the limits. The route may move the
  // parts out: they are its to keep for as long as it answers.
  mutable std::vector<FormPart> parts;
  const FormPart* part(std::string_view name) const;  // or null
  std::string_view path() const;                      // target up to '?'
  std::string_view query() const;                     // after '?', or ""
  // Header by name (case-insensitive), or "" when absent.
  std::function<std::string(std::string_view)> header;
};

// A body written over time, for Server-Sent Events (placard preview). The
// connection is suspended while nothing is waiting to be sent, so an idle
// stream costs the server's thread nothing. Thread-safe.
class HttpStream {
 public:
  HttpStream();
  ~HttpStream();
  // Queues bytes for the client; false once the client has gone, end() was
  // called, or the client has left 1 MB untaken (the stream is then dropped
  // and its connection closed).
  bool write(std::string_view bytes);
  // Ends the body once what is queued has been sent.
  void end();

  struct State;  // shared with libmicrohttpd's reader (http_server.cc)
  std::shared_ptr<State> state;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<const std::string> body;  // shared: cached images are not copied
  int file = -1;                            // or an open file to send (the server closes it)
  std::uint64_t file_size = 0;
  std::shared_ptr<HttpStream> stream;  // or a body written over time (no length)
  std::string cache;                   // "hit", "miss" or "" for the access log
};

// A JSON error body {"error": …, "hint": …} with no-store caching, and
// "field" when one part of a form is at fault.
HttpResponse json_error(int status, std::string_view error, std::string_view hint = {},
                        std::string_view field = {});

class HttpExchange;

// The one answer to one request. Copyable; the first send() wins and later
// ones are ignored (a deadline and a late render may race). Thread-safe.
class Reply {
 public:
  explicit Reply(std::shared_ptr<HttpExchange> exchange) : x_(std::move(exchange)) {}
  // True when this call answered the request.
  bool send(HttpResponse response) const;
  // True once any send() happened or the client went away.
  bool done() const;

 private:
  std::shared_ptr<HttpExchange> x_;
};

using RouteHandler = std::function<void(const HttpRequest&, const Reply&)>;

struct Route {
  Route(std::string name, std::string prefix, bool exact, RouteHandler handler)
      : name(std::move(name)),
        prefix(std::move(prefix)),
        exact(exact),
        handler(std::move(handler)) {}
  std::string name;    // for metrics and the log: "card", "render", "static", …
  std::string prefix;  // the path starts with this …
  bool exact = false;  // … or equals it
  RouteHandler handler;
  // Set: the route also takes POST with a multipart/form-data body within
  // these limits. The handler sees the request once the body is complete.
  std::optional<FormLimits> form;
  // For a POST, called once its headers are in, before any of the body is
  // read: an answer refuses it there (unknown card, rate limit); it may also
  // narrow the limits (the part names this card takes).
  std::function<std::optional<HttpResponse>(const HttpRequest&, FormLimits&)> admit;
  // Added to every answer of this route, the HTTP layer's refusals of its
  // POSTs included (Access-Control-Allow-Origin, so a page on another
  // origin can read a 413 too).
  std::vector<std::pair<std::string, std::string>> headers;
};

// One finished request, for the access log and the metrics.
struct AccessRecord {
  std::string method;
  std::string target;  // the path, printable ASCII, with query keys but no values and no sig
  std::string route;   // Route::name, or "" when none matched
  int status = 0;
  std::uint64_t bytes = 0;  // body bytes (0 for HEAD and 304)
  double ms = 0;            // from the request line to the answer queued
  std::string cache;
};

struct HttpOptions {
  int listen_fd = -1;  // a bound, listening socket (the server owns it)
  unsigned max_connections = 1024;
  unsigned timeout_seconds = 10;  // idle client
  // A request's header, and a POST's body, must be whole within this long
  // of the connection opening or its last answer, however it trickles:
  // else 408 and the connection closes.
  unsigned request_timeout_seconds = 10;
  unsigned max_connections_per_ip = 128;  // more from one address are refused
  // Connections beyond max_connections kept for these paths (health checks
  // and metrics go on answering when the pool is full of others).
  unsigned reserved_connections = 8;
  std::vector<std::string> reserved_paths = {"/healthz", "/metrics"};
  size_t max_target_bytes = 8192;   // longer request targets get 414
  size_t max_header_bytes = 16384;  // more header bytes in all get 431
  size_t max_query_params = 256;    // more get 414
  std::function<void(const AccessRecord&)> on_done;
};

class HttpServer {
 public:
  // Starts serving `routes` (first match wins) on its own thread.
  // Throws DiagnosticError (io) when libmicrohttpd cannot be loaded or cannot start.
  HttpServer(HttpOptions options, std::vector<Route> routes);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Stops accepting connections; requests already read go on. From then on
  // every answer carries "Connection: close".
  void stop_accepting();
  // Requests read but not yet answered.
  int in_flight() const;
  // Answers every request still waiting with 503 (the grace period is over).
  void abandon_waiting();
  // Connections and requests refused at the edge, by reason ("per_address",
  // "connections", "reserved_only", "request_deadline"), for /metrics.
  std::vector<std::pair<std::string, std::uint64_t>> refusals() const;

  struct Impl;  // libmicrohttpd's side, in the .cc

 private:
  std::unique_ptr<Impl> impl_;
};

// The target as it may be logged: printable ASCII only (anything else
// percent-encoded), the query reduced to its keys, `sig` dropped, and at most
// 200 bytes.
std::string loggable_target(std::string_view target);

}  // namespace placard
