// Reading and writing whole files. Writes are atomic: a reader (or a crash)
// sees the old file or the new one, never a half-written card.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace placard {

// The file's bytes. Throws DiagnosticError (io): "cannot read 'path': reason";
// a folder, device or pipe is bad input: "'path' is not a regular file".
std::string read_file(const std::string& path);

// The same, refusing (bad input, limit 'what') a file over max_bytes before
// reading it.
std::string read_file(const std::string& path, std::int64_t max_bytes,
                      const char* limit_name = "image-bytes");

// Creates the parent folders, writes `bytes` to a temporary ".<name>.*.tmp"
// file in the same folder, fsyncs it and renames it over `path`. The new file
// gets mode 0644 minus the umask. On failure the temporary file is removed and
// DiagnosticError (io) is thrown: "cannot write 'path': reason".
void write_file_atomic(const std::string& path, std::string_view bytes);

// Like write_file_atomic, for `relative` inside the folder `root` (created if
// missing). Folders below root are entered without following symbolic links,
// so a link planted in an output folder ("out/card -> /etc") cannot send a
// write elsewhere; such a link, an absolute `relative` or one with ".." fails
// (io) naming the path. The folder is synced after the rename.
void write_file_atomic_under(const std::string& root, const std::string& relative,
                             std::string_view bytes);

// Removes root/relative under the same rules; a missing file is not an error.
void remove_file_under(const std::string& root, const std::string& relative);

// True when `relative` is a plain path below a folder: not empty, not
// absolute, no "", "." or ".." component.
bool is_safe_relative_path(std::string_view relative);

// Removes the temporary files a killed run left in root and the folders just
// below it (".<name>.<pid>-<n>.tmp" whose process is gone). Returns how many.
int remove_stale_temp_files(const std::string& root);

// Removes `path`; a missing file is not an error.
void remove_file_if_exists(const std::string& path);

}  // namespace placard
