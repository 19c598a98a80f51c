// A personal card of a planned card: a supporter's raw values checked
// against the campaign's `personalize:` block (cleaning, grapheme limits,
// refused words), then rendered with the campaign's personal layout. The CLI
// (`placard personal`) and the server's POST route judge input the same way.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "batch/plan.h"
#include "render/pipeline.h"
#include "text/personal_field.h"

namespace placard {

// The first field at fault, in the order the campaign declares them.
struct FieldError {
  std::string field;
  FieldProblem problem = FieldProblem::none;
  std::string message;  // for the supporter: field_problem_text()
};

// Fills `out.fields` with the cleaned value of each declared field found in
// `raw` (names not declared are left out: the caller refuses them as it
// sees fit). Nothing is kept on any problem.
std::optional<FieldError> supporter_fields(const PlannedCard& card,
                                           const std::map<std::string, std::string>& raw,
                                           Supporter& out);

// The card made personal at `size`: its personal layout (else its own),
// the supporter's values and photo. Fails as render_one does (a name too
// long for its frame names the field).
Rendered render_personal(const PlannedCard& card, const SizePreset& size,
                         const Supporter& supporter, Renderer& renderer,
                         const OutputSpec& output = {});

// The size in px (width, height) of the box the supporter's photo fills on
// the card at `size` (the largest `source: supporter` slot of its personal
// layout), so that a photo is decoded no larger than it is drawn; the
// canvas when the layout has no slot.
std::pair<int, int> supporter_photo_box(const PlannedCard& card, const SizePreset& size);

// That slot's box on the card in px (the largest one), mirrored as the card
// is; nothing when the layout has none. The panel shows the supporter's
// crop in it, and scales their photo down to what it needs.
std::optional<Rect> supporter_photo_slot(const PlannedCard& card, const SizePreset& size);

// The cards of one content file planned for personal cards, as the server
// plans them: `placard personal` uses it to try a card without a server.
class PersonalPlan {
 public:
  PersonalPlan(const std::string& content_file, const std::string& size, const Limits& limits,
               Renderer& renderer);
  ~PersonalPlan();
  // The card `id`, as served ("end-287g-agreements-es") or as its file
  // writes it; fails when there is none, or it may not be personalised.
  const PlannedCard& card(const std::string& id) const;

 private:
  RenderOptions options_;
  BatchReport report_;
  std::unique_ptr<Planner> planner_;
  std::vector<PlannedCard> cards_;
};

}  // namespace placard
