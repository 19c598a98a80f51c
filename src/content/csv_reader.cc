#include "content/csv_reader.h"

#include <csv.h>

#include <algorithm>
#include <memory>

namespace placard {
namespace {

// The delimiter the header line uses: the first ',', ';' or tab outside quotes.
unsigned char detect_delimiter(std::string_view text) {
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',' || c == ';' || c == '\t') return static_cast<unsigned char>(c);
  }
  return ',';
}

// Turns byte offsets into 1-based line and column.
class Places {
 public:
  Places(std::string_view text, const std::string& path) : path_(path) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  SourceLoc at(size_t offset) const {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    size_t line = static_cast<size_t>(it - starts_.begin());
    return {path_, static_cast<int>(line), static_cast<int>(offset - starts_[line - 1]) + 1};
  }

 private:
  const std::string& path_;
  std::vector<size_t> starts_;
};

// What the libcsv callbacks see.
struct State {
  std::string_view text;
  const Places* places = nullptr;
  size_t offset = 0;      // the byte being fed
  size_t cell_start = 0;  // where the current cell began
  bool row_start = true;  // the next non-newline byte starts a cell
  std::vector<CsvRow> rows;
  CsvRow row;
};

// The byte after the delimiter or line end that ended a cell starts the next.
void on_cell(void* data, size_t len, void* user) {
  auto* s = static_cast<State*>(user);
  s->row.push_back({std::string(static_cast<const char*>(data ? data : ""), data ? len : 0),
                    s->places->at(s->cell_start)});
  s->cell_start = s->offset + 1;
}

void on_row(int, void* user) {
  auto* s = static_cast<State*>(user);
  s->rows.push_back(std::move(s->row));
  s->row.clear();
  s->row_start = true;
}

}  // namespace

std::vector<CsvRow> parse_csv(std::string_view text, const std::string& path) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  Places places(text, path);
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
    fail_io({path}, "cannot read '" + path + "': out of memory");
  std::unique_ptr<csv_parser, decltype(&csv_free)> owner(&parser, csv_free);
  csv_set_delim(&parser, detect_delimiter(text));

  State s;
  s.text = text;
  s.places = &places;
  // One byte at a time, so that the callbacks know where each cell began
  // and a parse error knows its byte.
  for (; s.offset < text.size(); ++s.offset) {
    const char c = text[s.offset];
    if (s.row_start && c != '\n' && c != '\r') {
      s.cell_start = s.offset;
      s.row_start = false;
    }
    if (csv_parse(&parser, text.data() + s.offset, 1, on_cell, on_row, &s) != 1) {
      if (csv_error(&parser) != CSV_EPARSE)
        fail_io({path}, "cannot read '" + path + "': " + csv_strerror(csv_error(&parser)));
      const char* hint =
          "a cell that holds a '\"' must be quoted, with each '\"' inside doubled: "
          "\"say \"\"hi\"\"\"";
      if (text[s.offset] == '"')
        fail(places.at(s.offset), "malformed CSV: stray '\"' in a cell", {hint});
      fail(places.at(s.offset), "malformed CSV: text after a closing '\"'", {hint});
    }
  }
  s.offset = text.size();
  if (csv_fini(&parser, on_cell, on_row, &s) != 0 || csv_error(&parser) == CSV_EPARSE)
    fail(places.at(s.cell_start), "malformed CSV: quoted cell is never closed",
         {"end the cell with '\"'"});
  return std::move(s.rows);
}

}  // namespace placard
