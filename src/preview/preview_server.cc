#include "preview/preview_server.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include "base/file_io.h"
#include "base/resources.h"
#include "batch/watch.h"
#include "http/http_server.h"
#include "http/listen.h"
#include "http/url_codec.h"
#include "image/encode.h"

namespace placard {

namespace {

using Clock = std::chrono::steady_clock;

// Live-update streams at once: a few tabs of the page, well below the
// server's 64 connections, so that streams can never lock the page out.
constexpr size_t kMaxStreams = 16;

// A stream is ended after this long (the page's EventSource reconnects at
// once); one whose page has gone is found by the keep-alive before that.
constexpr auto kStreamMaxAge = std::chrono::minutes(5);

// 128 random bits as hex: the page's token for the requests that change
// the preview, which another page (another port of 127.0.0.1 included)
// cannot read.
std::string session_token() {
  std::random_device random;  // getrandom(2)
  std::string hex;
  for (int i = 0; i < 4; ++i) {
    char part[9];
    std::snprintf(part, sizeof part, "%08x", static_cast<unsigned>(random()));
    hex += part;
  }
  return hex;
}

// The page's files, read once from Placard's data folder.
struct PageFile {
  const char* path;  // as requested
  const char* file;  // in preview/
  const char* type;
};
constexpr PageFile kPage[] = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/preview.js", "preview.js", "text/javascript; charset=utf-8"},
    {"/preview.css", "preview.css", "text/css; charset=utf-8"},
};

HttpResponse body(int status, std::string type, std::string bytes) {
  HttpResponse r;
  r.status = status;
  r.content_type = std::move(type);
  r.body = std::make_shared<const std::string>(std::move(bytes));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// "/img/ID/SIZE.EXT" → (ID, SIZE, EXT); false when it is not that shape.
bool split_card_path(std::string_view path, std::string_view prefix, std::string& id,
                     std::string& size, std::string& ext) {
  auto seg = two_segments(path, prefix);
  if (!seg) return false;
  const size_t dot = seg->second.rfind('.');
  if (dot == std::string::npos || dot == 0) return false;
  id = seg->first;
  size = seg->second.substr(0, dot);
  ext = seg->second.substr(dot + 1);
  return true;
}

class Preview {
 public:
  Preview(const PreviewServeOptions& o, std::FILE* log) : o_(o), engine_(o.preview), log_(log) {}

  void run(const std::atomic<bool>& stop, std::FILE* out) {
    for (const PageFile& f : kPage) page_[f.path] = read_file(data_dir() + "/preview/" + f.file);
    // The session's token, in the page only (preview.js sends it back).
    std::string& index = page_.at("/");
    const std::string charset = "<meta charset=\"utf-8\">";
    const size_t at = index.find(charset);
    if (at != std::string::npos)
      index.insert(at + charset.size(),
                   "\n<meta name=\"placard-token\" content=\"" + token_ + "\">");
    const auto t0 = Clock::now();
    engine_.refresh();
    note_refresh(t0);

    Listener listener = listen_on(o_.listen);
    host_ = listener.url.substr(std::string("http://").size());
    HttpOptions h;
    h.listen_fd = listener.fd;
    h.max_connections = 64;
    h.timeout_seconds = 30;
    HttpServer http(h, routes());
    std::fprintf(out, "preview on %s\n", listener.url.c_str());
    std::fflush(out);

    std::thread picker([&] { pick_loop(stop); });
    FileWatcher watcher;
    struct Changes : ChangeSource {
      FileWatcher& w;
      explicit Changes(FileWatcher& w) : w(w) {}
      void set_files(const std::vector<std::string>& files) override { w.set_files(files); }
      bool wait(int ms) override { return w.wait(ms); }
    } changes(watcher);
    auto last_beat = Clock::now();
    std::thread beat([&] {
      // A comment now and then finds the streams whose page has gone.
      while (!stop) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        if (Clock::now() - last_beat > std::chrono::seconds(15)) {
          last_beat = Clock::now();
          send_all(": keep-alive\n\n");
        }
        end_old_streams();
      }
    });
    run_preview_loop(
        engine_, changes,
        [&](const std::vector<std::string>& rendered) {
          broadcast();
          auto s = engine_.state();
          std::fprintf(log_, "placard: preview: %zu image(s) rendered, %zu error(s)\n",
                       rendered.size(), s->errors.size());
        },
        stop, o_.settle_ms);
    {
      std::lock_guard lock(mu_);
      cv_.notify_all();
    }
    picker.join();
    beat.join();
    std::vector<Stream> streams;
    {
      std::lock_guard lock(mu_);
      streams.swap(streams_);
    }
    for (auto& s : streams) s.stream->end();
    http.stop_accepting();
    const auto until = Clock::now() + std::chrono::seconds(1);
    while (http.in_flight() > 0 && Clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

 private:
  void note_refresh(Clock::time_point t0) {
    auto s = engine_.state();
    size_t outputs = 0, failed = 0;
    for (const PreviewCard& c : s->cards)
      for (const PreviewOutput& o : c.outputs) {
        ++outputs;
        failed += o.error ? 1 : 0;
      }
    std::fprintf(log_, "placard: preview: %zu cards, %zu images (%zu failed) in %.0f ms\n",
                 s->cards.size(), outputs, failed,
                 std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    for (const Diagnostic& d : s->errors) std::fputs(format_diagnostic(d).c_str(), log_);
  }

  // Picks run off the server's thread: a render never holds a request up.
  void pick_loop(const std::atomic<bool>& stop) {
    std::unique_lock lock(mu_);
    while (!stop) {
      cv_.wait_for(lock, std::chrono::milliseconds(200));
      while (!picks_.empty()) {
        auto [layout, brand] = picks_.front();
        picks_.pop_front();
        lock.unlock();
        try {
          engine_.choose(layout, brand);
        } catch (const DiagnosticError& e) {
          std::fputs(format_diagnostic(e.diagnostic()).c_str(), log_);
        }
        broadcast();
        lock.lock();
      }
    }
  }

  std::string event() const {
    return "event: state\ndata: " + preview_state_json(*engine_.state()) + "\n\n";
  }

  void broadcast() { send_all(event()); }

  void send_all(const std::string& bytes) {
    std::lock_guard lock(mu_);
    std::erase_if(streams_, [&](const Stream& s) { return !s.stream->write(bytes); });
  }

  void end_old_streams() {
    std::lock_guard lock(mu_);
    const auto now = Clock::now();
    std::erase_if(streams_, [&](const Stream& s) {
      if (now - s.opened < kStreamMaxAge) return false;
      s.stream->end();
      return true;
    });
  }

  // Why a request that changes the preview is refused, or "": it must come
  // from the page itself. Browsers say where a request comes from
  // (Sec-Fetch-Site, Origin) when they send them; the token, which only the
  // page holds, is asked of every client.
  std::string cross_origin(const HttpRequest& req) const {
    const std::string site = req.header("Sec-Fetch-Site");
    if (!site.empty() && site != "same-origin") return "the request comes from another page";
    const std::string origin = req.header("Origin");
    if (!origin.empty() && origin != "http://" + host_ && origin != "http://localhost" + port() &&
        origin != "http://[::1]" + port())
      return "the request comes from another page";
    const FormPart* token = req.part("token");
    if (!token || token->data != token_) return "the request lacks the page's token";
    return "";
  }

  std::string port() const { return host_.substr(host_.rfind(':')); }

  // Only this server's own address, or localhost at its port: a page on
  // another site cannot reach it through a host name that resolves here.
  bool host_ok(const HttpRequest& req) const {
    const std::string host = req.header("Host");
    const std::string port = host_.substr(host_.rfind(':'));
    return host == host_ || host == "localhost" + port || host == "127.0.0.1" + port ||
           host == "[::1]" + port;
  }

  std::vector<Route> routes() {
    std::vector<Route> r;
    for (const PageFile& f : kPage) {
      r.push_back({"page", f.path, true, [this, f](const HttpRequest& req, const Reply& reply) {
                     if (!host_ok(req))
                       return void(reply.send(json_error(421, "unknown host", "")));
                     HttpResponse res = body(200, f.type, page_.at(f.path));
                     res.headers.emplace_back(
                         "Content-Security-Policy",
                         "default-src 'self'; img-src 'self'; "
                         "connect-src 'self'; style-src 'self'; "
                         "script-src 'self'; base-uri 'none'; form-action 'none'");
                     res.headers.emplace_back("X-Content-Type-Options", "nosniff");
                     reply.send(std::move(res));
                   }});
    }
    // Browsers ask for an icon on their own; "no content" rather than a 404
    // that each of them logs as an error in the console.
    r.push_back({"icon", "/favicon.ico", true, [](const HttpRequest&, const Reply& reply) {
                   HttpResponse res;
                   res.status = 204;
                   res.headers.emplace_back("Cache-Control", "max-age=86400");
                   reply.send(std::move(res));
                 }});
    r.push_back({"events", "/events", true, [this](const HttpRequest& req, const Reply& reply) {
                   if (!host_ok(req)) return void(reply.send(json_error(421, "unknown host", "")));
                   auto stream = std::make_shared<HttpStream>();
                   stream->write("retry: 500\n\n" + event());
                   {
                     std::lock_guard lock(mu_);
                     if (streams_.size() >= kMaxStreams) {
                       HttpResponse busy = json_error(503, "too many live pages",
                                                      "close other tabs of the preview");
                       busy.headers.emplace_back("Retry-After", "5");
                       return void(reply.send(std::move(busy)));
                     }
                     streams_.push_back({stream, Clock::now()});
                   }
                   HttpResponse res;
                   res.content_type = "text/event-stream";
                   res.headers.emplace_back("Cache-Control", "no-store");
                   res.stream = stream;
                   reply.send(std::move(res));
                 }});
    r.push_back({"state", "/api/state", true, [this](const HttpRequest& req, const Reply& reply) {
                   if (!host_ok(req)) return void(reply.send(json_error(421, "unknown host", "")));
                   reply.send(body(200, "application/json", preview_state_json(*engine_.state())));
                 }});
    // A change of the preview's state: a POST of the page's form with its
    // token, from the page's own origin.
    Route choose("choose", "/api/choose", true, [this](const HttpRequest& req, const Reply& reply) {
      if (req.method != "POST") {
        HttpResponse r = json_error(405, "method not allowed", "use POST");
        r.headers.emplace_back("Allow", "POST");
        return void(reply.send(std::move(r)));
      }
      if (!host_ok(req)) return void(reply.send(json_error(421, "unknown host", "")));
      if (const std::string why = cross_origin(req); !why.empty())
        return void(reply.send(json_error(403, why, "pick from the preview page")));
      auto value = [&](const char* name) {
        const FormPart* p = req.part(name);
        return p ? p->data : std::string();
      };
      const std::string layout = value("layout");
      const std::string brand = value("brand");
      auto s = engine_.state();
      auto listed = [](const std::vector<PreviewChoice>& list, const std::string& id) {
        if (id.empty()) return true;
        for (const PreviewChoice& c : list)
          if (c.id == id) return true;
        return false;
      };
      if (!listed(s->layouts, layout) || !listed(s->brands, brand))
        return void(reply.send(
            json_error(400, "not a listed layout or brand", "pick one from the page's lists")));
      {
        std::lock_guard lock(mu_);
        picks_.emplace_back(layout, brand);
        cv_.notify_all();
      }
      reply.send(body(202, "application/json", "{\"queued\":true}\n"));
    });
    FormLimits limits;
    limits.max_body_bytes = 16 * 1024;
    limits.max_parts = 3;
    limits.max_text_bytes = 1024;
    limits.allowed = {"layout", "brand", "token"};
    choose.form = limits;
    r.push_back(std::move(choose));
    auto image = [this](bool dump) {
      return [this, dump](const HttpRequest& req, const Reply& reply) {
        if (!host_ok(req)) return void(reply.send(json_error(421, "unknown host", "")));
        std::string id, size, ext;
        if (!split_card_path(req.path(), dump ? "/dump/" : "/img/", id, size, ext) ||
            (dump ? ext != "json" : !format_of_path("." + ext)))
          return void(reply.send(json_error(404, "not found", "")));
        auto s = engine_.state();
        for (const PreviewCard& c : s->cards) {
          if (c.id != id) continue;
          for (const PreviewOutput& o : c.outputs) {
            if (o.size.name != size || !o.image) continue;
            // The image under its own format's extension only (the page
            // reads it from the state).
            if (!dump && format_of_path("." + ext) != o.format) continue;
            HttpResponse res;
            res.content_type = dump ? "application/json" : std::string(mime_type(o.format));
            res.body = dump ? o.dump : o.image;
            const std::string etag = "\"" + o.version + "\"";
            res.headers.emplace_back("ETag", etag);
            // The version is the digest of every input, so an image asked
            // for by its version never changes.
            const bool pinned = query_value(req.query(), "v") == o.version;
            res.headers.emplace_back("Cache-Control",
                                     pinned ? "private, max-age=31536000, immutable" : "no-cache");
            if (req.header("If-None-Match") == etag) {
              res.status = 304;
              res.body.reset();
            }
            return void(reply.send(std::move(res)));
          }
        }
        reply.send(json_error(404, "no image for '" + id + "' at '" + size + "'",
                              "the page lists the cards and sizes there are"));
      };
    };
    r.push_back({"image", "/img/", false, image(false)});
    r.push_back({"dump", "/dump/", false, image(true)});
    return r;
  }

  const PreviewServeOptions& o_;
  PreviewEngine engine_;
  std::FILE* log_;
  std::map<std::string, std::string> page_;
  std::string host_;  // "127.0.0.1:PORT"
  std::mutex mu_;
  std::condition_variable cv_;
  struct Stream {
    std::shared_ptr<HttpStream> stream;
    Clock::time_point opened;
  };
  std::vector<Stream> streams_;
  const std::string token_ = session_token();
  std::deque<std::pair<std::string, std::string>> picks_;
};

}  // namespace

void run_preview(const PreviewServeOptions& options, const std::atomic<bool>& stop, std::FILE* out,
                 std::FILE* log) {
  Preview preview(options, log);
  preview.run(stop, out);
}

}  // namespace placard
