#include "gallery/server_url.h"

#include <curl/curl.h>

#include <memory>

#include "base/diagnostics.h"

namespace placard {

namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct TextDeleter {
  void operator()(char* s) const { curl_free(s); }
};
using Text = std::unique_ptr<char, TextDeleter>;

// One part of a parsed URL; empty when the URL has none.
std::string part(CURLU* url, CURLUPart which) {
  char* raw = nullptr;
  if (curl_url_get(url, which, &raw, 0) != CURLUE_OK || !raw) return {};
  Text text(raw);
  return text.get();
}

}  // namespace

std::string checked_server_url(const std::string& url) {
  auto bad = [&url](const std::string& why) {
    fail_usage("--server '" + url + "' " + why, {"give the server's address, like "
                                                 "https://cards.example.org"});
  };
  if (!url.starts_with("https://") && !url.starts_with("http://"))
    bad("must start with https:// or http://");
  // libcurl's parser (not a hand-written one) splits the URL; it also
  // refuses spaces, control characters and bad ports or hosts.
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed) bad("cannot be read");
  if (curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) bad("is not a URL");
  const std::string scheme = part(parsed.get(), CURLUPART_SCHEME);
  if (scheme != "https" && scheme != "http") bad("must start with https:// or http://");
  if (part(parsed.get(), CURLUPART_HOST).empty()) bad("has no host");
  if (!part(parsed.get(), CURLUPART_USER).empty() ||
      !part(parsed.get(), CURLUPART_PASSWORD).empty())
    bad("must not hold a user name or password: the page is public");
  if (!part(parsed.get(), CURLUPART_QUERY).empty() || url.find('?') != std::string::npos)
    bad("must not have a query ('?')");
  if (!part(parsed.get(), CURLUPART_FRAGMENT).empty() || url.find('#') != std::string::npos)
    bad("must not have a fragment ('#')");
  // The page's markup and script only ever see curl's normalised form.
  std::string out = part(parsed.get(), CURLUPART_URL);
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace placard
