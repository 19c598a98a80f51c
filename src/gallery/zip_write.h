// ZIP archives for the gallery's "download all" links (libzip), built in
// memory so that the caller writes them with write_file_atomic.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace placard {

struct ZipEntry {
  std::string name;        // path inside the archive, '/'-separated
  std::string_view bytes;  // must stay valid during make_zip
};

// The archive's bytes, entries in the order given. Entries are stored, not
// compressed (PNGs already are), dated 1980-01-01 00:00 and given Unix mode
// 0644, so the same entries always give the same bytes, whenever and wherever
// the archive is made. Throws DiagnosticError (io) if libzip fails or
// `entries` is empty.
std::string make_zip(const std::vector<ZipEntry>& entries);

}  // namespace placard
