// A laid-out card as JSON: chosen sizes, lines and boxes. Used by
// `placard card --dump-layout` and the golden layout tests.
#pragma once

#include <string>

#include "model/card.h"
#include "text/text_fit.h"

namespace placard {

std::string dump_layout(const Card& card, const CardLayout& layout);

}  // namespace placard
