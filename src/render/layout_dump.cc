#include "render/layout_dump.h"

#include "render/dump_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "render/anchor.h"
#include "render/platform_dump.h"

namespace placard {

namespace {
nlohmann::ordered_json dump_value(const Card& card, const CardLayout& layout, bool line_geometry) {
  nlohmann::ordered_json j;
  j["id"] = card.id;
  j["size"] = card.size_name;
  j["width"] = card.width;
  j["height"] = card.height;
  j["safe"] = dump_rect(card.safe);
  j["frames"] = nlohmann::ordered_json::array();
  size_t fi = 0;
  for (const CardItem& item : card.items) {
    const auto* frame = std::get_if<TextFrame>(&item);
    if (!frame) continue;
    nlohmann::ordered_json f;
    f["name"] = frame->name;
    f["box"] = dump_rect(frame->box);
    f["blocks"] = nlohmann::ordered_json::array();
    for (const PlacedBlock& b : layout.frames.at(fi).blocks) {
      const TextBlock& tb = frame->blocks[b.index];
      const TextMeasure& m = b.measure;
      nlohmann::ordered_json jb;
      jb["field"] = tb.field;
      jb["text"] = tb.text.plain();
      jb["font_size"] = dump_px(b.size);
      jb["lines"] = m.lines;
      jb["wrap_width"] = dump_px(b.wrap);
      jb["origin"] = {dump_px(b.x), dump_px(b.y)};
      jb["ink"] = dump_rect({b.x + m.ink.x, b.y + m.ink.y, m.ink.w, m.ink.h});
      nlohmann::ordered_json widths = nlohmann::ordered_json::array();
      for (double w : m.line_widths) widths.push_back(dump_px(w));
      jb["line_widths"] = widths;
      jb["line_words"] = m.line_words;
      jb["line_texts"] = m.line_texts;
      if (m.rtl) jb["rtl"] = true;
      if (!m.faces.empty()) jb["faces"] = m.faces;  // a brand's own fonts
      if (!m.fallbacks.empty()) {
        jb["fallbacks"] = nlohmann::ordered_json::array();
        for (const FallbackChar& f : m.fallbacks) jb["fallbacks"].push_back(f.text());
      }
      if (tb.supporter) {
        jb["supporter"] = true;
        jb["visual"] = m.visual_runs;
      }
      // An opening mark set outside the flush start edge, by this much.
      if (m.hang > 0) jb["hang"] = dump_px(m.hang);
      if (b.break_aids) jb["break_aids"] = true;  // hyphens, URL breaks or cut words used
      if (!b.hyphen_lines.empty()) jb["hyphen_lines"] = b.hyphen_lines;
      if (line_geometry) {
        jb["size_range"] = {dump_px(tb.style.size_min), dump_px(tb.style.size_max)};
        nlohmann::ordered_json boxes = nlohmann::ordered_json::array();
        for (const Rect& l : m.line_boxes)
          boxes.push_back(dump_rect({b.x + l.x, b.y + l.y, l.w, l.h}));
        jb["line_boxes"] = boxes;
        nlohmann::ordered_json baselines = nlohmann::ordered_json::array();
        for (double y : m.baselines) baselines.push_back(dump_px(b.y + y));
        jb["baselines"] = baselines;
      }
      f["blocks"].push_back(jb);
    }
    j["frames"].push_back(f);
    ++fi;
  }
  if (!card.anchors.empty()) {
    // Where each anchored element ended up: its box (a text's ink), after
    // following its frame's lines.
    std::vector<const PlacedFrame*> placed(card.items.size(), nullptr);
    for (size_t i = 0, f = 0; i < card.items.size(); ++i)
      if (std::holds_alternative<TextFrame>(card.items[i])) placed[i] = &layout.frames.at(f++);
    nlohmann::ordered_json anchored = nlohmann::ordered_json::array();
    for (const Anchor& a : card.anchors) {
      nlohmann::ordered_json ja;
      ja["name"] = a.element;
      ja["to"] = std::get<TextFrame>(card.items.at(a.target)).name;
      ja["edge"] = a.bottom ? "bottom" : "top";
      ja["gap"] = dump_px(a.gap);
      ja["box"] = dump_rect(item_extent(card.items.at(a.items.front()), placed[a.items.front()]));
      anchored.push_back(ja);
    }
    j["anchored"] = anchored;
  }
  // Each as "check: message", so a golden shows what kind it is.
  std::vector<std::string> warnings;
  for (const Diagnostic& w : layout.warnings)
    warnings.push_back(
        w.check == Check::none ? w.message : std::string(check_name(w.check)) + ": " + w.message);
  j["warnings"] = warnings;
  return j;
}

}  // namespace

std::string dump_layout(const Card& card, const CardLayout& layout, bool line_geometry) {
  return dump_value(card, layout, line_geometry).dump(2) + "\n";
}

std::string dump_layout(const Card& card, const CardLayout& layout, bool line_geometry,
                        const std::vector<Surface>& surfaces,
                        const std::vector<PlatformIssue>& issues) {
  nlohmann::ordered_json j = dump_value(card, layout, line_geometry);
  j["surfaces"] = surfaces_json(surfaces, card.width, card.height, issues);
  return j.dump(2) + "\n";
}

}  // namespace placard
