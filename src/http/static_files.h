// `placard serve --root DIR`: the files of a rendered folder (cards,
// manifest.json, the gallery page and its ZIPs). Nothing outside DIR is ever
// opened: ".." and hidden names are refused however they are spelt, and the
// file is opened with openat2(RESOLVE_BENEATH), so no symbolic link can lead
// out (where the kernel lacks openat2, no symbolic link is followed at all).
#pragma once

#include <string>
#include <string_view>

#include "http/http_server.h"

namespace placard {

class StaticRoot {
 public:
  // Throws DiagnosticError (usage) when `dir` is not a folder.
  explicit StaticRoot(const std::string& dir, int max_age_seconds);
  ~StaticRoot();
  StaticRoot(const StaticRoot&) = delete;
  StaticRoot& operator=(const StaticRoot&) = delete;

  // The answer to GET/HEAD of `path` (as sent, percent-encoded): the file,
  // 304 when `if_none_match` names its ETag, or a JSON 404/400.
  HttpResponse answer(std::string_view path, std::string_view if_none_match) const;

 private:
  int open_beneath(const std::string& relative) const;
  int root_fd_ = -1;
  int max_age_;
};

// The MIME type for a file name by its extension.
std::string mime_type(std::string_view name);

// True when `header` (an If-None-Match value) names `etag` or is "*".
bool etag_matches(std::string_view header, std::string_view etag);

}  // namespace placard
