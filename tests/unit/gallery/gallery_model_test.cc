#include "gallery/gallery_model.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "base/resources.h"

namespace placard {
namespace {

ManifestCard card(const std::string& id, const std::string& lang, const std::string& text,
                  std::vector<std::string> sizes = {"og", "story"}) {
  ManifestCard c;
  c.id = id;
  c.kind = "recommendation";
  c.lang = lang;
  c.text = text;
  c.alt = "Recommendation: " + text;
  for (const auto& s : sizes) {
    int w = s == "og" ? 1200 : s == "story" ? 1080 : 1080;
    int h = s == "og" ? 630 : s == "story" ? 1920 : 1080;
    c.outputs.push_back({s, w, h, id + "/" + s + ".png", 1000});
  }
  return c;
}

Manifest bilingual() {
  Manifest m;
  m.generator = "Placard test";
  m.campaign = "Health for All";
  m.editions = {{"en", "Health for All", "Share the cards.", "#HealthForAll", "", {}},
                {"es",
                 "Salud para todos",
                 "",
                 "#SaludParaTodos example.org/salud",
                 "",
                 {{"paper", "#1C1A4A"}}}};
  m.cards = {card("fund-clinics", "en", "Fund clinics"), card("financiar", "es", "Financiar"),
             card("hire-nurses", "en", "Hire nurses")};
  return m;
}

GalleryInput input_for(const Manifest& m) {
  GalleryInput in;
  in.manifest = m;
  in.manifest_path = "out/manifest.json";
  for (const auto& c : m.cards)
    for (const auto& o : c.outputs) in.file_bytes[o.file] = 41500;
  for (const auto& z : plan_zips(m)) in.file_bytes[z.file] = 1234567;
  return in;
}

const GalleryStrings& strings() {
  static const GalleryStrings s = load_gallery_strings(gallery_dir() + "/strings.yaml");
  return s;
}

template <typename F>
Diagnostic error_of(F f) {
  try {
    f();
  } catch (const DiagnosticError& e) {
    return e.diagnostic();
  }
  ADD_FAILURE() << "expected an error";
  return {};
}

TEST(GalleryModel, CaptionTailIsHashtagsThenUrl) {
  ManifestEdition e;
  e.footer = "#HealthForAll";
  EXPECT_EQ(caption_tail(e, ""), "#HealthForAll");
  EXPECT_EQ(caption_tail(e, "https://cards.example.org/"),
            "#HealthForAll https://cards.example.org/");
  e.url = "https://example.org/health";
  EXPECT_EQ(caption_tail(e, "https://cards.example.org/"),
            "#HealthForAll https://example.org/health");
  // A URL in the footer is the campaign's, and every hashtag in it is kept.
  e.url.clear();
  e.footer = "#Salud #Ya · saludparatodos.org/firma.";
  EXPECT_EQ(caption_tail(e, "https://x.example/"), "#Salud #Ya saludparatodos.org/firma");
  e.footer = "";
  EXPECT_EQ(caption_tail(e, ""), "");
  e.footer = "Version 2.0 of #Plan";
  EXPECT_EQ(caption_tail(e, ""), "#Plan");
}

TEST(GalleryModel, DownloadNameFromPath) {
  EXPECT_EQ(download_from_path("fund-clinics/og.png"), "fund-clinics-og.png");
  EXPECT_EQ(download_from_path("out/fund-clinics/og.png"), "fund-clinics-og.png");
  EXPECT_EQ(download_from_path("og.png"), "og.png");
}

TEST(GalleryModel, HumanSizes) {
  EXPECT_EQ(human_bytes(0), "0 B");
  EXPECT_EQ(human_bytes(999), "999 B");
  EXPECT_EQ(human_bytes(1000), "1 kB");
  EXPECT_EQ(human_bytes(41499), "41 kB");
  EXPECT_EQ(human_bytes(41500), "42 kB");
  EXPECT_EQ(human_bytes(999499), "999 kB");
  EXPECT_EQ(human_bytes(999500), "1.0 MB");
  EXPECT_EQ(human_bytes(1234567, ","), "1,2 MB");
  EXPECT_EQ(human_bytes(25000000), "25.0 MB");
}

TEST(GalleryModel, FilesMustStayInsideTheFolder) {
  for (const char* good : {"a/og.png", "og.png", "a-b/c_d/1500x500.png"})
    EXPECT_NO_THROW(check_relative_file(good, "m.json")) << good;
  for (const char* bad :
       {"", "/etc/passwd", "../x.png", "a/../../x.png", "a//b.png", "./a.png", "a\\b.png",
        "javascript:alert(1)", "https://evil.example/x.png", "a/\nb.png"}) {
    Diagnostic d = error_of([&] { check_relative_file(bad, "m.json"); });
    EXPECT_EQ(d.kind, FailureKind::bad_input) << bad;
    EXPECT_EQ(d.loc.file, "m.json") << bad;
    EXPECT_EQ(d.message.rfind("invalid manifest: file '", 0), 0u) << d.message;
  }
}

TEST(GalleryModel, UrlPathsArePercentEncoded) {
  EXPECT_EQ(url_path("end-287g/og.png"), "end-287g/og.png");
  EXPECT_EQ(url_path("a b/\"q\"&<x>.png"), "a%20b/%22q%22%26%3Cx%3E.png");
  EXPECT_EQ(url_path("caf\xC3\xA9/og.png"), "caf%C3%A9/og.png");
}

TEST(GalleryModel, OneZipPerLanguageAndSize) {
  std::vector<ZipPlan> zips = plan_zips(bilingual());
  ASSERT_EQ(zips.size(), 4u);
  EXPECT_EQ(zips[0].file, "health-for-all-en-og.zip");
  EXPECT_EQ(zips[1].file, "health-for-all-en-story.zip");
  EXPECT_EQ(zips[2].file, "salud-para-todos-es-og.zip");
  EXPECT_EQ(zips[3].file, "salud-para-todos-es-story.zip");
  ASSERT_EQ(zips[0].entries.size(), 2u);
  EXPECT_EQ(zips[0].entries[0].name, "fund-clinics-og.png");
  EXPECT_EQ(zips[0].entries[0].file, "fund-clinics/og.png");
  EXPECT_EQ(zips[0].entries[1].name, "hire-nurses-og.png");
  EXPECT_EQ(zips[3].entries.size(), 1u);
  EXPECT_EQ(zips[3].edition, 1u);

  // One language: no language in the names; an old manifest without editions
  // is named after its campaign.
  Manifest m;
  m.campaign = "Health for All";
  m.cards = {card("a", "", "A", {"square"})};
  zips = plan_zips(m);
  ASSERT_EQ(zips.size(), 1u);
  EXPECT_EQ(zips[0].file, "health-for-all-square.zip");
  m.campaign = "الصحة للجميع";
  EXPECT_EQ(plan_zips(m)[0].file, "cards-square.zip");
}

TEST(GalleryModel, ArabicEditionZipsTakeTheFirstEditionsName) {
  Manifest m = bilingual();
  m.editions[1].lang = "ar";
  m.editions[1].name = "الصحة للجميع";
  m.cards[1].lang = "ar";
  std::vector<ZipPlan> zips = plan_zips(m);
  ASSERT_EQ(zips.size(), 4u);
  EXPECT_EQ(zips[0].file, "health-for-all-en-og.zip");
  EXPECT_EQ(zips[2].file, "health-for-all-ar-og.zip");
  EXPECT_EQ(zips[3].file, "health-for-all-ar-story.zip");
  // Arabic first: the next edition with a Latin name lends it.
  std::swap(m.editions[0], m.editions[1]);
  EXPECT_EQ(plan_zips(m)[0].file, "health-for-all-ar-og.zip");
}

TEST(GalleryModel, ZipEntryNamesAreUnique) {
  Manifest m;
  m.campaign = "C";
  m.cards = {card("same", "", "A", {"og"}), card("same", "", "B", {"og"})};
  m.cards[1].outputs[0].file = "same-2/og.png";
  auto zips = plan_zips(m);
  ASSERT_EQ(zips[0].entries.size(), 2u);
  EXPECT_EQ(zips[0].entries[0].name, "same-og.png");
  EXPECT_EQ(zips[0].entries[1].name, "same-og-2.png");

  // The page names a download in full only where its path would not.
  nlohmann::json page = gallery_model(input_for(m), strings());
  const auto& cards = page["editions"][0]["cards"];
  EXPECT_EQ(cards[0]["downloads"][0]["named"], false);
  EXPECT_EQ(cards[1]["downloads"][0]["named"], true);
  EXPECT_EQ(cards[1]["downloads"][0]["download"], "same-og.png");
}

TEST(GalleryModel, PageModelForTwoLanguages) {
  nlohmann::json page = gallery_model(input_for(bilingual()), strings());
  EXPECT_EQ(page["lang"], "en");
  EXPECT_EQ(page["title"], "Health for All");
  EXPECT_EQ(page["description"], "Share the cards.");
  EXPECT_EQ(page["several"], true);
  ASSERT_EQ(page["languages"].size(), 2u);
  EXPECT_EQ(page["languages"][0]["name"], "English");
  EXPECT_EQ(page["languages"][1]["name"], "Español");
  EXPECT_EQ(page["languages"][1]["href"], "#es");
  // Colours come from the first edition only.
  EXPECT_TRUE(page["colors"].empty());

  const auto& en = page["editions"][0];
  ASSERT_EQ(en["cards"].size(), 2u);
  EXPECT_EQ(en["cards"][1]["n"], 3);  // numbered across the manifest
  EXPECT_EQ(en["tail"], "#HealthForAll");
  EXPECT_EQ(en["has_tail"], true);
  EXPECT_EQ(en["card_count"], "2 cards");
  const auto& dl = en["cards"][0]["downloads"][1];
  EXPECT_EQ(dl["href"], "fund-clinics/story.png");
  EXPECT_EQ(dl["download"], "fund-clinics-story.png");
  EXPECT_EQ(dl["named"], false);  // the page's script names it from the path
  // The platforms platforms.yaml lists for the story size, each once.
  EXPECT_EQ(dl["label"], "Instagram, Facebook, Instagram Reels, WhatsApp, TikTok, YouTube Shorts");
  EXPECT_EQ(dl["dims"], "1080×1920");
  EXPECT_EQ(dl["size_text"], "42 kB");
  EXPECT_EQ(en["zips"][0]["count"], "2 cards");
  EXPECT_EQ(en["zips"][0]["size_text"], "1.2 MB");

  const auto& es = page["editions"][1];
  EXPECT_EQ(es["title"], "Salud para todos");
  EXPECT_EQ(es["current"], false);
  EXPECT_EQ(es["ui"]["copy_caption"], "Copiar texto");
  EXPECT_EQ(es["card_count"], "1 imagen");
  EXPECT_EQ(es["zips"][0]["size_text"], "1,2 MB");
  EXPECT_EQ(es["cards"][0]["kind_label"], "Recomendación");
  EXPECT_EQ(es["tail"], "#SaludParaTodos example.org/salud");
}

// An edition lacking cards the others have says which, by the title the card
// has in the edition that has it, in the page's words for its own language.
TEST(GalleryModel, EachEditionListsTheCardsItLacks) {
  Manifest m = bilingual();
  m.editions.push_back({"ar", "الصحة للجميع", "", "", "", {}});
  auto translated = [](ManifestCard c, const std::string& of) {
    c.content_id = of;  // the batch gave it "<id>-<lang>" to keep ids unique
    return c;
  };
  m.cards = {card("fund-clinics", "en", "Fund clinics"),
             card("hire-nurses", "en", "Hire nurses"),
             translated(card("fund-clinics-es", "es", "Financiar clínicas"), "fund-clinics"),
             translated(card("fund-clinics-ar", "ar", "تمويل العيادات"), "fund-clinics"),
             translated(card("hire-nurses-ar", "ar", "توظيف الممرضات"), "hire-nurses"),
             card("open-late", "ar", "فتح المكتبات مساء")};
  nlohmann::json page = gallery_model(input_for(m), strings());
  const auto& en = page["editions"][0];
  const auto& es = page["editions"][1];
  const auto& ar = page["editions"][2];
  // English lacks the card only Arabic has, named in Arabic, right to left.
  ASSERT_EQ(en["lacks"].size(), 1u);
  EXPECT_EQ(en["has_lacks"], true);
  EXPECT_EQ(en["lacks"][0]["id"], "open-late");
  EXPECT_EQ(en["lacks"][0]["title"], "فتح المكتبات مساء");
  EXPECT_EQ(en["lacks"][0]["lang"], "ar");
  EXPECT_EQ(en["lacks"][0]["rtl"], true);
  EXPECT_EQ(en["ui"]["not_yet"], "Not in this language yet:");
  // Spanish lacks two: "Hire nurses" in English (the first edition with it),
  // and the Arabic-only card; each once.
  ASSERT_EQ(es["lacks"].size(), 2u);
  EXPECT_EQ(es["lacks"][0]["title"], "Hire nurses");
  EXPECT_EQ(es["lacks"][0]["lang"], "en");
  EXPECT_EQ(es["lacks"][0]["rtl"], false);
  EXPECT_EQ(es["lacks"][1]["id"], "open-late");
  EXPECT_EQ(es["ui"]["not_yet"], "Aún sin traducir a este idioma:");
  // Arabic has every card.
  EXPECT_TRUE(ar["lacks"].empty());
  EXPECT_EQ(ar["has_lacks"], false);
  EXPECT_EQ(ar["ui"]["not_yet"], "لم تُترجم بعد إلى هذه اللغة:");
  // With one edition there is nothing to compare.
  m.editions.resize(1);
  m.cards.resize(2);
  EXPECT_EQ(gallery_model(input_for(m), strings())["editions"][0]["has_lacks"], false);
}

TEST(GalleryModel, LinkPreviewTags) {
  GalleryInput in = input_for(bilingual());
  nlohmann::json page = gallery_model(in, strings());
  EXPECT_EQ(page["og"]["image"], "fund-clinics/og.png");
  EXPECT_EQ(page["og"]["alt"], "Recommendation: Fund clinics");
  EXPECT_EQ(page["og"]["has_url"], false);

  in.base_url = "https://cards.example.org/health";
  in.lead = "hire-nurses";
  page = gallery_model(in, strings());
  EXPECT_EQ(page["og"]["image"], "https://cards.example.org/health/hire-nurses/og.png");
  EXPECT_EQ(page["og"]["url"], "https://cards.example.org/health/");
  EXPECT_EQ(page["og"]["width"], 1200);
  // The page's own URL closes captions that have no campaign URL.
  EXPECT_EQ(page["editions"][0]["tail"], "#HealthForAll https://cards.example.org/health/");

  // A lead card with only a story is previewed by its story.
  Manifest m = bilingual();
  m.cards[0] = card("fund-clinics", "en", "Fund clinics", {"story"});
  page = gallery_model(input_for(m), strings());
  EXPECT_EQ(page["og"]["image"], "fund-clinics/story.png");
  EXPECT_EQ(page["og"]["height"], 1920);
}

TEST(GalleryModel, BadLeadAndBaseUrlAreUsageErrors) {
  GalleryInput in = input_for(bilingual());
  in.lead = "hire-nurse";
  Diagnostic d = error_of([&] { gallery_model(in, strings()); });
  EXPECT_EQ(d.kind, FailureKind::usage);
  EXPECT_EQ(d.message, "there is no card 'hire-nurse' in out/manifest.json");
  ASSERT_FALSE(d.hints.empty());
  EXPECT_EQ(d.hints[0], "did you mean 'hire-nurses'?");
  in.lead.clear();
  in.base_url = "javascript:alert(1)";
  d = error_of([&] { gallery_model(in, strings()); });
  EXPECT_EQ(d.kind, FailureKind::usage);
  EXPECT_EQ(d.message, "base URL 'javascript:alert(1)' must start with https:// or http://");
}

TEST(GalleryModel, ColoursMustBeHex) {
  Manifest m = bilingual();
  m.editions[0].colors = {{"paper", "#1C1A4A"}, {"ink", "red;}body{display:none"}};
  Diagnostic d = error_of([&] { gallery_model(input_for(m), strings()); });
  EXPECT_EQ(d.loc.file, "out/manifest.json");
  EXPECT_EQ(d.message,
            "invalid manifest: colour 'ink' must be written like #1C1A4A, not "
            "'red;}body{display:none'");
  m.editions[0].colors.pop_back();
  nlohmann::json page = gallery_model(input_for(m), strings());
  ASSERT_EQ(page["colors"].size(), 1u);
  EXPECT_EQ(page["colors"][0]["value"], "#1C1A4A");
}

TEST(GalleryModel, OneLanguageHasNoSwitcherAndOldManifestsStillWork) {
  Manifest m;
  m.campaign = "Old campaign";
  m.cards = {card("a", "", "A", {"square"})};
  nlohmann::json page = gallery_model(input_for(m), strings());
  EXPECT_EQ(page["several"], false);
  EXPECT_EQ(page["has_lang"], false);
  EXPECT_EQ(page["title"], "Old campaign");
  ASSERT_EQ(page["editions"].size(), 1u);
  EXPECT_EQ(page["editions"][0]["cards"][0]["preview"]["src"], "a/square.png");
  EXPECT_EQ(page["editions"][0]["ui"]["copy_alt"], "Copy alt text");
}

TEST(GalleryModel, RegionalAndUnknownLanguagesFallBack) {
  Manifest m = bilingual();
  m.editions[1].lang = "es-MX";
  m.cards[1].lang = "es-MX";
  m.editions.push_back({"sw", "Afya kwa wote", "", "", "", {}});
  m.cards.push_back(card("afya", "sw", "Afya"));
  nlohmann::json page = gallery_model(input_for(m), strings());
  EXPECT_EQ(page["languages"][1]["name"], "Español");
  EXPECT_EQ(page["editions"][1]["ui"]["copy_alt"], "Copiar descripción");
  // No Swahili texts: the switcher shows the tag, the page falls back to English.
  EXPECT_EQ(page["languages"][2]["name"], "sw");
  EXPECT_EQ(page["editions"][2]["ui"]["copy_alt"], "Copy alt text");
  EXPECT_EQ(page["editions"][2]["cards"][0]["id"], "afya");
}

TEST(GalleryModel, TranslatedLanguagesHaveEveryText) {
  // A language is either complete or has only its name (and uses English).
  const auto& en = strings().at("en");
  EXPECT_TRUE(en.contains("sizes.custom"));
  EXPECT_TRUE(en.contains("list_separator"));
  for (const auto& [lang, table] : strings()) {
    EXPECT_TRUE(table.contains("language_name")) << lang;
    if (table.size() > 1) {
      EXPECT_EQ(table.size(), en.size()) << lang << " is half translated";
    }
  }
  EXPECT_EQ(strings().at("es").size(), en.size());
}

// The labels come from platforms.yaml: a campaign's own file, which puts its
// chat app before X on the og size and a square's surfaces nowhere, changes
// them; a size no platform is for is a custom size, in the page's words.
TEST(GalleryModel, SizeLabelsComeFromThePlatformsFile) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("placard-gallery-platforms-" + std::to_string(getpid()) + ".yaml"))
                               .string();
  write_file_atomic(path,
                    "surfaces:\n"
                    "  chat-link:\n"
                    "    platform: Our Chat\n"
                    "    crop: square\n"
                    "    sources: [\"our own app, 2026-12-06\"]\n"
                    "sizes:\n"
                    "  og: [chat-link, x-card, facebook-link]\n"
                    "  story: []\n");
  const Platforms platforms = load_platforms(path, default_platforms());
  std::filesystem::remove(path);
  GalleryInput in = input_for(bilingual());
  in.platforms = &platforms;
  const nlohmann::json page = gallery_model(in, strings());
  const auto& en = page["editions"][0]["cards"][0]["downloads"];
  EXPECT_EQ(en[0]["label"], "Our Chat, X, Facebook");
  EXPECT_EQ(en[1]["label"], "Custom size");
  const auto& es = page["editions"][1]["cards"][0]["downloads"];
  EXPECT_EQ(es[1]["label"], "Tamaño personalizado");
  EXPECT_EQ(page["editions"][0]["zips"][0]["label"], "Our Chat, X, Facebook");
  // Without a file of its own, the built-in one.
  EXPECT_EQ(gallery_model(input_for(bilingual()),
                          strings())["editions"][0]["cards"][0]["downloads"][0]["label"],
            "X, WhatsApp, Facebook, LinkedIn, Bluesky, Mastodon, Threads, Telegram, Discord, "
            "Slack, iMessage");
}

TEST(GalleryModel, NamedOnlyLanguageUsesEnglishTexts) {
  Manifest m = bilingual();
  m.editions[1].lang = "fr";
  m.cards[1].lang = "fr";
  nlohmann::json page = gallery_model(input_for(m), strings());
  EXPECT_EQ(page["languages"][1]["name"], "Français");
  EXPECT_EQ(page["editions"][1]["ui"]["copy_alt"], "Copy alt text");
  EXPECT_EQ(page["editions"][1]["cards"][0]["downloads"][0]["label"],
            "X, WhatsApp, Facebook, LinkedIn, Bluesky, Mastodon, Threads, Telegram, Discord, "
            "Slack, iMessage");
}

TEST(GalleryModel, ArabicEditionIsRightToLeftInItsOwnWords) {
  Manifest m = bilingual();
  m.editions[1].lang = "ar";
  m.cards[1].lang = "ar";
  nlohmann::json page = gallery_model(input_for(m), strings());
  EXPECT_EQ(page["rtl"], false);
  EXPECT_EQ(page["languages"][1]["name"], "العربية");
  EXPECT_EQ(page["languages"][1]["rtl"], true);
  EXPECT_EQ(page["editions"][1]["rtl"], true);
  EXPECT_EQ(page["editions"][1]["ui"]["copy_alt"], "نسخ النص البديل");
  // The platforms' own names, joined with the Arabic comma and a
  // right-to-left mark (U+200F), so that they read from the right.
  std::string names;
  for (const char* n : {"X", "WhatsApp", "Facebook", "LinkedIn", "Bluesky", "Mastodon", "Threads",
                        "Telegram", "Discord", "Slack", "iMessage"})
    names += (names.empty() ? "" : "\u060C\u200F ") + std::string(n);
  EXPECT_EQ(page["editions"][1]["cards"][0]["downloads"][0]["label"], names);
  EXPECT_EQ(page["editions"][1]["card_count"], "صورة واحدة");
  EXPECT_EQ(strings().at("ar").size(), strings().at("en").size());
  // An Arabic first edition makes the whole page right-to-left.
  std::swap(m.editions[0], m.editions[1]);
  EXPECT_EQ(gallery_model(input_for(m), strings())["rtl"], true);
}

// The page's direction comes from the same list as the cards' (text/): a
// Sorani (ckb) or old-style Hebrew (iw) edition runs right to left on both.
TEST(GalleryModel, EveryRightToLeftLanguageOfTheCardsIsRightToLeftOnThePage) {
  for (const char* lang : {"ckb", "iw", "ar-EG", "ar_EG", "fa"}) {
    Manifest m = bilingual();
    m.editions[1].lang = lang;
    m.cards[1].lang = lang;
    nlohmann::json page = gallery_model(input_for(m), strings());
    EXPECT_EQ(page["editions"][1]["rtl"], true) << lang;
    EXPECT_EQ(page["editions"][0]["rtl"], false) << lang;
  }
}

TEST(GalleryModel, PersonalCardsCarryTheirFieldsInTheEditionsWords) {
  Manifest m = bilingual();
  m.cards[0].personal = ManifestPersonal{{{"name", 40, true}, {"city", 30, false}}, true};
  m.cards[1].personal = ManifestPersonal{{{"name", 40, true}}, false};
  GalleryInput in = input_for(m);
  in.server = "https://cards.example.org/";
  nlohmann::json page = gallery_model(in, strings());
  EXPECT_EQ(page["server"], "https://cards.example.org");
  EXPECT_EQ(page["has_server"], true);
  EXPECT_EQ(page["has_personal"], true);

  // By the card's element id; hire-nurses (card-3) is the same for everyone.
  const auto& panel = page["personal_panel"];
  ASSERT_EQ(panel["cards"].size(), 2u);
  EXPECT_FALSE(panel["cards"].contains("card-3"));
  const auto& en = panel["cards"]["card-1"];
  EXPECT_EQ(en["id"], "fund-clinics");
  EXPECT_EQ(en["photo"], true);
  EXPECT_EQ(en["fields"], nlohmann::json::parse(R"([
    {"name": "name", "label": "Your name", "max": 40, "required": true},
    {"name": "city", "label": "Your town or city", "max": 30, "required": false}])"));
  ASSERT_EQ(en["sizes"].size(), 3u);
  EXPECT_EQ(en["sizes"][0], nlohmann::json::parse(R"(
    {"name": "og", "label": "X, WhatsApp, Facebook, LinkedIn, Bluesky, Mastodon, Threads, Telegram, Discord, Slack, iMessage", "dims": "1200×630"})"));
  // Square is offered to supporters (Instagram feed, WhatsApp status) though
  // the campaign renders only og and story.
  EXPECT_EQ(en["sizes"][2]["name"], "square");
  EXPECT_EQ(en["sizes"][2]["dims"], "1080×1080");
  EXPECT_NE(en["sizes"][2]["label"].get<std::string>().find("Instagram"), std::string::npos)
      << en["sizes"][2];
  EXPECT_EQ(en["sizes"][0]["name"], "og");
  EXPECT_EQ(en["sizes"][1], nlohmann::json::parse(R"(
    {"name": "story", "label": "Instagram, Facebook, Instagram Reels, WhatsApp, TikTok, YouTube Shorts", "dims": "1080×1920"})"));
  // The Share buttons' words, for every edition.
  EXPECT_EQ(page["share_words"]["en"]["share"], "Share");
  EXPECT_EQ(page["share_words"]["es"]["share"], "Compartir");
  EXPECT_EQ(panel["editions"]["en"]["open"], "Make it yours");
  EXPECT_EQ(panel["editions"]["en"]["max"], "Up to {n} characters");

  // The Spanish edition's panel speaks Spanish.
  const auto& es = panel["cards"]["card-2"];
  EXPECT_EQ(es["id"], "financiar");
  EXPECT_EQ(es["fields"][0]["label"], "Tu nombre");
  EXPECT_EQ(es["photo"], false);
  EXPECT_EQ(panel["editions"]["es"]["open"], "Hazla tuya");

  // Only editions with personal cards carry the words; without --server the
  // page names no server; without personal cards there is no panel.
  m.cards[1].personal.reset();
  page = gallery_model(input_for(m), strings());
  EXPECT_EQ(page["has_server"], false);
  EXPECT_FALSE(page["personal_panel"]["editions"].contains("es"));
  m.cards[0].personal.reset();
  page = gallery_model(input_for(m), strings());
  EXPECT_EQ(page["has_personal"], false);
}

TEST(GalleryModel, AFieldWithoutWordsIsLabelledWithItsName) {
  Manifest m = bilingual();
  m.cards[0].personal = ManifestPersonal{{{"team", 20, false}}, false};
  nlohmann::json page = gallery_model(input_for(m), strings());
  EXPECT_EQ(page["personal_panel"]["cards"]["card-1"]["fields"][0]["label"], "team");
}

TEST(GalleryModel, BadServerUrlIsAUsageError) {
  GalleryInput in = input_for(bilingual());
  in.server = "https://user:pass@cards.example.org";
  Diagnostic d = error_of([&] { gallery_model(in, strings()); });
  EXPECT_EQ(d.kind, FailureKind::usage);
  EXPECT_EQ(d.message,
            "--server 'https://user:pass@cards.example.org' must not hold a user name or "
            "password: the page is public");
}

}  // namespace
}  // namespace placard
