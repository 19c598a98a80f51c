#include "serve/photo_placement.h"

#include <charconv>
#include <cmath>

#include "http/http_error.h"

namespace placard {

namespace {

// A plain decimal ("0.25", "1", ".5"): no sign other than '-', no
// exponent, no spaces, no "nan" or "inf", at most 32 characters.
std::optional<double> plain_number(const std::string& text) {
  if (text.empty() || text.size() > 32) return std::nullopt;
  for (char c : text)
    if (!(c >= '0' && c <= '9') && c != '.' && c != '-') return std::nullopt;
  double v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v, std::chars_format::fixed);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

double field_value(const std::string& name, const std::string& text, double lo, double hi) {
  const std::optional<double> v = plain_number(text);
  const std::string range = name == "photo_zoom" ? "from 1 to 4" : "from 0 to 1";
  if (!v) throw HttpError(422, "'" + name + "' is not a number", "send a number " + range, name);
  if (*v < lo || *v > hi)
    throw HttpError(422, "'" + name + "' is out of range", "send a number " + range, name);
  return *v;
}

}  // namespace

std::optional<PhotoPlacement> take_photo_placement(std::map<std::string, std::string>& raw) {
  PhotoPlacement p;
  bool sent = false;
  auto take = [&](const char* name, double lo, double hi, double& into) {
    auto it = raw.find(name);
    if (it == raw.end()) return;
    sent = true;
    const std::string text = std::move(it->second);
    raw.erase(it);
    into = field_value(name, text, lo, hi);
  };
  take("photo_x", 0, 1, p.x);
  take("photo_y", 0, 1, p.y);
  take("photo_zoom", 1, kMaxPhotoZoom, p.zoom);
  if (!sent) return std::nullopt;
  return p;
}

}  // namespace placard
