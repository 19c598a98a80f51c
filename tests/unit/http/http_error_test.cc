// What a client is told of a diagnostic: the file a message names, never
// where it lies on the server.
#include "http/http_error.h"
#include "base/run_limits.h"

#include <gtest/gtest.h>

using namespace placard;

TEST(HttpError, AnAnswerNamesTheFileNeverItsPath) {
  Diagnostic d;
  d.message = "cannot read '/srv/campaign/layouts/missing.yaml': no such file";
  d.hints = {"layouts live beside /srv/campaign/deck.yaml"};
  const HttpError e = http_error(d);
  EXPECT_EQ(e.status, 422);
  EXPECT_EQ(std::string(e.what()), "cannot read 'missing.yaml': no such file");
  EXPECT_EQ(e.hint, "layouts live beside deck.yaml");
  // An internal failure says nothing of itself.
  d.kind = FailureKind::io;
  EXPECT_EQ(std::string(http_error(d).what()), "the card could not be rendered");
}

TEST(HttpError, HowToRaiseALimitIsNotTheClientsToKnow) {
  try {
    fail_limit({"/srv/campaign/deck.yaml", 3, 1}, "image-bytes", 10, "file is 752 bytes");
  } catch (const DiagnosticError& e) {
    const HttpError h = http_error(e.diagnostic());
    EXPECT_EQ(h.status, 422);
    EXPECT_EQ(std::string(h.what()), "file is 752 bytes (limit 'image-bytes' is 10)");
    EXPECT_EQ(h.hint, "this server renders no more than that");
    return;
  }
  FAIL() << "fail_limit did not throw";
}
