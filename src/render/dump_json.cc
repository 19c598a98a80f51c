#include "render/dump_json.h"

#include <cmath>

namespace placard {

double dump_px(double v) {
  return std::round(v * 100) / 100;
}

nlohmann::ordered_json dump_rect(const Rect& r) {
  return nlohmann::ordered_json::array({dump_px(r.x), dump_px(r.y), dump_px(r.w), dump_px(r.h)});
}

}  // namespace placard
