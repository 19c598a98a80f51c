// What the command line says when a newcomer makes a mistake: the place of
// the mistake, the same kind of error for the same kind of mistake, and a
// warning printed with its place on a pipe (CI) as on a terminal.
#include <gtest/gtest.h>

#include <filesystem>

#include "base/file_io.h"

#include "run_placard.h"

namespace fs = std::filesystem;

namespace {

using placard::test::Result;
using placard::test::run;

class Messages : public placard::test::ScratchTest {};

}  // namespace

// Front-matter errors point at the key that named the layout or brand, and a
// missing layout file is the same kind of error (exit 1) as a missing brand.
TEST_F(Messages, FrontMatterErrorsPointAtTheirKey) {
  write("a.md", "---\nname: T\nlayout: standrd\n---\n\n# T\n\n- One card.\n");
  Result a = run("render " + path("a.md") + " -o " + path("a"));
  EXPECT_EQ(a.code, 1) << a.out;
  EXPECT_NE(a.out.find(path("a.md") + ":3:9: error: unknown layout 'standrd'\n"), std::string::npos)
      << a.out;

  write("b.md", "---\nname: T\nlayout: mine.yaml\n---\n\n# T\n\n- One card.\n");
  Result b = run("render " + path("b.md") + " -o " + path("b"));
  EXPECT_EQ(b.code, 1) << b.out;
  EXPECT_NE(b.out.find(path("b.md") + ":3:9: error: layout file '" + path("mine.yaml") +
                       "' does not exist\n"),
            std::string::npos)
      << b.out;

  write("c.md", "---\nname: T\nbrand: ours.yaml\n---\n\n# T\n\n- One card.\n");
  Result c = run("render " + path("c.md") + " -o " + path("c"));
  EXPECT_EQ(c.code, 1) << c.out;
  EXPECT_NE(c.out.find(path("c.md") + ":3:8: error: brand file '" + path("ours.yaml") +
                       "' does not exist\n"),
            std::string::npos)
      << c.out;

  // --check says what failed, not that all of nothing is up to date.
  Result check = run("render " + path("c.md") + " -o " + path("c") + " --check");
  EXPECT_EQ(check.code, 1) << check.out;
  EXPECT_EQ(check.out.find("up to date"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("placard: check failed: 1 error above"), std::string::npos) << check.out;
}

// Tests run placard on a pipe, as CI does: each warning is printed with its
// place, as errors are.
TEST_F(Messages, WarningsArePrintedWithTheirPlaceOnAPipe) {
  write("glyph.md", "# G\n\n- Hieroglyph \xF0\x93\x80\x80 here.\n");
  Result r = run("render " + path("glyph.md") + " -o " + path("g"));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find(path("glyph.md") + ":3:1: warning: card 'hieroglyph-here' og: "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("1 warning"), std::string::npos) << r.out;
}

// Every unknown option and command gets a did-you-mean, before a misspelt
// option is taken for a content file.
TEST_F(Messages, UnknownOptionsAndCommandsGetASuggestion) {
  write("c.md", "# C\n\n- One.\n");
  const std::string render = "render " + path("c.md") + " -o " + path("o") + " ";
  Result size = run(render + "--size og");
  EXPECT_EQ(size.code, 2) << size.out;
  EXPECT_EQ(size.out,
            "placard: error: unknown option '--size' for 'placard render'\n"
            "hint: did you mean '--sizes'?\n"
            "hint: 'placard render --help' lists its options\n");
  Result format = run(render + "--fromat webp");
  EXPECT_EQ(format.code, 2) << format.out;
  EXPECT_NE(format.out.find("did you mean '--format'?"), std::string::npos) << format.out;
  Result force = run(render + "--forse");
  EXPECT_EQ(force.code, 2) << force.out;
  EXPECT_NE(force.out.find("did you mean '--force'?"), std::string::npos) << force.out;
  Result rendr = run("rendr " + path("c.md") + " -o " + path("o"));
  EXPECT_EQ(rendr.code, 2) << rendr.out;
  EXPECT_NE(rendr.out.find("placard: error: unknown command 'rendr'\nhint: did you mean 'render'?"),
            std::string::npos)
      << rendr.out;
  EXPECT_FALSE(fs::exists(path("o")));
  // An option's value is not taken for an option.
  EXPECT_EQ(run("card Hi --kicker --layout -o " + path("k.png")).code, 0);
}

// placard sign signs only what serve can answer, and its advice never
// writes over a file.
TEST_F(Messages, SignChecksNamesAndNeverSuggestsOverwritingAFile) {
  write("campaign.md", "# C\n\n- One.\n");
  Result bad_key = run("sign --key-file " + path("campaign.md") + " --headline x");
  EXPECT_EQ(bad_key.code, 2) << bad_key.out;
  EXPECT_EQ(bad_key.out.find("> " + path("campaign.md")), std::string::npos) << bad_key.out;
  EXPECT_NE(bad_key.out.find("hint: make a key in a new file with 'placard keygen > placard"),
            std::string::npos)
      << bad_key.out;
  EXPECT_EQ(placard::read_file(path("campaign.md")), "# C\n\n- One.\n");

  ASSERT_EQ(run("keygen > " + path("k.key")).code, 0);
  const std::string sign = "sign --key-file " + path("k.key") + " --headline x ";
  Result layout = run(sign + "--layout statment");
  EXPECT_EQ(layout.code, 2) << layout.out;
  EXPECT_NE(layout.out.find("error: --layout: unknown layout 'statment'\nhint: did you mean "
                            "'statement'?"),
            std::string::npos)
      << layout.out;
  Result size = run(sign + "--size squre");
  EXPECT_EQ(size.code, 2) << size.out;
  EXPECT_NE(size.out.find("did you mean 'square'?"), std::string::npos) << size.out;
  // A layout file is signed by its name, as serve's --layout names it.
  write("mine.yaml", placard::read_file(std::string(PLACARD_TEST_DIR) + "/../layouts/quote.yaml"));
  Result file = run(sign + "--layout " + path("mine.yaml"));
  EXPECT_EQ(file.code, 0) << file.out;
  EXPECT_TRUE(file.out.starts_with("/render/mine/og.png?")) << file.out;
}

// A layout with nowhere to put the card's text draws a blank card: that is a
// warning naming the fields, and under --strict an error.
TEST_F(Messages, TextWithNowhereToGoIsAWarningAndUnderStrictAnError) {
  write("bare.yaml",
        "name: bare\nbackground: paper\nelements:\n"
        "  - {name: band, type: rect, box: [0, 0, 0.02, 1], fill: accent}\n");
  write("c.yaml", "layout: bare.yaml\ncards:\n  - {headline: Hello., body: More.}\n");
  Result r = run("render " + path("c.yaml") + " -o " + path("o"));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("warning: card 'hello' og: layout 'bare' has no text frame for "
                       "'headline', 'body', so the card does not show it"),
            std::string::npos)
      << r.out;
  Result strict = run("render " + path("c.yaml") + " -o " + path("s") + " --strict");
  EXPECT_EQ(strict.code, 1) << strict.out;
  EXPECT_NE(strict.out.find("error: card 'hello' og: layout 'bare' has no text frame for"),
            std::string::npos)
      << strict.out;
}

// A deck that names no language is English on the download page and in the
// manifest, so its page shows one edition with its own title.
TEST_F(Messages, ADeckWithoutLangIsEnglishInTheManifest) {
  write("d.csv", "headline\nFirst.\nSecond.\n");
  ASSERT_EQ(run("render " + path("d.csv") + " -o " + path("o") + " --gallery").code, 0);
  const std::string manifest = placard::read_file(path("o/manifest.json"));
  EXPECT_EQ(manifest.find("\"lang\": \"\""), std::string::npos) << manifest;
  size_t langs = 0;
  for (size_t at = 0; (at = manifest.find("\"lang\": \"en\"", at)) != std::string::npos; ++at)
    ++langs;
  EXPECT_EQ(langs, 3u) << manifest;  // the edition and both cards
}
