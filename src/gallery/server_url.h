// The Placard server a download page sends supporters' personal cards to
// (`--server URL`), checked before it is written into the page.
#pragma once

#include <string>

namespace placard {

// The URL without a trailing '/', ready for the page to append "/personal".
// Fails (usage) for anything but an absolute http(s) URL with a host: no user
// name or password (the page is public), no query or fragment (the page adds
// its own path after it).
std::string checked_server_url(const std::string& url);

}  // namespace placard
