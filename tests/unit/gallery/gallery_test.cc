// write_gallery on a folder as placard render leaves it.
#include "gallery/gallery.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "batch/manifest.h"

namespace fs = std::filesystem;

namespace placard {
namespace {

class Gallery : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("placard-gallery-" + std::to_string(getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    Manifest m;
    m.generator = "Placard test";
    m.campaign = "Clean Air";
    m.editions = {{"en", "Clean Air", "Breathe.", "#CleanAir", "", {}}};
    for (const char* id : {"ban-idling", "plant-trees"}) {
      ManifestCard c{
          id, "recommendation", std::string("Text of ") + id, "Alt of " + std::string(id), "en", {},
          {}};
      for (const char* size : {"og", "square"}) {
        std::string file = std::string(id) + "/" + size + ".png";
        std::string png = "\x89PNG fake " + file;
        write_file_atomic(path(file), png);
        c.outputs.push_back({size, 1200, 630, file, png.size()});
      }
      m.cards.push_back(c);
    }
    write_file_atomic(path("manifest.json"), manifest_to_json(m));
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& rel) const { return (dir_ / rel).string(); }
  Diagnostic error_of_gallery(GalleryOptions o = {}) {
    o.dir = dir_.string();
    try {
      write_gallery(o);
    } catch (const DiagnosticError& e) {
      return e.diagnostic();
    }
    ADD_FAILURE() << "expected an error";
    return {};
  }
  fs::path dir_;
};

TEST_F(Gallery, WritesPageStylesScriptAndOneZipPerSize) {
  GalleryResult r = write_gallery({dir_.string(), "", ""});
  EXPECT_EQ(r.index, path("index.html"));
  EXPECT_EQ(r.cards, 2);
  EXPECT_EQ(r.languages, 1);
  EXPECT_EQ(r.zips, 2);
  for (const char* f :
       {"index.html", "gallery.css", "gallery.js", "clean-air-og.zip", "clean-air-square.zip"})
    EXPECT_TRUE(fs::exists(path(f))) << f;
  EXPECT_EQ(r.page_bytes, fs::file_size(path("index.html")) + fs::file_size(path("gallery.css")) +
                              fs::file_size(path("gallery.js")));
  EXPECT_LT(r.page_bytes, 50000u);
  // The "Make it yours" panel is beside it, loaded only when a server answers.
  EXPECT_EQ(r.panel_bytes,
            fs::file_size(path("personal.js")) + fs::file_size(path("personal.css")));
  EXPECT_GT(r.panel_bytes, 1000u);
  // The panel's script begins with its data: here no card may be personalised.
  EXPECT_EQ(read_file(path("personal.js"))
                .rfind("window.placardPanel = {\"cards\":{},\"editions\":{}};\n", 0),
            0u);
  // The Share buttons' script and styles, with the edition's words first.
  EXPECT_EQ(r.share_bytes, fs::file_size(path("share.js")) + fs::file_size(path("share.css")));
  const std::string share = read_file(path("share.js"));
  EXPECT_EQ(share.rfind("window.placardShareWords = {", 0), 0u) << share.substr(0, 80);
  EXPECT_NE(share.find("\"share\":\"Share\""), std::string::npos);
  EXPECT_NE(read_file(path("index.html")).find("<script src=\"share.js\" defer></script>"),
            std::string::npos);
  // A static host answers the page's question "which cards may a supporter
  // personalise here?" with this file: none.
  EXPECT_EQ(read_file(path("personal")), "{\"cards\": {}}\n");

  // The square ZIP holds both cards' square PNGs, byte for byte.
  std::string zip = read_file(path("clean-air-square.zip"));
  zip_error_t error;
  zip_error_init(&error);
  zip_t* archive = zip_open_from_source(zip_source_buffer_create(zip.data(), zip.size(), 0, &error),
                                        ZIP_RDONLY, &error);
  ASSERT_NE(archive, nullptr);
  ASSERT_EQ(zip_get_num_entries(archive, 0), 2);
  EXPECT_STREQ(zip_get_name(archive, 0, 0), "ban-idling-square.png");
  EXPECT_STREQ(zip_get_name(archive, 1, 0), "plant-trees-square.png");
  std::string expected = read_file(path("plant-trees/square.png"));
  std::string got(expected.size(), '\0');
  zip_file_t* f = zip_fopen_index(archive, 1, 0);
  EXPECT_EQ(zip_fread(f, got.data(), got.size()), static_cast<zip_int64_t>(got.size()));
  zip_fclose(f);
  zip_close(archive);
  EXPECT_EQ(got, expected);

  std::string html = read_file(path("index.html"));
  EXPECT_NE(html.find("href=\"clean-air-square.zip\" download>"), std::string::npos);
  EXPECT_NE(html.find("href=\"plant-trees/og.png\" download>"), std::string::npos);
  for (const auto& e : fs::recursive_directory_iterator(dir_))
    EXPECT_NE(e.path().extension(), ".tmp") << e.path();
}

// A later run that offers fewer sizes removes the archives it no longer
// links to, and only those: a ZIP the user put there stays.
TEST_F(Gallery, RemovesTheArchivesTheOldPageOfferedOnly) {
  write_gallery({dir_.string(), "", ""});
  ASSERT_TRUE(fs::exists(path("clean-air-square.zip")));
  write_file_atomic(path("press-kit.zip"), "mine");
  Manifest m = manifest_from_json(read_file(path("manifest.json")), "manifest.json");
  for (ManifestCard& c : m.cards)
    std::erase_if(c.outputs, [](const ManifestOutput& o) { return o.size == "square"; });
  write_file_atomic(path("manifest.json"), manifest_to_json(m));
  GalleryResult r = write_gallery({dir_.string(), "", ""});
  EXPECT_EQ(r.zips, 1);
  EXPECT_EQ(r.removed_zips, 1);
  EXPECT_FALSE(fs::exists(path("clean-air-square.zip")));
  EXPECT_TRUE(fs::exists(path("clean-air-og.zip")));
  EXPECT_TRUE(fs::exists(path("press-kit.zip")));
  // A record naming files outside the folder removes nothing.
  write_file_atomic(path(kGalleryRecord),
                    R"({"zips": ["../outside.zip", "sub/x.zip", "press-kit.txt"]})");
  EXPECT_EQ(write_gallery({dir_.string(), "", ""}).removed_zips, 0);
}

TEST_F(Gallery, SameFolderGivesSameBytes) {
  write_gallery({dir_.string(), "https://example.org/air/", ""});
  std::string html = read_file(path("index.html"));
  std::string zip = read_file(path("clean-air-og.zip"));
  fs::last_write_time(path("ban-idling/og.png"),
                      fs::file_time_type::clock::now() - std::chrono::hours(48));
  write_gallery({dir_.string(), "https://example.org/air/", ""});
  EXPECT_EQ(read_file(path("index.html")), html);
  EXPECT_EQ(read_file(path("clean-air-og.zip")), zip);
}

TEST_F(Gallery, StatesTheSizeOfTheFileOnDisk) {
  // A card re-rendered since the manifest was written: the page tells the truth.
  write_file_atomic(path("ban-idling/og.png"), std::string(4600, 'x'));
  write_gallery({dir_.string(), "", ""});
  std::string html = read_file(path("index.html"));
  EXPECT_NE(html.find("href=\"ban-idling/og.png\" download>X, WhatsApp, Facebook, LinkedIn, "
                      "Bluesky, Mastodon, Threads, Telegram, Discord, Slack, iMessage "
                      "<small>1200×630 · 5 kB</small>"),
            std::string::npos);
}

TEST_F(Gallery, MissingCardFileWritesNothing) {
  fs::remove(path("plant-trees/square.png"));
  Diagnostic d = error_of_gallery();
  EXPECT_EQ(d.kind, FailureKind::io);
  EXPECT_EQ(d.message.rfind("cannot read '" + path("plant-trees/square.png") + "'", 0), 0u)
      << d.message;
  EXPECT_FALSE(fs::exists(path("index.html")));
  EXPECT_FALSE(fs::exists(path("clean-air-og.zip")));
}

TEST_F(Gallery, ManifestPointingOutsideTheFolderIsBadInput) {
  std::string json = read_file(path("manifest.json"));
  json.replace(json.find("\"ban-idling/og.png\""), 19, "\"../../etc/passwd\"");
  write_file_atomic(path("manifest.json"), json);
  Diagnostic d = error_of_gallery();
  EXPECT_EQ(d.kind, FailureKind::bad_input);
  EXPECT_EQ(d.loc.file, path("manifest.json"));
  // The manifest reader refuses it before the gallery sees it.
  EXPECT_EQ(d.message,
            "cards[0].outputs[0].file '../../etc/passwd' is not a path inside the output folder");
  EXPECT_FALSE(fs::exists(path("index.html")));
}

// The names inside a ZIP archive, in order.
std::vector<std::string> zip_names(const std::string& file) {
  std::vector<std::string> out;
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_RDONLY, &err);
  if (!z) return out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) out.push_back(zip_get_name(z, i, 0));
  zip_close(z);
  return out;
}

TEST_F(Gallery, ALinkInTheFolderIsSkippedWithAWarningNamingIt) {
  // Issue 30: a folder linked from the output folder, and a manifest entry
  // through it, packed that folder's files into the public ZIP. What a
  // link reaches is now left out, the link named, and the rest published.
  const fs::path secret = dir_.string() + "-secret";
  fs::create_directories(secret);
  write_file_atomic((secret / "og.png").string(), "private bytes");
  write_file_atomic((secret / "square.png").string(), "private bytes");
  fs::remove_all(path("plant-trees"));
  fs::create_directory_symlink(secret, path("plant-trees"));
  GalleryResult r = write_gallery({dir_.string(), "", ""});
  ASSERT_EQ(r.warnings.size(), 2u);  // both of the card's files
  EXPECT_EQ(r.warnings[0].severity, Severity::warning);
  EXPECT_EQ(r.warnings[0].loc.file, path("manifest.json"));
  EXPECT_EQ(r.warnings[0].message, "skipped 'plant-trees/og.png': '" + path("plant-trees") +
                                       "' is a symbolic link, and the gallery follows no link");
  const std::string page = read_file(path("index.html"));
  EXPECT_NE(page.find("ban-idling/og.png"), std::string::npos);
  EXPECT_EQ(page.find("plant-trees/og.png"), std::string::npos);
  for (const char* zip : {"clean-air-og.zip", "clean-air-square.zip"}) {
    const std::vector<std::string> names = zip_names(path(zip));
    ASSERT_EQ(names.size(), 1u) << zip;
    EXPECT_NE(names[0].find("ban-idling"), std::string::npos) << names[0];
  }

  // A linked file is skipped the same way; its card's other file stays.
  fs::remove(path("plant-trees"));
  fs::create_directories(path("plant-trees"));
  write_file_atomic(path("plant-trees/square.png"), "\x89PNG fake");
  fs::create_symlink(secret / "og.png", path("plant-trees/og.png"));
  r = write_gallery({dir_.string(), "", ""});
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].message, "skipped 'plant-trees/og.png': '" + path("plant-trees/og.png") +
                                       "' is a symbolic link, and the gallery follows no link");
  EXPECT_EQ(zip_names(path("clean-air-og.zip")).size(), 1u);
  EXPECT_EQ(zip_names(path("clean-air-square.zip")).size(), 2u);
  EXPECT_EQ(read_file(path("index.html")).find("plant-trees/og.png"), std::string::npos);
  fs::remove_all(secret);
}

TEST_F(Gallery, MissingManifestIsAnIoError) {
  fs::remove(path("manifest.json"));
  Diagnostic d = error_of_gallery();
  EXPECT_EQ(d.kind, FailureKind::io);
  EXPECT_EQ(d.message.rfind("cannot read '" + path("manifest.json") + "'", 0), 0u) << d.message;
}

}  // namespace
}  // namespace placard
