#include "base/diagnostics.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

namespace placard {
namespace {

Diagnostic error_at(SourceLoc loc, std::string message) {
  Diagnostic d;
  d.loc = std::move(loc);
  d.message = std::move(message);
  return d;
}

// --- format_location / format_diagnostic ---

TEST(FormatLocation, FileLineAndColumnWhenKnown) {
  EXPECT_EQ(format_location({"layouts/quote.yaml", 14, 5}), "layouts/quote.yaml:14:5");
  EXPECT_EQ(format_location({"campaign.md", 12, 0}), "campaign.md:12");
  EXPECT_EQ(format_location({"campaign.md", 0, 0}), "campaign.md");
  EXPECT_EQ(format_location({"campaign.md", 0, 7}), "campaign.md");  // a column needs a line
}

TEST(FormatLocation, NoFileIsTheProgram) {
  EXPECT_EQ(format_location({}), "placard");
}

TEST(FormatDiagnostic, ErrorWithoutSourceOrHints) {
  Diagnostic d = error_at({"campaign.md", 12, 0},
                          "card 'end-287g' headline does not fit in 3 lines at 40px (needs 4)");
  EXPECT_EQ(format_diagnostic(d),
            "campaign.md:12: error: card 'end-287g' headline does not fit in 3 lines at 40px "
            "(needs 4)\n");
}

TEST(FormatDiagnostic, WarningSaysWarning) {
  Diagnostic d = error_at({"campaign.md", 3, 1}, "no glyph for U+1F600");
  d.severity = Severity::warning;
  EXPECT_EQ(format_diagnostic(d), "campaign.md:3:1: warning: no glyph for U+1F600\n");
}

TEST(FormatDiagnostic, SourceLineWithCaretUnderTheColumnThenHints) {
  Diagnostic d =
      error_at({"layouts/quote.yaml", 14, 5}, "unknown key 'font_szie' in text box 'headline'");
  d.source_line = "    font_szie: 64";
  d.hints = {"did you mean 'font_size'?"};
  EXPECT_EQ(format_diagnostic(d),
            "layouts/quote.yaml:14:5: error: unknown key 'font_szie' in text box 'headline'\n"
            "        font_szie: 64\n"
            "        ^\n"
            "hint: did you mean 'font_size'?\n");
}

TEST(FormatDiagnostic, CaretAtFirstColumn) {
  Diagnostic d = error_at({"a.yaml", 2, 1}, "m");
  d.source_line = "bad: [";
  EXPECT_EQ(format_diagnostic(d), "a.yaml:2:1: error: m\n    bad: [\n    ^\n");
}

TEST(FormatDiagnostic, SourceLineWithoutColumnHasNoCaret) {
  Diagnostic d = error_at({"a.yaml", 2, 0}, "m");
  d.source_line = "bad: [";
  EXPECT_EQ(format_diagnostic(d), "a.yaml:2: error: m\n    bad: [\n");
}

TEST(FormatDiagnostic, EveryHintOnItsOwnLineInOrder) {
  Diagnostic d = error_at({}, "unknown size 'sqare'");
  d.hints = {"did you mean 'square'?", "sizes are og, x, square"};
  EXPECT_EQ(format_diagnostic(d),
            "placard: error: unknown size 'sqare'\n"
            "hint: did you mean 'square'?\n"
            "hint: sizes are og, x, square\n");
}

// --- fail, fail_io, fail_usage ---

TEST(Fail, ThrowsBadInputWithPlaceAndHints) {
  try {
    fail({"brand.yaml", 7, 3}, "unknown key 'acent' in brand colors", {"did you mean 'accent'?"});
    FAIL() << "fail() returned";
  } catch (const DiagnosticError& e) {
    const Diagnostic& d = e.diagnostic();
    EXPECT_EQ(d.kind, FailureKind::bad_input);
    EXPECT_EQ(d.severity, Severity::error);
    EXPECT_EQ(format_diagnostic(d),
              "brand.yaml:7:3: error: unknown key 'acent' in brand colors\n"
              "hint: did you mean 'accent'?\n");
    EXPECT_STREQ(e.what(), "unknown key 'acent' in brand colors");
  }
}

TEST(Fail, IoFailuresAreKindIo) {
  try {
    fail_io({"out/card.png", 0, 0}, "cannot write 'out/card.png': Permission denied");
    FAIL() << "fail_io() returned";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::io);
    EXPECT_EQ(format_diagnostic(e.diagnostic()),
              "out/card.png: error: cannot write 'out/card.png': Permission denied\n");
  }
}

TEST(Fail, UsageFailuresHaveNoPlace) {
  try {
    fail_usage("unknown size 'sqare'", {"did you mean 'square'?"});
    FAIL() << "fail_usage() returned";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::usage);
    EXPECT_EQ(format_diagnostic(e.diagnostic()),
              "placard: error: unknown size 'sqare'\nhint: did you mean 'square'?\n");
  }
}

// --- closest_match / did_you_mean ---

const std::vector<std::string> kRoles = {"paper", "ink", "accent", "primary", "muted"};

TEST(ClosestMatch, FindsTyposWithinTwoEdits) {
  EXPECT_EQ(closest_match("acent", kRoles), "accent");   // deletion
  EXPECT_EQ(closest_match("accnet", kRoles), "accent");  // two substitutions
  EXPECT_EQ(closest_match("papr", kRoles), "paper");
  EXPECT_EQ(closest_match("Ink", kRoles), "ink");      // case counts as one edit
  EXPECT_EQ(closest_match("muted", kRoles), "muted");  // exact
}

TEST(ClosestMatch, NothingWhenTooFar) {
  EXPECT_EQ(closest_match("background", kRoles), "");
  EXPECT_EQ(closest_match("acxyz", kRoles), "");  // three edits from "accent"
  EXPECT_EQ(closest_match("accent", {}), "");
}

TEST(ClosestMatch, LongWordsAllowAThirdOfTheirLengthInEdits) {
  const std::vector<std::string> keys = {"line_height", "max_lines"};
  EXPECT_EQ(closest_match("lineheigth", keys), "line_height");  // 3 edits, 10 letters
  EXPECT_EQ(closest_match("lnehgt", keys), "");                 // 5 edits, 6 letters
}

TEST(ClosestMatch, PrefersTheNearestThenTheFirstListed) {
  EXPECT_EQ(closest_match("stori", {"store", "story"}), "store");  // tie: first wins
  EXPECT_EQ(closest_match("stroy", {"square", "story"}), "story");
}

TEST(DidYouMean, OneHintOrNone) {
  EXPECT_EQ(did_you_mean("acent", kRoles), std::vector<std::string>{"did you mean 'accent'?"});
  EXPECT_TRUE(did_you_mean("background", kRoles).empty());
}

// --- source_lines / attach_source_line (the preview's error overlay) ---

TEST(SourceLines, TheLineWithItsNeighboursAndTheCaretAsTheCliPrintsIt) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("placard-source-" + std::to_string(getpid()) + ".yaml"))
                               .string();
  std::ofstream(path) << "name: x\nelements:\n  - name: a\r\n    font_szie: 64\n    color: ink\n";
  auto lines = source_lines({path, 4, 5}, 1);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], (std::pair<int, std::string>{3, "  - name: a"}));  // no CR
  EXPECT_EQ(lines[1].second, "    font_szie: 64");
  EXPECT_EQ(lines[2].first, 5);
  Diagnostic d = error_at({path, 4, 5}, "unknown key 'font_szie' in text box 'headline'");
  d.hints = {"did you mean 'font_size'?"};
  attach_source_line(d);
  EXPECT_EQ(format_diagnostic(d),
            path +
                ":4:5: error: unknown key 'font_szie' in text box 'headline'\n"
                "        font_szie: 64\n"
                "        ^\n"
                "hint: did you mean 'font_size'?\n");
  EXPECT_TRUE(source_lines({path, 40, 1}, 1).empty());
  EXPECT_TRUE(source_lines({"/no/such/file", 1, 1}, 1).empty());
  std::remove(path.c_str());
}

// The caret stands under the character the column (a byte offset) points at:
// a character of several bytes before it takes one space, a tab stays a tab.
TEST(FormatDiagnostic, CaretCountsCharactersNotBytesAndKeepsTabs) {
  Diagnostic d = error_at({"c.md", 3, 12}, "x");
  d.source_line = "\t- Ñandú: 𓀀";
  // Bytes: tab 1, "- " 2, "Ñandú" 7, ": " 2 → the hieroglyph starts at byte 13.
  d.loc.col = 13;
  EXPECT_EQ(format_diagnostic(d), "c.md:3:13: error: x\n    \t- Ñandú: 𓀀\n    \t         ^\n");
}

TEST(Describe, ReadsTheSourceLineAsTheCommandLinePrintsIt) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("placard-describe-" + std::to_string(getpid()) + ".md"))
                               .string();
  std::ofstream(path) << "# Title\n\n- Hieroglyph here\n";
  const Diagnostic w = warning(Check::missing_glyph, {path, 3, 1}, "no font has it", {"add one"});
  EXPECT_EQ(describe(w), path +
                             ":3:1: warning: no font has it\n"
                             "    - Hieroglyph here\n"
                             "    ^\n"
                             "hint: add one\n");
  // Without a line there is nothing to show.
  EXPECT_EQ(describe(warning(Check::contrast, {path, 0, 0}, "low")), path + ": warning: low\n");
  std::remove(path.c_str());
}

TEST(CheckName, EveryCheckHasAUniqueNameThatReadsBack) {
  std::set<std::string> names;
  for (Check c : {Check::contrast, Check::missing_glyph, Check::font_fallback, Check::byte_budget,
                  Check::unshown_text, Check::edition_gap, Check::font_licence,
                  Check::stale_manifest, Check::platform, Check::renamed_card, Check::font_marks}) {
    const std::string name = check_name(c);
    EXPECT_FALSE(name.empty());
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(check_from_name(name), c) << name;
  }
  EXPECT_EQ(check_from_name("from-a-newer-placard"), Check::none);
  EXPECT_EQ(check_from_name(""), Check::none);
}

}  // namespace
}  // namespace placard
