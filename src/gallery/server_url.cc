#include "gallery/server_url.h"

#include <glib.h>

#include <memory>
#include <string_view>

#include "base/diagnostics.h"

namespace placard {

namespace {

struct UriDeleter {
  void operator()(GUri* u) const { g_uri_unref(u); }
};
struct TextDeleter {
  void operator()(char* s) const { g_free(s); }
};

// What no URL holds unescaped (RFC 3986 section 2): white space, controls,
// quotes, angle brackets and the like. Refused before parsing, as GLib's
// parser lets them through into the host.
bool unsafe(unsigned char c) {
  return c <= 0x20 || c == 0x7F ||
         std::string_view("\"<>\\^`{|}").find(static_cast<char>(c)) != std::string_view::npos;
}

// A host name of letters, digits, '-' and '.' (an international name is in
// its ASCII form by now), or an IP address.
bool good_host(const char* host) {
  if (g_hostname_is_ip_address(host)) return true;
  const std::string_view h(host);
  return !h.empty() && h.front() != '.' && h.front() != '-' &&
         h.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") ==
             std::string_view::npos;
}

}  // namespace

std::string checked_server_url(const std::string& url) {
  auto bad = [&url](const std::string& why) {
    fail_usage("--server '" + url + "' " + why, {"give the server's address, like "
                                                 "https://cards.example.org"});
  };
  const bool web = g_ascii_strncasecmp(url.c_str(), "https://", 8) == 0 ||
                   g_ascii_strncasecmp(url.c_str(), "http://", 7) == 0;
  if (!web) bad("must start with https:// or http://");
  for (char c : url)
    if (unsafe(static_cast<unsigned char>(c))) bad("is not a URL");
  // GLib's parser (the one Pango already loads; not a hand-written one)
  // splits the URL and checks its port, IP literal and escapes.
  std::unique_ptr<GUri, UriDeleter> parsed(g_uri_parse(
      url.c_str(), GUriFlags(G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE), nullptr));
  if (!parsed) bad("is not a URL");
  const std::string scheme = g_uri_get_scheme(parsed.get());
  if (scheme != "https" && scheme != "http") bad("must start with https:// or http://");
  const char* host = g_uri_get_host(parsed.get());
  if (!host || !*host) bad("has no host");
  if (!good_host(host)) bad("is not a URL");
  if (g_uri_get_userinfo(parsed.get()))
    bad("must not hold a user name or password: the page is public");
  if (g_uri_get_query(parsed.get()) || url.find('?') != std::string::npos)
    bad("must not have a query ('?')");
  if (g_uri_get_fragment(parsed.get()) || url.find('#') != std::string::npos)
    bad("must not have a fragment ('#')");
  // The page's markup and script only ever see the normalised form.
  std::unique_ptr<char, TextDeleter> text(g_uri_to_string(parsed.get()));
  std::string out = text.get();
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace placard
