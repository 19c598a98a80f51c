// One plan, three front-ends: the same content through `placard render`,
// `placard serve` and `placard preview` gives the same cards, with the same
// ids, the same files and the same bytes. The cases are the ones that once
// differed: an SVG layout named beside the content (render refused it while
// the preview showed it), and two editions with the same {#id}, one of them
// with a region subtag (render named it one-es-mx, the preview one-es-MX).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../unit/serve/serve_client.h"
#include "base/file_io.h"
#include "preview/preview_engine.h"

namespace placard {
namespace {

const fs::path kExamples = fs::path(PLACARD_TEST_DIR).parent_path() / "examples";

class FrontEnds : public Serve {
 protected:
  void SetUp() override {
    Serve::SetUp();
    fs::create_directories(dir_ / "brand");
    fs::copy_file(kExamples / "brands/transforming/brand.yaml", dir_ / "brand/brand.yaml");
    fs::copy_file(kExamples / "brands/transforming/logo.svg", dir_ / "brand/logo.svg");
    fs::copy_file(kExamples / "svg-template/square.svg", dir_ / "square.svg");
    write_file_atomic(path("campaign.md"),
                      "---\nname: Agreement\nlang: en\nlayout: square.svg\n"
                      "brand: brand/brand.yaml\nsizes: [square]\n---\n\n# Agreement\n\n"
                      "- End the agreements now. {#one}\n\n- Fund the clinics. {#two}\n");
    write_file_atomic(path("campaign.es-mx.md"),
                      "---\nname: Acuerdo\nlang: es-MX\nsizes: [og, square]\n---\n\n"
                      "# Acuerdo\n\n- Terminar los acuerdos ya. {#one}\n");
  }
  std::vector<std::string> inputs() const {
    return {path("campaign.md"), path("campaign.es-mx.md")};
  }
  // What `placard render` wrote: id → size → bytes, from its manifest.
  std::map<std::string, std::map<std::string, std::string>> rendered(
      const std::string& extra = "") {
    const std::string out = path("out");
    const std::string log = run_cli("render " + inputs()[0] + " " + inputs()[1] + " -o " + out +
                                    " " + extra + " 2>&1; echo exit=$?");
    EXPECT_NE(log.find("exit=0"), std::string::npos) << log;
    std::map<std::string, std::map<std::string, std::string>> files;
    auto manifest = nlohmann::json::parse(read_file(out + "/manifest.json"));
    for (const auto& card : manifest["cards"])
      for (const auto& o : card["outputs"])
        files[card["id"]][o["size"]] = read_file(out + "/" + o["file"].get<std::string>());
    return files;
  }
  // What the preview holds: id → size → bytes.
  static std::map<std::string, std::map<std::string, std::string>> previewed(PreviewOptions o) {
    PreviewEngine engine(std::move(o));
    engine.refresh();
    auto state = engine.state();
    std::map<std::string, std::map<std::string, std::string>> images;
    for (const std::string& e : [&] {
           std::vector<std::string> texts;
           for (const Diagnostic& d : state->errors) texts.push_back(format_diagnostic(d));
           return texts;
         }())
      ADD_FAILURE() << e;
    for (const PreviewCard& card : state->cards)
      for (const PreviewOutput& out : card.outputs) {
        EXPECT_FALSE(out.error) << card.id << " " << out.size.name << ": "
                                << (out.error ? out.error->message : "");
        EXPECT_TRUE(out.current) << card.id << " " << out.size.name;
        if (out.image) images[card.id][out.size.name] = *out.image;
      }
    return images;
  }
};

using Files = std::map<std::string, std::map<std::string, std::string>>;

std::vector<std::string> ids_of(const Files& f) {
  std::vector<std::string> ids;
  for (const auto& [id, sizes] : f) ids.push_back(id);
  return ids;
}

TEST_F(FrontEnds, RenderServeAndPreviewGiveTheSameIdsFilesAndBytes) {
  const Files render = rendered();
  const std::vector<std::string> want = {"one", "one-es-mx", "two"};
  ASSERT_EQ(ids_of(render), want);
  EXPECT_EQ(render.at("one").size(), 1u);  // the SVG layout's campaign: square only
  EXPECT_EQ(render.at("one-es-mx").size(), 2u);

  PreviewOptions o;
  o.inputs = inputs();
  const Files preview = previewed(o);
  ASSERT_EQ(ids_of(preview), want);
  for (const auto& [id, sizes] : render) {
    ASSERT_EQ(preview.at(id).size(), sizes.size()) << id;
    for (const auto& [size, bytes] : sizes)
      EXPECT_TRUE(preview.at(id).at(size) == bytes) << id << "/" << size << " differs";
  }

  auto server = start(inputs());
  for (const auto& [id, sizes] : render)
    for (const auto& [size, bytes] : sizes) {
      Answer a = get(server->url + "/card/" + id + "/" + size + ".png");
      ASSERT_EQ(a.status, 200) << id << "/" << size << ": " << a.body;
      EXPECT_TRUE(a.body == bytes) << id << "/" << size << " differs";
    }
}

TEST_F(FrontEnds, ABrandChosenForTheRunIsTheSameInRenderAndPreview) {
  const std::string other = (kExamples / "brands/common-ground/brand.yaml").string();
  const Files render = rendered("--brand " + other);
  PreviewOptions o;
  o.inputs = inputs();
  o.brand = other;
  const Files preview = previewed(o);
  ASSERT_EQ(ids_of(preview), ids_of(render));
  for (const auto& [id, sizes] : render)
    for (const auto& [size, bytes] : sizes)
      EXPECT_TRUE(preview.at(id).at(size) == bytes) << id << "/" << size << " differs";
}

}  // namespace
}  // namespace placard
