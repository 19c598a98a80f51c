// Letter-spacing by script (typesetting/tracking.yaml): none in scripts
// whose letters join or hang from a headstroke (Arabic, Devanagari, …) or
// that are read by their tight rhythm (Thai, Lao), and the tracking a
// layout asks for capitals in an all-capitals Latin, Greek or Cyrillic text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace placard {

// A stretch of text and the letter-spacing it is set with, in em.
struct TrackingRun {
  size_t start = 0, end = 0;  // bytes
  double em = 0;
  bool operator==(const TrackingRun&) const = default;
};

// The letter-spacing of each part of `text`, in order, covering it all.
// `tracking` is the box's; `caps` its caps tracking, if the layout gives
// one; `uppercase` whether the box sets its text in capitals. Characters of
// no script of their own (spaces, digits, punctuation, marks) go with the
// letters before them.
std::vector<TrackingRun> tracking_runs(const std::string& text, double tracking,
                                       std::optional<double> caps, bool uppercase);

}  // namespace placard
