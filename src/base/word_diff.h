// Word-level differences between two texts: what a reviewer reads when a
// card's wording changed, and what tells a renamed card from a new one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace placard {

// The words of `text`: runs of non-space bytes (ASCII space, tab, CR, LF
// separate them), punctuation kept with its word.
std::vector<std::string> split_words(std::string_view text);

struct WordEdit {
  enum class Op { same, removed, added };
  Op op = Op::same;
  std::string words;  // consecutive words of the same op, joined by one space
  bool operator==(const WordEdit&) const = default;
};

// The shortest edit from `before` to `after`, word by word (longest common
// subsequence), as runs of same/removed/added words in reading order; a
// removed run comes before the added run that replaces it. Texts of more
// than 4,000 words each are compared as one removed and one added run
// rather than in quadratic time.
std::vector<WordEdit> word_diff(std::string_view before, std::string_view after);

// The share (0-1) of the longer text's words that the two texts have in
// common, in order; 1 for two empty texts.
double shared_word_share(std::string_view a, std::string_view b);

// The edit as one line: "same [-removed-] {+added+} same", with runs of
// more than `context` unchanged words around a change shortened to "…".
std::string word_diff_line(const std::vector<WordEdit>& edits, size_t context = 4);

}  // namespace placard
