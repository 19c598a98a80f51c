// Phrases of Chinese, Japanese and Korean: the segmenters, and display lines that
// break between phrases, not inside a word or number.
#include "text/phrases.h"

#include <glib.h>
#include <gtest/gtest.h>

#include "test_blocks.h"

using namespace placard;

namespace {

std::u32string u32(const std::string& s) {
  std::u32string out;
  for (const char* p = s.c_str(); *p; p = g_utf8_next_char(p)) out += g_utf8_get_char(p);
  return out;
}

// `text` with a "|" at each phrase start.
std::string segmented(const std::string& text, const std::string& model) {
  const std::u32string u = u32(text);
  const std::vector<bool> starts = phrase_starts(u, model);
  std::string out;
  const char* p = text.c_str();
  for (size_t i = 0; i < u.size(); ++i, p = g_utf8_next_char(p)) {
    if (starts[i]) out += "|";
    out.append(p, static_cast<size_t>(g_utf8_next_char(p) - p));
  }
  return out;
}

std::string unsegmented(std::string s) {
  std::string out;
  for (char c : s)
    if (c != '|') out += c;
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += "[" + l + "] ";
  return s;
}

}  // namespace

TEST(Phrases, JapaneseIsSegmentedAsBudouxDoes) {
  // BudouX 0.9.2's own parser (JavaScript, npm) on these texts, with the
  // same model: the scorer written here must agree with it everywhere.
  for (const std::string expected : {
           "2030年までに|原発ゼロへ。",
           "投票に|行こう。|あなたの|一票が|未来を|変える。",
           "最低賃金を|時給1500円に|引き上げよう",
           "気候危機は|もう|待ってくれない。|今すぐ|行動を。",
           "すべての|子どもに|安全な|学校を。",
           "同性婚の|法制化を|求めます",
           "私たちは|声を|上げ続けます。",
           "公共交通を|無料に|しよう。",
           "再生可能エネルギー100%の|社会へ",
           "戦争反対、|平和を|守ろう。",
           "入管法の|改悪に|反対します",
           "介護と|保育の|現場に|人と|予算を。",
           "１０月２７日は|投票日です",
           "一人|ひとりの|命と|尊厳を|守る|政治を",
           "奨学金の|返済を|免除してください",
           "署名は|こちらから",
       }) {
    EXPECT_EQ(segmented(unsegmented(expected), "ja"), expected);
  }
}

TEST(Phrases, ChineseIsSegmentedIntoDictionaryWords) {
  EXPECT_EQ(segmented("人人享有平等权利", "zh"), "人人|享有|平等|权利");
  EXPECT_EQ(segmented("我們要求政府立即行動", "zh"), "我們|要求|政府|立即|行動");
}

TEST(Phrases, TheModelFollowsTheLanguageThenTheScript) {
  EXPECT_EQ(phrase_model("ja", u32("原発")), "ja");
  EXPECT_EQ(phrase_model("zh-Hant-TW", u32("原発")), "zh");
  EXPECT_EQ(phrase_model("ko", u32("투표")), "ko");
  EXPECT_EQ(phrase_model("ko-KR", u32("Vote")), "ko");
  // Untagged or tagged otherwise: kana is Japanese, ideographs alone Chinese.
  EXPECT_EQ(phrase_model("en", u32("Vote 投票に行こう")), "ja");
  EXPECT_EQ(phrase_model("", u32("人人享有平等权利")), "zh");
  EXPECT_EQ(phrase_model("", u32("주거는 인권입니다")), "ko");
  EXPECT_EQ(phrase_model("en", u32("Vote today")), "");
}

TEST(Phrases, DisplayLinesBreakBetweenPhrases) {
  // The cards: "原発ゼ / ロへ。", "投 / 票" across widths.
  struct Case {
    std::string text, lang;
    std::vector<std::string> whole;
  };
  const std::vector<Case> cases = {
      {"2030年までに原発ゼロへ。投票に行こう。", "ja", {"原発ゼロへ。", "投票に", "2030年までに"}},
      {"気候危機はもう待ってくれない。今すぐ行動を。",
       "ja",
       {"気候危機は", "待ってくれない。", "行動を。"}},
      {"人人享有平等权利，每一票都很重要。", "zh", {"人人", "享有", "平等", "权利", "重要"}},
      // Korean breaks at its spaces, never inside a word ("공공임대주 / 택",
      // "물러 / 서지" were set so before).
      {"2030년까지 공공임대주택 100만 호를 공급하라.",
       "ko",
       {"2030년까지", "공공임대주택", "100만", "공급하라."}},
      {"“우리는 물러서지 않는다.”", "ko", {"“우리는", "물러서지", "않는다.”"}},
  };
  for (const Case& c : cases)
    for (double width = 360; width <= 900; width += 60) {
      const std::vector<std::string> lines = lines_of(c.text, c.lang, width, 40, 80);
      for (const std::string& w : c.whole) {
        bool found = false;
        for (const std::string& l : lines) found = found || l.find(w) != std::string::npos;
        EXPECT_TRUE(found) << w << " is broken at " << width << ": " << joined(lines);
      }
    }
}

TEST(Phrases, APhraseWiderThanTheLineIsCutWithNoHyphen) {
  // One phrase, wider than the box at the smallest size: cut, as a word is,
  // but with nothing added and every character kept.
  const std::string text = "再生可能エネルギー100%の";
  const std::vector<std::string> lines = lines_of(text, "ja", 300, 60, 60);
  ASSERT_GT(lines.size(), 1u) << joined(lines);
  std::string all;
  for (const std::string& l : lines) {
    EXPECT_EQ(l.find("-"), std::string::npos) << joined(lines);
    EXPECT_EQ(l.find("\u2010"), std::string::npos) << joined(lines);
    all += l;
  }
  EXPECT_EQ(all, text);
}
