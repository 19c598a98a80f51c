// Who holds the server's connections, and for how long without a whole
// request: the per-address limit, the room kept for health checks, and the
// deadline on a request's header (and a POST's body). Plain bookkeeping,
// driven by the server's one event-loop thread (only the refusal counts
// are read from others) with the time passed in, so
// the tests can run it without a socket or a clock.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace placard {

using SteadyTime = std::chrono::steady_clock::time_point;

struct ConnectionLimits {
  unsigned max_connections = 1024;  // for any request
  unsigned reserved = 8;            // more, for the reserved paths only (/healthz, /metrics)
  unsigned per_address = 128;       // from one client address
  std::chrono::milliseconds request_deadline{10000};  // header (and body) complete within
};

enum class Refusal { per_address, connections, reserved_only, request_deadline };

class ConnectionTable {
 public:
  struct Entry {
    std::string address;
    int fd = -1;
    SteadyTime since;           // the connection opened, or its last answer was sent
    bool request_done = false;  // the request in progress has been read whole
    bool cut = false;           // given a 408
  };

  explicit ConnectionTable(ConnectionLimits limits) : limits_(limits) {}

  // Whether a new connection from `address` may open: a refusal is counted.
  bool admit(const std::string& address);
  // A connection admitted has opened (`fd`: its socket).
  Entry* open(const std::string& address, int fd, SteadyTime now);
  void close(Entry* e);
  // The connection is over the ordinary limit: only a reserved path may use it.
  bool in_reserve() const { return open_ > limits_.max_connections; }
  // Connections whose request is not whole by the deadline; each is
  // returned once, marked cut and counted.
  std::vector<Entry*> overdue(SteadyTime now);
  void count(Refusal why) { ++refused_[static_cast<int>(why)]; }
  std::uint64_t refused(Refusal why) const { return refused_[static_cast<int>(why)].load(); }
  unsigned open_count() const { return open_; }

 private:
  ConnectionLimits limits_;
  unsigned open_ = 0;
  std::map<std::string, unsigned> per_address_;
  std::map<Entry*, std::unique_ptr<Entry>> entries_;
  std::atomic<std::uint64_t> refused_[4] = {};  // read by /metrics from any thread
};

const char* refusal_name(Refusal why);  // "per_address", … as /metrics labels them

}  // namespace placard
