#include "gallery/server_url.h"

#include <gtest/gtest.h>

#include "base/diagnostics.h"

namespace placard {
namespace {

std::string error_of(const std::string& url) {
  try {
    checked_server_url(url);
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::usage) << url;
    return e.diagnostic().message;
  }
  ADD_FAILURE() << "expected an error for " << url;
  return {};
}

TEST(ServerUrl, TakesHttpAndHttpsWithAHostAndAnyPath) {
  EXPECT_EQ(checked_server_url("https://cards.example.org"), "https://cards.example.org");
  // The page appends "/personal": no trailing slash, however it was written.
  EXPECT_EQ(checked_server_url("https://cards.example.org/"), "https://cards.example.org");
  EXPECT_EQ(checked_server_url("http://127.0.0.1:8080/placard/"), "http://127.0.0.1:8080/placard");
  EXPECT_EQ(checked_server_url("http://[::1]:9000"), "http://[::1]:9000");
  // Normalised: the scheme in lower case, no default port; a name in any
  // script in its ASCII form.
  EXPECT_EQ(checked_server_url("HTTPS://cards.example.org:443/x/"), "https://cards.example.org/x");
  EXPECT_EQ(checked_server_url("https://bücher.example/"), "https://xn--bcher-kva.example");
}

TEST(ServerUrl, RefusesWhatThePageCannotSafelyUse) {
  EXPECT_EQ(error_of("cards.example.org"),
            "--server 'cards.example.org' must start with https:// or http://");
  EXPECT_EQ(error_of("ftp://cards.example.org"),
            "--server 'ftp://cards.example.org' must start with https:// or http://");
  EXPECT_EQ(error_of("javascript:alert(1)"),
            "--server 'javascript:alert(1)' must start with https:// or http://");
  // The page is public: a password in it would be published with it.
  EXPECT_EQ(error_of("https://admin:secret@cards.example.org"),
            "--server 'https://admin:secret@cards.example.org' must not hold a user name or "
            "password: the page is public");
  EXPECT_EQ(error_of("https://admin@cards.example.org"),
            "--server 'https://admin@cards.example.org' must not hold a user name or password: "
            "the page is public");
  EXPECT_EQ(error_of("https://cards.example.org/?x=1"),
            "--server 'https://cards.example.org/?x=1' must not have a query ('?')");
  EXPECT_EQ(error_of("https://cards.example.org/#top"),
            "--server 'https://cards.example.org/#top' must not have a fragment ('#')");
  EXPECT_EQ(error_of("https://"), "--server 'https://' has no host");
  EXPECT_EQ(error_of("http:///cards"), "--server 'http:///cards' has no host");
  EXPECT_EQ(error_of("https://cards.example.org:99999"),
            "--server 'https://cards.example.org:99999' is not a URL");
  EXPECT_EQ(error_of("https://[zz]/"), "--server 'https://[zz]/' is not a URL");
  EXPECT_EQ(error_of("https://cards.example.org/<b>"),
            "--server 'https://cards.example.org/<b>' is not a URL");
  EXPECT_EQ(error_of("https://cards example.org"),
            "--server 'https://cards example.org' is not a URL");
  EXPECT_EQ(error_of("https://cards.example.org\"><script>"),
            "--server 'https://cards.example.org\"><script>' is not a URL");
}

}  // namespace
}  // namespace placard
