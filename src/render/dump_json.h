// The numbers and boxes of Placard's JSON dumps (the layout dump, the
// platform dump): px rounded to 1/100, enough to see a change and stable
// against floating-point noise, so a golden dump compares as text.
#pragma once

#include <nlohmann/json.hpp>

#include "model/card.h"

namespace placard {

double dump_px(double v);
// [x, y, w, h], each with dump_px.
nlohmann::ordered_json dump_rect(const Rect& r);

}  // namespace placard
