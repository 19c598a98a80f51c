// How a card's headline is set against what its frame allows (issue 23,
// size first): the size and lines fitting chose, the largest size at which
// the same text fits the same frame (no size traded for better lines), and
// whether some breaks within the size budget keep every line at min_ratio of
// the longest. tests/golden/size_budget_test.cc asserts on it and
// `placard_bench budget` reports it per script.
#pragma once

#include <string>

#include "model/card.h"
#include "render/pipeline.h"
#include "text/text_fit.h"

namespace placard {

struct HeadlineSetting {
  double size = 0;  // 0: the card has no headline
  double rag = 1;   // shortest line over longest, as drawn (1 for one line)
  int lines = 0;
  bool even = true;  // PlacedBlock::even: a strong token or a stack excepted
  std::string text;  // the lines, joined by " / "
};

struct HeadlineReport {
  HeadlineSetting chosen;   // as the card sets it
  HeadlineSetting largest;  // at the largest size that fits (breaking: no size range or budget)
  RagReach reach;           // of the frame that holds the headline
};

HeadlineReport headline_report(const Card& card, Renderer& renderer);

}  // namespace placard
