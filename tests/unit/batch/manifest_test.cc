#include "batch/manifest.h"

#include <gtest/gtest.h>

#include <string>

#include "base/diagnostics.h"

namespace placard {
namespace {

Manifest sample() {
  Manifest m;
  m.generator = "placard 0.1.0";
  m.campaign = "Health for all";
  ManifestCard a;
  a.id = "rec-1";
  a.kind = "recommendation";
  a.text = "Fund community health workers";
  a.alt = "Recommendation 1 of 7: Fund community health workers";
  a.outputs = {{"og", 1200, 630, "rec-1.og.png", 53811},
               {"story", 1080, 1920, "rec-1.story.png", 87040}};
  ManifestCard b;
  b.id = "quote-ar";
  b.kind = "quote";
  b.text = "الصحة للجميع";
  b.alt = "اقتباس: \"الصحة للجميع\"";
  b.warnings = {{"missing-glyph",
                 "card 'quote-ar' square: headline: no font has '\u4E00'",
                 {"add a font that has these characters to fonts/"}}};
  b.outputs = {{"square", 1080, 1080, "quote-ar.square.png", 4096}};
  m.cards = {a, b};
  return m;
}

const char* kExpected = R"({
  "generator": "placard 0.1.0",
  "campaign": "Health for all",
  "cards": [
    {
      "id": "rec-1",
      "kind": "recommendation",
      "text": "Fund community health workers",
      "alt": "Recommendation 1 of 7: Fund community health workers",
      "outputs": [
        {
          "size": "og",
          "width": 1200,
          "height": 630,
          "file": "rec-1.og.png",
          "bytes": 53811
        },
        {
          "size": "story",
          "width": 1080,
          "height": 1920,
          "file": "rec-1.story.png",
          "bytes": 87040
        }
      ]
    },
    {
      "id": "quote-ar",
      "kind": "quote",
      "text": "الصحة للجميع",
      "alt": "اقتباس: \"الصحة للجميع\"",
      "warnings": [
        {
          "check": "missing-glyph",
          "message": "card 'quote-ar' square: headline: no font has '一'",
          "hints": [
            "add a font that has these characters to fonts/"
          ]
        }
      ],
      "outputs": [
        {
          "size": "square",
          "width": 1080,
          "height": 1080,
          "file": "quote-ar.square.png",
          "bytes": 4096
        }
      ]
    }
  ]
}
)";

// Runs f, which must throw DiagnosticError, and returns "place: message".
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const DiagnosticError& e) {
    return format_location(e.diagnostic().loc) + ": " + e.diagnostic().message;
  }
  ADD_FAILURE() << "expected an error";
  return "";
}

TEST(Manifest, WritesDocumentedKeysInOrder) {
  EXPECT_EQ(manifest_to_json(sample()), kExpected);
}

TEST(Manifest, ThePiecesMakeTheText) {
  for (const Manifest& m : {sample(), Manifest{}}) {
    std::string joined;
    write_manifest_json(m, [&joined](std::string_view piece) { joined += piece; });
    EXPECT_EQ(joined, manifest_to_json(m));
  }
}

TEST(Manifest, EmptyManifest) {
  Manifest m;
  m.generator = "placard 0.1.0";
  EXPECT_EQ(manifest_to_json(m),
            "{\n  \"generator\": \"placard 0.1.0\",\n  \"campaign\": \"\",\n  \"cards\": []\n}\n");
}

TEST(Manifest, ShardEditionsHashesAndWarningsInOrder) {
  Manifest m;
  m.generator = "placard 0.1.0";
  m.campaign = "C";
  m.shard = "2/3";
  m.editions = {{"es", "Salud", "", "#salud", "", {{"ink", "#112233"}}}};
  ManifestCard a;
  a.index = 4;
  a.id = "a";
  a.kind = "quote";
  a.lang = "es";
  a.text = "línea\nnueva \"cita\"";
  a.alt = "a";
  a.source = "deck.csv:5:1";
  a.outputs = {{"og", 1200, 630, "a/og.png", 10, "00ff", {{"contrast", "contrast low", {}}}}};
  ManifestCard b;
  b.index = 9;
  b.id = "b";
  b.kind = "heading";
  b.text = "b";
  b.alt = "b";
  m.cards = {a, b};
  EXPECT_EQ(manifest_to_json(m), R"({
  "generator": "placard 0.1.0",
  "campaign": "C",
  "shard": "2/3",
  "editions": [
    {
      "lang": "es",
      "name": "Salud",
      "footer": "#salud",
      "colors": {
        "ink": "#112233"
      }
    }
  ],
  "cards": [
    {
      "index": 4,
      "id": "a",
      "kind": "quote",
      "lang": "es",
      "text": "línea\nnueva \"cita\"",
      "alt": "a",
      "source": "deck.csv:5:1",
      "outputs": [
        {
          "size": "og",
          "width": 1200,
          "height": 630,
          "file": "a/og.png",
          "bytes": 10,
          "hash": "00ff",
          "warnings": [
            {
              "check": "contrast",
              "message": "contrast low"
            }
          ]
        }
      ]
    },
    {
      "index": 9,
      "id": "b",
      "kind": "heading",
      "text": "b",
      "alt": "b",
      "outputs": []
    }
  ]
}
)");
  EXPECT_EQ(manifest_from_json(manifest_to_json(m), "manifest.json"), m);
}

TEST(Manifest, RoundTrips) {
  Manifest m = sample();
  EXPECT_EQ(manifest_from_json(manifest_to_json(m), "manifest.json"), m);
  EXPECT_EQ(manifest_from_json(kExpected, "manifest.json"), m);
}

// A manifest an older Placard wrote keeps its warnings as plain strings: the
// next run reads them (as warnings of no known check) instead of refusing the
// manifest and rendering every card again.
TEST(Manifest, ReadsWarningsOfAnOlderManifestAsMessages) {
  const Manifest m = manifest_from_json(R"({"generator": "placard 0.1.0", "campaign": "C",
    "cards": [{"id": "a", "kind": "quote", "text": "a", "alt": "a",
               "outputs": [{"size": "og", "width": 1200, "height": 630, "file": "a/og.png",
                            "bytes": 10, "warnings": ["contrast low"]}]}]})",
                                        "manifest.json");
  ASSERT_EQ(m.cards.at(0).outputs.at(0).warnings.size(), 1u);
  EXPECT_EQ(m.cards[0].outputs[0].warnings[0].message, "contrast low");
  EXPECT_EQ(m.cards[0].outputs[0].warnings[0].check, "");
}

TEST(Manifest, RefusesAWarningWithoutAMessage) {
  EXPECT_THROW(manifest_from_json(R"({"generator": "g", "campaign": "C",
    "cards": [{"id": "a", "kind": "quote", "text": "a", "alt": "a", "outputs": [],
               "warnings": [{"check": "contrast"}]}]})",
                                  "manifest.json"),
               DiagnosticError);
}

TEST(Manifest, RecordsEachOutputsFormatAndMimeType) {
  Manifest m;
  ManifestCard c;
  c.id = "photo";
  c.kind = "statement";
  c.text = c.alt = "A photo card";
  ManifestOutput o;
  o.size = "og";
  o.width = 1200;
  o.height = 630;
  o.file = "photo/og.jpg";
  o.bytes = 153558;
  o.format = "jpeg";
  o.mime = "image/jpeg";
  c.outputs.push_back(o);
  m.cards.push_back(c);
  const std::string json = manifest_to_json(m);
  EXPECT_NE(json.find(R"("file": "photo/og.jpg",
          "format": "jpeg",
          "mime": "image/jpeg",
          "bytes": 153558)"),
            std::string::npos)
      << json;
  EXPECT_EQ(manifest_from_json(json, "manifest.json"), m);
}

TEST(Manifest, SyntaxErrorHasLineAndColumn) {
  std::string text = "{\n  \"generator\": \"x\",\n  \"campaign\": ,\n}\n";
  std::string err = error_of([&] { manifest_from_json(text, "out/manifest.json"); });
  EXPECT_EQ(err.rfind("out/manifest.json:3:15: invalid JSON: syntax error", 0), 0u) << err;
}

TEST(Manifest, TruncatedFileIsASyntaxError) {
  std::string text = manifest_to_json(sample());
  std::string err = error_of([&] { manifest_from_json(text.substr(0, 30), "m.json"); });
  EXPECT_EQ(err.rfind("m.json:2:", 0), 0u) << err;
}

TEST(Manifest, WrongTypeNamesTheField) {
  std::string text = kExpected;
  text.replace(text.rfind("\"width\": 1080"), 13, "\"width\": \"1080\"");
  EXPECT_EQ(error_of([&] { manifest_from_json(text, "m.json"); }),
            "m.json: invalid manifest: 'cards[1].outputs[0].width' must be a whole number "
            "from 0 to 2147483647");
}

TEST(Manifest, MissingKeyIsNamed) {
  EXPECT_EQ(error_of([&] { manifest_from_json(R"({"generator": "g", "cards": []})", "m.json"); }),
            "m.json: invalid manifest: 'manifest' has no key 'campaign'");
  EXPECT_EQ(error_of([&] { manifest_from_json("[]", "m.json"); }),
            "m.json: invalid manifest: 'manifest' must be an object");
}

TEST(Manifest, EditionsAndCardLanguagesRoundTrip) {
  Manifest m = sample();
  m.editions = {{"en",
                 "Health for all",
                 "Share these.",
                 "#Health",
                 "https://example.org",
                 {{"paper", "#1C1A4A"}, {"ink", "#FFFFFF"}}},
                {"ar", "الصحة للجميع", "", "", "", {}}};
  m.cards[0].lang = "en";
  m.cards[1].lang = "ar";
  // The Arabic card's id got the language to stay unique; the content's id
  // is kept, for the gallery to match editions.
  m.cards[1].content_id = m.cards[1].id;
  m.cards[1].id += "-ar";
  std::string json = manifest_to_json(m);
  EXPECT_NE(json.find("-ar\",\n      \"content_id\": \"" + m.cards[1].content_id + "\",\n"),
            std::string::npos)
      << json;
  EXPECT_EQ(json.find("\"content_id\""), json.rfind("\"content_id\"")) << "only where it differs";
  EXPECT_NE(json.find(R"(  "editions": [
    {
      "lang": "en",
      "name": "Health for all",
      "intro": "Share these.",
      "footer": "#Health",
      "url": "https://example.org",
      "colors": {
        "paper": "#1C1A4A",
        "ink": "#FFFFFF"
      }
    },
    {
      "lang": "ar",
      "name": "الصحة للجميع"
    }
  ],)"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"kind\": \"recommendation\",\n      \"lang\": \"en\",\n      \"text\""),
            std::string::npos)
      << json;
  EXPECT_EQ(manifest_from_json(json, "m.json"), m);
}

TEST(Manifest, BadEditionFieldIsNamed) {
  EXPECT_EQ(error_of([&] {
              manifest_from_json(
                  R"({"generator": "g", "campaign": "c", "editions": [{"lang": 3}], "cards": []})",
                  "m.json");
            }),
            "m.json: invalid manifest: 'editions[0].lang' must be a string");
}

TEST(Manifest, RecordsWhatASupporterMayPersonalise) {
  Manifest m = sample();
  m.cards[0].personal = ManifestPersonal{{{"name", 40, true}, {"city", 30, false}}, true};
  const std::string json = manifest_to_json(m);
  EXPECT_NE(json.find(R"("personal": {
        "fields": [
          {
            "name": "name",
            "max": 40,
            "required": true
          },
          {
            "name": "city",
            "max": 30,
            "required": false
          }
        ],
        "photo": true
      })"),
            std::string::npos)
      << json;
  // Only the card that may be personalised says so.
  EXPECT_EQ(json.find("personal"), json.rfind("personal"));
  EXPECT_EQ(manifest_from_json(json, "m.json"), m);
}

TEST(Manifest, BadPersonalFieldIsNamed) {
  std::string text = manifest_to_json(sample());
  text.replace(text.find("\"outputs\""), 0,
               R"("personal": {"fields": [{"name": "name", "max": 40, "required": "yes"}],
                   "photo": false}, )");
  EXPECT_EQ(error_of([&] { manifest_from_json(text, "m.json"); }),
            "m.json: invalid manifest: 'cards[0].personal.fields[0].required' must be true or "
            "false");
}

}  // namespace
}  // namespace placard

namespace placard {
namespace {

// Each text block's size and line count, for `placard diff` to compare.
TEST(Manifest, TextAsSetRoundTripsAndIsCheckedWhenRead) {
  Manifest m;
  m.generator = "placard 0.1.0";
  m.campaign = "C";
  ManifestCard c;
  c.id = "a";
  c.kind = "statement";
  c.outputs = {{"og", 1200, 630, "a/og.png", 10}};
  c.outputs[0].text = {{"headline", 84.5, 3}, {"footer", 24, 1}};
  m.cards = {c};
  const std::string json = manifest_to_json(m);
  EXPECT_NE(json.find(R"("text": [
            {
              "field": "headline",
              "size": 84.5,
              "lines": 3
            },)"),
            std::string::npos)
      << json;
  EXPECT_EQ(manifest_from_json(json, "manifest.json"), m);
  std::string bad = json;
  bad.replace(bad.find("84.5"), 4, "\"x\"");
  try {
    manifest_from_json(bad, "manifest.json");
    ADD_FAILURE() << "a size that is no number was read";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().message,
              "invalid manifest: 'cards[0].outputs[0].text[0].size' must be a number of px");
  }
}

// Each block's lines as drawn, and the layout and brand of the card, so that
// `placard diff` can say that a card broke or was drawn differently.
TEST(Manifest, LinesLayoutAndBrandRoundTripAndAreCheckedWhenRead) {
  Manifest m;
  m.generator = "placard 0.1.0";
  m.campaign = "C";
  ManifestCard c;
  c.id = "a";
  c.kind = "statement";
  c.layout = "standard";
  c.brand = "../brands/transforming/brand.yaml";
  c.outputs = {{"og", 1200, 630, "a/og.png", 10}};
  c.outputs[0].text = {{"headline", 84.5, 2, {"End 287(g) agree-", "ments now."}}};
  m.cards = {c};
  const std::string json = manifest_to_json(m);
  EXPECT_NE(json.find(R"("alt": "",
      "layout": "standard",
      "brand": "../brands/transforming/brand.yaml",
      "outputs": [)"),
            std::string::npos)
      << json;
  const std::string lines = R"("line_texts": [
                "End 287(g) agree-",
                "ments now."
              ])";
  EXPECT_NE(json.find(R"("lines": 2,
              )" + lines),
            std::string::npos)
      << json;
  EXPECT_EQ(manifest_from_json(json, "manifest.json"), m);

  std::string bad_line = json;
  bad_line.replace(bad_line.find("\"ments now.\""), 12, "3");
  EXPECT_EQ(error_of([&] { manifest_from_json(bad_line, "out/manifest.json"); }),
            "out/manifest.json: invalid manifest: 'cards[0].outputs[0].text[0].line_texts[1]' "
            "must be a string");
  std::string bad_list = json;
  bad_list.replace(bad_list.find(lines), lines.size(), R"x("line_texts": "End")x");
  EXPECT_EQ(error_of([&] { manifest_from_json(bad_list, "out/manifest.json"); }),
            "out/manifest.json: invalid manifest: 'cards[0].outputs[0].text[0].line_texts' "
            "must be a list");
  std::string bad_layout = json;
  bad_layout.replace(bad_layout.find("\"standard\""), 10, "7");
  EXPECT_EQ(error_of([&] { manifest_from_json(bad_layout, "out/manifest.json"); }),
            "out/manifest.json: invalid manifest: 'cards[0].layout' must be a string");
  std::string bad_brand = json;
  bad_brand.replace(bad_brand.find("\"../brands"), 35, "null");
  EXPECT_EQ(error_of([&] { manifest_from_json(bad_brand, "out/manifest.json"); }),
            "out/manifest.json: invalid manifest: 'cards[0].brand' must be a string");
}

// A manifest written before lines, layouts and brands were recorded is read
// with none: a diff against it says nothing of them.
TEST(Manifest, AnOlderManifestWithoutLinesLayoutOrBrandIsRead) {
  const Manifest m = manifest_from_json(R"({"generator": "Placard 0.9", "campaign": "C",
    "cards": [{"id": "a", "kind": "statement", "text": "A", "alt": "A",
      "outputs": [{"size": "og", "width": 1200, "height": 630, "file": "a/og.png", "bytes": 10,
        "text": [{"field": "headline", "size": 92, "lines": 2}]}]}]})",
                                        "old/manifest.json");
  ASSERT_EQ(m.cards.size(), 1u);
  EXPECT_EQ(m.cards[0].layout, "");
  EXPECT_EQ(m.cards[0].brand, "");
  ASSERT_EQ(m.cards[0].outputs[0].text.size(), 1u);
  EXPECT_EQ(m.cards[0].outputs[0].text[0].lines, 2);
  EXPECT_TRUE(m.cards[0].outputs[0].text[0].line_texts.empty());
}

}  // namespace
}  // namespace placard
