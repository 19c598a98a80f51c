// The words of a default kicker ("Recommendation 2 of 4") in a card's
// language, from gallery/kickers.yaml.
#pragma once

#include <string>

namespace placard {

// "Recommendation {n} of {total}" in `lang` with both numbers in the
// language's digits, or the single word when total is 1 or less. A language
// the file lacks takes its base language's words ("es-MX" → "es"), then
// English's. A broken file fails with its file:line:col.
//
// The tag's numbering system, as BCP 47 writes it ("ar-u-nu-latn": Arabic
// words, Western digits; "hi-u-nu-deva": Devanagari digits), overrides the
// file's digits; an unknown one fails (see numbering_digits).
std::string recommendation_kicker(const std::string& lang, int n, int total);

// The ten digits, 0 to 9, of the tag's -u-nu- numbering system (CLDR's
// decimal systems: latn, arab, arabext, deva, beng, thai, hanidec, …);
// "" when the tag names none. Fails (usage) naming the tag when the system
// is not one of them.
std::string numbering_digits(const std::string& lang);

// The same, from the file at `path` (read each call), for tests.
std::string recommendation_kicker(const std::string& path, const std::string& lang, int n,
                                  int total);

}  // namespace placard
