// Slugs: short, file-name safe ids made from card text.
#pragma once

#include <string>
#include <string_view>

namespace placard {

// Lowercase ASCII words joined by '-': "End 287(g) agreements" becomes
// "end-287g-agreements". Latin accented letters lose their accents (é → e,
// ß → ss); apostrophes and brackets vanish inside words; other characters
// separate words. Cut at a word boundary to at most 48 characters, without a
// dangling "the"/"of"/... at the cut. Returns "" when nothing ASCII remains
// (e.g. Arabic or Chinese text).
std::string slugify(std::string_view utf8);

// [a-z0-9][a-z0-9_-]{0,63}: safe as a file name on every system.
bool is_valid_id(std::string_view id);

}  // namespace placard
