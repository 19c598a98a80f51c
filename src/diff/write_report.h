// Writes the report folder's pages once the images are in it.
#pragma once

#include <string>

#include "diff/diff_model.h"

namespace placard {

// REPORT_DIR/index.html and REPORT_DIR/summary.md, each atomically, after the
// images written before them are on disk (so a page never names an image a
// crash lost).
void write_report(const FolderDiff& diff, const std::string& report_dir,
                  const std::string& report_link);

}  // namespace placard
