// Dictionary hyphenation with libhyphen and Debian's hyphen-* patterns
// (/usr/share/hyphen). Marks break points with U+00AD SOFT HYPHEN, which
// Pango shows as a hyphen only where a line actually breaks.
#pragma once

#include <string>
#include <vector>

namespace placard {

// True when a dictionary exists for the language ("en", "es-MX", …).
bool can_hyphenate(const std::string& lang);

// `text` with soft hyphens inside words of seven letters or more, at least
// three letters from either end. Unchanged when no dictionary fits `lang`.
std::string hyphenate(const std::string& text, const std::string& lang);

// Byte offsets of the soft hyphens in `text` that sit between two parts of
// a compound ("Mietpreis|bremse"), where the language's dictionary knows
// its compounds (a two-level dictionary: the German one); empty otherwise.
// Line breaking prefers these to the other dictionary points.
std::vector<size_t> compound_points(const std::string& text, const std::string& lang);

}  // namespace placard
