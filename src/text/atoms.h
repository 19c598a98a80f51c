// Pieces of text a line must not break inside: atoms (URLs, e-mail
// addresses, @handles, #hashtags, phone numbers), whose every character is
// part of an address, and numbers with their unit or abbreviation ("1.2
// million", "SB 1047", "2030年", by the rules of typesetting/no-break.yaml).
// A dictionary hyphen in "act.exam-ple.org" or "@Gover-nor" makes another
// address; "1.2 / million" splits what is read as one quantity.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "content/content.h"

namespace placard {

enum class KeepKind : uint8_t {
  url,     // may break after / . - _ ? & = (no hyphen drawn) when it cannot fit whole
  tag,     // a hashtag: may break at its humps ("#End|The|Collaboration"), the same way
  atom,    // an e-mail address, handle or phone number: never broken
  unit,    // a number and its unit: no line break inside (a word may still be cut)
  phrase,  // a Chinese, Japanese or Korean phrase (text/phrases.h): the same
};

struct KeepRange {
  size_t start = 0, end = 0;  // bytes of the text, [start, end)
  KeepKind kind = KeepKind::atom;
  bool operator==(const KeepRange&) const = default;
};

// The atoms of `text`, in order. Invisible characters (soft hyphens,
// zero-width spaces, bidi marks and isolates) inside them are skipped over,
// so the text may already hold break aids.
std::vector<KeepRange> find_atoms(const std::string& text);

// The atoms, every number kept with its unit by the rules for `lang` and
// every language, and the phrases of Chinese and Japanese text (a phrase
// holding a number becomes one unit with it), in order and not overlapping.
std::vector<KeepRange> keep_ranges(const std::string& text, const std::string& lang);

// Zero-width break opportunities after / . - _ ? & = (before a letter or
// digit) inside a URL; at the humps of a hashtag (before a capital after a
// small letter, after an underscore).
std::string url_breaks(const std::string& url);
std::string tag_breaks(const std::string& tag);

// For a right-to-left paragraph: each atom, and each left-to-right word
// holding digits or punctuation ("287(g)", "COVID-19"), wrapped in LRI … PDI
// so that it reads as typed; sentence punctuation after it stays outside,
// with the paragraph ("… 287(g)." ends in a full stop at the left end).
std::string isolate_ltr(const std::string& text);
RichText isolate_ltr(const RichText& text);

}  // namespace placard
