// Quotation marks by language (typesetting/quotes.yaml, from CLDR), and the
// quotation marks a text already starts or is wrapped in.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace placard {

struct QuoteMarks {
  std::string open, close;
};

// The marks of `lang` (BCP 47): by its tag, then the tag shortened part by
// part, then the default (“ ”). A broken file fails with its file:line:col.
QuoteMarks quote_marks(const std::string& lang);

// The opening quotation mark `text` starts with (any language's: “ „ « 「
// ‘ ‚ ‹ 『 ” " ' …), or "" when it starts with none.
std::string leading_quote(const std::string& text);

// [start, end) bytes of the punctuation `text` starts with that hangs
// outside a flush start edge: an opening quotation mark (“ „ « 「 『 ‹ ‘ …),
// with the no-break or thin space set after it (French « ); {0, 0} when
// the text starts with none, or is the mark alone. Invisible bidi marks
// before it are skipped.
std::pair<size_t, size_t> hanging_punctuation(const std::string& text);

// [start, end) bytes of what is inside, when the whole of `text` is one
// quotation wrapped in a matching pair of marks; nullopt otherwise ("“A”
// and “B”" is two quotations).
std::optional<std::pair<size_t, size_t>> enclosed_quotation(const std::string& text);

// The dash an attribution already starts with ("— Name", "– Name",
// "-- Name"), or "" when none.
std::string leading_dash(const std::string& text);

}  // namespace placard
