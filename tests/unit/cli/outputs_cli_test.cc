// What the command line writes, and where it refuses to: never over one of
// its own inputs, and never a file whose name says another format than its
// bytes.
#include <gtest/gtest.h>

#include <filesystem>

#include "base/file_io.h"
#include "image/encode.h"

#include "run_placard.h"

namespace fs = std::filesystem;

namespace {

using placard::test::Result;
using placard::test::run;

class Outputs : public placard::test::ScratchTest {};

const std::string kCampaign =
    std::string(PLACARD_TEST_DIR) + "/../examples/transforming-the-system/campaign.md";

// The bytes' format, from their signature.
std::string sniff(const std::string& bytes) {
  if (bytes.starts_with("\x89PNG")) return "png";
  if (bytes.starts_with("\xFF\xD8\xFF")) return "jpeg";
  if (bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") return "webp";
  return "?";
}

}  // namespace

TEST_F(Outputs, AnOutputThatIsAnInputIsRefusedAndLeftAlone) {
  ASSERT_EQ(run("card 'A photo' -o " + path("me.jpg")).code, 0);
  const std::string photo = placard::read_file(path("me.jpg"));
  Result personal = run("personal " + kCampaign + " --card end-287g-agreements --field name=Ana" +
                        " --photo " + path("me.jpg") + " -o " + path("me.jpg"));
  EXPECT_EQ(personal.code, 2) << personal.out;
  EXPECT_NE(personal.out.find("error: the output '" + path("me.jpg") +
                              "' is the --photo file; writing it would destroy it"),
            std::string::npos)
      << personal.out;
  EXPECT_EQ(placard::read_file(path("me.jpg")), photo);

  // The same file by another name.
  const std::string brand =
      placard::read_file(std::string(PLACARD_TEST_DIR) + "/../brands/default.yaml");
  write("brand.yaml", brand);
  Result card = run("card Hi --brand " + path("brand.yaml") + " -o " + path("./brand.yaml") +
                    " --format png");
  EXPECT_EQ(card.code, 2) << card.out;
  EXPECT_NE(card.out.find("is the --brand file"), std::string::npos) << card.out;
  EXPECT_EQ(placard::read_file(path("brand.yaml")), brand);

  write("c.md", "# C\n\n- One.\n");
  Result proof = run("proof standard --content " + path("c.md") + " -o " + path("c.md"));
  EXPECT_EQ(proof.code, 2) << proof.out;
  EXPECT_NE(proof.out.find("is the --content file"), std::string::npos) << proof.out;
  EXPECT_EQ(placard::read_file(path("c.md")), "# C\n\n- One.\n");
}

TEST_F(Outputs, ARenderIntoTheContentsOwnFolderIsRefused) {
  write("site/c.md", "# C\n\n- One.\n");
  Result r = run("render " + path("site/c.md") + " -o " + path("site"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("error: the output folder '" + path("site") + "' holds the content file '" +
                       path("site/c.md") + "'"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(fs::directory_iterator(path("site"))->path().filename(), "c.md");
  // A folder beside the content is fine.
  EXPECT_EQ(run("render " + path("site/c.md") + " -o " + path("site/../cards")).code, 0);
}

TEST_F(Outputs, AnExtensionThatDisagreesWithTheFormatIsRefused) {
  Result gif = run("card Hi -o " + path("x.gif"));
  EXPECT_EQ(gif.code, 2) << gif.out;
  EXPECT_NE(gif.out.find("cannot tell an image format from the name '" + path("x.gif") + "'"),
            std::string::npos)
      << gif.out;
  EXPECT_FALSE(fs::exists(path("x.gif")));

  Result webp = run("card Hi -o " + path("a.png") + " --format webp");
  EXPECT_EQ(webp.code, 2) << webp.out;
  EXPECT_NE(webp.out.find("--format webp does not match the name '" + path("a.png") + "'"),
            std::string::npos)
      << webp.out;
  EXPECT_FALSE(fs::exists(path("a.png")));

  Result proof = run("proof standard -o " + path("x.jpg"));
  EXPECT_EQ(proof.code, 2) << proof.out;
  EXPECT_FALSE(fs::exists(path("x.jpg")));

  // Names that agree write what they say.
  ASSERT_EQ(run("card Hi -o " + path("b.webp")).code, 0);
  EXPECT_EQ(sniff(placard::read_file(path("b.webp"))), "webp");
  ASSERT_EQ(run("card Hi -o " + path("c.jpeg") + " --format jpg").code, 0);
  EXPECT_EQ(sniff(placard::read_file(path("c.jpeg"))), "jpeg");
  ASSERT_EQ(run("card Hi -o " + path("d.png") + " --format auto").code, 0);
  EXPECT_EQ(sniff(placard::read_file(path("d.png"))), "png");
}
