// Size first (issue 23): whole-paragraph breaking may give up at most
// `size_budget` (12%) of the largest size at which a headline fits to reach
// better lines. Over the example (en, es, ar) and slogans in nine languages
// and six scripts, in every built-in layout at og, square and story, each
// headline is set at 88% or more of its largest fitting size (found with
// the same frame and no room for breaking to trade size: no size range, no
// rescue, no budget), and keeps the rag rule (shortest line at 60% of the
// longest, a line of one strong token such as "287(g)." excepted) wherever
// the budget allows it. Prints, per language, the worst kept ratio and the
// worst rag.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "content/content_markdown.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/anchor.h"
#include "render/build_card.h"
#include "render/pipeline.h"
#include "text/text_fit.h"

using namespace placard;

namespace {

struct Headline {
  double size = 0;
  double rag = 1;  // shortest line over longest
  int lines = 0;
  std::string text;
};

Headline headline_of(const CardLayout& laid) {
  for (const PlacedFrame& f : laid.frames)
    for (const PlacedBlock& b : f.blocks) {
      if (b.block.field != "headline") continue;
      Headline h;
      h.size = b.size;
      h.lines = b.measure.lines;
      for (const std::string& l : b.measure.line_texts) h.text += (h.text.empty() ? "" : " / ") + l;
      const auto& w = b.measure.line_widths;
      if (w.size() > 1)
        h.rag = *std::min_element(w.begin(), w.end()) / *std::max_element(w.begin(), w.end());
      return h;
    }
  return {};
}

// The headline as the card sets it, and at the largest size at which the
// same text fits the same frame.
std::pair<Headline, Headline> chosen_and_largest(const Card& card, Renderer& renderer) {
  Card anchored = card;
  CardLayout laid = lay_out_card(anchored, renderer.text_for(card.lang));
  place_anchored(anchored, laid);
  Card plain = card;
  for (CardItem& item : plain.items)
    if (auto* f = std::get_if<TextFrame>(&item)) {
      f->costs.size_range = 0;
      f->costs.rescue_range = 0;
      f->costs.size_budget = 0;
    }
  CardLayout largest = lay_out_card(plain, renderer.text_for(card.lang));
  return {headline_of(laid), headline_of(largest)};
}

struct Worst {
  double kept = 1, rag = 1;
  std::string kept_card, rag_card;
  int cards = 0;
};

void note(Worst& w, const std::string& what, const Headline& chosen, const Headline& largest) {
  ++w.cards;
  if (std::getenv("PLACARD_BUDGET_LIST"))
    std::printf("CARD %s | %.1f of %.1f | rag %.2f | %s | largest: %s\n", what.c_str(), chosen.size,
                largest.size, chosen.rag, chosen.text.c_str(), largest.text.c_str());
  const double kept = chosen.size / largest.size;
  if (kept < w.kept) {
    w.kept = kept;
    w.kept_card = what;
  }
  if (chosen.lines > 1 && chosen.rag < w.rag) {
    w.rag = chosen.rag;
    w.rag_card = what + ": " + chosen.text;
  }
}

void print(const std::map<std::string, Worst>& worst) {
  for (const auto& [lang, w] : worst)
    std::printf("%-3s %4d cards  worst kept %.3f (%s)  worst rag %.3f (%s)\n", lang.c_str(),
                w.cards, w.kept, w.kept_card.c_str(), w.rag, w.rag_card.c_str());
}

const char* kSizes[] = {"og", "square", "story"};

}  // namespace

TEST(SizeBudget, ExampleHeadlinesKeepTheirSizeInEveryLayout) {
  Renderer renderer;
  std::map<std::string, Worst> worst;
  for (const char* file : {"campaign.md", "campaign.es.md", "campaign.ar.md"}) {
    Content content = read_markdown(std::string(PLACARD_TEST_DIR) +
                                    "/../examples/transforming-the-system/" + file);
    Brand brand = resolve_brand("", content, renderer.fonts());
    for (const auto& [name, description] : list_layouts()) {
      Layout layout = load_layout(name);
      for (const ContentCard& c : content.cards) {
        for (const char* size_name : kSizes) {
          const std::string what = c.id + " " + name + "/" + size_name;
          SCOPED_TRACE(what);
          Card card = build_card(c, content.meta, layout, brand, parse_sizes({size_name}, {})[0]);
          const auto [chosen, largest] = chosen_and_largest(card, renderer);
          if (largest.size <= 0) continue;
          note(worst[content.meta.lang.empty() ? "en" : content.meta.lang], what, chosen, largest);
          EXPECT_GE(chosen.size, 0.88 * largest.size - 0.5) << chosen.text;
          // The Arabic demand at story and square: at 95% or more.
          if (c.headline.plain().find("287(g)") != std::string::npos &&
              std::string(size_name) != "og") {
            EXPECT_GE(chosen.size, 0.95 * largest.size - 0.5) << chosen.text;
          }
        }
      }
    }
  }
  print(worst);
}

TEST(SizeBudget, SlogansInSixScriptsKeepTheirSizeInEveryLayout) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> slogans = {
      {"en",
       {"End 287(g) agreements.", "Housing is a human right, not a privilege",
        "Fund schools, not prisons, in every neighbourhood of this city",
        "Stop sharing our data with immigration enforcement agencies today",
        "Pass the NYPD transparency act (SB 1047) this session", "Vote yes on Proposition 12"}},
      {"es",
       {"Prohibir que las policías locales colaboren con ICE.",
        "Aire limpio y agua potable para todas nuestras hijas e hijos",
        "Fin de los acuerdos 287(g).", "Transporte público puntual y accesible",
        "Nuestras colaboraciones comunitarias importan"}},
      {"de",
       {"Mietpreisbremse jetzt!", "Bezahlbarer Wohnraum für alle Menschen in dieser Stadt",
        "Klimaschutz ist Gesundheitsschutz"}},
      {"ar",
       {"إنهاء اتفاقيات 287(g).", "السكن حق إنساني وليس امتيازا",
        "مدارس ممولة بالكامل في كل حي من أحياء المدينة", "أوقفوا مشاركة بياناتنا مع وكالات الهجرة",
        "هواء نظيف وماء نظيف لكل أطفالنا", "العدالة للجميع"}},
      {"he",
       {"דיור הוא זכות אדם, לא פריבילגיה", "אוויר נקי ומים נקיים לכל הילדים שלנו",
        "סוף להסכמי 287(g).", "צדק לכולם"}},
      {"hi",
       {"आवास एक मानव अधिकार है, विशेषाधिकार नहीं", "हर बच्चे के लिए स्वच्छ हवा और साफ पानी",
        "287(g) समझौते समाप्त करो।", "सबके लिए न्याय"}},
      {"th",
       {"ที่อยู่อาศัยเป็นสิทธิมนุษยชน ไม่ใช่สิทธิพิเศษ", "อากาศสะอาดและน้ำสะอาดสำหรับเด็กทุกคน", "ยุติข้อตกลง 287(g)"}},
      {"ja",
       {"住まいは人権であり、特権ではない。", "すべての子どもにきれいな空気と水を",
        "原発ゼロへ。"}},
      {"zh", {"住房是人权，不是特权。", "为每一个孩子提供清洁的空气和水", "终止287(g)协议。"}},
  };
  Renderer renderer;
  Content content;
  Brand brand =
      resolve_brand(std::string(PLACARD_TEST_DIR) + "/../examples/brands/transforming/brand.yaml",
                    content, renderer.fonts());
  std::map<std::string, Worst> worst;
  int texts = 0;
  for (const auto& [lang, list] : slogans) {
    CampaignMeta meta;
    meta.lang = lang;
    for (const std::string& text : list) {
      ++texts;
      const ContentCard c = statement_card(text);
      for (const auto& [name, description] : list_layouts()) {
        Layout layout = load_layout(name);
        for (const char* size_name : kSizes) {
          const std::string what = text + " " + name + "/" + size_name;
          SCOPED_TRACE(what);
          Card card = build_card(c, meta, layout, brand, parse_sizes({size_name}, {})[0]);
          const auto [chosen, largest] = chosen_and_largest(card, renderer);
          ASSERT_GT(largest.size, 0);
          note(worst[lang], what, chosen, largest);
          EXPECT_GE(chosen.size, 0.88 * largest.size - 0.5) << chosen.text;
        }
      }
    }
  }
  EXPECT_GE(texts, 30);
  EXPECT_GE(worst.size(), 9u);
  print(worst);
}
