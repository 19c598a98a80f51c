#include "base/diagnostics.h"

#include <algorithm>
#include <fstream>

#include "base/enum_names.h"

namespace placard {

std::string format_location(const SourceLoc& loc) {
  std::string out = loc.file.empty() ? std::string("placard") : loc.file;
  if (loc.line > 0) {
    out += ":" + std::to_string(loc.line);
    if (loc.col > 0) out += ":" + std::to_string(loc.col);
  }
  return out;
}

namespace {

constexpr EnumName<Check> kChecks[] = {
    {Check::none, ""},
    {Check::contrast, "contrast"},
    {Check::missing_glyph, "missing-glyph"},
    {Check::font_fallback, "font-fallback"},
    {Check::byte_budget, "byte-budget"},
    {Check::unshown_text, "unshown-text"},
    {Check::edition_gap, "edition-gap"},
    {Check::font_licence, "font-licence"},
    {Check::stale_manifest, "stale-manifest"},
    {Check::platform, "platform"},
    {Check::renamed_card, "renamed-card"},
    {Check::font_marks, "font-marks"},
};

// The spaces that put a caret under byte `col` (1-based) of `line`: one per
// character before it (a UTF-8 sequence is one), a tab where the line has
// one, so that the caret lines up in a terminal.
std::string caret_padding(const std::string& line, int col) {
  std::string pad;
  const size_t end = std::min(line.size(), static_cast<size_t>(col - 1));
  for (size_t i = 0; i < end; ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // inside a character
    pad += c == '\t' ? '\t' : ' ';
  }
  if (static_cast<size_t>(col - 1) > line.size()) pad.append(col - 1 - line.size(), ' ');
  return pad;
}

}  // namespace

const char* check_name(Check check) {
  return name_of(kChecks, check, "");
}

Check check_from_name(const std::string& name) {
  return value_of(kChecks, name).value_or(Check::none);
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = format_location(d.loc);
  out += d.severity == Severity::error ? ": error: " : ": warning: ";
  out += d.message;
  out += "\n";
  if (!d.source_line.empty()) {
    out += "    " + d.source_line + "\n";
    if (d.loc.col > 0) out += "    " + caret_padding(d.source_line, d.loc.col) + "^\n";
  }
  for (const auto& h : d.hints) out += "hint: " + h + "\n";
  return out;
}

std::vector<std::pair<int, std::string>> source_lines(const SourceLoc& loc, int context) {
  std::vector<std::pair<int, std::string>> out;
  if (loc.file.empty() || loc.line <= 0) return out;
  std::ifstream in(loc.file, std::ios::binary);
  std::string line;
  for (int n = 1; n <= loc.line + context && std::getline(in, line); ++n) {
    if (n < loc.line - context) continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > 400) line.resize(400);
    out.emplace_back(n, line);
  }
  return out;
}

void attach_source_line(Diagnostic& d) {
  if (!d.source_line.empty()) return;
  for (const auto& [n, text] : source_lines(d.loc, 0))
    if (n == d.loc.line) d.source_line = text;
}

std::string describe(Diagnostic d) {
  if (d.loc.line > 0) attach_source_line(d);
  return format_diagnostic(d);
}

Diagnostic warning(Check check, SourceLoc loc, std::string message,
                   std::vector<std::string> hints) {
  Diagnostic d;
  d.severity = Severity::warning;
  d.check = check;
  d.loc = std::move(loc);
  d.message = std::move(message);
  d.hints = std::move(hints);
  return d;
}

DiagnosticError::DiagnosticError(Diagnostic d)
    : std::runtime_error(d.message), diag_(std::move(d)) {}

void fail(SourceLoc loc, std::string message, std::vector<std::string> hints) {
  Diagnostic d;
  d.loc = std::move(loc);
  d.message = std::move(message);
  d.hints = std::move(hints);
  throw DiagnosticError(std::move(d));
}

void fail_io(SourceLoc loc, std::string message) {
  Diagnostic d;
  d.kind = FailureKind::io;
  d.loc = std::move(loc);
  d.message = std::move(message);
  throw DiagnosticError(std::move(d));
}

void fail_usage(std::string message, std::vector<std::string> hints) {
  Diagnostic d;
  d.kind = FailureKind::usage;
  d.message = std::move(message);
  d.hints = std::move(hints);
  throw DiagnosticError(std::move(d));
}

namespace {
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
      diag = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

std::vector<std::string> did_you_mean(const std::string& word,
                                      const std::vector<std::string>& candidates) {
  std::string m = closest_match(word, candidates);
  if (m.empty()) return {};
  return {"did you mean '" + m + "'?"};
}

}  // namespace placard
