#include "diff/report_json.h"

#include <nlohmann/json.hpp>

namespace placard {

namespace {

using Json = nlohmann::ordered_json;

Json output_json(const ManifestOutput& o) {
  return {{"file", o.file},
          {"format", o.format},
          {"bytes", o.bytes},
          {"width", o.width},
          {"height", o.height}};
}

const char* op_name(WordEdit::Op op) {
  return op == WordEdit::Op::same ? "same" : op == WordEdit::Op::removed ? "removed" : "added";
}

}  // namespace

std::string report_json(const FolderDiff& diff) {
  Json doc = {{"changed", diff.changed()},
              {"base", {{"dir", diff.base_dir}, {"generator", diff.base_generator}}},
              {"new", {{"dir", diff.new_dir}, {"generator", diff.new_generator}}},
              {"unchanged_cards", diff.unchanged_cards},
              {"unchanged_outputs", diff.unchanged_outputs},
              {"compared_outputs", diff.compared_outputs},
              {"problems", diff.problems},
              {"notes", diff.notes}};
  Json cards = Json::array();
  for (const CardDiff* c : by_change(diff)) {
    Json card = {{"id", c->id}};
    if (!c->old_id.empty()) card["old_id"] = c->old_id;
    card["change"] = change_name(c->change);
    card["source"] = c->source;
    if (!c->lang.empty()) card["lang"] = c->lang;
    card["score"] = c->score();
    Json text = Json::array();
    for (const WordEdit& e : c->text) text.push_back({{"op", op_name(e.op)}, {"words", e.words}});
    card["text"] = std::move(text);
    card["notes"] = c->notes;
    if (c->layout) card["layout"] = {{"before", c->layout->before}, {"after", c->layout->after}};
    if (c->brand) card["brand"] = {{"before", c->brand->before}, {"after", c->brand->after}};
    Json outputs = Json::array();
    for (const OutputDiff& o : c->outputs) {
      Json out = {{"size", o.size}, {"change", change_name(o.change)}};
      if (o.before) out["before"] = output_json(*o.before);
      if (o.after) out["after"] = output_json(*o.after);
      out["changed_share"] = o.changed_share;
      if (o.box)
        out["box"] = {
            {"x", o.box->x}, {"y", o.box->y}, {"width", o.box->width}, {"height", o.box->height}};
      Json images = Json::object();
      if (!o.before_image.empty()) images["before"] = o.before_image;
      if (!o.after_image.empty()) images["after"] = o.after_image;
      if (!o.diff_image.empty()) images["diff"] = o.diff_image;
      out["images"] = std::move(images);
      out["notes"] = o.notes;
      Json breaks = Json::array();
      for (const BreakChange& b : o.breaks)
        breaks.push_back({{"field", b.field}, {"before", b.before}, {"after", b.after}});
      out["breaks"] = std::move(breaks);
      out["problems"] = o.problems;
      outputs.push_back(std::move(out));
    }
    card["outputs"] = std::move(outputs);
    cards.push_back(std::move(card));
  }
  doc["cards"] = std::move(cards);
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace placard
