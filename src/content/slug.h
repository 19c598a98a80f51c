// Slugs: short, file-name safe ids made from card text.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "content/content.h"

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

// Gives every card without an id one: the slug of its headline (or
// "<kind>-<n>" for text with no Latin letters), made unique against the
// explicit ids and each other with "-2", "-3", ….
void assign_ids(std::vector<ContentCard>& cards,
                const std::map<std::string, SourceLoc>& explicit_ids);

}  // namespace placard
