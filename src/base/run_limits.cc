#include "base/run_limits.h"

#include <charconv>
#include <utility>

#include "base/limit_error.h"

namespace placard {

namespace {

struct Entry {
  const char* name;
  const char* meaning;
  std::int64_t Limits::*wide;
  int Limits::*narrow;
  std::int64_t max;
};

const Entry kEntries[] = {
    {"canvas-side", "largest width or height of an output, px", nullptr, &Limits::canvas_side,
     8192},
    {"canvas-pixels", "largest area of one output, px", &Limits::canvas_pixels, nullptr,
     8192LL * 8192},
    {"run-pixels", "pixels of all outputs of one run", &Limits::run_pixels, nullptr, INT64_MAX},
    {"cards", "cards in one run", nullptr, &Limits::cards, INT32_MAX},
    {"text-bytes", "bytes of text in one card field", nullptr, &Limits::text_bytes, INT32_MAX},
    {"file-bytes", "bytes of one content, layout or brand file", &Limits::file_bytes, nullptr,
     INT64_MAX},
    {"image-pixels", "pixels of one decoded image", &Limits::image_pixels, nullptr, 8192LL * 8192},
    {"image-bytes", "bytes of one image file", &Limits::image_bytes, nullptr, INT64_MAX},
    {"photo-pixels", "pixels of a supporter's photo, as stored", &Limits::photo_pixels, nullptr,
     16384LL * 16384},
    {"photo-memory", "bytes one supporter's photo may take to decode", &Limits::photo_memory,
     nullptr, INT64_MAX},
};

}  // namespace

std::vector<std::pair<std::string, std::string>> limit_names() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Entry& e : kEntries) out.emplace_back(e.name, e.meaning);
  return out;
}

void set_limit(Limits& limits, const std::string& assignment) {
  const size_t eq = assignment.find('=');
  const std::string name = assignment.substr(0, eq);
  std::vector<std::string> names;
  for (const Entry& e : kEntries) names.push_back(e.name);
  for (const Entry& e : kEntries) {
    if (name != e.name) continue;
    if (eq == std::string::npos)
      fail_usage("--limit '" + assignment + "' has no value", {"write it as " + name + "=NUMBER"});
    const std::string value = assignment.substr(eq + 1);
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || v < 1 || v > e.max)
      fail_usage("--limit " + name + " must be a whole number from 1 to " + std::to_string(e.max) +
                 "; got '" + value + "'");
    if (e.wide)
      limits.*e.wide = v;
    else
      limits.*e.narrow = static_cast<int>(v);
    return;
  }
  auto hints = did_you_mean(name, names);
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
  hints.push_back("limits: " + all);
  fail_usage("unknown limit '" + name + "'", hints);
}

std::string raise_limit_hint(const std::string& name) {
  return "raise it with --limit " + name + "=N if this is intended";
}

bool is_raise_limit_hint(const std::string& hint) {
  return hint.starts_with("raise it with --limit ");
}

void fail_limit(const SourceLoc& loc, const std::string& name, std::int64_t limit,
                const std::string& what) {
  // Every command that reads files under limits takes --limit (render,
  // watch, card, personal, proof, serve, preview): the hint names no one
  // command.
  Diagnostic d;
  d.loc = loc;
  d.message = what + " (limit '" + name + "' is " + std::to_string(limit) + ")";
  d.hints = {raise_limit_hint(name)};
  throw LimitError(std::move(d), name);
}

}  // namespace placard
