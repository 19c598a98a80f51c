// One place a platform shows a card (X's link card, TikTok's feed): its crop,
// the areas its interface covers, its byte limit and formats. Plain data,
// read from platforms.yaml (layout/platforms.h); the check that every card's
// text and logo lie in the shown, uncovered area is render/platform_check.h.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "model/card.h"

namespace placard {

// How a platform cuts the card before showing it.
struct SurfaceCrop {
  enum class Kind { none, ratio, square };
  Kind kind = Kind::none;
  double ratio = 0;                          // width / height, for Kind::ratio
  enum class Anchor { center, start, end };  // start = top or left
  Anchor anchor = Anchor::center;
};

// An area the platform's interface draws over, in px of the surface's frame.
struct SurfaceCover {
  enum class Edge { top, bottom, left, right, box };
  std::string name;  // "right rail"
  Edge edge = Edge::box;
  double px = 0;  // the band's depth, for an edge
  Rect box;       // for Edge::box
};

struct Surface {
  std::string name;      // "tiktok"
  std::string platform;  // "TikTok"
  std::string shows;     // where the card is seen
  SurfaceCrop crop;
  double frame_w = 0, frame_h = 0;  // px the covers are measured in; 0 = none
  std::vector<SurfaceCover> covers;
  std::int64_t bytes = 0;  // the largest file it takes; 0 = none published
  std::vector<std::string> formats;
  std::vector<std::string> sources;  // each with its date
  SourceLoc loc;
};

// The surfaces of one size, shared and never changed: every card planned at
// a size holds the same list. (A copy per card and size cost ~6.7 MB of heap
// at 1,000 og cards: a Surface is ~250 bytes with its strings, and og has 26.)
// Reads as a `const std::vector<Surface>&`.
class SurfaceList {
 public:
  SurfaceList() = default;
  SurfaceList(std::vector<Surface> surfaces)
      : list_(std::make_shared<const std::vector<Surface>>(std::move(surfaces))) {}
  SurfaceList(std::initializer_list<Surface> surfaces)
      : SurfaceList(std::vector<Surface>(surfaces)) {}
  const std::vector<Surface>& get() const { return list_ ? *list_ : empty_list(); }
  operator const std::vector<Surface>&() const { return get(); }
  auto begin() const { return get().begin(); }
  auto end() const { return get().end(); }
  size_t size() const { return get().size(); }
  bool empty() const { return get().empty(); }
  const Surface& operator[](size_t i) const { return get()[i]; }
  // Whether both hold the very same list (not merely equal ones).
  bool shares(const SurfaceList& other) const { return list_ == other.list_; }

 private:
  static const std::vector<Surface>& empty_list();
  std::shared_ptr<const std::vector<Surface>> list_;
};

// The part of a `width` x `height` card the surface shows after its crop.
Rect shown_area(const SurfaceCrop& crop, int width, int height);

// One covered area of the surface on a card of that size, in card px.
struct CoveredArea {
  std::string name;
  SurfaceCover::Edge edge = SurfaceCover::Edge::box;
  Rect area;
};
std::vector<CoveredArea> covered_areas(const Surface& surface, int width, int height);

// What clears every edge band of `surfaces` on such a card: the safe zone.
// Crops and box covers do not move it (they are the check's to report).
Rect clear_of_edges(const std::vector<Surface>& surfaces, int width, int height);

}  // namespace placard
