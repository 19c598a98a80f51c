// libFuzzer target: arbitrary Unicode through the text-fitting path. The
// input becomes a statement card (headline, and a body after a 0x1F byte)
// that is built and laid out through Pango on a small canvas. Bytes that are
// not UTF-8 are read as 21-bit code points, so every script, control and
// unassigned character reaches the fitter.
#include <glib.h>

#include <memory>

#include "base/utf8.h"
#include "fuzz_support.h"
#include "layout/layout_file.h"
#include "render/build_card.h"
#include "render/pipeline.h"

using namespace placard;

namespace {

std::string as_unicode(std::string_view bytes) {
  if (find_invalid_utf8(bytes) == std::string_view::npos) return std::string(bytes);
  std::string out;
  for (size_t i = 0; i + 2 < bytes.size(); i += 3) {
    gunichar c =
        ((uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2])) %
        0x110000;
    if (c == 0 || (c >= 0xD800 && c <= 0xDFFF)) continue;
    char buf[6];
    out.append(buf, g_unichar_to_utf8(c, buf));
  }
  return out;
}

struct World {
  Renderer renderer;
  Layout layout = load_layout("standard");
  Brand brand = resolve_brand("", Content{}, renderer.fonts());
};

World* world = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init();
  world = new World;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = as_unicode(fuzz::as_text(data, size));
  std::string body;
  if (size_t cut = text.find('\x1f'); cut != std::string::npos) {
    body = text.substr(cut + 1);
    text.resize(cut);
  }
  ContentCard card = statement_card(text);
  if (!body.empty()) card.body.spans.push_back({body, false, false});
  CampaignMeta meta;
  // Vary the language with the input so the per-language paths are reached.
  static const char* langs[] = {"en", "ar", "ja", "hi", "tr", "vi"};
  meta.lang = langs[size % 6];
  SizePreset small;
  small.name = small.label = "fuzz";
  small.width = 360;
  small.height = 200;
  try {
    Card built = build_card(card, meta, world->layout, world->brand, small);
    lay_out_card(built, world->renderer.text_for(built.lang));
  } catch (const DiagnosticError&) {
  }
  return 0;
}
