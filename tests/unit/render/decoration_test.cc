// Decorations yield to text: a ring's ink is its band, a decoration that
// reaches the words moves or shrinks within what its layout allows, and one
// that cannot stays where it is (drawing then knocks it out around the
// glyphs; tests/golden/decoration_test.cc checks that from the pixels).
#include "render/decoration.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace placard;

namespace {

// A ring around (1000, 0) of radius 600, inked from 516 to 564 px.
ShapeItem ring() {
  ShapeItem s;
  s.box = {0, 0, 1200, 630};
  s.gradient.kind = Gradient::Kind::radial;
  s.gradient.x0 = 1000;
  s.gradient.y0 = 0;
  s.gradient.radius = 600;
  const Color c{0.2, 0.4, 1, 1};
  Color clear = c, ink = c;
  clear.a = 0;
  ink.a = 0.22;
  s.gradient.stops = {{0, clear}, {0.86, clear}, {0.87, ink}, {0.93, ink}, {0.94, clear}};
  s.decoration = {true, 0, 1};
  return s;
}

// One line of text whose ink is `ink` on the canvas.
CardLayout text_at(const Rect& ink) {
  PlacedBlock b;
  b.size = 40;  // a margin of 2 px
  b.x = ink.x;
  b.y = ink.y;
  b.measure.ink = {0, 0, ink.w, ink.h};
  b.measure.line_inks = {b.measure.ink};
  CardLayout laid;
  laid.frames.push_back({"main", {b}});
  return laid;
}

}  // namespace

TEST(Decoration, ARingsInkIsItsBandNotItsDisc) {
  const CardItem r = ring();
  // Inside the ring (400 px from its centre) and outside it (700 px): clear.
  EXPECT_FALSE(touches(r, {{590, 0, 20, 20}}));
  EXPECT_FALSE(touches(r, {{280, 0, 20, 20}}));
  // On the band (540 px from the centre).
  EXPECT_TRUE(touches(r, {{450, 0, 20, 20}}));
}

TEST(Decoration, ADecorationOnTheWordsMovesOffThemWithinItsRange) {
  Card card;
  card.width = 1200;
  card.height = 630;
  ShapeItem s = ring();
  s.decoration.move = 120;
  card.items.push_back(s);
  const CardLayout laid = text_at({440, 10, 40, 40});
  ASSERT_TRUE(touches(card.items[0], text_ink(laid)));
  yield_decorations(card, laid);
  const auto& moved = std::get<ShapeItem>(card.items[0]);
  EXPECT_FALSE(touches(card.items[0], text_ink(laid)));
  const double d = std::hypot(moved.gradient.x0 - 1000, moved.gradient.y0);
  EXPECT_GT(d, 0);
  EXPECT_LE(d, 120 + 1e-9);
  EXPECT_EQ(moved.gradient.radius, 600);
}

TEST(Decoration, ADecorationShrinksWhenItMayNotMove) {
  Card card;
  card.width = 1200;
  card.height = 630;
  ShapeItem s = ring();
  s.decoration.scale = 0.8;
  card.items.push_back(s);
  const CardLayout laid = text_at({440, 10, 40, 40});
  yield_decorations(card, laid);
  const auto& shrunk = std::get<ShapeItem>(card.items[0]);
  EXPECT_FALSE(touches(card.items[0], text_ink(laid)));
  EXPECT_LT(shrunk.gradient.radius, 600);
  EXPECT_GE(shrunk.gradient.radius, 0.8 * 600 - 1e-9);
  EXPECT_EQ(shrunk.gradient.x0, 1000);
}

TEST(Decoration, ADecorationWithNoRoomStaysForTheKnockOut) {
  Card card;
  card.width = 1200;
  card.height = 630;
  card.items.push_back(ring());  // neither move nor scale
  const CardLayout laid = text_at({440, 10, 40, 40});
  yield_decorations(card, laid);
  EXPECT_EQ(std::get<ShapeItem>(card.items[0]).gradient.x0, 1000);
  EXPECT_TRUE(touches(card.items[0], text_ink(laid)));
  // A backdrop (no decoration role) is never moved.
  Card backdrop = card;
  std::get<ShapeItem>(backdrop.items[0]).decoration = {false, 200, 0.5};
  yield_decorations(backdrop, laid);
  EXPECT_EQ(std::get<ShapeItem>(backdrop.items[0]).gradient.x0, 1000);
}
