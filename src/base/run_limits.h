// Limits on what one run may ask for, so a hostile or mistaken file cannot
// exhaust memory or time. Every limit has a default and can be changed on the
// command line (`placard render --limit cards=50000`); going over one is a
// clear error naming the limit and how to raise it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace placard {

struct Limits {
  // Largest canvas side (px) and area (px²) of one output.
  int canvas_side = 8192;
  std::int64_t canvas_pixels = 8192LL * 8192;
  // Pixels of every output of one run together (rendered or not).
  std::int64_t run_pixels = 20'000'000'000LL;
  // Cards in one run, over all content files.
  int cards = 20000;
  // Bytes of text in one card field (headline, body, attribution, …).
  int text_bytes = 4000;
  // Bytes of one content, layout or brand file.
  std::int64_t file_bytes = 64LL << 20;
  // Pixels of one decoded image (PNG logo or picture), and bytes of an image file.
  std::int64_t image_pixels = 40'000'000;
  std::int64_t image_bytes = 32LL << 20;
  // A supporter's photo: its pixels as stored (a 48 MP phone photo is
  // decoded at 1/8 of its sides), and the memory its decode may hold at its
  // peak, whatever size the file claims (the decoder reduces it further, or
  // refuses it, to stay within).
  std::int64_t photo_pixels = 50'000'000;
  std::int64_t photo_memory = 48LL << 20;
};

// The names `--limit NAME=VALUE` accepts, with what each means.
std::vector<std::pair<std::string, std::string>> limit_names();

// Applies "name=value" to `limits`; a bad name or value is a usage error.
void set_limit(Limits& limits, const std::string& assignment);

// The hint a limit error gives: for whoever runs the command, so a server
// does not pass it on to its clients (http_error()).
std::string raise_limit_hint(const std::string& name);
bool is_raise_limit_hint(const std::string& hint);

// "limit 'cards' (20000) exceeded: …" with a hint on raising it.
[[noreturn]] void fail_limit(const SourceLoc& loc, const std::string& name, std::int64_t limit,
                             const std::string& what);

}  // namespace placard
