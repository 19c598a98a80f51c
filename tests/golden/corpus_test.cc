// The corpus (tests/corpus/): campaign texts in 16 languages, each set in
// every built-in layout at og, square and story, checked from the layout
// dump as a typographer reads a card: addresses and numbers whole, Chinese
// and Japanese phrases whole where they fit a line, right-to-left languages
// in right-to-left paragraphs, the kicker in the card's language.
#include <glib.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "base/diagnostics.h"
#include "base/resources.h"
#include "case_name.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/build_card.h"
#include "render/kicker_words.h"
#include "render/pipeline.h"
#include "text/atoms.h"
#include "text/text_fit.h"
#include "text/text_prepare.h"

namespace fs = std::filesystem;
using namespace placard;

namespace {

const fs::path kCorpus = fs::path(PLACARD_TEST_DIR) / "corpus";

const std::vector<std::string> kLayouts = {"standard", "recommendation", "heading", "statement",
                                           "quote",    "story",          "photo"};
const std::vector<std::string> kSizes = {"og", "square", "story"};

// `s` without the invisible characters line_texts leaves out.
std::string visible(const std::string& s) {
  std::string out;
  for (const char* p = s.c_str(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    if (c == 0x00AD || c == 0x200B || c == 0x200E || c == 0x200F || c == 0x061C ||
        (c >= 0x2066 && c <= 0x2069))
      continue;
    out.append(p, static_cast<size_t>(g_utf8_next_char(p) - p));
  }
  return out;
}

size_t chars(const std::string& s) {
  return static_cast<size_t>(g_utf8_strlen(s.c_str(), -1));
}

std::string shown(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += "[" + l + "] ";
  return s;
}

// The word a line ending in an inserted hyphen breaks: its last word, and
// the first of each line after it until one does not end in a hyphen.
std::string broken_word(const std::vector<std::string>& lines, int line) {
  std::string word = lines[line].substr(
      lines[line].rfind(' ') == std::string::npos ? 0 : lines[line].rfind(' ') + 1);
  word.pop_back();  // the hyphen
  for (size_t i = line + 1; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    const size_t space = l.find(' ');
    if (space != std::string::npos || l.empty() || l.back() != '-' || i + 1 == lines.size()) {
      word += l.substr(0, space);
      break;
    }
    word += l.substr(0, l.size() - 1);  // a part of the word alone, hyphenated again
  }
  return word;
}

class Corpus : public ::testing::TestWithParam<fs::path> {};

TEST_P(Corpus, EveryCardReadsAsTyped) {
  const std::string lang = GetParam().stem().string();
  const YAML::Node texts = YAML::LoadFile(GetParam().string());
  const bool rtl = is_rtl_language(lang);
  Renderer renderer;
  CampaignMeta meta;
  meta.lang = lang;
  meta.name = "Campaign";
  Content content;
  content.meta = meta;
  const Brand brand = resolve_brand("", content, renderer.fonts());
  std::vector<Layout> layouts;
  for (const std::string& name : kLayouts) layouts.push_back(load_layout(name));
  const std::vector<SizePreset> sizes = parse_sizes(kSizes, {});
  int cards = 0, kickers = 0;
  for (const YAML::Node& t : texts) {
    ContentCard c = statement_card(t["text"].as<std::string>());
    const std::string kind = t["kind"] ? t["kind"].as<std::string>() : "statement";
    if (kind == "quote") {
      c.kind = CardKind::quote;
      c.attribution = t["by"] ? t["by"].as<std::string>() : "";
    } else if (kind == "recommendation") {
      c.kind = CardKind::recommendation;
      c.number = 2;
      c.total = 4;
    }
    for (size_t li = 0; li < layouts.size(); ++li)
      for (const SizePreset& size : sizes) {
        const std::string where = kLayouts[li] + " " + size.name + ": " + c.headline.plain();
        CardLayout out;
        Card card;
        try {
          card = make_render_job(c, meta, layouts[li], brand, size, {}).card;
          out = lay_out_card(card, renderer.text_for(card.lang, brand.font_set));
        } catch (const DiagnosticError& e) {
          ADD_FAILURE() << where << ": " << e.diagnostic().message;
          continue;
        }
        ++cards;
        for (const PlacedFrame& f : out.frames)
          for (const PlacedBlock& b : f.blocks) {
            const std::vector<std::string>& lines = b.measure.line_texts;
            const auto on_one_line = [&](const std::string& piece) {
              for (const std::string& l : lines)
                if (l.find(piece) != std::string::npos) return true;
              return false;
            };
            if (b.block.field == "kicker" && c.kind == CardKind::recommendation) {
              ++kickers;
              // Turkish capitalises i as İ before the layout's uppercase.
              std::string kicker = b.block.text.plain();
              for (size_t at; (at = kicker.find("\u0130")) != std::string::npos;)
                kicker.replace(at, 2, "i");
              EXPECT_EQ(kicker, recommendation_kicker(lang, 2, 4)) << where;
            }
            if (b.block.field != "headline" && b.block.field != "quote") continue;
            // Display type: an inserted hyphen only in a word wider than the box.
            const TextFrame* frame = nullptr;
            for (const CardItem& item : card.items)
              if (const auto* tf = std::get_if<TextFrame>(&item); tf && tf->name == f.name)
                frame = tf;
            for (int h : b.hyphen_lines) {
              if (!frame || h + 1 >= static_cast<int>(lines.size())) continue;
              const std::string word = broken_word(lines, h);
              TextBlock alone = b.block;
              alone.text.spans = {{word, false, false, false}};
              alone.set_lines = true;
              const double width =
                  renderer.text_for(card.lang, brand.font_set).measure(alone, b.size, -1).width;
              EXPECT_GT(width, frame->box.w - 0.5)
                  << where << ": '" << word << "' fits the " << frame->box.w << " px box at "
                  << b.size << " px (" << width << " px) but is hyphenated: " << shown(lines);
            }
            // Every right-to-left language sets a right-to-left paragraph.
            if (rtl) {
              EXPECT_TRUE(b.measure.rtl) << where;
            }
            const std::string text = b.block.text.plain();
            std::string joined;
            size_t longest = 0;
            for (const std::string& l : lines) {
              joined += l;
              longest = std::max(longest, chars(l));
            }
            for (const KeepRange& r : keep_ranges(text, lang)) {
              const std::string piece = visible(text.substr(r.start, r.end - r.start));
              if (r.kind == KeepKind::url || r.kind == KeepKind::tag) {
                // Broken only after a separator, with nothing added.
                EXPECT_NE(joined.find(piece), std::string::npos)
                    << where << ": " << piece << " in " << shown(lines);
              } else if (r.kind == KeepKind::atom || chars(piece) <= longest) {
                // An address, or a number or phrase no longer than a line: whole.
                EXPECT_TRUE(on_one_line(piece)) << where << ": " << piece << " in " << shown(lines);
              }
            }
          }
      }
  }
  EXPECT_EQ(cards, static_cast<int>(texts.size() * kLayouts.size() * kSizes.size()));
  EXPECT_GT(kickers, 0) << "no layout showed a recommendation's kicker";
}

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.path().extension() == ".yaml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

INSTANTIATE_TEST_SUITE_P(Languages, Corpus, ::testing::ValuesIn(corpus_files()),
                         [](const auto& info) { return case_name(info.param); });

}  // namespace
