// Where a supporter placed their photo in the frame's slot: the form fields
// photo_x, photo_y (the photo's point at the slot's centre, 0..1 across and
// down) and photo_zoom (1..kMaxPhotoZoom times the size that just covers the
// slot), sent by the panel's drag and zoom. Each is a plain decimal number;
// anything else, or a value out of its range, is refused with 422 and names
// the field. None sent: no placement (the layout's own fit and focus).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "render/build_card.h"

namespace placard {

inline constexpr double kMaxPhotoZoom = 4;
inline constexpr const char* kPlacementFields[] = {"photo_x", "photo_y", "photo_zoom"};

// Takes the three fields out of `raw` (whatever else it holds stays).
// Throws HttpError 422 with the field's name.
std::optional<PhotoPlacement> take_photo_placement(std::map<std::string, std::string>& raw);

}  // namespace placard
