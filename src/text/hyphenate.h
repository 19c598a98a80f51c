// Dictionary hyphenation with libhyphen and Debian's hyphen-* patterns
// (/usr/share/hyphen). Marks break points with U+00AD SOFT HYPHEN, which
// Pango shows as a hyphen only where a line actually breaks.
#pragma once

#include <string>

namespace placard {

// True when a dictionary exists for the language ("en", "es-MX", …).
bool can_hyphenate(const std::string& lang);

// `text` with soft hyphens inside words of seven letters or more, at least
// three letters from either end. Unchanged when no dictionary fits `lang`.
std::string hyphenate(const std::string& text, const std::string& lang);

}  // namespace placard
