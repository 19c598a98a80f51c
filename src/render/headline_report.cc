#include "render/headline_report.h"

#include <algorithm>

#include "render/anchor.h"

namespace placard {

namespace {

HeadlineSetting headline_of(const CardLayout& laid) {
  for (const PlacedFrame& f : laid.frames)
    for (const PlacedBlock& b : f.blocks) {
      if (b.block.field != "headline") continue;
      HeadlineSetting h;
      h.size = b.size;
      h.lines = b.measure.lines;
      h.even = b.even;
      for (const std::string& l : b.measure.line_texts) h.text += (h.text.empty() ? "" : " / ") + l;
      const auto& w = b.measure.line_widths;
      if (w.size() > 1)
        h.rag = *std::min_element(w.begin(), w.end()) / *std::max_element(w.begin(), w.end());
      return h;
    }
  return {};
}

}  // namespace

HeadlineReport headline_report(const Card& card, Renderer& renderer) {
  HeadlineReport out;
  PangoText& text = renderer.text_for(card.lang);
  Card anchored = card;
  CardLayout laid = lay_out_card(anchored, text);
  place_anchored(anchored, laid);
  out.chosen = headline_of(laid);
  Card plain = card;
  for (CardItem& item : plain.items)
    if (auto* f = std::get_if<TextFrame>(&item)) {
      f->costs.size_range = 0;
      f->costs.rescue_range = 0;
      f->costs.size_budget = 0;
    }
  out.largest = headline_of(lay_out_card(plain, text));
  for (const CardItem& item : card.items)
    if (const auto* f = std::get_if<TextFrame>(&item))
      for (const TextBlock& b : f->blocks)
        if (b.field == "headline") out.reach = rag_reach(card, *f, text);
  return out;
}

}  // namespace placard
