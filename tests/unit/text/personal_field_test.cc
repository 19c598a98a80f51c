#include "text/personal_field.h"

#include <gtest/gtest.h>

using namespace placard;

TEST(CleanPersonalField, ComposesAccentsAndCollapsesWhiteSpace) {
  EXPECT_EQ(clean_personal_field("  Jose\u0301 \t\n Garci\u0301a  "), "Jos\u00E9 Garc\u00EDa");
  EXPECT_EQ(clean_personal_field("Ana\x07\x1B[31m"), "Ana [31m");
  EXPECT_EQ(clean_personal_field("Ana\u0085Mar\u00EDa"), "Ana Mar\u00EDa");  // C1 NEL
  EXPECT_EQ(clean_personal_field("\uFEFFAna"), "Ana");
  EXPECT_EQ(clean_personal_field(" \t "), "");
}

TEST(CleanPersonalField, BidiFormattingCharactersGo) {
  // An RLO would turn the rest of the sentence around; LRM/RLM/ALM and the
  // isolates are invisible and could hide a refused word.
  const std::string all =
      "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";
  EXPECT_EQ(clean_personal_field("A" + all + "na"), "Ana");
  EXPECT_EQ(clean_personal_field("\u202Eevil\u202C name"), "evil name");
}

TEST(CleanPersonalField, JoinersStaySoEmojiAndPersianSurvive) {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  EXPECT_EQ(clean_personal_field(family), family);
  const std::string persian =
      "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";  // می‌خواهم
  EXPECT_EQ(clean_personal_field(persian), persian);
}

TEST(CleanPersonalField, InvalidUtf8IsNotRepaired) {
  EXPECT_EQ(clean_personal_field("Ana\xC3"), "");
  EXPECT_EQ(check_personal_field("Ana\xC3", 40, false, nullptr).problem,
            FieldProblem::invalid_utf8);
  EXPECT_EQ(check_personal_field("\xED\xA0\x80", 40, false, nullptr).problem,  // a surrogate
            FieldProblem::invalid_utf8);
}

TEST(CountGraphemes, CountsWhatAReaderSees) {
  EXPECT_EQ(count_graphemes("Ana"), 3u);
  EXPECT_EQ(count_graphemes("\U0001F1F2\U0001F1FD"), 1u);  // flag of Mexico
  EXPECT_EQ(count_graphemes("\U0001F44B\U0001F3FD"), 1u);  // waving hand, skin tone
  EXPECT_EQ(count_graphemes("\U0001F468\u200D\U0001F469\u200D\U0001F467"), 1u);  // a family
  // مُحَمَّد: four letters carrying five vowel marks.
  EXPECT_EQ(count_graphemes("\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F"), 4u);
  EXPECT_EQ(count_graphemes("Jose\u0301"), 4u);
  // नमस्ते: six code points; the conjunct स्ते counts as two clusters under
  // the grapheme rules Pango 1.50 follows (Unicode 15.1 would join them).
  EXPECT_EQ(count_graphemes("\u0928\u092E\u0938\u094D\u0924\u0947"), 4u);
  EXPECT_EQ(count_graphemes(""), 0u);
}

TEST(CheckPersonalField, MissingTooLongAndFine) {
  EXPECT_EQ(check_personal_field("  ", 40, true, nullptr).problem, FieldProblem::missing);
  EXPECT_EQ(check_personal_field("", 40, false, nullptr).problem, FieldProblem::none);
  // Forty flags are 80 code points and 320 bytes, but forty characters.
  std::string flags;
  for (int i = 0; i < 40; ++i) flags += "\U0001F1F2\U0001F1FD";
  EXPECT_EQ(check_personal_field(flags, 40, true, nullptr).problem, FieldProblem::none);
  EXPECT_EQ(check_personal_field(flags + "!", 40, true, nullptr).problem, FieldProblem::too_long);
  FieldCheck ok = check_personal_field(" Ana \u202E ", 40, true, nullptr);
  EXPECT_EQ(ok.problem, FieldProblem::none);
  EXPECT_EQ(ok.value, "Ana");
}

TEST(Blocklist, MatchesWordsIgnoringCaseWidthAndMarks) {
  Blocklist b = Blocklist::parse(
      "# words this campaign refuses\n"
      "badword\n"
      "  two words  # a phrase\n"
      "\n"
      "\u0643\u0644\u0628\n");  // كلب
  EXPECT_EQ(b.size(), 3u);
  EXPECT_TRUE(b.matches("BadWord"));
  EXPECT_TRUE(b.matches("Ana badword"));
  EXPECT_TRUE(b.matches("\uFF22\uFF41\uFF44word"));  // full-width letters
  EXPECT_TRUE(b.matches("bad\u200Bword"));           // a zero-width space inside
  EXPECT_TRUE(b.matches("Two   Words"));
  EXPECT_TRUE(b.matches("\u0643\u064E\u0644\u0652\u0628"));  // vowelled
  // Word boundaries: a longer word that contains an entry is not refused.
  EXPECT_FALSE(b.matches("badwords"));
  EXPECT_FALSE(b.matches("notbadword"));
  EXPECT_FALSE(b.matches("two"));
  EXPECT_FALSE(b.matches("Ana"));
  EXPECT_FALSE(b.matches("# words this campaign refuses"));
}

TEST(Blocklist, LookAlikesMatchByTheirConfusableSkeleton) {
  // Issue 30: each of these was accepted and drew the same as the blocked
  // word on the campaign's card.
  Blocklist b = Blocklist::parse("badword\nidiot\nscam\n");
  EXPECT_TRUE(b.matches("b\u0430dword"));          // Cyrillic а
  EXPECT_TRUE(b.matches("B\u0410DWORD"));          // Cyrillic А, upper case
  EXPECT_TRUE(b.matches("badw\u03BFrd"));          // Greek ο
  EXPECT_TRUE(b.matches("\u0455cam"));             // Cyrillic ѕ
  EXPECT_TRUE(b.matches("\u0131diot"));            // dotless ı
  EXPECT_TRUE(b.matches("\u00EDd\u00EE\u00F6t"));  // accents: ídîöt
  EXPECT_TRUE(b.matches("i\u0301diot"));           // a combining accent
  EXPECT_TRUE(b.matches("ba\u200Ddw\u200Cord"));   // zero-width joiner and non-joiner
  EXPECT_TRUE(b.matches("bad\u00ADword"));         // soft hyphen
  EXPECT_TRUE(b.matches(
      "\U0001D41B\U0001D41A\U0001D41D\U0001D430\U0001D428\U0001D42B\U0001D41D"));  // mathematical
                                                                                   // bold
  // The same words as parts of longer ones, and plain names, still pass.
  EXPECT_FALSE(b.matches("Scamander"));
  EXPECT_FALSE(b.matches("Ivan Petrov"));
  EXPECT_FALSE(b.matches("\u0418\u0432\u0430\u043D"));  // Иван
  EXPECT_FALSE(b.matches("Zo\u00EB"));
}

TEST(PersonalField, AWordMixingLatinWithCyrillicOrGreekIsRefused) {
  EXPECT_TRUE(mixes_scripts_in_a_word("P\u0430ypal"));         // Latin + Cyrillic а
  EXPECT_TRUE(mixes_scripts_in_a_word("Ana \u03B1na"));        // second word: Greek α + Latin
  EXPECT_TRUE(mixes_scripts_in_a_word("\u0418\u03B1\u043D"));  // Cyrillic + Greek
  const FieldCheck c = check_personal_field("J\u043Ehn", 40, true, nullptr);  // Cyrillic о
  EXPECT_EQ(c.problem, FieldProblem::mixed_scripts);
  EXPECT_EQ(c.value, "");
  EXPECT_EQ(field_problem_text(c.problem, "name", 40), "'name' mixes alphabets in one word");
  // One alphabet a word, names in two alphabets, digits and marks: fine.
  for (const char* ok :
       {"Ana", "\u0418\u0432\u0430\u043D \u041F\u0435\u0442\u0440\u043E\u0432",
        "Ana \u0410\u043D\u043D\u0430", "\u0391\u03BD\u03BD\u03B1 Smith", "Zo\u00EB", "R2D2",
        "\u00C5sa-\u00D6sterberg", "\u0639\u0644\u064A Ali", "\u5F20\u4F1F Wei"})
    EXPECT_FALSE(mixes_scripts_in_a_word(ok)) << ok;
}

TEST(PersonalField, ACampaignThatAllowsMixedScriptsStillBlocksLookAlikes) {
  // "Jоhn" with a Cyrillic о, and "Ivanова", Latin with a Cyrillic ending.
  for (const char* mixed : {"J\u043Ehn", "Ivan\u043E\u0432\u0430"}) {
    EXPECT_EQ(check_personal_field(mixed, 40, true, nullptr).problem, FieldProblem::mixed_scripts);
    const FieldCheck c = check_personal_field(mixed, 40, true, nullptr, true);
    EXPECT_EQ(c.problem, FieldProblem::none) << mixed;
    EXPECT_EQ(c.value, mixed);
  }
  // The blocklist's skeletons still see through the look-alike.
  const Blocklist b = Blocklist::parse("john\n");
  EXPECT_EQ(check_personal_field("J\u043Ehn", 40, true, &b, true).problem, FieldProblem::blocked);
}

TEST(Blocklist, ScriptsWithoutSpacesMatchAnywhere) {
  Blocklist b = Blocklist::parse("\u99AC\u9E7F\n\u0E42\u0E07\u0E48\n");  // 馬鹿, โง่
  EXPECT_TRUE(b.matches("\u3042\u306A\u305F\u306F\u99AC\u9E7F\u3067\u3059"));
  EXPECT_TRUE(b.matches("\u0E04\u0E38\u0E13\u0E42\u0E07\u0E48\u0E21\u0E32\u0E01"));
  EXPECT_FALSE(b.matches("\u99AC"));
}

TEST(Blocklist, ABlockedValueGetsANeutralProblem) {
  Blocklist b = Blocklist::parse("badword\n");
  FieldCheck c = check_personal_field("Badword", 40, true, &b);
  EXPECT_EQ(c.problem, FieldProblem::blocked);
  EXPECT_EQ(c.value, "");
  const std::string text = field_problem_text(c.problem, "name", 40);
  EXPECT_EQ(text, "this name can't be used");
  EXPECT_EQ(field_problem_text(FieldProblem::too_long, "city", 40),
            "'city' is longer than 40 characters");
}

TEST(Placeholders, FilledAsIsolatedRunsOrNotAtAll) {
  const std::map<std::string, std::string> v{{"name", "\u0639\u0644\u064A"}, {"city", ""}};
  EXPECT_EQ(fill_placeholders("{name} says:", v), "\u2068\u0639\u0644\u064A\u2069 says:");
  EXPECT_EQ(fill_placeholders("{name} from {city} says:", v), std::nullopt);
  EXPECT_EQ(fill_placeholders("{{literal}} {name}", v), "{literal} \u2068\u0639\u0644\u064A\u2069");
  EXPECT_EQ(fill_placeholders("no fields", v), "no fields");
  EXPECT_EQ(placeholder_names("{name} from {city}"), (std::vector<std::string>{"name", "city"}));
  EXPECT_EQ(isolate_bidi("Ana"), "\u2068Ana\u2069");
}
