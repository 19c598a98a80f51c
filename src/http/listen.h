// The listening socket of `placard serve` and `placard preview`.
#pragma once

#include <string>

namespace placard {

// A listening socket for --listen HOST:PORT (port 0: any free port).
struct Listener {
  int fd = -1;
  std::string url;  // "http://HOST:PORT" with the port that was bound
};
// Fails (usage) when the address is malformed or cannot be bound.
Listener listen_on(const std::string& spec);

}  // namespace placard
