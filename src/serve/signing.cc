#include "serve/signing.h"

#include <glib.h>
#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>

#include "base/diagnostics.h"
#include "base/file_io.h"

namespace placard {

namespace {

std::string to_hex(const unsigned char* p, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

}  // namespace

std::string canonical_message(std::string_view path, const QueryParams& params) {
  std::vector<std::pair<std::string, std::string>> sorted;
  for (const auto& [k, v] : params)
    if (k != "sig") sorted.emplace_back(percent_encode(k), percent_encode(v));
  std::sort(sorted.begin(), sorted.end());
  std::string message(path);
  message += '?';
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i) message += '&';
    message += sorted[i].first + "=" + sorted[i].second;
  }
  return message;
}

std::string new_key_hex() {
  unsigned char key[32];
  size_t got = 0;
  while (got < sizeof key) {  // the kernel's generator; a read of 32 bytes is never cut short
    const ssize_t n = getrandom(key + got, sizeof key - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      fail_io({}, std::string("cannot get random bytes for a key: ") + std::strerror(errno));
    got += static_cast<size_t>(n);
  }
  std::string hex = to_hex(key, sizeof key);
  explicit_bzero(key, sizeof key);
  return hex;
}

std::string load_key(const std::string& path) {
  std::string text = read_file(path, 4096, "file-bytes");
  std::string key;
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  for (; i + 1 < text.size(); i += 2) {
    const int hi = g_ascii_xdigit_value(text[i]);
    const int lo = g_ascii_xdigit_value(text[i + 1]);
    if (hi < 0 || lo < 0) break;
    key += static_cast<char>(hi * 16 + lo);
  }
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i != text.size() || key.size() < 32) {
    // Suggest a file that is not there, never one a user might lose.
    std::string fresh = "placard.key";
    for (int n = 2; std::filesystem::exists(fresh); ++n)
      fresh = "placard-" + std::to_string(n) + ".key";
    fail_usage("key file '" + path + "' does not hold a key of at least 64 hex digits",
               {"make a key in a new file with 'placard keygen > " + fresh +
                "', and give it to placard serve and placard sign"});
  }
  // A key typed or padded by hand (all zeros, "abab…", a short word
  // repeated) is long but guessable. 32 random bytes hold about 30
  // different values; fewer than 16 happens by chance with a probability
  // far below 1e-9.
  std::set<unsigned char> distinct(key.begin(), key.end());
  if (distinct.size() < 16) {
    std::string fresh = "placard.key";
    for (int n = 2; std::filesystem::exists(fresh); ++n)
      fresh = "placard-" + std::to_string(n) + ".key";
    fail_usage("key file '" + path + "' holds a key with too little entropy (" +
                   std::to_string(distinct.size()) + " different bytes in " +
                   std::to_string(key.size()) + ")",
               {"make a random one in a new file with 'placard keygen > " + fresh + "'"});
  }
  return key;
}

std::string hmac_hex(std::string_view key, std::string_view message) {
  // GLib's HMAC (GLib is loaded for Pango anyway), in lower-case hex.
  gchar* mac = g_compute_hmac_for_data(
      G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(key.data()), key.size(),
      reinterpret_cast<const guchar*>(message.data()), message.size());
  if (!mac) fail_io({}, "cannot compute HMAC-SHA256");
  std::string hex(mac);
  g_free(mac);
  return hex;
}

bool signature_matches(std::string_view key, std::string_view message, std::string_view sig) {
  const std::string want = hmac_hex(key, message);
  if (sig.size() != want.size()) return false;  // the length is public: always 64
  // Every byte is compared, whatever the first difference, so the time taken
  // tells an attacker nothing of how much of a forged signature was right.
  unsigned char diff = 0;
  for (size_t i = 0; i < want.size(); ++i) diff |= static_cast<unsigned char>(sig[i] ^ want[i]);
  return diff == 0;
}

std::string signed_render_path(std::string_view key, const std::string& layout,
                               const std::string& size, const QueryParams& params,
                               ImageFormat format) {
  const std::string path = "/render/" + percent_encode(layout) + "/" + percent_encode(size) + "." +
                           std::string(file_extension(format));
  const std::string message = canonical_message(path, params);
  return message + (message.ends_with('?') ? "" : "&") + "sig=" + hmac_hex(key, message);
}

}  // namespace placard
