// Reading and writing whole files. Writes are atomic: a reader (or a crash)
// sees the old file or the new one, never a half-written card.
#pragma once

#include <cstdint>
#include <optional>
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

// The bytes of the regular file `relative` inside the folder `root`, read
// without following any symbolic link below root (each folder is entered
// with O_NOFOLLOW from the one above it, as write_file_atomic_under does):
// a link planted in an output folder ("out/cards -> /home/me") cannot pull
// another folder's files into what is published. Such a link, an absolute
// `relative` or one with ".." fails (io) naming the path; a folder, device
// or pipe is bad input.
std::string read_file_under(const std::string& root, const std::string& relative);

// The same, but a symbolic link on the way (a folder or the file itself) is
// not an error: nullopt, and `link` names it ("out/cards"); anything else
// fails as read_file_under does.
std::optional<std::string> read_regular_file_under(const std::string& root,
                                                   const std::string& relative, std::string& link);

// When a written file reaches the disk. Either way the write is atomic for
// readers and survives the writing process being killed (the rename happens
// only after every byte is in the page cache); the difference is a power cut.
enum class Durability {
  now,    // fsync the file and its folder before returning: manifests, pages
  later,  // leave it to the kernel; a batch writes thousands of PNGs and calls
          // sync_filesystem() once before the manifest that records them
};

// Creates the parent folders, writes `bytes` to a temporary ".<name>.*.tmp"
// file in the same folder and renames it over `path` (with Durability::now
// fsyncing both first). The new file gets mode 0644 minus the umask. On
// failure the temporary file is removed and DiagnosticError (io) is thrown:
// "cannot write 'path': reason".
void write_file_atomic(const std::string& path, std::string_view bytes,
                       Durability durability = Durability::now);

// Like write_file_atomic, for `relative` inside the folder `root` (created if
// missing). Folders below root are entered without following symbolic links,
// so a link planted in an output folder ("out/card -> /etc") cannot send a
// write elsewhere; such a link, an absolute `relative` or one with ".." fails
// (io) naming the path.
void write_file_atomic_under(const std::string& root, const std::string& relative,
                             std::string_view bytes, Durability durability = Durability::now);

// Flushes every file written on the filesystem that holds `folder` to disk
// (syncfs): one call makes a whole batch of Durability::later writes durable,
// where an fsync per file costs ~7-12 ms each on this machine's disk.
// Throws DiagnosticError (io) when the disk reports an error.
void sync_filesystem(const std::string& folder);

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
