// Reads the example campaign's link cards back with an OCR engine: every word
// of every card's text must be legible on its 1200x630 card.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include "base/file_io.h"

namespace fs = std::filesystem;

namespace {

std::string capture(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

// Lowercase ASCII words; typographic apostrophes and punctuation dropped.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      w += static_cast<char>(std::tolower(c));
    } else if (c < 0x80 || c >= 0xC0) {  // a separator (not a UTF-8 continuation)
      if (!w.empty()) out.push_back(w);
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

}  // namespace

TEST(ExampleOcr, EveryCardReadsBackFromItsLinkCard) {
  if (std::system("command -v tesseract >/dev/null 2>&1") != 0)
    GTEST_FAIL() << "tesseract is missing: run scripts/install-deps.sh";
  fs::path out = fs::temp_directory_path() / ("placard-ocr-" + std::to_string(getpid()));
  fs::remove_all(out);
  const std::string example =
      std::string(PLACARD_TEST_DIR) + "/../examples/transforming-the-system/campaign.md";
  ASSERT_EQ(std::system((std::string(PLACARD_BINARY) + " render " + example + " -o " +
                         out.string() + " --sizes og 2>/dev/null")
                            .c_str()),
            0);
  auto manifest = nlohmann::json::parse(placard::read_file((out / "manifest.json").string()));
  int recommendations = 0;
  for (const auto& card : manifest["cards"]) {
    const std::string file = (out / card["outputs"][0]["file"].get<std::string>()).string();
    const std::string text = card["text"].get<std::string>();
    auto seen_list = words(capture("tesseract " + file + " - 2>/dev/null"));
    std::set<std::string> seen(seen_list.begin(), seen_list.end());
    std::vector<std::string> missing;
    for (const auto& w : words(text))
      if (!seen.count(w)) missing.push_back(w);
    std::string m;
    for (const auto& w : missing) m += w + " ";
    EXPECT_TRUE(missing.empty()) << card["id"] << ": OCR missed: " << m;
    recommendations += card["kind"] == "recommendation";
  }
  EXPECT_EQ(recommendations, 4);
  fs::remove_all(out);
}
