#include "layout/layout_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "base/resources.h"

namespace placard {
namespace {

const std::string kExampleBrand =
    std::string(PLACARD_TEST_DIR) + "/../examples/brands/transforming/brand.yaml";

Diagnostic error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DiagnosticError& e) {
    return e.diagnostic();
  }
  ADD_FAILURE() << "expected an error";
  return {};
}

// The whole diagnostic as the user sees it.
std::string layout_error(const std::string& yaml) {
  return format_diagnostic(error_of([&] { parse_layout(yaml, "fixture.yaml"); }));
}
std::string brand_error(const std::string& yaml) {
  return format_diagnostic(error_of([&] { parse_brand(yaml, "fixture.yaml"); }));
}

// Message and hints without the place: errors inside elements do not yet
// carry a usable line (see ElementErrorsPointAtTheElement below).
std::string element_error(const std::string& yaml) {
  Diagnostic d = error_of([&] { parse_layout(yaml, "fixture.yaml"); });
  EXPECT_EQ(d.loc.file, "fixture.yaml");
  EXPECT_EQ(d.kind, FailureKind::bad_input);
  std::string out = d.message + "\n";
  for (const auto& h : d.hints) out += "hint: " + h + "\n";
  return out;
}

const ElementSpec& element(const Layout& l, Orientation o, const std::string& name) {
  const auto& els = l.for_orientation(o);
  auto it =
      std::find_if(els.begin(), els.end(), [&](const ElementSpec& e) { return e.name == name; });
  if (it == els.end()) throw std::runtime_error("no element '" + name + "'");
  return *it;
}

std::vector<std::string> names(const std::vector<ElementSpec>& els) {
  std::vector<std::string> out;
  for (const auto& e : els) out.push_back(e.name);
  return out;
}

std::vector<std::string> fields(const ElementSpec& e) {
  std::vector<std::string> out;
  for (const auto& t : e.texts) out.push_back(t.field);
  return out;
}

void expect_box(const BoxSpec& b, double x, double y, double w, double h) {
  EXPECT_DOUBLE_EQ(b.x, x);
  EXPECT_DOUBLE_EQ(b.y, y);
  EXPECT_DOUBLE_EQ(b.w, w);
  EXPECT_DOUBLE_EQ(b.h, h);
}

constexpr Orientation kAllOrientations[] = {Orientation::landscape, Orientation::square,
                                            Orientation::portrait, Orientation::story};

// ---------------------------------------------------------------------------
// The built-in standard layout

class StandardLayout : public testing::Test {
 protected:
  static void SetUpTestSuite() { layout_ = new Layout(load_layout("standard")); }
  static void TearDownTestSuite() { delete layout_; }
  static const Layout& layout() { return *layout_; }
  static Layout* layout_;
};
Layout* StandardLayout::layout_ = nullptr;

TEST_F(StandardLayout, Parses) {
  EXPECT_EQ(layout().name, "standard");
  EXPECT_FALSE(layout().description.empty());
  EXPECT_EQ(layout().background, "paper");
  EXPECT_TRUE(layout().path.ends_with("layouts/standard.yaml")) << layout().path;
}

TEST_F(StandardLayout, EveryOrientationHasTheSameElementsInPaintOrder) {
  const auto landscape = names(layout().for_orientation(Orientation::landscape));
  for (const char* n : {"band", "quote-mark", "main", "heading", "quote", "footer", "logo"})
    EXPECT_NE(std::find(landscape.begin(), landscape.end(), n), landscape.end()) << n;
  EXPECT_EQ(landscape.front(), "band");  // the accent band is painted under everything
  for (Orientation o : kAllOrientations)
    EXPECT_EQ(names(layout().for_orientation(o)), landscape) << orientation_name(o);
}

TEST_F(StandardLayout, OverridesChangeTheNamedElementsBox) {
  const ElementSpec& land = element(layout(), Orientation::landscape, "main");
  const ElementSpec& story = element(layout(), Orientation::story, "main");
  EXPECT_FALSE(land.box.x == story.box.x && land.box.y == story.box.y &&
               land.box.w == story.box.w && land.box.h == story.box.h);
  // Only the box changes: the stack keeps its fields and alignment.
  EXPECT_EQ(story.type, ElementType::stack);
  EXPECT_EQ(fields(story), fields(land));
  EXPECT_EQ(story.valign, land.valign);
}

TEST_F(StandardLayout, BandStaysOnTheCanvasWhenItsBoxIsOverridden) {
  for (Orientation o : kAllOrientations) {
    const ElementSpec& band = element(layout(), o, "band");
    EXPECT_EQ(band.type, ElementType::rect) << orientation_name(o);
    EXPECT_TRUE(band.box.canvas) << orientation_name(o);
    EXPECT_EQ(band.fill.color, "accent");
  }
  // Vertical on link cards, horizontal on tall ones.
  EXPECT_GT(element(layout(), Orientation::landscape, "band").box.h,
            element(layout(), Orientation::landscape, "band").box.w);
  EXPECT_GT(element(layout(), Orientation::story, "band").box.w,
            element(layout(), Orientation::story, "band").box.h);
}

TEST_F(StandardLayout, EveryBoxLiesInsideItsArea) {
  for (Orientation o : kAllOrientations) {
    for (const ElementSpec& e : layout().for_orientation(o)) {
      SCOPED_TRACE(std::string(orientation_name(o)) + " " + e.name);
      EXPECT_GE(e.box.x, 0);
      EXPECT_GE(e.box.y, 0);
      EXPECT_LE(e.box.x + e.box.w, 1 + 1e-9);
      EXPECT_LE(e.box.y + e.box.h, 1 + 1e-9);
    }
  }
}

TEST_F(StandardLayout, WhenKindsAreParsed) {
  const Orientation o = Orientation::landscape;
  EXPECT_EQ(element(layout(), o, "quote-mark").when, std::vector<CardKind>{CardKind::quote});
  EXPECT_EQ(element(layout(), o, "quote").when, std::vector<CardKind>{CardKind::quote});
  EXPECT_EQ(element(layout(), o, "heading").when, std::vector<CardKind>{CardKind::heading});
  EXPECT_EQ(element(layout(), o, "main").when,
            (std::vector<CardKind>{CardKind::recommendation, CardKind::statement}));
  EXPECT_TRUE(element(layout(), o, "footer").when.empty());  // every kind
  EXPECT_TRUE(element(layout(), o, "logo").when.empty());
}

TEST_F(StandardLayout, TextElementsBindTheirFields) {
  const Orientation o = Orientation::landscape;
  EXPECT_EQ(fields(element(layout(), o, "main")),
            (std::vector<std::string>{"kicker", "headline", "body"}));
  EXPECT_EQ(fields(element(layout(), o, "quote")),
            (std::vector<std::string>{"headline", "attribution"}));
  EXPECT_EQ(fields(element(layout(), o, "footer")), std::vector<std::string>{"footer"});

  const ElementSpec& mark = element(layout(), o, "quote-mark");
  ASSERT_EQ(mark.texts.size(), 1u);
  // The language's opening quotation mark, in Inter's round form.
  EXPECT_EQ(mark.texts[0].field, "quote_mark");
  EXPECT_EQ(mark.texts[0].literal, "");
  EXPECT_EQ(mark.texts[0].features, "ss03, halt");

  const TextSpec& headline = element(layout(), o, "main").texts[1];
  EXPECT_EQ(headline.font, "display");
  EXPECT_EQ(headline.color, "ink");
  EXPECT_EQ(headline.strong_color, "accent");
  EXPECT_LT(headline.size_min, headline.size_max);
  const TextSpec& kicker = element(layout(), o, "main").texts[0];
  EXPECT_TRUE(kicker.uppercase);
  EXPECT_EQ(kicker.weight, 700);

  const ElementSpec& logo = element(layout(), o, "logo");
  EXPECT_EQ(logo.type, ElementType::image);
  EXPECT_EQ(logo.source, "logo");
  EXPECT_EQ(logo.halign, Align::end);
}

TEST(LoadLayout, ByPathToo) {
  Layout l = load_layout(layouts_dir() + "/standard.yaml");
  EXPECT_EQ(l.name, "standard");
}

TEST(LoadLayout, UnknownNameSuggestsTheClosest) {
  Diagnostic d = error_of([] { load_layout("standrd"); });
  EXPECT_EQ(d.kind, FailureKind::bad_input);
  EXPECT_EQ(format_diagnostic(d),
            "placard: error: unknown layout 'standrd'\n"
            "hint: did you mean 'standard'?\n"
            "hint: built-in layouts: frame, heading, photo, quote, recommendation, standard, "
            "statement, story "
            "(or give a .yaml or .svg file)\n");
}

TEST(ListLayouts, NamesTheStandardLayoutWithItsDescription) {
  auto all = list_layouts();
  auto it =
      std::find_if(all.begin(), all.end(), [](const auto& p) { return p.first == "standard"; });
  ASSERT_NE(it, all.end());
  EXPECT_EQ(it->second, load_layout("standard").description);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
}

// ---------------------------------------------------------------------------
// Layout fixtures

TEST(ParseLayout, ReadsEveryElementKind) {
  Layout l = parse_layout(R"(name: fixture-layout
description: all kinds
background: primary
mirror_rtl: false
elements:
  - name: bar
    type: rect
    area: canvas
    box: [0, 0.5, 1, 0.25]
    fill: muted
    radius: 8
  - name: title
    type: text
    box: [0.1, 0.2, 0.8, 0.3]
    valign: bottom
    field: headline
    font: display
    weight: 800
    italic: true
    size: [24, 80]
    line_height: 1.1
    tracking: 0.02
    uppercase: true
    color: "#ff0000"
    align: center
    max_lines: 3
    balance: false
    hyphenate: false
    features: "ss01, tnum"
    strong: {color: accent, weight: 900}
    em: {color: muted}
    mark: {color: primary, text_color: ink}
  - name: pair
    type: stack
    box: [0, 0, 1, 1]
    items:
      - field: kicker
        size: 20
      - field: body
        gap: 12
  - name: badge
    type: image
    source: ../examples/brands/common-ground/logo.png
    box: [0.8, 0.8, 0.1, 0.1]
    halign: end
    valign: top
)",
                          std::string(PLACARD_TEST_DIR) + "/fixture.yaml");
  EXPECT_EQ(l.name, "fixture-layout");
  EXPECT_EQ(l.description, "all kinds");
  EXPECT_EQ(l.background, "primary");
  EXPECT_EQ(l.path, std::string(PLACARD_TEST_DIR) + "/fixture.yaml");
  EXPECT_FALSE(l.mirror_rtl);
  const auto& els = l.for_orientation(Orientation::square);
  ASSERT_EQ(els.size(), 4u);

  const ElementSpec& bar = els[0];
  EXPECT_EQ(bar.type, ElementType::rect);
  expect_box(bar.box, 0, 0.5, 1, 0.25);
  EXPECT_TRUE(bar.box.canvas);
  EXPECT_EQ(bar.fill.color, "muted");
  EXPECT_EQ(bar.radius, 8);

  const ElementSpec& title = els[1];
  EXPECT_EQ(title.type, ElementType::text);
  EXPECT_FALSE(title.box.canvas);
  EXPECT_EQ(title.valign, VAlign::bottom);
  ASSERT_EQ(title.texts.size(), 1u);
  const TextSpec& t = title.texts[0];
  EXPECT_EQ(t.field, "headline");
  EXPECT_EQ(t.font, "display");
  EXPECT_EQ(t.weight, 800);
  EXPECT_TRUE(t.italic);
  EXPECT_EQ(t.size_min, 24);
  EXPECT_EQ(t.size_max, 80);
  EXPECT_EQ(t.line_height, 1.1);
  EXPECT_EQ(t.tracking, 0.02);
  EXPECT_TRUE(t.uppercase);
  EXPECT_EQ(t.color, "#ff0000");
  EXPECT_EQ(t.align, Align::center);
  EXPECT_EQ(t.max_lines, 3);
  EXPECT_FALSE(t.balance);
  EXPECT_EQ(t.strong_color, "accent");
  EXPECT_EQ(t.strong_weight, 900);
  EXPECT_EQ(t.em_color, "muted");
  EXPECT_EQ(t.mark_color, "primary");
  EXPECT_EQ(t.mark_text_color, "ink");
  EXPECT_FALSE(t.hyphenate);
  EXPECT_EQ(t.features, "ss01, tnum");

  const ElementSpec& pair = els[2];
  EXPECT_EQ(pair.type, ElementType::stack);
  ASSERT_EQ(pair.texts.size(), 2u);
  EXPECT_EQ(pair.texts[0].size_min, 20);  // one number: min = max
  EXPECT_EQ(pair.texts[0].size_max, 20);
  EXPECT_EQ(pair.texts[1].gap_before, 12);

  const ElementSpec& badge = els[3];
  EXPECT_EQ(badge.type, ElementType::image);
  EXPECT_EQ(badge.source, "../examples/brands/common-ground/logo.png");
  EXPECT_EQ(badge.halign, Align::end);
  EXPECT_EQ(badge.valign, VAlign::top);
}

TEST(ParseLayout, Defaults) {
  Layout l = parse_layout(R"(elements:
  - box: [0, 0, 1, 1]
    field: footer
  - type: image
    box: [0, 0, 1, 1]
)",
                          "dir/my-layout.yaml");
  EXPECT_EQ(l.name, "my-layout");  // the file's stem
  EXPECT_EQ(l.background, "paper");
  EXPECT_TRUE(l.mirror_rtl);
  const auto& els = l.for_orientation(Orientation::landscape);
  ASSERT_EQ(els.size(), 2u);
  EXPECT_EQ(els[0].name, "element-1");
  EXPECT_EQ(els[0].type, ElementType::text);
  EXPECT_EQ(els[0].valign, VAlign::top);
  EXPECT_TRUE(els[0].when.empty());
  const TextSpec& t = els[0].texts.at(0);
  EXPECT_EQ(t.font, "text");
  EXPECT_EQ(t.color, "ink");
  EXPECT_EQ(t.weight, 0);
  EXPECT_TRUE(t.balance);
  EXPECT_TRUE(t.hyphenate);
  EXPECT_EQ(t.features, "");
  EXPECT_EQ(t.mark_color, "");  // build_card() falls back to accent on paper
  EXPECT_EQ(els[1].name, "element-2");
  EXPECT_EQ(els[1].source, "logo");
  EXPECT_EQ(els[1].valign, VAlign::center);
}

TEST(ParseLayout, WhenTakesAListOrCommaText) {
  Layout l = parse_layout(R"(elements:
  - type: rect
    when: quote, heading
    box: [0, 0, 1, 1]
  - type: rect
    when: [statement]
    box: [0, 0, 1, 1]
)",
                          "fixture.yaml");
  const auto& els = l.for_orientation(Orientation::story);
  EXPECT_EQ(els[0].when, (std::vector<CardKind>{CardKind::quote, CardKind::heading}));
  EXPECT_EQ(els[1].when, std::vector<CardKind>{CardKind::statement});
}

const char* kOverrides = R"(elements:
  - name: main
    type: stack
    box: [0.1, 0.1, 0.8, 0.6]
    valign: center
    items:
      - field: headline
        size: [40, 90]
      - field: body
        size: [20, 30]
  - name: foot
    type: text
    box: [0.1, 0.9, 0.8, 0.1]
    field: footer
overrides:
  story:
    main:
      box: [0.05, 0.05, 0.9, 0.7]
      items: {headline: {size: [50, 120]}}
  landscape:
    foot: {box: [0.1, 0.85, 0.5, 0.1], align: end}
)";

TEST(ParseLayout, OverridesApplyOnlyToTheirOrientation) {
  Layout l = parse_layout(kOverrides, "fixture.yaml");
  expect_box(element(l, Orientation::square, "main").box, 0.1, 0.1, 0.8, 0.6);
  expect_box(element(l, Orientation::portrait, "main").box, 0.1, 0.1, 0.8, 0.6);
  expect_box(element(l, Orientation::story, "main").box, 0.05, 0.05, 0.9, 0.7);
  expect_box(element(l, Orientation::landscape, "foot").box, 0.1, 0.85, 0.5, 0.1);
  expect_box(element(l, Orientation::story, "foot").box, 0.1, 0.9, 0.8, 0.1);
  EXPECT_EQ(element(l, Orientation::landscape, "foot").texts[0].align, Align::end);
  EXPECT_EQ(element(l, Orientation::square, "foot").texts[0].align, Align::start);
}

TEST(ParseLayout, OverridesMergeKeysAndPatchStackItemsByField) {
  Layout l = parse_layout(kOverrides, "fixture.yaml");
  const ElementSpec& story = element(l, Orientation::story, "main");
  EXPECT_EQ(story.valign, VAlign::center);  // untouched keys stay
  ASSERT_EQ(story.texts.size(), 2u);
  EXPECT_EQ(story.texts[0].size_min, 50);
  EXPECT_EQ(story.texts[0].size_max, 120);
  EXPECT_EQ(story.texts[1].size_max, 30);  // other items stay
  EXPECT_EQ(element(l, Orientation::square, "main").texts[0].size_max, 90);
}

TEST(ParseLayout, OverridingAStacksItemsLeavesAStackSharingThemAsWritten) {
  // Both stacks hold the same items through a YAML alias; an override of one
  // is not an override of the other.
  Layout l = parse_layout(R"(elements:
  - name: main
    type: stack
    box: [0, 0, 1, 0.5]
    items: &text
      - field: headline
        size: [40, 90]
  - name: other
    type: stack
    box: [0, 0.5, 1, 0.5]
    items: *text
overrides:
  story:
    main: {items: {headline: {size: [50, 120]}}}
)",
                          "fixture.yaml");
  EXPECT_EQ(element(l, Orientation::story, "main").texts[0].size_max, 120);
  EXPECT_EQ(element(l, Orientation::story, "other").texts[0].size_max, 90);
  EXPECT_EQ(element(l, Orientation::landscape, "main").texts[0].size_max, 90);
}

// --- layout errors with their place ---

TEST(ParseLayoutErrors, UnknownTopLevelKey) {
  EXPECT_EQ(layout_error("elements:\n  - type: rect\n    box: [0, 0, 1, 1]\nbackgound: ink\n"),
            "fixture.yaml:4:1: error: unknown key 'backgound' in layout\n"
            "hint: did you mean 'background'?\n");
}

TEST(ParseLayoutErrors, NoElements) {
  EXPECT_EQ(layout_error("name: empty\n"),
            "fixture.yaml:1:1: error: layout needs 'elements': a list of shapes, text and "
            "images\n");
  EXPECT_EQ(layout_error("name: empty\nelements: []\n"),
            "fixture.yaml:2:11: error: layout needs 'elements': a list of shapes, text and "
            "images\n");
}

TEST(ParseLayoutErrors, InvalidYaml) {
  EXPECT_EQ(
      layout_error("elements: [\n"),
      "fixture.yaml:2:1: error: invalid YAML: while parsing a flow node, did not find expected "
      "node content\n");
}

const std::string kMain = "elements:\n  - name: main\n    type: rect\n    box: [0, 0, 1, 1]\n";

TEST(ParseLayoutErrors, OverrideNamingAnUnknownElement) {
  EXPECT_EQ(layout_error(kMain + "overrides:\n  story:\n    mian: {box: [0, 0, 1, 1]}\n"),
            "fixture.yaml:7:11: error: override for unknown element 'mian'\n"
            "hint: did you mean 'main'?\n");
  EXPECT_EQ(layout_error(kMain + "overrides:\n  story:\n    logo: {box: [0, 0, 1, 1]}\n"),
            "fixture.yaml:7:11: error: override for unknown element 'logo'\n");
}

TEST(ParseLayoutErrors, UnknownOrientationInOverrides) {
  EXPECT_EQ(layout_error(kMain + "overrides:\n  stroy:\n    main: {box: [0, 0, 1, 1]}\n"),
            "fixture.yaml:6:3: error: unknown orientation or size 'stroy' in 'overrides'\n"
            "hint: did you mean 'story'?\n");
  EXPECT_EQ(layout_error(kMain + "overrides:\n  widescreen: {}\n"),
            "fixture.yaml:6:3: error: unknown orientation or size 'widescreen' in 'overrides'\n");
}

TEST(ParseLayoutErrors, OverridesMustBeAMapping) {
  EXPECT_EQ(
      layout_error(kMain + "overrides: [story]\n"),
      "fixture.yaml:5:12: error: 'overrides' must map orientations or sizes to element changes\n");
}

TEST(ParseLayoutErrors, BadValueInAnOverrideIsReportedAtTheOverride) {
  EXPECT_EQ(layout_error(kMain + "overrides:\n  story:\n    main: {box: [0, 0, 1]}\n"),
            "fixture.yaml:7:17: error: 'box' must be [x, y, width, height] as fractions of "
            "the area\n");
}

TEST(ParseLayoutErrors, OverridePatchingAMissingStackItem) {
  EXPECT_EQ(layout_error(R"(elements:
  - name: main
    type: stack
    box: [0, 0, 1, 1]
    items:
      - field: headline
overrides:
  story:
    main: {items: {body: {size: 30}}}
)"),
            "fixture.yaml:9:20: error: stack 'main' has no item with field 'body'\n");
}

TEST(ParseLayoutErrors, ErrorsInAnOverriddenElementPointAtTheirPlace) {
  // The element keeps its own place; the override's values keep theirs.
  Diagnostic d = error_of([] {
    parse_layout(kMain + "overrides:\n  story:\n    main: {fill: blurple}\n", "fixture.yaml");
  });
  EXPECT_EQ(d.loc.line, 7);
  EXPECT_EQ(d.loc.col, 18);
  EXPECT_EQ(layout_error("elements:\n  - name: main\n    type: text\n    box: [0, 0, 1, 1]\n"
                         "    field: headline\noverrides:\n  story:\n    main: {field: ~}\n"),
            "fixture.yaml:2:5: error: text needs a 'field' to show or a literal 'text'\n");
}

// --- errors inside an element: message and hints ---

TEST(ParseLayoutErrors, UnknownKeyInAnElement) {
  EXPECT_EQ(element_error("elements:\n  - name: band\n    type: rect\n    box: [0, 0, 1, 1]\n"
                          "    fil: accent\n"),
            "unknown key 'fil' in layout element 'band'\nhint: did you mean 'fill'?\n");
  // A text key on a shape is unknown there.
  EXPECT_EQ(element_error("elements:\n  - name: band\n    type: rect\n    box: [0, 0, 1, 1]\n"
                          "    color: ink\n"),
            "unknown key 'color' in layout element 'band'\n");
}

TEST(ParseLayoutErrors, UnknownKeyInAStackItemOrEmphasis) {
  EXPECT_EQ(element_error("elements:\n  - name: main\n    type: stack\n    box: [0, 0, 1, 1]\n"
                          "    items:\n      - field: headline\n        colr: ink\n"),
            "unknown key 'colr' in an item of stack 'main'\nhint: did you mean 'color'?\n");
  EXPECT_EQ(element_error("elements:\n  - name: t\n    box: [0, 0, 1, 1]\n    field: headline\n"
                          "    strong: {colour: accent}\n"),
            "unknown key 'colour' in 'strong'\nhint: did you mean 'color'?\n");
  EXPECT_EQ(element_error("elements:\n  - name: t\n    box: [0, 0, 1, 1]\n    field: headline\n"
                          "    mark: {color: accent, text_colour: ink}\n"),
            "unknown key 'text_colour' in 'mark'\nhint: did you mean 'text_color'?\n");
}

TEST(ParseLayoutErrors, UnknownElementType) {
  EXPECT_EQ(element_error("elements:\n  - name: t\n    type: txt\n    box: [0, 0, 1, 1]\n"),
            "unknown type 'txt' in layout element 't'\n"
            "hint: did you mean 'text'?\n"
            "hint: 'type' is one of 'rect', 'text', 'stack', 'image', 'line', 'svg'\n");
}

TEST(ParseLayoutErrors, BadBox) {
  const std::string head = "elements:\n  - name: t\n    type: rect\n";
  const std::string shape = "'box' must be [x, y, width, height] as fractions of the area\n";
  EXPECT_EQ(element_error(head), "element needs a 'box: [x, y, width, height]'\n");
  EXPECT_EQ(element_error(head + "    box: [0, 0, 1]\n"), shape);
  EXPECT_EQ(element_error(head + "    box: [0, 0, 1, 1, 1]\n"), shape);
  EXPECT_EQ(element_error(head + "    box: [0, 0, wide, 1]\n"),
            "'box' width must be a fraction (0.08), a percentage (\"8%\") or px (\"24px\"), "
            "not 'wide'\n");
  EXPECT_EQ(element_error(head + "    box: 1\n"), shape);
  EXPECT_EQ(element_error(head + "    box: [0, 0, 0, 1]\n"),
            "'box' width and height must be positive\n");
  EXPECT_EQ(element_error(head + "    box: [0, 0, 1, -0.5]\n"),
            "'box' width and height must be positive\n");
  EXPECT_EQ(element_error(head + "    box: [0, 0, 1, 1]\n    area: page\n"),
            "unknown area 'page' in layout element 't'\n"
            "hint: did you mean 'safe'?\n"
            "hint: 'area' is one of 'safe', 'canvas'\n");
}

TEST(ParseLayoutErrors, UnknownWhenKind) {
  EXPECT_EQ(element_error("elements:\n  - name: t\n    type: rect\n    when: [quote, qoute]\n"
                          "    box: [0, 0, 1, 1]\n"),
            "unknown card kind 'qoute' in 'when'\nhint: did you mean 'quote'?\n");
  EXPECT_EQ(element_error("elements:\n  - name: t\n    type: rect\n    when: poster\n"
                          "    box: [0, 0, 1, 1]\n"),
            "unknown card kind 'poster' in 'when'\n");
}

TEST(ParseLayoutErrors, StackWithoutItems) {
  const std::string head = "elements:\n  - name: main\n    type: stack\n    box: [0, 0, 1, 1]\n";
  const std::string want = "a stack needs 'items': a list of text fields\n";
  EXPECT_EQ(element_error(head), want);
  EXPECT_EQ(element_error(head + "    items: []\n"), want);
  EXPECT_EQ(element_error(head + "    items: headline\n"), want);
}

TEST(ParseLayoutErrors, SizeRange) {
  const std::string head = "elements:\n  - name: t\n    box: [0, 0, 1, 1]\n    field: headline\n";
  const std::string order = "'size' needs 0 < min <= max\n";
  const std::string shape = "'size' must be a number or [min, max]\n";
  EXPECT_EQ(element_error(head + "    size: [80, 24]\n"), order);
  EXPECT_EQ(element_error(head + "    size: [0, 24]\n"), order);
  EXPECT_EQ(element_error(head + "    size: -3\n"), order);
  EXPECT_EQ(element_error(head + "    size: big\n"), shape);
  EXPECT_EQ(element_error(head + "    size: [1, 2, 3]\n"), shape);
  EXPECT_EQ(element_error(head + "    size: [small, 2]\n"), shape);
}

TEST(ParseLayoutErrors, TextNeedsAFieldOrLiteral) {
  EXPECT_EQ(element_error("elements:\n  - name: t\n    box: [0, 0, 1, 1]\n    font: display\n"),
            "text needs a 'field' to show or a literal 'text'\n");
}

TEST(ParseLayoutErrors, UnknownFieldAndFont) {
  const std::string head = "elements:\n  - name: t\n    box: [0, 0, 1, 1]\n";
  Diagnostic field = error_of([&] { parse_layout(head + "    field: hedline\n", "fixture.yaml"); });
  EXPECT_EQ(field.message, "unknown field 'hedline' in layout element 't'");
  ASSERT_FALSE(field.hints.empty());
  EXPECT_EQ(field.hints[0], "did you mean 'headline'?");
  EXPECT_EQ(element_error(head + "    field: headline\n    font: serif\n"),
            "unknown font 'serif' in layout element 't'\n"
            "hint: 'font' is one of 'display', 'text'\n");
}

TEST(ParseLayoutErrors, ElementMustBeAMapping) {
  EXPECT_EQ(element_error("elements:\n  - just a name\n"),
            "layout element 1 must be a mapping of 'key: value' lines\n");
}

// Known bug: parse_layout() copies the element list with YAML::Clone before
// applying overrides, which drops every mark, so errors inside an element all
// report "fixture.yaml:1:1". Enable when elements keep their places.
TEST(ParseLayoutErrors, ElementErrorsPointAtTheElement) {
  EXPECT_EQ(layout_error("elements:\n  - name: band\n    type: rect\n    box: [0, 0, 1, 1]\n"
                         "    fil: accent\n"),
            "fixture.yaml:5:5: error: unknown key 'fil' in layout element 'band'\n"
            "hint: did you mean 'fill'?\n");
  EXPECT_EQ(layout_error("elements:\n  - name: t\n    type: rect\n    box: [0, 0, 1]\n"),
            "fixture.yaml:4:10: error: 'box' must be [x, y, width, height] as fractions of "
            "the area\n");
}

// Known bug: a misspelt 'strong', 'em' or 'mark' gets no hint, since they are only read
// when present. Enable when fixed.
TEST(ParseLayoutErrors, MisspeltStrongGetsAHint) {
  EXPECT_EQ(element_error("elements:\n  - name: t\n    box: [0, 0, 1, 1]\n    field: headline\n"
                          "    stong: {color: accent}\n"),
            "unknown key 'stong' in layout element 't'\nhint: did you mean 'strong'?\n");
}

// Known bug: an orientation mapped to something other than element changes
// is silently ignored. Enable when fixed.
TEST(ParseLayoutErrors, OrientationOverrideMustBeAMapping) {
  Diagnostic d =
      error_of([] { parse_layout(kMain + "overrides:\n  story: [main]\n", "fixture.yaml"); });
  EXPECT_EQ(d.loc.line, 6);
}

// ---------------------------------------------------------------------------
// Anchors: an element that follows a text element's lines

const std::string kAnchored = R"(elements:
  - name: bar
    type: rect
    box: [0.1, 0.1, 0.2, 20px]
    anchor: {to: main, edge: top, gap: 18px}
  - name: main
    type: text
    field: headline
    box: [0.1, 0.2, 0.8, 0.6]
  - name: quote
    type: stack
    box: [0.1, 0.2, 0.8, 0.6]
    items:
      - field: headline
  - name: rule
    type: line
    from: [0.1, 0.9]
    to: [0.3, 0.9]
)";

TEST(ParseLayout, AnAnchorNamesItsTextEdgeAndGap) {
  Layout l = parse_layout(kAnchored +
                              "overrides:\n  story:\n"
                              "    rule: {anchor: {to: [quote, main], edge: bottom, gap: 0.02}}\n"
                              "    bar: {anchor: ~}\n",
                          "fixture.yaml");
  const AnchorSpec& a = element(l, Orientation::landscape, "bar").anchor;
  ASSERT_EQ(a.to.size(), 1u);
  EXPECT_EQ(a.to[0].name, "main");
  EXPECT_EQ(a.to[0].loc.line, 5);
  EXPECT_FALSE(a.bottom);
  EXPECT_DOUBLE_EQ(a.px_gap, 18);
  EXPECT_DOUBLE_EQ(a.gap, 0);
  EXPECT_TRUE(element(l, Orientation::landscape, "rule").anchor.to.empty());
  // An override anchors the rule on stories only, below the first of its
  // targets the card has, and takes the bar's anchor away.
  const AnchorSpec& r = element(l, Orientation::story, "rule").anchor;
  ASSERT_EQ(r.to.size(), 2u);
  EXPECT_EQ(r.to[0].name, "quote");
  EXPECT_EQ(r.to[1].name, "main");
  EXPECT_TRUE(r.bottom);
  EXPECT_DOUBLE_EQ(r.gap, 0.02);
  EXPECT_TRUE(element(l, Orientation::story, "bar").anchor.to.empty());
}

TEST(ParseLayoutErrors, AnAnchorMustNameATextElementOfTheLayout) {
  auto with = [](const std::string& anchor) {
    std::string yaml = kAnchored;
    const std::string written = "{to: main, edge: top, gap: 18px}";
    yaml.replace(yaml.find(written), written.size(), anchor);
    return layout_error(yaml);
  };
  EXPECT_EQ(with("{to: mian}"),
            "fixture.yaml:5:18: error: the anchor of 'bar' names an unknown element 'mian'\n"
            "hint: did you mean 'main'?\n");
  EXPECT_EQ(with("{to: [quote, qoute]}"),
            "fixture.yaml:5:26: error: the anchor of 'bar' names an unknown element 'qoute'\n"
            "hint: did you mean 'quote'?\n");
  EXPECT_EQ(with("{to: rule}"),
            "fixture.yaml:5:18: error: the anchor of 'bar' names 'rule', which is not a text or "
            "stack element\n"
            "hint: an element follows the lines of a text or stack element\n");
  EXPECT_EQ(with("{to: bar}"),
            "fixture.yaml:5:18: error: element 'bar' is anchored to itself\n"
            "hint: anchor it to the text or stack element it should follow\n");
  EXPECT_EQ(with("{to: main, egde: top}"),
            "fixture.yaml:5:24: error: unknown key 'egde' in 'anchor'\n"
            "hint: did you mean 'edge'?\n");
  EXPECT_EQ(with("{to: main, edge: above}"),
            "fixture.yaml:5:30: error: unknown edge 'above' in 'anchor'\n"
            "hint: 'edge' is one of 'top', 'bottom'\n");
  EXPECT_EQ(with("{edge: top}"),
            "fixture.yaml:5:13: error: 'anchor' needs 'to': the name of the text or stack element "
            "it follows (or a list of names)\n");
  EXPECT_EQ(with("{to: main, gap: 18pt}"),
            "fixture.yaml:5:29: error: 'gap' of 'anchor' must be a fraction (0.08), a percentage "
            "(\"8%\") or px (\"24px\"), not '18pt'\n");
  EXPECT_EQ(with("main"),
            "fixture.yaml:5:13: error: 'anchor' must be a mapping, e.g. {to: main, edge: top, "
            "gap: 18px}\n");
}

TEST(ParseLayoutErrors, AnchorsMayNotFollowEachOtherRoundInACircle) {
  EXPECT_EQ(layout_error(R"(elements:
  - name: mark
    type: text
    text: "x"
    box: [0, 0, 1, 1]
    anchor: {to: quote}
  - name: quote
    type: text
    field: headline
    box: [0, 0, 1, 1]
    anchor: {to: mark, edge: bottom}
)"),
            "fixture.yaml:6:13: error: the anchors of 'mark' and 'quote' follow each other round "
            "in a circle\n"
            "hint: anchor one of them to a text element that is not anchored back\n");
}

// ---------------------------------------------------------------------------
// `with`: a decoration drawn only beside the content it decorates

const std::string kWith = R"(elements:
  - name: rule
    type: line
    from: [0.1, 0.7]
    to: [0.2, 0.7]
    with: attribution
  - name: attribution
    type: text
    field: attribution
    box: [0.25, 0.65, 0.6, 0.1]
  - name: logo
    type: image
    source: logo
    box: [0.7, 0.85, 0.2, 0.1]
  - name: band
    type: rect
    box: [0, 0, 1, 0.1]
)";

TEST(ParseLayout, WithNamesTheElementsADecorationGoesWith) {
  Layout l = parse_layout(kWith +
                              "overrides:\n  story:\n"
                              "    rule: {with: [attribution, logo]}\n"
                              "  square:\n"
                              "    rule: {with: ~}\n",
                          "fixture.yaml");
  const std::vector<ElementRef>& w = element(l, Orientation::landscape, "rule").with;
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].name, "attribution");
  EXPECT_EQ(w[0].loc.line, 6);
  EXPECT_EQ(w[0].loc.col, 11);
  EXPECT_TRUE(element(l, Orientation::landscape, "band").with.empty());
  const std::vector<ElementRef>& story = element(l, Orientation::story, "rule").with;
  ASSERT_EQ(story.size(), 2u);
  EXPECT_EQ(story[1].name, "logo");
  EXPECT_TRUE(element(l, Orientation::square, "rule").with.empty());
}

TEST(ParseLayoutErrors, WithMustNameATextStackOrImageElement) {
  auto with = [](const std::string& value) {
    std::string yaml = kWith;
    yaml.replace(yaml.find("with: attribution"), 17, "with: " + value);
    return layout_error(yaml);
  };
  EXPECT_EQ(with("atribution"),
            "fixture.yaml:6:11: error: 'with' of 'rule' names an unknown element 'atribution'\n"
            "hint: did you mean 'attribution'?\n");
  EXPECT_EQ(with("[logo, lgo]"),
            "fixture.yaml:6:18: error: 'with' of 'rule' names an unknown element 'lgo'\n"
            "hint: did you mean 'logo'?\n");
  EXPECT_EQ(with("band"),
            "fixture.yaml:6:11: error: 'with' of 'rule' names 'band', which is always drawn (not "
            "a text, stack or image element)\n"
            "hint: name the text, stack or image element whose content this element goes with\n");
  EXPECT_EQ(with("rule"),
            "fixture.yaml:6:11: error: element 'rule' is drawn 'with' itself\n"
            "hint: name the text, stack or image element it goes with\n");
  EXPECT_EQ(with("{to: attribution}"),
            "fixture.yaml:6:11: error: 'with' must name the text, stack or image element whose "
            "content this element goes with (or a list of names)\n");
}

// ---------------------------------------------------------------------------
// Colours

TEST(ParseHexColor, ThreeSixAndEightDigits) {
  Color c;
  ASSERT_TRUE(parse_hex_color("#fff", c));
  EXPECT_EQ(c, (Color{1, 1, 1, 1}));
  ASSERT_TRUE(parse_hex_color("#f80", c));
  EXPECT_EQ(c, (Color{1, 0x88 / 255.0, 0, 1}));
  ASSERT_TRUE(parse_hex_color("#1C1A4A", c));
  EXPECT_EQ(c, (Color{0x1C / 255.0, 0x1A / 255.0, 0x4A / 255.0, 1}));
  ASSERT_TRUE(parse_hex_color("#ffc83d", c));
  EXPECT_EQ(c, (Color{1, 0xC8 / 255.0, 0x3D / 255.0, 1}));
  ASSERT_TRUE(parse_hex_color("#00000080", c));
  EXPECT_EQ(c, (Color{0, 0, 0, 0x80 / 255.0}));
}

TEST(ParseHexColor, RejectsMalformedAndLeavesTheColourAlone) {
  for (const char* s : {"", "#", "fff", "ffffff", "#ff", "#ffff", "#12345", "#1234567",
                        "#123456789", "#12345g", "# 12345", "accent", "#fff "}) {
    Color c{0.5, 0.5, 0.5, 0.5};
    EXPECT_FALSE(parse_hex_color(s, c)) << "'" << s << "'";
    EXPECT_EQ(c, (Color{0.5, 0.5, 0.5, 0.5})) << "'" << s << "'";
  }
}

// ---------------------------------------------------------------------------
// Brands

const std::string kColors =
    "colors:\n  paper: \"#1C1A4A\"\n  ink: \"#FFFFFF\"\n  accent: \"#FFC83D\"\n"
    "  primary: \"#2E2A78\"\n  muted: \"#CFCDEB\"\n";
const std::string kFonts =
    "fonts:\n  display: {family: Inter Display, weight: 800}\n  text: {family: Inter}\n";

TEST(LoadBrand, TheExampleBrand) {
  Brand b = load_brand(kExampleBrand);
  EXPECT_EQ(b.name, "Transforming the System");
  EXPECT_EQ(b.footer, "#TransformingTheSystem");
  EXPECT_EQ(b.colors.size(), 7u);  // the five given, on_accent and on_primary worked out
  EXPECT_EQ(b.colors.at("paper"), (Color{0x1C / 255.0, 0x1A / 255.0, 0x4A / 255.0, 1}));
  EXPECT_EQ(b.colors.at("ink"), (Color{1, 1, 1, 1}));
  EXPECT_EQ(b.colors.at("accent"), (Color{1, 0xC8 / 255.0, 0x3D / 255.0, 1}));
  EXPECT_EQ(b.fonts.at("display").family, "Inter Display");
  EXPECT_EQ(b.fonts.at("display").weight, 800);
  EXPECT_EQ(b.fonts.at("text").family, "Inter");
  EXPECT_EQ(b.fonts.at("text").weight, 400);
  // The logo is found next to the brand file, whatever the working directory.
  EXPECT_TRUE(std::filesystem::path(b.logo).is_absolute()) << b.logo;
  EXPECT_TRUE(b.logo.ends_with("examples/brands/transforming/logo.svg")) << b.logo;
  EXPECT_TRUE(std::filesystem::exists(b.logo));
}

TEST(ParseBrand, MinimalBrandHasNoLogoAndDefaultWeight) {
  Brand b = parse_brand(kColors + kFonts, "fixture.yaml");
  EXPECT_EQ(b.logo, "");
  EXPECT_EQ(b.footer, "");
  EXPECT_EQ(b.fonts.at("text").weight, 400);
  EXPECT_EQ(b.colors.at("muted"), (Color{0xCF / 255.0, 0xCD / 255.0, 0xEB / 255.0, 1}));
}

TEST(ParseBrandErrors, MissingColourRole) {
  EXPECT_EQ(brand_error("colors:\n  paper: \"#1C1A4A\"\n  ink: \"#FFFFFF\"\n"
                        "  primary: \"#2E2A78\"\n  muted: \"#CFCDEB\"\n" +
                        kFonts),
            "fixture.yaml:2:3: error: brand colors need 'accent'\n");
}

TEST(ParseBrandErrors, BadColourShowsTheFormat) {
  EXPECT_EQ(brand_error("colors:\n  paper: \"#1C1A4A\"\n  ink: \"#FFFFFF\"\n  accent: \"#12345\"\n"
                        "  primary: \"#2E2A78\"\n  muted: \"#CFCDEB\"\n" +
                        kFonts),
            "fixture.yaml:4:11: error: bad colour '#12345' for 'accent'\n"
            "hint: write colours as #rrggbb or #rrggbbaa\n");
}

TEST(ParseBrandErrors, MisspeltColourRoleIsAnUnknownKey) {
  EXPECT_EQ(brand_error("colors:\n  paper: \"#1C1A4A\"\n  ink: \"#FFFFFF\"\n  acent: \"#FFC83D\"\n"
                        "  primary: \"#2E2A78\"\n  muted: \"#CFCDEB\"\n" +
                        kFonts),
            "fixture.yaml:4:3: error: unknown key 'acent' in brand colors\n"
            "hint: did you mean 'accent'?\n");
}

TEST(ParseBrandErrors, MissingLogoFile) {
  EXPECT_EQ(brand_error("logo: no-such-logo.svg\n" + kColors + kFonts),
            "fixture.yaml:1:7: error: logo file 'no-such-logo.svg' does not exist\n");
}

TEST(ParseBrandErrors, UnknownTopLevelKey) {
  EXPECT_EQ(brand_error("footr: x\n" + kColors + kFonts),
            "fixture.yaml:1:1: error: unknown key 'footr' in brand\n"
            "hint: did you mean 'footer'?\n");
  EXPECT_EQ(brand_error(kColors + kFonts + "tagline: x\n"),
            "fixture.yaml:10:1: error: unknown key 'tagline' in brand\n");
}

TEST(ParseBrandErrors, Fonts) {
  EXPECT_EQ(
      brand_error(kColors + "fonts:\n  display: {weight: 800}\n  text: {family: Inter}\n"),
      "fixture.yaml:8:12: error: brand font 'display' needs a 'family' (bundled) or a 'file'\n");
  EXPECT_EQ(brand_error(kColors + "fonts:\n  display: {family: Inter Display, wieght: 800}\n"
                                  "  text: {family: Inter}\n"),
            "fixture.yaml:8:36: error: unknown key 'wieght' in brand font 'display'\n"
            "hint: did you mean 'weight'?\n");
  EXPECT_EQ(brand_error(kColors + "fonts:\n  display: {family: Inter Display, weight: bold}\n"
                                  "  text: {family: Inter}\n"),
            "fixture.yaml:8:44: error: 'weight' in brand font 'display' must be a number, not "
            "'bold'\n");
}

// Known bug: a misspelt font role is reported as the correct role missing,
// with no place, instead of as an unknown key. Enable when fixed.
TEST(ParseBrandErrors, MisspeltFontRoleIsAnUnknownKey) {
  EXPECT_EQ(brand_error(kColors + "fonts:\n  display: {family: Inter Display}\n"
                                  "  txt: {family: Inter}\n"),
            "fixture.yaml:9:3: error: unknown key 'txt' in brand fonts\n"
            "hint: did you mean 'text'?\n");
}

TEST(ParseLayout, SupporterFieldsAndPhotoSlot) {
  Layout l = parse_layout(
      "elements:\n"
      "  - {name: photo, type: image, source: supporter, box: [0, 0, 1, 1]}\n"
      "  - {name: who, type: text, field: name, box: [0, 0, 1, 0.1]}\n"
      "  - name: says\n"
      "    box: [0, 0.1, 1, 0.1]\n"
      "    text: [\"{name} from {city}\", \"{name}\"]\n"
      "  - {name: line, type: text, field: headline, box: [0, 0.2, 1, 0.5]}\n",
      "fixture.yaml");
  const auto& els = l.for_orientation(Orientation::square);
  ASSERT_EQ(els.size(), 4u);
  EXPECT_EQ(els[0].source, "supporter");
  EXPECT_EQ(els[0].fit, ImageFit::cover);  // a supporter's photo covers its slot
  EXPECT_EQ(els[0].fallback, "photo");
  EXPECT_FALSE(els[0].focus_set);
  EXPECT_TRUE(els[1].texts[0].supporter);
  EXPECT_EQ(els[1].texts[0].field, "name");
  EXPECT_EQ(els[2].texts[0].literal, "{name} from {city}");
  EXPECT_EQ(els[2].texts[0].fallbacks, std::vector<std::string>{"{name}"});
  EXPECT_FALSE(els[3].texts[0].supporter);
  Layout none = parse_layout(
      "elements:\n  - {type: image, source: supporter, fallback: none, fit: contain, box: [0, 0, "
      "1, 1]}\n",
      "fixture.yaml");
  EXPECT_EQ(none.for_orientation(Orientation::square)[0].fallback, "none");
  EXPECT_EQ(none.for_orientation(Orientation::square)[0].fit, ImageFit::contain);
}

TEST(ParseLayoutErrors, SupporterFieldNames) {
  const std::string head = "elements:\n  - name: t\n    box: [0, 0, 1, 1]\n";
  Diagnostic photo = error_of([&] { parse_layout(head + "    field: photo\n", "fixture.yaml"); });
  EXPECT_EQ(photo.message, "'photo' is not a text field");
  EXPECT_EQ(format_location(photo.loc), "fixture.yaml:4:12");
  Diagnostic odd =
      error_of([&] { parse_layout(head + "    field: \"Full Name\"\n", "fixture.yaml"); });
  EXPECT_EQ(odd.message, "unknown field 'Full Name'");
  Diagnostic fallback = error_of([&] {
    parse_layout(
        "elements:\n  - {type: image, source: supporter, fallback: logo, box: [0, 0, 1, 1]}\n",
        "fixture.yaml");
  });
  EXPECT_NE(fallback.message.find("fallback"), std::string::npos) << fallback.message;
  Diagnostic forms = error_of([&] { parse_layout(head + "    text: {a: 1}\n", "fixture.yaml"); });
  EXPECT_NE(forms.message.find("list of forms"), std::string::npos) << forms.message;
}
}  // namespace
}  // namespace placard
