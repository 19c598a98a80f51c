#include "serve/render_query.h"

#include <algorithm>
#include <set>

#include "base/diagnostics.h"
#include "base/utf8.h"

namespace placard {

namespace {

constexpr size_t kMaxParams = 16;
constexpr size_t kMaxKeyBytes = 32;

bool is_name(std::string_view s, std::string_view extra) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           extra.find(c) != std::string_view::npos;
  });
}

std::string list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string hint_for(const std::string& word, const std::vector<std::string>& names,
                     const char* what) {
  auto hints = did_you_mean(word, names);
  if (!hints.empty()) return hints.front();
  return std::string(what) + ": " + list(names);
}

}  // namespace

ImageName parse_image_name(std::string_view file, std::string_view shape) {
  const size_t dot = file.rfind('.');
  if (dot == std::string_view::npos || dot == 0)
    throw HttpError(404, "not found", "the path is " + std::string(shape) + ".png, .jpg or .webp");
  const std::optional<ImageFormat> format = format_of_path(file);
  if (!format) {
    // The extension is echoed only when it is plainly a word.
    const std::string_view ext = file.substr(dot + 1);
    throw HttpError(404,
                    is_name(ext, "") && ext.size() <= 8
                        ? "unknown image format '" + std::string(ext) + "'"
                        : std::string("unknown image format"),
                    "use .png, .jpg (or .jpeg) or .webp");
  }
  return {std::string(file.substr(0, dot)), *format};
}

RenderQuery parse_render_target(std::string_view target, std::string_view key,
                                const RenderNames& names, const Limits& limits) {
  const size_t q = target.find('?');
  const std::string_view raw_path = target.substr(0, q);
  const std::string_view raw_query = q == std::string_view::npos ? "" : target.substr(q + 1);

  // Limits.
  auto params = parse_query(raw_query);
  if (!params)
    throw HttpError(400, "the query has a bad %-escape", "encode text with encodeURIComponent");
  if (params->size() > kMaxParams)
    throw HttpError(400, "too many query parameters", "send at most " + std::to_string(kMaxParams));
  std::set<std::string> seen;
  std::string sig;
  for (const auto& [k, v] : *params) {
    if (k.size() > kMaxKeyBytes) throw HttpError(400, "a query parameter name is too long");
    if (!seen.insert(k).second)
      throw HttpError(400, "query parameter '" + k + "' is given twice",
                      "give each parameter once");
    if (v.size() > static_cast<size_t>(limits.text_bytes))
      throw HttpError(422,
                      "limit 'text-bytes' (" + std::to_string(limits.text_bytes) + ") exceeded: '" +
                          k + "' is " + std::to_string(v.size()) + " bytes long",
                      "shorten the text");
    if (k == "sig") sig = v;
  }
  auto path = canonical_path(raw_path);
  if (!path) throw HttpError(400, "the path has a bad %-escape");
  // ".../og.png/meta" asks for the link tags of ".../og.png", under its signature.
  RenderQuery out;
  if (path->ends_with("/meta")) {
    out.meta = true;
    path->resize(path->size() - 5);
  }

  // The signature.
  if (key.empty())
    throw HttpError(403, "signed rendering is not enabled on this server",
                    "start it with --key-file, or use /card/ for the campaign's cards");
  if (sig.empty())
    throw HttpError(403, "the URL is not signed",
                    "sign it with 'placard sign' or the server's key");
  if (!signature_matches(key, canonical_message(*path, *params), sig))
    throw HttpError(403, "the signature does not match",
                    "sign the exact path and query with the server's key");

  // The path: /render/{layout}/{size}.{ext}
  if (!path->starts_with("/render/")) throw HttpError(404, "not found");
  const auto segments = two_segments(*path, "/render/");
  if (!segments)
    throw HttpError(404, "not found", "the path is /render/LAYOUT/SIZE.png, .jpg or .webp");
  out.layout = segments->first;
  ImageName name = parse_image_name(segments->second, "/render/LAYOUT/SIZE");
  out.size = std::move(name.size);
  out.format = name.format;
  if (std::find(names.layouts.begin(), names.layouts.end(), out.layout) == names.layouts.end())
    throw HttpError(404, "unknown layout '" + out.layout + "'",
                    hint_for(out.layout, names.layouts, "layouts on this server"));
  if (!is_name(out.size, ""))
    throw HttpError(404, "unknown size '" + out.size + "'", "use a size name such as og, or WxH");

  // The fields.
  for (const auto& [k, v] : *params) {
    if (k == "sig") continue;
    if (find_invalid_utf8(v) != std::string_view::npos)
      throw HttpError(400, "'" + k + "' is not valid UTF-8", "send text as UTF-8");
    if (k == "headline")
      out.headline = v;
    else if (k == "kicker")
      out.kicker = v;
    else if (k == "body")
      out.body = v;
    else if (k == "footer")
      out.footer = v;
    else if (k == "lang")
      out.lang = v;
    else if (k == "brand")
      out.brand = v;
    else {
      const std::vector<std::string> fields(std::begin(kRenderFields), std::end(kRenderFields));
      const std::string shown = find_invalid_utf8(k) == std::string_view::npos ? k : "?";
      throw HttpError(400, "unknown parameter '" + shown + "'", hint_for(k, fields, "parameters"));
    }
  }
  if (out.headline.empty()) throw HttpError(400, "the headline is missing", "add headline=…");
  if (!out.lang.empty() && !is_name(out.lang, "-"))
    throw HttpError(400, "'lang' is not a language tag", "use a BCP 47 tag such as en or pt-BR");
  if (!out.brand.empty() &&
      std::find(names.brands.begin(), names.brands.end(), out.brand) == names.brands.end())
    throw HttpError(404, "unknown brand '" + out.brand + "'",
                    hint_for(out.brand, names.brands, "brands on this server"));
  return out;
}

}  // namespace placard
