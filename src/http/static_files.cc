#include "http/static_files.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

#include "base/diagnostics.h"
#include "http/url_codec.h"

namespace placard {

namespace {

constexpr int kOpenFlags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;

// Without openat2: one component at a time, never following a link.
int open_no_links(int root, const std::vector<std::string>& parts) {
  int dir = ::dup(root);
  for (size_t i = 0; i < parts.size() && dir >= 0; ++i) {
    const bool last = i + 1 == parts.size();
    int next = ::openat(dir, parts[i].c_str(), kOpenFlags | O_NOFOLLOW | (last ? 0 : O_DIRECTORY));
    ::close(dir);
    dir = next;
  }
  return dir;
}

std::vector<std::string> split(const std::string& relative) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t slash = relative.find('/', start);
    if (slash == std::string::npos) slash = relative.size();
    if (slash > start) parts.push_back(relative.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace

std::string mime_type(std::string_view name) {
  static const std::pair<const char*, const char*> types[] = {
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".svg", "image/svg+xml"},
      {".json", "application/json"},
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".zip", "application/zip"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
  };
  for (const auto& [ext, type] : types)
    if (name.ends_with(ext)) return type;
  return "application/octet-stream";
}

bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item.starts_with("W/")) item.remove_prefix(2);  // weak comparison, as RFC 9110 asks
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

StaticRoot::StaticRoot(const std::string& dir, int max_age_seconds) : max_age_(max_age_seconds) {
  root_fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd_ < 0) fail_usage("--root '" + dir + "' is not a folder that can be read");
}

StaticRoot::~StaticRoot() {
  if (root_fd_ >= 0) ::close(root_fd_);
}

int StaticRoot::open_beneath(const std::string& relative) const {
  open_how how{};
  how.flags = kOpenFlags;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV;
  const long fd = ::syscall(SYS_openat2, root_fd_, relative.c_str(), &how, sizeof how);
  if (fd < 0 && errno == ENOSYS) return open_no_links(root_fd_, split(relative));
  return static_cast<int>(fd);
}

HttpResponse StaticRoot::answer(std::string_view path, std::string_view if_none_match) const {
  auto decoded = percent_decode(path, false);
  if (!decoded) return json_error(400, "the path has a bad %-escape", "");
  // Every component must be a plain, visible name: no "..", ".", hidden
  // files, NUL or backslash, however they were encoded.
  std::string relative;
  for (const std::string& part : split(*decoded)) {
    if (part.front() == '.' || part.find('\0') != std::string::npos ||
        part.find('\\') != std::string::npos)
      return json_error(404, "not found", "");
    relative += (relative.empty() ? "" : "/") + part;
  }
  if (relative.empty()) relative = ".";
  int fd = open_beneath(relative);
  struct stat st {};
  if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    relative += "/index.html";
    fd = open_beneath(relative);
  }
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0) ::close(fd);
    return json_error(404, "not found", "");
  }
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx\"",
                static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ULL +
                    static_cast<unsigned long long>(st.st_mtim.tv_nsec),
                static_cast<unsigned long long>(st.st_size));
  HttpResponse r;
  r.headers = {{"ETag", etag},
               {"Cache-Control", "public, max-age=" + std::to_string(max_age_)},
               {"X-Content-Type-Options", "nosniff"}};
  if (etag_matches(if_none_match, etag)) {
    ::close(fd);
    r.status = 304;
    return r;
  }
  r.content_type = mime_type(relative);
  r.file = fd;
  r.file_size = static_cast<std::uint64_t>(st.st_size);
  return r;
}

}  // namespace placard
