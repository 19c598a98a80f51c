// REPORT_DIR/summary.md: GitHub-flavoured Markdown for a job summary or a
// pull-request comment: the totals, then a table of the cards that changed,
// the biggest visual changes first, and a link to the full report. Kept
// under `max_bytes` (GitHub takes 64 KiB in a comment): rows that do not fit
// are counted in a last line instead.
#pragma once

#include <cstddef>
#include <string>

#include "diff/diff_model.h"

namespace placard {

inline constexpr size_t kSummaryMaxBytes = 60000;

// `report_link`: where the full report is ("" = "index.html beside this
// file").
std::string report_markdown(const FolderDiff& diff, const std::string& report_link,
                            size_t max_bytes = kSummaryMaxBytes);

}  // namespace placard
