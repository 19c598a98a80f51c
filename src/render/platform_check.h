// The platform check: after a card is drawn, its text ink, its logo and every
// element marked `important: true` must lie inside the area each of its
// size's surfaces shows (the crop) and leaves uncovered (bars, rails, title
// overlays). Plain geometry over the Card and its layout; no Cairo.
#pragma once

#include <string>
#include <vector>

#include "layout/surface.h"
#include "model/card.h"
#include "text/text_fit.h"

namespace placard {

// One element that a surface cuts off or covers.
struct PlatformIssue {
  std::string element;   // "footer", "logo", "headline"
  std::string surface;   // "tiktok"
  std::string platform;  // "TikTok"
  std::string cover;     // the covered area's name ("right rail"), "" for the crop
  std::string crop;      // "2:1 crop", "square thumbnail" (when cover is "")
  int px = 0;            // how far the element reaches into it, whole px rounded up
  Rect box;              // the element's ink or box, canvas px
  Rect area;             // the covered area, or the shown area for a crop
  SourceLoc loc;         // the layout element
};

// What each element of the card (text blocks by their ink, kept elements by
// their boxes) loses on each surface, surface by surface in order. Overlaps
// of half a pixel or less are not counted.
std::vector<PlatformIssue> check_platforms(const Card& card, const CardLayout& layout,
                                           const std::vector<Surface>& surfaces);

// "footer is under TikTok's right rail by 46 px (tiktok)",
// "headline is cut off by X's 2:1 crop by 15 px (x-card)".
std::string describe(const PlatformIssue& issue);

}  // namespace placard
