// The kicker words file: its fallbacks field by field, and its errors.
#include "render/kicker_words.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/diagnostics.h"

using namespace placard;

namespace {

std::string write_words(const std::string& yaml) {
  const auto path =
      std::filesystem::temp_directory_path() /
      ("kickers-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".yaml");
  std::ofstream(path) << yaml;
  return path.string();
}

std::string error_of(const std::string& path, const std::string& lang) {
  try {
    recommendation_kicker(path, lang, 1, 2);
  } catch (const DiagnosticError& e) {
    return format_diagnostic(e.diagnostic());
  }
  return "";
}

}  // namespace

TEST(KickerWords, ATagFallsBackPartByPartThenToEnglishFieldByField) {
  const std::string path = write_words(
      "en: {numbered: 'Item {n} of {total}', single: Item}\n"
      "xx: {numbered: 'Xx {n}-{total}', single: Xx, digits: 'abcdefghij'}\n"
      "xx-YY: {digits: '0123456789'}\n"
      "zz: {single: Zz}\n");
  EXPECT_EQ(recommendation_kicker(path, "xx", 1, 12), "Xx b-bc");
  EXPECT_EQ(recommendation_kicker(path, "xx_yy", 1, 12), "Xx 1-12");
  EXPECT_EQ(recommendation_kicker(path, "xx-Latn-YY", 1, 12), "Xx b-bc");
  EXPECT_EQ(recommendation_kicker(path, "zz", 3, 4), "Item 3 of 4");
  EXPECT_EQ(recommendation_kicker(path, "zz", 1, 1), "Zz");
  EXPECT_EQ(recommendation_kicker(path, "", 3, 4), "Item 3 of 4");
  std::filesystem::remove(path);
}

TEST(KickerWords, ABrokenFileNamesItsPlace) {
  const std::string no_total = write_words(
      "en: {numbered: 'Item {n} of {total}', single: Item}\n"
      "fr:\n  numbered: 'Point {n}'\n");
  EXPECT_NE(error_of(no_total, "fr").find(":3:13"), std::string::npos) << error_of(no_total, "fr");
  EXPECT_NE(error_of(no_total, "fr").find("{total}"), std::string::npos);
  const std::string digits = write_words(
      "en: {numbered: 'Item {n} of {total}', single: Item}\n"
      "fr: {digits: '0123'}\n");
  EXPECT_NE(error_of(digits, "fr").find("ten digits"), std::string::npos);
  const std::string no_english = write_words("fr: {single: Point}\n");
  EXPECT_NE(error_of(no_english, "fr").find("English"), std::string::npos);
  for (const auto& p : {no_total, digits, no_english}) std::filesystem::remove(p);
}
