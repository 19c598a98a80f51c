#include "base/yaml_map.h"

#include <gtest/gtest.h>

#include <functional>

namespace placard {
namespace {

// The formatted diagnostic `f` throws, or "" (and a test failure) if it does not.
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().kind, FailureKind::bad_input);
    return format_diagnostic(e.diagnostic());
  }
  ADD_FAILURE() << "expected an error";
  return "";
}

YamlMap map_of(const std::string& text, const std::string& what = "brand") {
  return YamlMap(parse_yaml(text, "f.yaml"), "f.yaml", what);
}

// --- parse_yaml ---

TEST(ParseYaml, SyntaxErrorsNameThePlace) {
  EXPECT_EQ(error_of([] { parse_yaml("a: b\n  c: d\n", "f.yaml"); }),
            "f.yaml:2:4: error: invalid YAML: mapping values are not allowed in this context\n");
}

TEST(ParseYaml, LineOffsetShiftsThePlace) {
  // Front matter starts on line 2 of a Markdown file, after the "---".
  EXPECT_EQ(error_of([] { parse_yaml("name: x\nsizes: [og, story\n", "campaign.md", 1); }),
            "campaign.md:3:8: error: invalid YAML: while parsing a flow sequence, did not find "
            "expected ',' or ']'\n");
}

// The bomb: 9 scalars, then 8 levels each made of 9 aliases of the
// level below (9^9 = 387 million scalars once expanded; 43 million nodes
// at the 8th level) in a few hundred bytes.
std::string alias_bomb() {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char level = 'b'; level <= 'i'; ++level) {
    const char below = static_cast<char>(level - 1);
    text += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 9; ++i) text += std::string(i ? ", *" : "*") + below;
    text += "]\n";
  }
  return text;
}

TEST(ParseYaml, AliasesThatExpandBeyondTheBudgetAreRefusedWhereTheyGoOver) {
  const std::string bomb = alias_bomb();
  EXPECT_LT(bomb.size(), 400u);
  // Levels b to e add 74,718 nodes; f's first alias (66,430 more) goes
  // over, and is the place named.
  const std::string e = error_of([&] { parse_yaml(bomb, "deck.yaml"); });
  EXPECT_EQ(e.substr(0, e.find('\n')),
            "deck.yaml:6:8: error: invalid YAML: aliases expand to more than 100000 nodes")
      << e;
  EXPECT_NE(e.find("hint: an alias"), std::string::npos) << e;
  // The same place shifted in front matter.
  EXPECT_EQ(error_of([&] { parse_yaml(bomb, "campaign.md", 1); }).substr(0, 17),
            "campaign.md:7:8: ");
}

// An alias inside the value of its own anchor would make yaml-cpp build a
// node that contains itself, and every reader then recurses until the stack
// runs out (the deck_yaml fuzzer's crash): refused where the alias stands.
TEST(ParseYaml, AnAliasInsideItsOwnAnchorIsRefused) {
  const std::string e = error_of(
      [] { parse_yaml("name: T\ncards: &a\n  - id: one\n    headline: *a\n", "deck.yaml"); });
  EXPECT_EQ(e.substr(0, e.find('\n')),
            "deck.yaml:4:15: error: invalid YAML: alias '*a' is inside its own anchor '&a'")
      << e;
  EXPECT_NE(e.find("hint: a value cannot contain itself"), std::string::npos) << e;
  // A mapping in a flow list, its alias one level down.
  EXPECT_NE(error_of([] {
              parse_yaml("- &m {id: one, more: [*m]}\n", "deck.yaml");
            }).find("deck.yaml:1:23: error: invalid YAML: alias '*m' is inside"),
            std::string::npos);
  // Once the anchored value has ended, the same alias is an ordinary copy;
  // and an anchor redefined inside points at its new, finished value.
  const YAML::Node n = parse_yaml("a: &a [x, y]\nb: *a\nc: &c [&c z, *c]\n", "deck.yaml");
  EXPECT_EQ(n["b"][1].as<std::string>(), "y");
  EXPECT_EQ(n["c"][1].as<std::string>(), "z");
}

TEST(ParseYaml, AFewAliasesStillRead) {
  // A shared style repeated on a few elements: well within the budget.
  const YAML::Node n = parse_yaml(
      "base: &base {size: 40, colour: ink}\nheadline: *base\nbody: *base\nlist: [*base, *base]\n",
      "layout.yaml");
  EXPECT_EQ(n["body"]["size"].as<int>(), 40);
  EXPECT_EQ(n["list"][1]["colour"].as<std::string>(), "ink");
}

TEST(YamlLoc, OneBasedWithOffset) {
  YAML::Node n = parse_yaml("a: 1\nb:  two\n", "f.yaml");
  SourceLoc loc = yaml_loc(n["b"], "f.yaml", 10);
  EXPECT_EQ(loc.file, "f.yaml");
  EXPECT_EQ(loc.line, 12);
  EXPECT_EQ(loc.col, 5);
}

// --- construction ---

TEST(YamlMap, RejectsScalarsAndLists) {
  EXPECT_EQ(error_of([] { map_of("just text"); }),
            "f.yaml:1:1: error: brand must be a mapping of 'key: value' lines\n");
  EXPECT_EQ(error_of([] { map_of("- a\n- b\n"); }),
            "f.yaml:1:1: error: brand must be a mapping of 'key: value' lines\n");
}

TEST(YamlMap, EmptyDocumentGivesFallbacks) {
  YamlMap m = map_of("");
  EXPECT_FALSE(m.has("name"));
  EXPECT_EQ(m.str("name", "Placard"), "Placard");
  EXPECT_EQ(m.num("radius", 4.5), 4.5);
  EXPECT_EQ(m.integer("weight", 400), 400);
  EXPECT_TRUE(m.boolean("balance", true));
  EXPECT_TRUE(m.str_list("sizes").empty());
  EXPECT_EQ(m.choice("align", {"start", "end"}, "end"), "end");
  EXPECT_NO_THROW(m.finish());
}

// --- typed getters ---

TEST(YamlMap, ReadsTypedValues) {
  YamlMap m = map_of(
      "name: Transforming\nradius: 12.5\nweight: 700\nitalic: yes\nbalance: false\n"
      "empty:\n");
  EXPECT_TRUE(m.has("name"));
  EXPECT_FALSE(m.has("empty"));  // a key with no value is as good as absent
  EXPECT_EQ(m.str("name"), "Transforming");
  EXPECT_EQ(m.str("empty", "fallback"), "fallback");
  EXPECT_EQ(m.num("radius", 0), 12.5);
  EXPECT_EQ(m.integer("weight", 0), 700);
  EXPECT_TRUE(m.boolean("italic", false));
  EXPECT_FALSE(m.boolean("balance", true));
  EXPECT_EQ(m.str("missing", "x"), "x");
  EXPECT_NO_THROW(m.finish());
}

TEST(YamlMap, ReadingLeavesTheDocumentAsItWas) {
  YAML::Node doc = parse_yaml("name: x\n", "f.yaml");
  YamlMap m(doc, "f.yaml", "brand");
  EXPECT_FALSE(m.node("missing").IsDefined());
  EXPECT_FALSE(m.has("other"));
  YamlMap empty(m.node("absent"), "f.yaml", "'absent'");
  EXPECT_FALSE(m.node("absent").IsDefined());
  EXPECT_EQ(doc.size(), 1u);
}

TEST(YamlMap, PatchedEntriesStandForTheMappingsOwn) {
  YAML::Node doc = parse_yaml("box: [0, 0, 1, 1]\nfill: ink\n", "f.yaml");
  YAML::Node patch = parse_yaml("\nfill: accent\nradius: x\n", "o.yaml");
  YamlEntries entries = yaml_entries(doc);
  entries[1].value.reset(patch["fill"]);
  entries.push_back({YAML::Node("radius"), patch["radius"], "radius"});
  YamlMap m(doc, entries, "f.yaml", "element 'band'");
  EXPECT_EQ(m.str("fill"), "accent");
  EXPECT_EQ(m.node("box").size(), 4u);
  EXPECT_EQ(m.loc_of("radius").line, 3);  // where the patch wrote it
  EXPECT_EQ(m.loc().line, 1);             // the mapping keeps its own place
  EXPECT_EQ(doc["fill"].Scalar(), "ink");
  EXPECT_EQ(error_of([&] { m.finish(); }),
            "f.yaml: error: unknown key 'radius' in element 'band'\n");
}

TEST(YamlMap, TextValueMustBeScalar) {
  EXPECT_EQ(error_of([] { map_of("name: [a, b]\n").str("name"); }),
            "f.yaml:1:7: error: 'name' in brand must be a text value\n");
}

TEST(YamlMap, NumberErrorsQuoteTheValue) {
  EXPECT_EQ(error_of([] { map_of("x: 1\nradius: abc\n", "element 'band'").num("radius", 0); }),
            "f.yaml:2:9: error: 'radius' in element 'band' must be a number, not 'abc'\n");
  EXPECT_EQ(error_of([] { map_of("radius: [1, 2]\n", "element 'band'").num("radius", 0); }),
            "f.yaml:1:9: error: 'radius' in element 'band' must be a number, not 'a list or "
            "mapping'\n");
}

TEST(YamlMap, IntegerRejectsFractions) {
  EXPECT_EQ(error_of([] { map_of("weight: 2.5\n", "brand font 'text'").integer("weight", 0); }),
            "f.yaml:1:9: error: 'weight' in brand font 'text' must be a whole number\n");
}

TEST(YamlMap, BooleanRejectsOtherWords) {
  EXPECT_EQ(error_of([] { map_of("balance: maybe\n", "text").boolean("balance", true); }),
            "f.yaml:1:10: error: 'balance' in text must be true or false\n");
}

TEST(YamlMap, StrListTakesListsOrCommaText) {
  EXPECT_EQ(map_of("sizes: [og, story]\n").str_list("sizes"),
            (std::vector<std::string>{"og", "story"}));
  EXPECT_EQ(map_of("sizes: \"og,  square ,story\"\n").str_list("sizes"),
            (std::vector<std::string>{"og", "square", "story"}));
  EXPECT_EQ(map_of("sizes: og\n").str_list("sizes"), std::vector<std::string>{"og"});
  EXPECT_TRUE(map_of("sizes: \" , \"\n").str_list("sizes").empty());
}

TEST(YamlMap, StrListErrors) {
  EXPECT_EQ(error_of([] { map_of("sizes: {og: 1}\n", "front matter").str_list("sizes"); }),
            "f.yaml:1:8: error: 'sizes' in front matter must be a list\n");
  // The place is the bad item, not the list.
  EXPECT_EQ(
      error_of([] { map_of("sizes:\n  - og\n  - [story]\n", "front matter").str_list("sizes"); }),
      "f.yaml:3:5: error: items of 'sizes' must be text values\n");
}

TEST(YamlMap, ChoiceListsTheChoicesAndGuesses) {
  YamlMap ok = map_of("align: center\n");
  EXPECT_EQ(ok.choice("align", {"start", "center", "end"}, "start"), "center");
  EXPECT_EQ(
      error_of([] {
        map_of("align: centre\n", "text 'x'").choice("align", {"start", "center", "end"}, "start");
      }),
      "f.yaml:1:8: error: unknown align 'centre' in text 'x'\n"
      "hint: did you mean 'center'?\n"
      "hint: 'align' is one of 'start', 'center', 'end'\n");
  EXPECT_EQ(error_of([] {
              map_of("align: sideways\n", "text 'x'").choice("align", {"start", "end"}, "start");
            }),
            "f.yaml:1:8: error: unknown align 'sideways' in text 'x'\n"
            "hint: 'align' is one of 'start', 'end'\n");
}

TEST(YamlMap, LocOfPointsAtTheValueElseTheMapping) {
  YamlMap m = map_of("a: 1\nfooter:   x\n");
  SourceLoc at = m.loc_of("footer");
  EXPECT_EQ(at.line, 2);
  EXPECT_EQ(at.col, 11);
  SourceLoc missing = m.loc_of("logo");
  EXPECT_EQ(missing.line, 1);
  EXPECT_EQ(missing.col, 1);
}

// --- finish ---

TEST(YamlMap, FinishRejectsUnreadKeysAtTheKey) {
  EXPECT_EQ(error_of([] {
              YamlMap m(parse_yaml("name: a\nfotter: b\n", "campaign.md", 3), "campaign.md",
                        "front matter", 3);
              m.str("name");
              m.str("footer");
              m.finish();
            }),
            "campaign.md:5:1: error: unknown key 'fotter' in front matter\n"
            "hint: did you mean 'footer'?\n");
}

TEST(YamlMap, FinishWithoutCloseKeyHasNoHint) {
  EXPECT_EQ(error_of([] {
              YamlMap m = map_of("name: a\nbackground: ink\n");
              m.str("name");
              m.finish();
            }),
            "f.yaml:2:1: error: unknown key 'background' in brand\n");
}

TEST(YamlMap, FinishAcceptsReadAndAlsoKnownKeys) {
  YamlMap m = map_of("name: a\nsizes: b\ncolors: {}\n");
  m.str("name");
  m.node("colors");  // reading a node marks the key as known too
  EXPECT_NO_THROW(m.finish({"sizes"}));
}

TEST(YamlMap, FinishHintsFromAlsoKnownKeys) {
  EXPECT_EQ(error_of([] {
              YamlMap m = map_of("name: a\nsizse: b\n");
              m.str("name");
              m.finish({"sizes"});
            }),
            "f.yaml:2:1: error: unknown key 'sizse' in brand\nhint: did you mean 'sizes'?\n");
}

}  // namespace
}  // namespace placard
