#include "serve/signing.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <set>
#include <string>

#include "base/diagnostics.h"
#include "base/file_io.h"

namespace placard {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' ||
         c == '(' || c == ')';
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+' && plus_is_space) {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string percent_encode(std::string_view s) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

std::optional<QueryParams> parse_query(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      auto key = percent_decode(pair.substr(0, eq));
      auto value = percent_decode(eq == std::string_view::npos ? std::string_view{}
                                                               : pair.substr(eq + 1));
      if (!key || !value) return std::nullopt;
      params.emplace_back(std::move(*key), std::move(*value));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return params;
}

std::optional<std::string> canonical_path(std::string_view raw_path) {
  std::string out;
  size_t start = 0;
  for (;;) {
    const size_t slash = raw_path.find('/', start);
    auto segment = percent_decode(raw_path.substr(start, slash - start), false);
    if (!segment) return std::nullopt;
    out += percent_encode(*segment);
    if (slash == std::string_view::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

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
  if (RAND_bytes(key, sizeof key) != 1) fail_io({}, "cannot get random bytes for a key");
  std::string hex = to_hex(key, sizeof key);
  OPENSSL_cleanse(key, sizeof key);
  return hex;
}

std::string load_key(const std::string& path) {
  std::string text = read_file(path, 4096, "file-bytes");
  std::string key;
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  for (; i + 1 < text.size(); i += 2) {
    const int hi = hex_value(text[i]), lo = hex_value(text[i + 1]);
    if (hi < 0 || lo < 0) break;
    key += static_cast<char>(hi * 16 + lo);
  }
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i != text.size() || key.size() < 32)
    fail_usage("key file '" + path + "' does not hold a key of at least 64 hex digits",
               {"make one with 'placard keygen > " + path + "'"});
  // A key typed or padded by hand (all zeros, "abab…", a short word
  // repeated) is long but guessable. 32 random bytes hold about 30
  // different values; fewer than 16 happens by chance with a probability
  // far below 1e-9.
  std::set<unsigned char> distinct(key.begin(), key.end());
  if (distinct.size() < 16)
    fail_usage("key file '" + path + "' holds a key with too little entropy (" +
                   std::to_string(distinct.size()) + " different bytes in " +
                   std::to_string(key.size()) + ")",
               {"make a random one with 'placard keygen > " + path + "'"});
  return key;
}

std::string hmac_hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &len))
    fail_io({}, "cannot compute HMAC-SHA256");
  return to_hex(mac, len);
}

bool signature_matches(std::string_view key, std::string_view message, std::string_view sig) {
  const std::string want = hmac_hex(key, message);
  return sig.size() == want.size() && CRYPTO_memcmp(sig.data(), want.data(), want.size()) == 0;
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
