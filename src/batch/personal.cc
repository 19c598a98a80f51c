#include "batch/personal.h"

#include <cmath>
#include <tuple>
#include <variant>

#include "render/build_card.h"

namespace placard {

std::optional<FieldError> supporter_fields(const PlannedCard& card,
                                           const std::map<std::string, std::string>& raw,
                                           Supporter& out) {
  out.fields.clear();
  if (!card.personalize) return std::nullopt;
  for (const PersonalField& f : card.personalize->fields) {
    auto it = raw.find(f.name);
    const std::string_view value = it == raw.end() ? std::string_view{} : it->second;
    const size_t max = f.max > 0 ? static_cast<size_t>(f.max) : 0;
    FieldCheck c = check_personal_field(value, max, f.required, card.blocklist,
                                        card.personalize->allow_mixed_scripts);
    if (c.problem != FieldProblem::none) {
      out.fields.clear();
      return FieldError{f.name, c.problem, field_problem_text(c.problem, f.name, max)};
    }
    if (!c.value.empty()) out.fields[f.name] = std::move(c.value);
  }
  return std::nullopt;
}

Rendered render_personal(const PlannedCard& card, const SizePreset& size,
                         const Supporter& supporter, Renderer& renderer, const OutputSpec& output) {
  return render_one(render_job(card, size, output, &supporter), renderer);
}

std::optional<Rect> supporter_photo_slot(const PlannedCard& card, const SizePreset& size) {
  const Layout& layout = card.personal_layout ? *card.personal_layout : *card.layout;
  // Any photo places the slots: their boxes do not depend on it.
  const Pixmap stand_in;
  Supporter supporter;
  supporter.photo = &stand_in;
  const Card built = build_card(card.card, *card.meta, layout, card.campaign->brand, size,
                                card.labels, &supporter);
  std::optional<Rect> out;
  for (const CardItem& item : built.items)
    if (const auto* img = std::get_if<ImageItem>(&item); img && img->supporter)
      if (!out || img->box.w * img->box.h > out->w * out->h) out = img->box;
  if (out && (out->w <= 0 || out->h <= 0)) out.reset();
  return out;
}

std::pair<int, int> supporter_photo_box(const PlannedCard& card, const SizePreset& size) {
  const std::optional<Rect> slot = supporter_photo_slot(card, size);
  if (!slot) return {size.width, size.height};
  return {static_cast<int>(std::ceil(slot->w)), static_cast<int>(std::ceil(slot->h))};
}

PersonalPlan::PersonalPlan(const std::string& content_file, const std::string& size,
                           const Limits& limits, Renderer& renderer) {
  options_.inputs = {content_file};
  options_.sizes = {size};
  options_.limits = limits;
  planner_ = std::make_unique<Planner>(options_, report_);
  planner_->read(renderer);
  if (!report_.errors.empty()) throw DiagnosticError(report_.errors.front());
  cards_ = planner_->cards("");
}

PersonalPlan::~PersonalPlan() = default;

const PlannedCard& PersonalPlan::card(const std::string& id) const {
  const PlannedCard* found = nullptr;
  for (const PlannedCard& c : cards_)
    if (c.card.id == id || (!found && c.source_id == id)) found = &c;
  if (!found) {
    std::vector<std::string> ids;
    for (const PlannedCard& c : cards_)
      if (c.personal()) ids.push_back(c.card.id);
    auto hints = did_you_mean(id, ids);
    std::string all;
    for (const std::string& i : ids) all += (all.empty() ? "" : ", ") + i;
    hints.push_back(ids.empty() ? "this campaign lets supporters personalise no card"
                                : "cards supporters may personalise: " + all);
    fail({options_.inputs.front(), 0, 0}, "no card '" + id + "'", hints);
  }
  if (found->error) throw DiagnosticError(*found->error);
  if (!found->personal())
    fail(found->card.loc, "card '" + found->card.id + "' may not be personalised",
         {"list '" + found->source_id + "' under 'personalize: cards:' in the front matter"});
  return *found;
}

}  // namespace placard
