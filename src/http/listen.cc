#include "http/listen.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "base/diagnostics.h"

namespace placard {

Listener listen_on(const std::string& spec) {
  const size_t colon = spec.rfind(':');
  if (colon == std::string::npos)
    fail_usage("--listen '" + spec + "' is not HOST:PORT", {"for example 127.0.0.1:8080"});
  std::string host = spec.substr(0, colon);
  const std::string port = spec.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found))
    fail_usage("--listen '" + spec + "': " + gai_strerror(rc));
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> list(found, freeaddrinfo);
  std::string why = "no address";
  for (addrinfo* a = found; a; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 1024) == 0) {
      sockaddr_storage bound{};
      socklen_t len = sizeof bound;
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
      char h[NI_MAXHOST], p[NI_MAXSERV];
      getnameinfo(reinterpret_cast<sockaddr*>(&bound), len, h, sizeof h, p, sizeof p,
                  NI_NUMERICHOST | NI_NUMERICSERV);
      const std::string shown = a->ai_family == AF_INET6 ? "[" + std::string(h) + "]" : h;
      return {fd, "http://" + shown + ":" + p};
    }
    why = std::strerror(errno);
    ::close(fd);
  }
  fail_usage("cannot listen on '" + spec + "': " + why);
}

}  // namespace placard
