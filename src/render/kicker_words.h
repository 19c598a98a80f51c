// The words of a default kicker ("Recommendation 2 of 4") in a card's
// language, from gallery/kickers.yaml.
#pragma once

#include <string>

namespace placard {

// "Recommendation {n} of {total}" in `lang` with both numbers in the
// language's digits, or the single word when total is 1 or less. A language
// the file lacks takes its base language's words ("es-MX" → "es"), then
// English's. A broken file fails with its file:line:col.
std::string recommendation_kicker(const std::string& lang, int n, int total);

// The same, from the file at `path` (read each call), for tests.
std::string recommendation_kicker(const std::string& path, const std::string& lang, int n,
                                  int total);

}  // namespace placard
