#include "gallery/zip_write.h"

#include "base/diagnostics.h"
#include "gallery/libzip_api.h"

namespace placard {
namespace {

// MS-DOS date of 1980-01-01 (the format's earliest: day 1, month 1, year 0)
// and time 00:00:00.
constexpr zip_uint16_t kDosDate = (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;
// A regular file, rw-r--r--, in the high half of the Unix attributes.
constexpr zip_uint32_t kUnixMode = 0100644u << 16;

[[noreturn]] void fail_zip(const std::string& what, const std::string& why) {
  fail_io({}, "cannot build ZIP archive: " + what + ": " + why);
}

// Takes the message out of an error we own, and frees it.
std::string take_message(zip_error_t* error) {
  std::string why = libzip().error_strerror(error);
  libzip().error_fini(error);
  return why;
}

// Holds one reference to a source.
struct SourceRef {
  zip_source_t* src;
  ~SourceRef() { libzip().source_free(src); }
};

// Reads a whole in-memory source back.
std::string read_source(zip_source_t* src) {
  if (libzip().source_open(src) < 0)
    fail_zip("reading it back", libzip().error_strerror(libzip().source_error(src)));
  std::string out;
  char buf[65536];
  zip_int64_t n;
  while ((n = libzip().source_read(src, buf, sizeof buf)) > 0)
    out.append(buf, static_cast<size_t>(n));
  std::string why = n < 0 ? libzip().error_strerror(libzip().source_error(src)) : "";
  libzip().source_close(src);
  if (n < 0) fail_zip("reading it back", why);
  return out;
}

}  // namespace

std::string make_zip(const std::vector<ZipEntry>& entries) {
  if (entries.empty()) fail_io({}, "cannot build ZIP archive: no files to put in it");
  const LibzipApi& zip = libzip();  // loaded by the first archive of the process
  zip_error_t error;
  zip.error_init(&error);
  zip_source_t* buffer = zip.source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) fail_zip("making a buffer", take_message(&error));
  // zip_close() drops the archive's reference to the buffer; this one keeps
  // it, with the finished archive inside.
  zip.source_keep(buffer);
  SourceRef keep{buffer};
  zip_t* archive = zip.open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip.source_free(buffer);  // the reference the archive did not take
    fail_zip("opening it", take_message(&error));
  }
  auto give_up = [&zip, archive](const std::string& what) {
    std::string why = zip.error_strerror(zip.get_error(archive));
    zip.discard(archive);
    fail_zip(what, why);
  };
  for (const ZipEntry& e : entries) {
    zip_source_t* data = zip.source_buffer(archive, e.bytes.data(), e.bytes.size(), 0);
    if (!data) give_up("adding '" + e.name + "'");
    zip_int64_t index = zip.file_add(archive, e.name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip.source_free(data);
      give_up("adding '" + e.name + "'");
    }
    auto i = static_cast<zip_uint64_t>(index);
    if (zip.set_file_compression(archive, i, ZIP_CM_STORE, 0) < 0 ||
        zip.file_set_dostime(archive, i, kDosTime, kDosDate, 0) < 0 ||
        zip.file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, kUnixMode) < 0)
      give_up("dating '" + e.name + "'");
  }
  if (zip.close(archive) < 0) give_up("finishing it");
  return read_source(buffer);
}

}  // namespace placard
