#include "layout/surface.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

Surface story_surface(std::vector<SurfaceCover> covers) {
  Surface s;
  s.name = "tiktok";
  s.platform = "TikTok";
  s.frame_w = 1080;
  s.frame_h = 1920;
  s.covers = std::move(covers);
  return s;
}

// X shows a 1.91:1 link card at 2:1: 15 px go at the top and the bottom.
TEST(ShownArea, ARatioCropKeepsTheMiddle) {
  SurfaceCrop crop{SurfaceCrop::Kind::ratio, 2.0, SurfaceCrop::Anchor::center};
  EXPECT_EQ(shown_area(crop, 1200, 630), (Rect{0, 15, 1200, 600}));
  crop.anchor = SurfaceCrop::Anchor::start;
  EXPECT_EQ(shown_area(crop, 1200, 630), (Rect{0, 0, 1200, 600}));
  // A crop wider than the card cuts the sides instead.
  crop.ratio = 1.0;
  crop.anchor = SurfaceCrop::Anchor::center;
  EXPECT_EQ(shown_area(crop, 1200, 630), (Rect{285, 0, 630, 630}));
}

TEST(ShownArea, ASquareThumbnailIsTheCentredSquare) {
  const SurfaceCrop square{SurfaceCrop::Kind::square};
  EXPECT_EQ(shown_area(square, 1200, 630), (Rect{285, 0, 630, 630}));
  EXPECT_EQ(shown_area(square, 1080, 1920), (Rect{0, 420, 1080, 1080}));
  EXPECT_EQ(shown_area(SurfaceCrop{}, 1080, 1920), (Rect{0, 0, 1080, 1920}));
}

// Covers are measured in the surface's frame and scale with the card.
TEST(CoveredAreas, BandsAndRailsScaleWithTheCard) {
  Surface s = story_surface({{"caption", SurfaceCover::Edge::bottom, 460, {}},
                             {"right rail", SurfaceCover::Edge::right, 200, {}}});
  auto full = covered_areas(s, 1080, 1920);
  ASSERT_EQ(full.size(), 2u);
  EXPECT_EQ(full[0].area, (Rect{0, 1460, 1080, 460}));
  EXPECT_EQ(full[1].area, (Rect{880, 0, 200, 1920}));
  auto half = covered_areas(s, 540, 960);
  EXPECT_EQ(half[0].area, (Rect{0, 730, 540, 230}));
  EXPECT_EQ(half[1].area, (Rect{440, 0, 100, 960}));
}

TEST(CoveredAreas, ABoxIsPlacedInsideTheCrop) {
  Surface x;
  x.crop = {SurfaceCrop::Kind::ratio, 2.0, SurfaceCrop::Anchor::center};
  x.frame_w = 1200;
  x.frame_h = 600;
  x.covers = {{"title overlay", SurfaceCover::Edge::box, 0, {0, 524, 1200, 76}}};
  auto areas = covered_areas(x, 1200, 630);
  ASSERT_EQ(areas.size(), 1u);
  EXPECT_EQ(areas[0].area, (Rect{0, 539, 1200, 76}));
}

// The safe zone clears the deepest band on each edge of all the surfaces;
// boxes and crops are left to the check.
TEST(ClearOfEdges, TheDeepestBandOnEachEdgeWins) {
  Surface meta = story_surface({{"top", SurfaceCover::Edge::top, 269, {}},
                                {"bottom", SurfaceCover::Edge::bottom, 672, {}},
                                {"left", SurfaceCover::Edge::left, 65, {}},
                                {"right", SurfaceCover::Edge::right, 65, {}}});
  Surface shorts = story_surface(
      {{"top", SurfaceCover::Edge::top, 288, {}}, {"right", SurfaceCover::Edge::right, 192, {}}});
  EXPECT_EQ(clear_of_edges({meta, shorts}, 1080, 1920), (Rect{65, 288, 823, 960}));
  Surface title;
  title.frame_w = 1200;
  title.frame_h = 600;
  title.crop = {SurfaceCrop::Kind::ratio, 2.0, SurfaceCrop::Anchor::center};
  title.covers = {{"title", SurfaceCover::Edge::box, 0, {0, 524, 1200, 76}}};
  EXPECT_EQ(clear_of_edges({title}, 1200, 630), (Rect{0, 0, 1200, 630}));
}

}  // namespace
}  // namespace placard
