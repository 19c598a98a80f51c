// Error fixtures: each file in tests/errors/ is a layout, brand or SVG
// template with one mistake, and ends with the exact message Placard must
// give for it, one "expect:" line per line of output ({dir} stands for the
// fixture folder). PLACARD_UPDATE_GOLDENS=1 rewrites the expectations and
// fails, so an update is never silent.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "base/file_io.h"
#include "case_name.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/pipeline.h"

namespace fs = std::filesystem;
using namespace placard;

namespace {

const fs::path kErrors = fs::path(PLACARD_TEST_DIR) / "errors";

// What Placard says when it reads (and, for render-* fixtures, renders) it.
std::string diagnose(const fs::path& file, Renderer& renderer) {
  const std::string name = file.filename().string();
  try {
    if (name.starts_with("brand-")) {
      Content content;
      content.path = file.string();
      resolve_brand(file.string(), content, renderer.fonts());
    } else if (name.starts_with("render-")) {
      Layout layout = load_layout(file.string());
      Content content;
      Brand brand = resolve_brand("", content, renderer.fonts());
      ContentCard card = statement_card("Every text stands out from what is under it");
      for (const SizePreset& size : parse_sizes({"og,story"}, {}))
        render_one(make_render_job(card, content.meta, layout, brand, size), renderer);
    } else {
      load_layout(file.string());
    }
  } catch (const DiagnosticError& e) {
    std::string out = describe(e.diagnostic());  // as the command line prints it
    for (size_t at; (at = out.find(kErrors.string())) != std::string::npos;)
      out.replace(at, kErrors.string().size(), "{dir}");
    return out;
  }
  return "(no error)\n";
}

std::string expected_of(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    size_t at = line.find("expect: ");
    if (at == std::string::npos) continue;
    std::string e = line.substr(at + 8);
    if (e.ends_with(" -->")) e.resize(e.size() - 4);
    out += e + "\n";
  }
  return out;
}

std::string with_expectation(const std::string& text, const std::string& actual, bool svg) {
  std::string kept;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find("expect: ") == std::string::npos) kept += line + "\n";
  std::istringstream lines(actual);
  for (std::string line; std::getline(lines, line);)
    kept += svg ? "<!-- expect: " + line + " -->\n" : "# expect: " + line + "\n";
  return kept;
}

}  // namespace

std::vector<fs::path> fixtures() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kErrors)) {
    const std::string n = e.path().filename().string();
    if (n.starts_with("layout-") || n.starts_with("brand-") || n.starts_with("svg-") ||
        n.starts_with("render-"))
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// One test per fixture file.
class ErrorFixtures : public testing::TestWithParam<fs::path> {};

TEST_P(ErrorFixtures, MistakeGivesItsExactMessage) {
  Renderer renderer;
  const fs::path& f = GetParam();
  const char* update = std::getenv("PLACARD_UPDATE_GOLDENS");
  const std::string text = read_file(f.string());
  const std::string actual = diagnose(f, renderer);
  EXPECT_NE(actual, "(no error)\n");
  if (update && *update && std::string(update) != "0") {
    write_file_atomic(f.string(), with_expectation(text, actual, f.extension() == ".svg"));
    ADD_FAILURE() << "updated " << f;
    return;
  }
  EXPECT_EQ(expected_of(text), actual);
}

INSTANTIATE_TEST_SUITE_P(Files, ErrorFixtures, testing::ValuesIn(fixtures()),
                         [](const testing::TestParamInfo<fs::path>& i) {
                           return case_name(i.param.filename().string());
                         });

TEST(ErrorFixtureFiles, AreThere) {
  EXPECT_GE(fixtures().size(), 15u);
}
