// Diagnostics: every user-facing error or warning carries a place and, where we
// can guess what was meant, a hint. Stages throw DiagnosticError or collect
// Diagnostic values; only main() turns them into an exit code.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace placard {

// A place in an input file. line/col are 1-based; 0 means "unknown".
struct SourceLoc {
  std::string file;
  int line = 0;
  int col = 0;
};

enum class Severity { warning, error };

// What kind of failure, which decides the exit code in main().
enum class FailureKind {
  bad_input,  // exit 1: content, layout or brand the user must fix
  usage,      // exit 2: wrong command line
  io,         // exit 3: file system or internal failure
};

// What a warning is about (and the error it becomes under --strict): its
// name goes into the manifest, --json and the preview, so that nothing has
// to recognise a warning by searching its text.
enum class Check {
  none,            // not one of the checks below
  contrast,        // a text against what is drawn under it (WCAG 2.2)
  missing_glyph,   // no font has a character: it would be drawn as a box
  font_fallback,   // a character drawn from a font other than the brand's
  byte_budget,     // a file over its size's byte budget
  unshown_text,    // content the layout has no text frame for
  edition_gap,     // an edition lacks cards the others have
  font_licence,    // a brand font whose licence restricts embedding
  stale_manifest,  // the last run's manifest could not be read
  platform,        // cut off or covered where a platform shows the card
  renamed_card,    // a card whose new id looks like a fixed headline of the last run's
  font_marks,      // a brand font that draws a letter's accent touching it or misplaced
};

// "contrast", "missing-glyph", …: the name the manifest and --json record.
const char* check_name(Check check);
// The check a name stands for; Check::none for "" or a name this version
// does not know (a newer Placard's manifest).
Check check_from_name(const std::string& name);

struct Diagnostic {
  Severity severity = Severity::error;
  FailureKind kind = FailureKind::bad_input;
  Check check = Check::none;
  SourceLoc loc;
  std::string message;             // lowercase, no final period, values quoted
  std::vector<std::string> hints;  // each printed as "hint: ..."
  std::string source_line;         // optional: the offending line, shown with a caret
};

// "file:line:col: error: message" followed by the source line, caret and hints.
std::string format_diagnostic(const Diagnostic& d);

// The one-line form used in summaries and the manifest: "file:line:col: message".
std::string format_location(const SourceLoc& loc);

// The lines of loc.file around loc.line (`context` before and after), each
// with its 1-based number; {} when the file or line cannot be read.
std::vector<std::pair<int, std::string>> source_lines(const SourceLoc& loc, int context = 1);

// Fills d.source_line from its file when it is empty, so format_diagnostic()
// shows the offending line with a caret under the column.
void attach_source_line(Diagnostic& d);

// What the command line prints for `d`: format_diagnostic() with the source
// line and its caret read from the file (when it has a line and a column).
std::string describe(Diagnostic d);

// A warning of `check` at `loc`.
Diagnostic warning(Check check, SourceLoc loc, std::string message,
                   std::vector<std::string> hints = {});

// Thrown by any stage that cannot go on; carries the full diagnostic.
class DiagnosticError : public std::runtime_error {
 public:
  explicit DiagnosticError(Diagnostic d);
  const Diagnostic& diagnostic() const { return diag_; }

 private:
  Diagnostic diag_;
};

// Shorthands for throwing.
[[noreturn]] void fail(SourceLoc loc, std::string message, std::vector<std::string> hints = {});
[[noreturn]] void fail_io(SourceLoc loc, std::string message);
// A bad command-line value (exit 2).
[[noreturn]] void fail_usage(std::string message, std::vector<std::string> hints = {});

// The closest candidate by edit distance, or "" when none is close enough.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// Returns {"did you mean 'x'?"} when a close candidate exists, else {}.
std::vector<std::string> did_you_mean(const std::string& word,
                                      const std::vector<std::string>& candidates);

}  // namespace placard
