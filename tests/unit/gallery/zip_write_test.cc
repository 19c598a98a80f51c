#include "gallery/zip_write.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace placard {
namespace {

std::uint16_t u16(const std::string& s, size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                    static_cast<unsigned char>(s[at + 1]) << 8);
}
std::uint32_t u32(const std::string& s, size_t at) {
  return u16(s, at) | static_cast<std::uint32_t>(u16(s, at + 2)) << 16;
}

// One central-directory record, read straight from the bytes.
struct Central {
  std::uint16_t made_by, method, time, date, extra_len;
  std::uint32_t external;
  std::string name;
  std::uint32_t local_offset;
};

std::vector<Central> central_directory(const std::string& zip) {
  // No archive comment: the end record is the last 22 bytes.
  size_t end = zip.size() - 22;
  EXPECT_EQ(u32(zip, end), 0x06054b50u);
  size_t count = u16(zip, end + 10);
  size_t at = u32(zip, end + 16);
  std::vector<Central> out;
  for (size_t i = 0; i < count; ++i) {
    EXPECT_EQ(u32(zip, at), 0x02014b50u);
    Central c{u16(zip, at + 4),
              u16(zip, at + 10),
              u16(zip, at + 12),
              u16(zip, at + 14),
              u16(zip, at + 30),
              u32(zip, at + 38),
              zip.substr(at + 46, u16(zip, at + 28)),
              u32(zip, at + 42)};
    out.push_back(c);
    at += 46 + c.name.size() + c.extra_len + u16(zip, at + 32);
  }
  return out;
}

// The archive's files as libzip reads them back.
std::vector<std::pair<std::string, std::string>> unzip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  EXPECT_NE(archive, nullptr) << zip_error_strerror(&error);
  std::vector<std::pair<std::string, std::string>> out;
  if (!archive) return out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st);
    EXPECT_EQ(st.comp_method, ZIP_CM_STORE) << st.name;
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    EXPECT_EQ(zip_fread(f, data.data(), st.size), static_cast<zip_int64_t>(st.size));
    zip_fclose(f);
    out.emplace_back(st.name, data);
  }
  zip_close(archive);
  return out;
}

TEST(ZipWrite, HoldsEveryEntryInOrder) {
  std::string a(70000, 'a'), b = "\x89PNG\r\n\x1a\n and some bytes";
  std::string zip = make_zip({{"first-og.png", a}, {"second-og.png", b}});
  auto files = unzip(zip);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0], (std::pair<std::string, std::string>{"first-og.png", a}));
  EXPECT_EQ(files[1], (std::pair<std::string, std::string>{"second-og.png", b}));
}

TEST(ZipWrite, EveryEntryIsDated1980AndAPlainFile) {
  std::string zip = make_zip({{"a.png", "one"}, {"b.png", "two"}, {"c.png", ""}});
  auto records = central_directory(zip);
  ASSERT_EQ(records.size(), 3u);
  for (const Central& c : records) {
    EXPECT_EQ(c.date, (1 << 5) | 1) << c.name;  // 1980-01-01
    EXPECT_EQ(c.time, 0) << c.name;
    EXPECT_EQ(c.method, 0) << c.name;        // stored
    EXPECT_EQ(c.made_by >> 8, 3) << c.name;  // Unix
    EXPECT_EQ(c.external >> 16, 0100644u) << c.name;
    EXPECT_EQ(c.extra_len, 0) << c.name;  // no extra timestamps
    // The local header carries the same date.
    EXPECT_EQ(u32(zip, c.local_offset), 0x04034b50u);
    EXPECT_EQ(u16(zip, c.local_offset + 10), 0) << c.name;
    EXPECT_EQ(u16(zip, c.local_offset + 12), (1 << 5) | 1) << c.name;
    EXPECT_EQ(u16(zip, c.local_offset + 28), 0) << c.name;
  }
}

TEST(ZipWrite, SameEntriesGiveSameBytes) {
  std::vector<ZipEntry> entries = {{"x/one.png", "1111"}, {"two.png", "22"}};
  std::string first = make_zip(entries);
  EXPECT_EQ(make_zip(entries), first);
  EXPECT_NE(make_zip({{"x/one.png", "1111"}, {"two.png", "23"}}), first);
}

TEST(ZipWrite, NoEntriesIsAnError) {
  try {
    make_zip({});
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::io);
    EXPECT_EQ(e.diagnostic().message, "cannot build ZIP archive: no files to put in it");
  }
}

TEST(ZipWrite, TwoEntriesWithOneNameIsAnError) {
  try {
    make_zip({{"a.png", "1"}, {"a.png", "2"}});
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().message.rfind("cannot build ZIP archive: adding 'a.png': ", 0), 0u)
        << e.diagnostic().message;
  }
}

}  // namespace
}  // namespace placard
