// CSV as a spreadsheet exports it (RFC 4180, read with libcsv in strict mode):
// rows of cells, each cell with its place in the file for error messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"

namespace placard {

struct CsvCell {
  std::string text;  // unquoted, "" → ", spaces and tabs around it trimmed
  SourceLoc loc;     // where the cell starts (its opening quote, if quoted)
};
using CsvRow = std::vector<CsvCell>;

// Rows of the CSV text (UTF-8, LF or CRLF line ends). The delimiter is the
// first of ',', ';' or tab found outside quotes on the first line (',' when
// none is). Blank lines are skipped; a quoted cell may span lines. Fails with
// file:line:col on a stray quote or an unclosed quoted cell.
std::vector<CsvRow> parse_csv(std::string_view text, const std::string& path);

}  // namespace placard
