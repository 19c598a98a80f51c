#include "base/file_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "base/run_limits.h"

namespace placard {
namespace {

[[noreturn]] void fail_errno(const char* verb, const std::string& path, int err) {
  fail_io({}, std::string("cannot ") + verb + " '" + path +
                  "': " + std::generic_category().message(err));
}

// ".<name>.<pid>-<n>.tmp": unique across processes (pid) and across the
// threads of this process (n is a process-wide counter).
std::string temp_name(const std::string& name) {
  static std::atomic<unsigned long> counter{0};
  return "." + name.substr(0, 120) + "." + std::to_string(::getpid()) + "-" +
         std::to_string(counter++) + ".tmp";
}

// 0 on success, else the errno.
int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

// A folder opened for *at() calls; closes itself.
struct Dir {
  int fd = -1;
  explicit Dir(int f) : fd(f) {}
  Dir(const Dir&) = delete;
  Dir& operator=(const Dir&) = delete;
  Dir(Dir&& o) noexcept : fd(o.fd) { o.fd = -1; }
  Dir& operator=(Dir&& o) noexcept {
    std::swap(fd, o.fd);
    return *this;
  }
  ~Dir() {
    if (fd >= 0) ::close(fd);
  }
};

std::vector<std::string> split_path(std::string_view relative) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t slash = relative.find('/', start);
    parts.emplace_back(relative.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

// Opens root/parts[0]/…/parts[n-2] (the folders of the file parts[n-1]),
// creating them when `create`, never following a symbolic link below root.
// Returns fd -1 when a folder is missing and !create.
// `link`, when given, gets the path of a symbolic link met on the way (and
// Dir(-1) is returned) instead of the link failing.
Dir open_folders(const std::string& root, const std::vector<std::string>& parts,
                 const std::string& shown, const char* verb, bool create,
                 std::string* link = nullptr) {
  namespace fs = std::filesystem;
  if (create) {
    std::error_code ec;
    fs::create_directories(root, ec);
    if (ec) fail_errno(verb, shown, ec.value());
  }
  Dir dir(::open(root.empty() ? "." : root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.fd < 0) {
    if (!create && errno == ENOENT) return Dir(-1);
    fail_errno(verb, shown, errno);
  }
  std::string walked = root;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    walked += "/" + parts[i];
    if (create && ::mkdirat(dir.fd, parts[i].c_str(), 0755) != 0 && errno != EEXIST)
      fail_errno(verb, shown, errno);
    Dir next(::openat(dir.fd, parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (next.fd < 0) {
      int err = errno;
      if (!create && err == ENOENT) return Dir(-1);
      struct stat st {};
      if (::fstatat(dir.fd, parts[i].c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISLNK(st.st_mode)) {
        if (link) {
          *link = walked;
          return Dir(-1);
        }
        fail_io({}, std::string("cannot ") + verb + " '" + shown + "': '" + walked +
                        "' is a symbolic link, and Placard does not follow links inside its "
                        "output folder");
      }
      fail_errno(verb, shown, err);
    }
    dir = std::move(next);
  }
  return dir;
}

void check_relative(const std::string& relative, const std::string& shown, const char* verb) {
  if (!is_safe_relative_path(relative))
    fail_io({},
            std::string("cannot ") + verb + " '" + shown + "': the path leaves the output folder");
}

}  // namespace

namespace {

// The pid in ".<name>.<pid>-<n>.tmp", or 0 when `name` is not such a file.
pid_t temp_owner(const std::string& name) {
  if (name.size() < 8 || name[0] != '.' || !name.ends_with(".tmp")) return 0;
  const std::string stem = name.substr(0, name.size() - 4);
  const size_t dot = stem.rfind('.'), dash = stem.rfind('-');
  if (dot == std::string::npos || dash == std::string::npos || dash < dot) return 0;
  const std::string pid = stem.substr(dot + 1, dash - dot - 1);
  if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return 0;
  return static_cast<pid_t>(std::stol(pid));
}

int remove_stale_in(int dirfd, bool descend) {
  int removed = 0;
  int fd = ::dup(dirfd);
  if (fd < 0) return 0;
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return 0;
  }
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    if (pid_t pid = temp_owner(name); pid > 0) {
      if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH &&
          ::unlinkat(dirfd, name.c_str(), 0) == 0)
        ++removed;
      continue;
    }
    if (!descend || name[0] == '.') continue;
    int sub = ::openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub < 0) continue;
    removed += remove_stale_in(sub, false);
    ::close(sub);
  }
  ::closedir(d);
  return removed;
}

}  // namespace

int remove_stale_temp_files(const std::string& root) {
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return 0;
  int removed = remove_stale_in(fd, true);
  ::close(fd);
  return removed;
}

bool is_safe_relative_path(std::string_view relative) {
  if (relative.empty() || relative.front() == '/') return false;
  for (const std::string& part : split_path(relative))
    if (part.empty() || part == "." || part == "..") return false;
  return true;
}

void write_file_atomic_under(const std::string& root, const std::string& relative,
                             std::string_view bytes, Durability durability) {
  const std::string shown = (std::filesystem::path(root) / relative).string();
  check_relative(relative, shown, "write");
  const std::vector<std::string> parts = split_path(relative);
  Dir dir = open_folders(root, parts, shown, "write", true);
  const std::string& name = parts.back();
  const std::string tmp = temp_name(name);
  int fd =
      ::openat(dir.fd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) fail_errno("write", shown, errno);
  int err = write_all(fd, bytes);
  if (err == 0 && durability == Durability::now && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  // rename() replaces a link at `name` itself; it never writes through it.
  if (err == 0 && ::renameat(dir.fd, tmp.c_str(), dir.fd, name.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlinkat(dir.fd, tmp.c_str(), 0);
    fail_errno("write", shown, err);
  }
  if (durability == Durability::now) ::fsync(dir.fd);  // the rename survives a power cut
}

void sync_filesystem(const std::string& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail_errno("sync", folder, errno);
  int err = ::syncfs(fd) != 0 ? errno : 0;
  ::close(fd);
  if (err != 0) fail_errno("sync", folder, err);
}

void remove_file_under(const std::string& root, const std::string& relative) {
  const std::string shown = (std::filesystem::path(root) / relative).string();
  check_relative(relative, shown, "remove");
  const std::vector<std::string> parts = split_path(relative);
  Dir dir = open_folders(root, parts, shown, "remove", false);
  if (dir.fd < 0) return;
  if (::unlinkat(dir.fd, parts.back().c_str(), 0) != 0 && errno != ENOENT)
    fail_errno("remove", shown, errno);
}

std::string read_file(const std::string& path, std::int64_t max_bytes, const char* limit_name) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && st.st_size > max_bytes)
    fail_limit({path}, limit_name, max_bytes,
               "file is " + std::to_string(st.st_size) + " bytes, too large to read");
  return read_file(path);
}

namespace {

// Reads all of `fd` (then closes it): a regular file only.
std::string read_fd(int fd, const std::string& path) {
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
    // A folder, a device such as /dev/zero or a pipe named in a content or
    // layout file would never end or never make sense.
    ::close(fd);
    fail({path}, "'" + path + "' is not a regular file");
  }
  if (st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      fail_errno("read", path, err);
    }
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace

std::string read_file(const std::string& path) {
  // O_NONBLOCK: opening a named pipe must not wait for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) fail_errno("read", path, errno);
  return read_fd(fd, path);
}

namespace {

// read_file_under, and read_regular_file_under when `link` is given.
std::optional<std::string> read_under(const std::string& root, const std::string& relative,
                                      std::string* link) {
  const std::string shown = (std::filesystem::path(root) / relative).string();
  if (!is_safe_relative_path(relative))
    fail({}, "cannot read '" + shown + "': the path leaves the folder");
  const std::vector<std::string> parts = split_path(relative);
  Dir dir = open_folders(root, parts, shown, "read", false, link);
  if (link && !link->empty()) return std::nullopt;
  if (dir.fd < 0) fail_errno("read", shown, ENOENT);
  int fd = ::openat(dir.fd, parts.back().c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
  if (fd < 0) {
    const int err = errno;
    struct stat st {};
    if (::fstatat(dir.fd, parts.back().c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISLNK(st.st_mode)) {
      if (link) {
        *link = shown;
        return std::nullopt;
      }
      fail_io({}, "cannot read '" + shown +
                      "': it is a symbolic link, and Placard does not follow links inside its "
                      "output folder");
    }
    fail_errno("read", shown, err);
  }
  return read_fd(fd, shown);
}

}  // namespace

std::string read_file_under(const std::string& root, const std::string& relative) {
  return *read_under(root, relative, nullptr);
}

std::optional<std::string> read_regular_file_under(const std::string& root,
                                                   const std::string& relative, std::string& link) {
  link.clear();
  return read_under(root, relative, &link);
}

void write_file_atomic(const std::string& path, std::string_view bytes, Durability durability) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path();
  if (!dir.empty()) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) fail_errno("write", path, ec.value());
  }
  std::string tmp = (dir / temp_name(target.filename().string())).string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail_errno("write", path, errno);
  int err = write_all(fd, bytes);
  if (err == 0 && durability == Durability::now && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    fail_errno("write", path, err);
  }
}

void remove_file_if_exists(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail_errno("remove", path, errno);
}

}  // namespace placard
