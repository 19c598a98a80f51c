// Composes a contact sheet: rows of cards scaled to one height, each with a
// label under it, on a neutral ground. The only Cairo code for `proof`.
#pragma once

#include <string>
#include <vector>

#include "image/pixmap.h"

namespace placard {

class PangoText;

struct ProofCell {
  std::string label;  // "og  1200×630"
  Pixmap pixels;      // the card; empty when it failed
  int width = 0, height = 0;
  std::string error;  // why it failed
};

struct ProofRow {
  std::string title;
  std::vector<ProofCell> cells;
};

Pixmap draw_proof_sheet(const std::string& title, const std::string& subtitle,
                        const std::vector<ProofRow>& rows, PangoText& text);

}  // namespace placard
