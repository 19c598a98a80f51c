#include "layout/sizes.h"

#include <gtest/gtest.h>

#include <functional>

namespace placard {
namespace {

std::vector<std::string> names_of(const std::vector<SizePreset>& sizes) {
  std::vector<std::string> out;
  for (const auto& s : sizes) out.push_back(s.name);
  return out;
}

// Sizes given on the command line have no place.
std::vector<SizePreset> from_cli(std::vector<std::string> specs) {
  return parse_sizes(specs, {});
}

Diagnostic error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DiagnosticError& e) {
    return e.diagnostic();
  }
  ADD_FAILURE() << "expected an error";
  return {};
}

const std::string kSizesHint =
    "hint: sizes are og, x, square, portrait, story, pinterest, all, or WIDTHxHEIGHT such as "
    "1500x500\n";

// --- presets ---

TEST(SizePresets, NamesAndPixelsAsDocumented) {
  struct Want {
    const char* name;
    int w, h;
  };
  const Want want[] = {{"og", 1200, 630},        {"x", 1600, 900},      {"square", 1080, 1080},
                       {"portrait", 1080, 1350}, {"story", 1080, 1920}, {"pinterest", 1000, 1500}};
  const auto& presets = size_presets();
  ASSERT_EQ(presets.size(), std::size(want));
  for (size_t i = 0; i < presets.size(); ++i) {
    SCOPED_TRACE(want[i].name);
    EXPECT_EQ(presets[i].name, want[i].name);
    EXPECT_EQ(presets[i].width, want[i].w);
    EXPECT_EQ(presets[i].height, want[i].h);
    EXPECT_FALSE(presets[i].label.empty());
  }
}

// The story's safe zone clears every story surface of platforms.yaml: Shorts'
// 288 px top bar, Meta's 672 px bottom (35%), TikTok's 200 px right rail and
// Meta's 65 px (6%) left edge. The link card's stops above X's title, 76 px
// of X's 600 px high crop (y 539 of 630). The other sizes' surfaces cover no
// edge band.
TEST(SizePresets, StoryAndLinkCardSafeZonesClearTheirPlatforms) {
  for (const auto& p : size_presets()) {
    SCOPED_TRACE(p.name);
    EXPECT_FALSE(p.surfaces.empty());
    if (p.name == "story") {
      EXPECT_DOUBLE_EQ(p.safe_left * 1080, 65);
      EXPECT_DOUBLE_EQ(p.safe_top * 1920, 288);
      EXPECT_DOUBLE_EQ(p.safe_right * 1080, 200);
      EXPECT_DOUBLE_EQ(p.safe_bottom * 1920, 672);
    } else if (p.name == "og") {
      EXPECT_NEAR(p.safe_bottom * 630, 91, 1e-9);
      EXPECT_EQ(p.safe_top, 0);
      EXPECT_EQ(p.safe_left + p.safe_right, 0);
    } else {
      EXPECT_EQ(p.safe_left, 0);
      EXPECT_EQ(p.safe_top, 0);
      EXPECT_EQ(p.safe_right, 0);
      EXPECT_EQ(p.safe_bottom, 0);
    }
  }
}

TEST(Orientation, OfEachPreset) {
  EXPECT_EQ(orientation_of(1200, 630), Orientation::landscape);  // og
  EXPECT_EQ(orientation_of(1600, 900), Orientation::landscape);  // x
  EXPECT_EQ(orientation_of(1080, 1080), Orientation::square);    // square
  EXPECT_EQ(orientation_of(1080, 1350), Orientation::portrait);  // portrait
  EXPECT_EQ(orientation_of(1080, 1920), Orientation::story);     // story
  EXPECT_EQ(orientation_of(1000, 1500), Orientation::portrait);  // pinterest
}

TEST(Orientation, NearSquareIsSquareAndTallIsStory) {
  EXPECT_EQ(orientation_of(1000, 950), Orientation::square);
  EXPECT_EQ(orientation_of(1000, 1100), Orientation::square);
  EXPECT_EQ(orientation_of(1500, 500), Orientation::landscape);
  EXPECT_EQ(orientation_of(1000, 1600), Orientation::story);
  EXPECT_EQ(orientation_of(720, 1280), Orientation::story);
}

TEST(Orientation, Names) {
  EXPECT_STREQ(orientation_name(Orientation::landscape), "landscape");
  EXPECT_STREQ(orientation_name(Orientation::square), "square");
  EXPECT_STREQ(orientation_name(Orientation::portrait), "portrait");
  EXPECT_STREQ(orientation_name(Orientation::story), "story");
}

// --- parse_sizes ---

TEST(ParseSizes, AllIsEveryPresetInTableOrder) {
  EXPECT_EQ(names_of(from_cli({"all"})),
            (std::vector<std::string>{"og", "x", "square", "portrait", "story", "pinterest"}));
}

TEST(ParseSizes, CommaListsKeepTheOrderGiven) {
  EXPECT_EQ(names_of(from_cli({"story,og"})), (std::vector<std::string>{"story", "og"}));
  EXPECT_EQ(names_of(from_cli({" og , square,", "story"})),
            (std::vector<std::string>{"og", "square", "story"}));
  std::vector<SizePreset> one = from_cli({"portrait"});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].width, 1080);
  EXPECT_EQ(one[0].height, 1350);
}

TEST(ParseSizes, DuplicatesAreDropped) {
  EXPECT_EQ(names_of(from_cli({"og,og", "story", "og"})),
            (std::vector<std::string>{"og", "story"}));
  EXPECT_EQ(names_of(from_cli({"story", "all"})),
            (std::vector<std::string>{"story", "og", "x", "square", "portrait", "pinterest"}));
  EXPECT_EQ(names_of(from_cli({"1500x500,1500x500"})), std::vector<std::string>{"1500x500"});
}

TEST(ParseSizes, CustomWidthByHeight) {
  std::vector<SizePreset> s = from_cli({"og,1500x500"});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].name, "1500x500");
  EXPECT_EQ(s[1].width, 1500);
  EXPECT_EQ(s[1].height, 500);
  EXPECT_EQ(s[1].label, "custom size");
  EXPECT_EQ(s[1].safe_top, 0);
  EXPECT_EQ(s[1].safe_bottom, 0);
}

TEST(ParseSizes, CustomLimitsAreInclusive) {
  EXPECT_EQ(from_cli({"16x16"})[0].width, 16);
  EXPECT_EQ(from_cli({"8192x8192"})[0].height, 8192);
}

TEST(ParseSizes, StoryShapedCustomSizesGetTheSafeZone) {
  SizePreset tall = from_cli({"720x1280"})[0];
  EXPECT_DOUBLE_EQ(tall.safe_top * 1920, 288);
  EXPECT_DOUBLE_EQ(tall.safe_bottom * 1920, 672);
  EXPECT_DOUBLE_EQ(tall.safe_right * 1080, 200);
  SizePreset pin = from_cli({"1000x1500"})[0];  // portrait-shaped: no safe zone
  EXPECT_EQ(pin.safe_top, 0);
  EXPECT_EQ(pin.safe_bottom, 0);
}

TEST(ParseSizes, OutOfRangeFromTheCommandLineIsUsage) {
  for (const char* spec : {"9000x100", "100x8193", "15x100", "0x100"}) {
    SCOPED_TRACE(spec);
    Diagnostic d = error_of([&] { from_cli({spec}); });
    EXPECT_EQ(d.kind, FailureKind::usage);
    EXPECT_EQ(format_diagnostic(d),
              "placard: error: size '" + std::string(spec) + "' is outside 16x16 .. 8192x8192\n");
  }
}

TEST(ParseSizes, UnknownNameFromTheCommandLineIsUsage) {
  Diagnostic d = error_of([] { from_cli({"og,sqare"}); });
  EXPECT_EQ(d.kind, FailureKind::usage);
  EXPECT_EQ(format_diagnostic(d),
            "placard: error: unknown size 'sqare'\nhint: did you mean 'square'?\n" + kSizesHint);
}

TEST(ParseSizes, MalformedCustomSizesAreUnknown) {
  for (const char* spec : {"1500x", "x500", "15.5x500", "1500x500px", "1500 x 500"}) {
    SCOPED_TRACE(spec);
    Diagnostic d = error_of([&] { from_cli({spec}); });
    EXPECT_EQ(d.message, "unknown size '" + std::string(spec) + "'");
  }
}

TEST(ParseSizes, ErrorsFromAFileAreBadInputWithThePlace) {
  const SourceLoc loc{"campaign.md", 5, 8};
  Diagnostic unknown = error_of([&] { parse_sizes({"og, storey"}, loc); });
  EXPECT_EQ(unknown.kind, FailureKind::bad_input);
  EXPECT_EQ(
      format_diagnostic(unknown),
      "campaign.md:5:8: error: unknown size 'storey'\nhint: did you mean 'story'?\n" + kSizesHint);
  Diagnostic range = error_of([&] { parse_sizes({"9000x100"}, loc); });
  EXPECT_EQ(range.kind, FailureKind::bad_input);
  EXPECT_EQ(format_diagnostic(range),
            "campaign.md:5:8: error: size '9000x100' is outside 16x16 .. 8192x8192\n");
}

TEST(ParseSizes, NothingGivenIsAnError) {
  Diagnostic d = error_of([] { from_cli({" , "}); });
  EXPECT_EQ(d.kind, FailureKind::usage);
  EXPECT_EQ(format_diagnostic(d),
            "placard: error: no sizes given\nhint: try --sizes og or --sizes all\n");
  EXPECT_EQ(error_of([] { from_cli({}); }).message, "no sizes given");
}

}  // namespace
}  // namespace placard
