// Issue 14 as a user meets it: --format and `format:`, files named by their
// format, the manifest, --check, the download page, and the alt text that
// exiftool (Debian's libimage-exiftool-perl) reads back from every format.
#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "base/file_io.h"
#include "image/jpeg_write.h"
#include "image/png_read.h"

#include "run_placard.h"

namespace fs = std::filesystem;

namespace {

using placard::test::Result;
using placard::test::run;
using placard::test::shell;

bool have_exiftool() {
  return shell("command -v exiftool").code == 0;
}

class FormatsCli : public placard::test::ScratchTest {
 protected:
  // A campaign of two cards over the built-in photo (layout photo) with
  // `extra` front matter lines.
  void photo_campaign(const std::string& extra = "", const std::string& sizes = "og, story") {
    write("campaign.md", "---\nname: Photo test\nlayout: photo\nsizes: [" + sizes + "]\n" + extra +
                             "---\n\n# Photo test\n\n## Ending collaborations\n\n"
                             "- End 287(g) agreements.\n");
  }
};

TEST_F(FormatsCli, ExiftoolReadsTheAltTextBackInEveryFormat) {
  if (!have_exiftool()) GTEST_SKIP() << "exiftool is missing: scripts/install-deps.sh installs it";
  for (const char* ext : {"png", "jpg", "webp"}) {
    SCOPED_TRACE(ext);
    const std::string file = path(std::string("card.") + ext);
    Result r = run("card \"End 287(g) agreements & <more>.\" -o " + file + " --layout photo");
    ASSERT_EQ(r.code, 0) << r.out;
    Result x =
        shell("exiftool -j -XMP-iptcCore:AltTextAccessibility -XMP-dc:Title -FileType " + file);
    ASSERT_EQ(x.code, 0) << x.out;
    const auto j = nlohmann::json::parse(x.out)[0];
    const std::string type = std::string(ext) == "jpg"   ? "JPEG"
                             : ext == std::string("png") ? "PNG"
                                                         : "WEBP";
    EXPECT_NE(j.value("FileType", "").find(type), std::string::npos) << x.out;  // "Extended WEBP"
    EXPECT_EQ(j.value("Title", ""), "End 287(g) agreements & <more>.");
    EXPECT_NE(j.value("AltTextAccessibility", "").find("End 287(g) agreements & <more>."),
              std::string::npos)
        << x.out;
  }
}

TEST_F(FormatsCli, APhotoWithGpsExifYieldsACardWithoutIt) {
  if (!have_exiftool()) GTEST_SKIP() << "exiftool is missing: scripts/install-deps.sh installs it";
  // A photo as a phone saves it: GPS position, camera, orientation.
  // The built-in photo as a JPEG (Placard's own encoder: no ImageMagick needed).
  const std::string photo = std::string(PLACARD_TEST_DIR) + "/../layouts/images/ridges.png";
  placard::write_file_atomic(
      path("phone.jpg"),
      placard::encode_jpeg(placard::decode_png(placard::read_file(photo), photo), {}));
  Result tag = shell(
      "exiftool -q -overwrite_original -GPSLatitude=40.7128 -GPSLatitudeRef=N "
      "-GPSLongitude=74.006 -GPSLongitudeRef=W -Make=Phone -Orientation=1 -n " +
      path("phone.jpg"));
  ASSERT_EQ(tag.code, 0) << tag.out;
  ASSERT_NE(shell("exiftool -GPSLatitude " + path("phone.jpg")).out.find("40 deg"),
            std::string::npos);
  const std::string brand = std::string(PLACARD_TEST_DIR) + "/../examples/brands/common-ground/";
  fs::copy_file(brand + "logo.png", path("logo.png"));
  write("brand.yaml", placard::read_file(brand + "brand.yaml") + "photo: phone.jpg\n");
  photo_campaign("brand: brand.yaml\n", "og");
  for (const char* format : {"jpeg", "webp", "png"}) {
    SCOPED_TRACE(format);
    Result r = run("render " + path("campaign.md") + " -o " + path("out") + " --format " + format);
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string ext = std::string(format) == "jpeg" ? "jpg" : format;
    const std::string card = path("out/end-287g-agreements/og." + ext);
    Result x = shell("exiftool -j -a -G1 -EXIF:all -GPS:all -XMP:all " + card);
    EXPECT_EQ(x.out.find("GPS"), std::string::npos) << x.out;
    EXPECT_EQ(x.out.find("Phone"), std::string::npos) << x.out;
    EXPECT_EQ(x.out.find("EXIF"), std::string::npos) << x.out;
    EXPECT_NE(x.out.find("AltTextAccessibility"), std::string::npos) << x.out;
  }
}

TEST_F(FormatsCli, AutoMakesPhotoCardsJpegAndTheManifestSaysSo) {
  photo_campaign();
  Result r = run("render " + path("campaign.md") + " -o " + path("out"));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(fs::exists(path("out/end-287g-agreements/og.jpg")));
  EXPECT_TRUE(fs::exists(path("out/ending-collaborations/story.jpg")));
  EXPECT_LE(fs::file_size(path("out/end-287g-agreements/og.jpg")), 300'000u);
  const auto m = nlohmann::json::parse(placard::read_file(path("out/manifest.json")));
  for (const auto& card : m["cards"])
    for (const auto& o : card["outputs"]) {
      EXPECT_EQ(o["format"], "jpeg");
      EXPECT_EQ(o["mime"], "image/jpeg");
      EXPECT_TRUE(o["file"].get<std::string>().ends_with(".jpg"));
    }
  // The same inputs, the same bytes.
  Result again = run("render " + path("campaign.md") + " -o " + path("again"));
  EXPECT_EQ(placard::read_file(path("out/end-287g-agreements/og.jpg")),
            placard::read_file(path("again/end-287g-agreements/og.jpg")));
  // A flat campaign stays PNG.
  write("flat.md", "# Flat\n\n- End 287(g) agreements.\n");
  ASSERT_EQ(run("render " + path("flat.md") + " -o " + path("flat")).code, 0);
  EXPECT_TRUE(fs::exists(path("flat/end-287g-agreements/og.png")));
}

TEST_F(FormatsCli, AFormatChangeReplacesTheOldFileAndCheckKnowsTheNewName) {
  photo_campaign();
  ASSERT_EQ(run("render " + path("campaign.md") + " -o " + path("out")).code, 0);
  // Front matter asks for WebP now: --check sees what is wanting.
  photo_campaign("format: webp\n");
  Result check = run("render " + path("campaign.md") + " -o " + path("out") + " --check");
  EXPECT_EQ(check.code, 1) << check.out;
  EXPECT_NE(check.out.find("missing: " + path("out/end-287g-agreements/og.webp")),
            std::string::npos)
      << check.out;
  EXPECT_NE(check.out.find("to remove (format changed): " + path("out/end-287g-agreements/og.jpg")),
            std::string::npos)
      << check.out;
  Result r = run("render " + path("campaign.md") + " -o " + path("out"));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("removed " + path("out/end-287g-agreements/og.jpg") + " (format changed)"),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(fs::exists(path("out/end-287g-agreements/og.webp")));
  EXPECT_FALSE(fs::exists(path("out/end-287g-agreements/og.jpg")));
  EXPECT_EQ(run("render " + path("campaign.md") + " -o " + path("out") + " --check").code, 0);
  // The command line wins over the front matter.
  ASSERT_EQ(run("render " + path("campaign.md") + " -o " + path("out") + " --format png").code, 0);
  EXPECT_TRUE(fs::exists(path("out/end-287g-agreements/story.png")));
  EXPECT_FALSE(fs::exists(path("out/end-287g-agreements/story.webp")));
}

TEST_F(FormatsCli, TheDownloadPageFollowsTheFormat) {
  photo_campaign();
  Result r = run("render " + path("campaign.md") + " -o " + path("out") + " --gallery");
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string page = placard::read_file(path("out/index.html"));
  EXPECT_NE(page.find("<meta property=\"og:image:type\" content=\"image/jpeg\">"),
            std::string::npos);
  EXPECT_NE(page.find("end-287g-agreements/og.jpg"), std::string::npos);
  EXPECT_NE(page.find("<a href=\"end-287g-agreements/og.jpg\" download>"), std::string::npos);
  Result zip = shell("unzip -l " + path("out/photo-test-og.zip"));
  EXPECT_NE(zip.out.find("end-287g-agreements-og.jpg"), std::string::npos) << zip.out;
  EXPECT_EQ(zip.out.find(".png"), std::string::npos) << zip.out;
}

TEST_F(FormatsCli, BudgetsAndFormatsAreCheckedWithTheirPlace) {
  photo_campaign("format: gif\n");
  Result r = run("render " + path("campaign.md") + " -o " + path("out"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("campaign.md:5:9: error: unknown format 'gif'"), std::string::npos) << r.out;
  EXPECT_EQ(run("render " + path("campaign.md") + " -o " + path("out") + " --format gif").code, 2);
  // A budget no quality can meet: a warning naming card, size, bytes and
  // budget; the card is still written. Under --strict it fails.
  write("tight.yaml", "og: 4 kB\nstory: 2 MB\n");
  photo_campaign("budgets: tight.yaml\n");
  r = run("render " + path("campaign.md") + " -o " + path("out"));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("2 warnings"), std::string::npos) << r.out;
  const nlohmann::json recorded = nlohmann::json::parse(
      placard::read_file(path("out/manifest.json")))["cards"][1]["outputs"][0]["warnings"][0];
  EXPECT_EQ(recorded["check"], "byte-budget");
  const std::string warning = recorded["message"];
  EXPECT_TRUE(warning.ends_with(
      " bytes as jpeg even at quality 50, over the og budget of 4000 bytes (4 kB)"))
      << warning;
  Result json = run("render " + path("campaign.md") + " -o " + path("out2") + " --json");
  EXPECT_NE(json.out.find("card 'end-287g-agreements' og: "), std::string::npos) << json.out;
  EXPECT_TRUE(fs::exists(path("out/end-287g-agreements/og.jpg")));
  r = run("render " + path("campaign.md") + " -o " + path("strict") + " --strict");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("error: card 'end-287g-agreements' og: "), std::string::npos) << r.out;
  write("bad.yaml", "og: 300 kB\nstroy: 2 MB\n");
  r = run("render " + path("campaign.md") + " -o " + path("out") + " --budgets " +
          path("bad.yaml"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("bad.yaml:2:1: error: unknown size 'stroy' in budgets"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("did you mean 'story'?"), std::string::npos) << r.out;
}

}  // namespace
