#include "diff/report_html.h"

#include <gtest/gtest.h>

#include "diff/match_cards.h"

namespace placard {
namespace {

FolderDiff sample() {
  FolderDiff d;
  d.base_dir = "base";
  d.new_dir = "new";
  CardDiff small{Change::changed, "small"};
  small.text = {{WordEdit::Op::same, "Fund"},
                {WordEdit::Op::removed, "<script>alert(1)</script>"},
                {WordEdit::Op::added, "schools & clinics"}};
  OutputDiff o;
  o.size = "og";
  o.change = Change::changed;
  o.changed_share = 0.05;
  o.box = PixelBox{10, 20, 30, 40};
  o.before = ManifestOutput{"og", 1200, 630, "small/og.png"};
  o.after = o.before;
  o.before_image = "img/small/og.before.png";
  o.after_image = "img/small/og.after.png";
  o.diff_image = "img/small/og.diff.png";
  small.outputs = {o};
  CardDiff big = small;
  big.id = "big";
  big.outputs[0].changed_share = 0.5;
  d.cards = {small, big};
  return d;
}

TEST(ReportHtml, EscapedMostChangedFirstImagesRelative) {
  const std::string h = report_html(sample());
  EXPECT_EQ(h.find("<script>alert"), std::string::npos);
  EXPECT_NE(
      h.find("<del>&lt;script&gt;alert(1)&lt;/script&gt;</del> <ins>schools &amp; clinics</ins>"),
      std::string::npos);
  EXPECT_LT(h.find("id=\"card-big\""), h.find("id=\"card-small\""));
  EXPECT_NE(h.find("src=\"img/small/og.diff.png\""), std::string::npos);
  EXPECT_NE(h.find("5.0% of pixels changed, in x 10-39, y 20-59"), std::string::npos);
  // Nothing the page loads comes from elsewhere.
  EXPECT_EQ(h.find("http://"), std::string::npos);
  EXPECT_EQ(h.find("https://"), std::string::npos);
  EXPECT_EQ(h.find("<link"), std::string::npos);
  // A phone: the viewport is the device's, and the images shrink to fit.
  EXPECT_NE(h.find("width=device-width"), std::string::npos);
  EXPECT_NE(h.find("max-width:100%"), std::string::npos);
}

TEST(ReportHtml, NothingChanged) {
  FolderDiff d;
  d.unchanged_cards = 3;
  const std::string h = report_html(d);
  EXPECT_NE(h.find("Nothing changed."), std::string::npos);
  EXPECT_EQ(h.find("<nav"), std::string::npos);
}

TEST(ReportHtml, LayoutAndBreaksAreEscapedNotes) {
  FolderDiff d = sample();
  d.cards[0].notes = {"layout: <standard> → heading"};
  d.cards[0].outputs[0].notes = {R"(headline breaks: "A & B / C" → "A & B C")"};
  d.cards[1].outputs[0].breaks = {{"headline", {"Fund <b>", "now"}, {"Fund <b> now"}}};
  d.cards[1].outputs[0].notes = {break_note(d.cards[1].outputs[0].breaks[0])};
  const std::string h = report_html(d);
  EXPECT_NE(h.find("<li>layout: &lt;standard&gt; → heading</li>"), std::string::npos) << h;
  // With the lines as data, the breaks between them are marked.
  EXPECT_NE(
      h.find("<li>headline breaks:<br>\"Fund &lt;b&gt;<span class=\"sep\"> / </span>now\"<br>→ "
             "\"Fund &lt;b&gt; now\"</li>"),
      std::string::npos)
      << h;
  EXPECT_NE(h.find("<li>headline breaks: &quot;A &amp; B / C&quot; → &quot;A &amp; B C&quot;</li>"),
            std::string::npos)
      << h;
}
}  // namespace
}  // namespace placard
