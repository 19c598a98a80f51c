// Reading and writing whole files. Writes are atomic: a reader (or a crash)
// sees the old file or the new one, never a half-written card.
#pragma once

#include <string>
#include <string_view>

namespace placard {

// The file's bytes. Throws DiagnosticError (io): "cannot read 'path': reason".
std::string read_file(const std::string& path);

// Creates the parent folders, writes `bytes` to a temporary ".<name>.*.tmp"
// file in the same folder, fsyncs it and renames it over `path`. The new file
// gets mode 0644 minus the umask. On failure the temporary file is removed and
// DiagnosticError (io) is thrown: "cannot write 'path': reason".
void write_file_atomic(const std::string& path, std::string_view bytes);

// Removes `path`; a missing file is not an error.
void remove_file_if_exists(const std::string& path);

}  // namespace placard
