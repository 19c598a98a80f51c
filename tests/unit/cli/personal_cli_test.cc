// `placard personal` as a user meets it: a supporter's card of the example
// campaign, its layout dump, and the refusals the server gives too.
#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "../image/photo_bombs.h"
#include "base/file_io.h"
#include "run_placard.h"

namespace fs = std::filesystem;

namespace {

using placard::test::Result;
using placard::test::run;
using placard::test::shell;

const std::string kCampaign =
    std::string(PLACARD_TEST_DIR) + "/../examples/transforming-the-system/campaign.md";

class PersonalCli : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("placard-personal-cli-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string out(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(PersonalCli, ASupportersNameComesFirstInTheirLineAndTheSentenceKeepsItsOrder) {
  Result r = run(
      "personal " + kCampaign +
      " --card end-287g-agreements --size square --field 'name=عليّ حسن' --field city=Houston -o " +
      out("me.png") + " --dump-layout");
  ASSERT_EQ(r.code, 0) << r.out;
  ASSERT_TRUE(fs::exists(out("me.png")));
  const auto dump = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& frame : dump["frames"])
    for (const auto& block : frame["blocks"]) {
      if (!block.value("supporter", false)) continue;
      found = true;
      EXPECT_EQ(block["field"], "name");
      // Left to right as drawn: the name (an isolated run), then "·", then the
      // town (an isolated run of its own).
      EXPECT_EQ(block["visual"], nlohmann::json::parse(R"([["عليّ حسن", "·", "Houston"]])"));
    }
  EXPECT_TRUE(found) << r.out;
}

TEST_F(PersonalCli, RefusalsNameTheFieldAndWriteNothing) {
  Result missing = run("personal " + kCampaign + " --card end-287g-agreements -o " + out("a.png"));
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.out.find("'name' is required"), std::string::npos) << missing.out;
  const std::string long_name(41, 'a');
  Result too_long =
      run("personal " + kCampaign + " --card end-287g-agreements --field name=" + long_name +
          " -o " + out("b.png"));
  EXPECT_EQ(too_long.code, 1);
  EXPECT_NE(too_long.out.find("'name' is longer than 40 characters"), std::string::npos)
      << too_long.out;
  Result unknown = run("personal " + kCampaign +
                       " --card end-287g-agreements --field nmae=Ana -o " + out("c.png"));
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.out.find("did you mean 'name'?"), std::string::npos) << unknown.out;
  Result not_personal =
      run("personal " + kCampaign +
          " --card terminate-the-priority-enforcement-program --field name=Ana -o " + out("d.png"));
  EXPECT_EQ(not_personal.code, 1);
  EXPECT_NE(not_personal.out.find("may not be personalised"), std::string::npos)
      << not_personal.out;
  EXPECT_TRUE(fs::is_empty(dir_));
}

// Issue 30: a 4,984-byte PNG that claims 6324x6324 took one request to
// 454 MB. Each photo bomb is drawn or refused within 160 MB of data (heap
// and private mappings: `prlimit --data`), which is what a render worker
// may take with a photo: the process without one (~60 MB) plus the
// 'photo-memory' budget (48 MB) and room to spare. Before, the PNG needed
// more than 256 MB and ended in std::bad_alloc.
TEST_F(PersonalCli, PhotoBombsAreDrawnOrRefusedWithinTheMemoryLimit) {
#ifdef PLACARD_SANITIZED  // ASan's shadow memory would hit any such limit
  const std::string limited = std::string(PLACARD_BINARY) + " personal " + kCampaign +
                              " --card end-287g-agreements --size og --field name=Ada";
#else
  const std::string limited = "prlimit --data=" + std::to_string(160LL << 20) + " " +
                              PLACARD_BINARY + " personal " + kCampaign +
                              " --card end-287g-agreements --size og --field name=Ada";
#endif
  placard::write_file_atomic(out("bomb.png"), placard::test::png_bomb());  // turned a quarter
  placard::write_file_atomic(out("laced.png"), placard::test::png_bomb(6324, 3, true));
  for (const char* name : {"bomb.png", "laced.png"}) {
    SCOPED_TRACE(name);
    const Result r = shell(limited + " --photo " + out(name) + " -o " + out("card.png"));
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(fs::exists(out("card.png")));
    fs::remove(out("card.png"));
  }
  // Files whose decoders keep the whole claimed image whatever the scale:
  // refused by the budget before anything is allocated.
  placard::write_file_atomic(out("progressive.jpg"),
                             placard::test::jpeg_claiming(6324, 6324, true));
  placard::write_file_atomic(out("lossless.webp"),
                             placard::test::lossless_webp_claiming(6324, 6324));
  for (const char* name : {"progressive.jpg", "lossless.webp"}) {
    SCOPED_TRACE(name);
    const Result r = shell(limited + " --photo " + out(name) + " -o " + out("card.png"));
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("(limit 'photo-memory' is 50331648)"), std::string::npos) << r.out;
    // The hint is this command's own option, not another command's.
    EXPECT_NE(r.out.find("hint: raise it with --limit photo-memory=N"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("placard render"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(out("card.png")));
  }
  // And the option works here: raised, the budget no longer refuses the
  // file (its missing pixel data does).
  const Result raised = shell(std::string(PLACARD_BINARY) + " personal " + kCampaign +
                              " --card end-287g-agreements --size og --field name=Ada" +
                              " --limit photo-memory=400000000 --photo " + out("lossless.webp") +
                              " -o " + out("card.png"));
  EXPECT_EQ(raised.out.find("photo-memory"), std::string::npos) << raised.out;
}

}  // namespace
