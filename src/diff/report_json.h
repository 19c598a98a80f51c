// `placard diff --json`: the same facts as the page and the summary, as data.
#pragma once

#include <string>

#include "diff/diff_model.h"

namespace placard {

// {changed, base {dir, generator}, new {dir, generator}, unchanged_cards,
// unchanged_outputs, compared_outputs, problems[], notes[], cards[] {id,
// old_id (renamed), change, source, lang, score, text[] {op, words}, notes[],
// layout {before, after} and brand {before, after} (only when changed),
// outputs[] {size, change, before, after {file, format, bytes, width,
// height}, changed_share, box {x, y, width, height}, images {before, after,
// diff}, notes[], breaks[] {field, before[], after[]} (the lines of each
// block set on other lines), problems[]}}}, cards most changed first; pretty,
// with a final newline.
std::string report_json(const FolderDiff& diff);

}  // namespace placard
