// The real gallery template rendered from a model: user text stays text, and
// the page has what a supporter needs.
#include "gallery/gallery_page.h"

#include <gtest/gtest.h>

#include <regex>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "base/resources.h"
#include "gallery/gallery_model.h"

namespace placard {
namespace {

const std::string kEvil = "<script>alert(\"x\")</script> & 'quotes' {{title}}";

Manifest manifest(bool two_languages) {
  Manifest m;
  m.generator = "Placard test";
  m.campaign = "Rights <now> & \"here\"";
  m.editions = {{"en", m.campaign, "Intro with <b>markup</b>", "#Tag", "", {{"paper", "#1C1A4A"}}}};
  ManifestCard c;
  c.id = "evil";
  c.kind = "quote";
  c.lang = "en";
  c.text = kEvil;
  c.alt = "Quote: " + kEvil;
  c.outputs = {{"og", 1200, 630, "evil/og.png", 2048},
               {"story", 1080, 1920, "evil/story.png", 4096}};
  m.cards = {c};
  if (two_languages) {
    m.editions.push_back({"ar", "حقوق", "", "", "", {}});
    ManifestCard a = c;
    a.id = "arabic";
    a.lang = "ar";
    a.text = "الحقوق الآن";
    a.alt = a.text;
    a.outputs = {{"og", 1200, 630, "arabic/og.png", 1500}};
    m.cards.push_back(a);
  }
  return m;
}

std::string render(const Manifest& m, const std::string& base_url = "",
                   const std::string& server = "") {
  GalleryInput in;
  in.manifest = m;
  in.manifest_path = "manifest.json";
  in.base_url = base_url;
  in.server = server;
  for (const auto& c : m.cards)
    for (const auto& o : c.outputs) in.file_bytes[o.file] = o.bytes;
  for (const auto& z : plan_zips(m)) in.file_bytes[z.file] = 9000;
  const std::string tpl = gallery_dir() + "/index.html.mustache";
  return render_gallery_page(
      read_file(tpl), tpl,
      gallery_model(in, load_gallery_strings(gallery_dir() + "/strings.yaml")));
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

TEST(GalleryPage, UserTextIsEscapedEverywhere) {
  std::string html = render(manifest(false));
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<b>markup"), std::string::npos);
  EXPECT_EQ(html.find("<now>"), std::string::npos);
  const std::string escaped =
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos; {{title}}";
  // The text, once each: heading, img alt, og:image:alt and twitter:image:alt.
  EXPECT_EQ(count(html, escaped), 4u) << html;
  EXPECT_NE(html.find("<title>Rights &lt;now&gt; &amp; &quot;here&quot;</title>"),
            std::string::npos);
  EXPECT_NE(html.find("Intro with &lt;b&gt;markup&lt;/b&gt;"), std::string::npos);
  // The only scripts are the page's own: its behaviour, then the Share buttons.
  EXPECT_EQ(count(html, "<script"), 2u);
  EXPECT_NE(html.find("<script src=\"gallery.js\" defer></script>\n<script src=\"share.js\" "
                      "defer></script>"),
            std::string::npos);
}

TEST(GalleryPage, CaptionPartsAreOnThePage) {
  // gallery.js copies the heading's text, a blank line and the edition's tags.
  std::string html = render(manifest(false));
  EXPECT_NE(html.find("<h3>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                      "&apos;quotes&apos; {{title}}</h3>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<p class=\"tail\">End each caption with: <span class=\"tags\">#Tag</span>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("data-copy-caption=\"Copy caption\" data-copy-alt=\"Copy alt text\""),
            std::string::npos);
}

TEST(GalleryPage, DownloadLinksNamePlatformPixelsAndSize) {
  std::string html = render(manifest(false));
  EXPECT_NE(
      html.find("<a href=\"evil/story.png\" download>Instagram, Facebook, Instagram "
                "Reels, WhatsApp, TikTok, YouTube Shorts <small>1080×1920 · 4 kB</small></a>"),
      std::string::npos)
      << html;
  EXPECT_NE(html.find("<a href=\"rights-now-here-story.zip\" download>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("1080×1920 · 1 card · ZIP 9 kB"), std::string::npos);
  // Every image has its alt text and its size.
  EXPECT_NE(html.find("<img src=\"evil/og.png\" width=\"1200\" height=\"630\" alt=\"Quote: "),
            std::string::npos);
}

TEST(GalleryPage, HeadHasLinkPreviewTags) {
  std::string html = render(manifest(false), "https://cards.example.org/rights/");
  for (const char* tag :
       {"<meta property=\"og:image\" content=\"https://cards.example.org/rights/evil/og.png\">",
        "<meta property=\"og:image:width\" content=\"1200\">",
        "<meta property=\"og:image:height\" content=\"630\">",
        "<meta property=\"og:url\" content=\"https://cards.example.org/rights/\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "<meta name=\"twitter:image\" content=\"https://cards.example.org/rights/evil/og.png\">",
        "<meta property=\"og:image:alt\" content=\"Quote: &lt;script&gt;",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<style>:root { --paper: #1C1A4A; }</style>", "<html class=\"no-js\" lang=\"en\">"})
    EXPECT_NE(html.find(tag), std::string::npos) << tag;
}

TEST(GalleryPage, NothingIsLoadedFromElsewhere) {
  std::string html = render(manifest(true), "https://cards.example.org/");
  // src= and href= only name files in the folder (or a fragment, or data:).
  std::regex ref("(?:src|href)=\"([^\"]*)\"");
  int refs = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), ref); it != std::sregex_iterator();
       ++it, ++refs) {
    std::string url = (*it)[1].str();
    EXPECT_TRUE(url.find(':') == std::string::npos || url == "data:,") << url;
  }
  EXPECT_GT(refs, 8);
}

TEST(GalleryPage, PersonalCardsAndTheServerAreMarkedForTheScript) {
  Manifest m = manifest(true);
  m.cards[0].personal = ManifestPersonal{{{"name", 40, true}}, true};
  std::string html = render(m, "", "https://cards.example.org/");
  EXPECT_NE(html.find("<html class=\"no-js\" lang=\"en\" data-server=\"https://cards.example.org\" "
                      "data-personal>"),
            std::string::npos);
  // The fields and words are in personal.js, not in the page; without the
  // script there is no panel: no button, no form.
  EXPECT_EQ(html.find("Make it yours"), std::string::npos);
  EXPECT_EQ(html.find("<button"), std::string::npos);
  EXPECT_EQ(html.find("<form"), std::string::npos);
  // Without --server the page names none (its script asks beside itself),
  // and without personal cards it asks nothing.
  EXPECT_EQ(render(m).find("data-server"), std::string::npos);
  EXPECT_NE(render(m).find(" data-personal>"), std::string::npos);
  EXPECT_EQ(render(manifest(true)).find("data-personal"), std::string::npos);
}

TEST(GalleryPage, LanguageSwitcherOnlyWithSeveralLanguages) {
  EXPECT_EQ(render(manifest(false)).find("class=\"langs\""), std::string::npos);
  std::string html = render(manifest(true));
  EXPECT_NE(html.find("<nav class=\"langs\" aria-label=\"Language\">"), std::string::npos);
  EXPECT_NE(
      html.find("<a href=\"#en\" hreflang=\"en\" lang=\"en\" aria-current=\"true\">English</a>"),
      std::string::npos);
  EXPECT_NE(html.find("<a href=\"#ar\" hreflang=\"ar\" lang=\"ar\" dir=\"rtl\">العربية</a>"),
            std::string::npos);
  // The Arabic edition is marked right-to-left and in its language.
  EXPECT_NE(html.find("<section class=\"edition\" id=\"ar\" lang=\"ar\" dir=\"rtl\""),
            std::string::npos);
  EXPECT_NE(html.find("<section class=\"edition is-current\" id=\"en\" lang=\"en\""),
            std::string::npos);
}

TEST(GalleryPage, AnEditionLackingACardNamesItInTheLanguageThatHasIt) {
  // The two editions of manifest(true) have one card each, not the same one.
  std::string html = render(manifest(true));
  EXPECT_NE(html.find("<aside class=\"lacks\" aria-labelledby=\"ar-lacks\">\n"
                      "<h2 id=\"ar-lacks\">لم تُترجم بعد إلى هذه اللغة:</h2>\n<ul>\n"
                      "<li lang=\"en\" dir=\"ltr\">&lt;script&gt;alert"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<h2 id=\"en-lacks\">Not in this language yet:</h2>\n<ul>\n"
                      "<li lang=\"ar\" dir=\"rtl\">الحقوق الآن</li>"),
            std::string::npos)
      << html;
  EXPECT_EQ(render(manifest(false)).find("class=\"lacks\""), std::string::npos);
}

TEST(GalleryPage, BrokenTemplateIsAnErrorWithItsPath) {
  try {
    render_gallery_page("{{#cards}}never closed", "t.mustache", nlohmann::json::object());
    FAIL() << "expected an error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().loc.file, "t.mustache");
    EXPECT_EQ(e.diagnostic().message.rfind("bad template: ", 0), 0u);
  }
}

}  // namespace
}  // namespace placard
