// What a supporter types into a personal card (a name, a town), made safe to
// set: normalised, stripped of what could reorder or hide text, measured in
// the characters a reader sees, and checked against the campaign's list of
// refused words. The server, the CLI and the batch all use these, so a value
// is judged the same way wherever it comes from.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard {

enum class FieldProblem { none, missing, too_long, invalid_utf8, blocked, mixed_scripts };

// NFC; C0/C1 controls and the bidi formatting characters (LRE, RLE, PDF,
// LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM) removed; white space
// collapsed and trimmed. ZWJ and ZWNJ stay: emoji sequences and Persian or
// Indic spellings need them. Invalid UTF-8 gives "" (check_personal_field
// reports it as such: it is never repaired into something else).
std::string clean_personal_field(std::string_view raw);

// User-perceived characters (grapheme clusters, as Pango's cursor positions
// find them): a flag, a skin-toned emoji, a ZWJ family and a vowelled Arabic
// letter each count one.
size_t count_graphemes(std::string_view utf8);

// Words and phrases a campaign refuses, one a line, `#` starting a comment.
// Matching ignores case and compatibility forms (NFKC after case folding),
// combining marks and invisible format characters (ZWJ, ZWNJ, soft hyphen),
// then compares UTS #39 confusable skeletons (Unicode's confusables.txt, as
// ICU ships it), so "ＢＡＤ", "Bad", "bád", "bа‍d" and "bаd" with a
// Cyrillic "а" all match "bad", as "ı" (dotless) matches "i" and "rn"
// matches "m". An entry matches on word boundaries; an entry in a script
// written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar)
// matches anywhere. It cannot catch a word spelt differently (leet "b4d",
// letters spaced out "b a d", another language's word) nor one drawn in
// pieces across fields; docs/personal.md says so.
class Blocklist {
 public:
  static Blocklist parse(std::string_view text);
  bool matches(std::string_view value) const;
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::u32string key;  // folded
    bool anywhere = false;
  };
  std::vector<Entry> entries_;
};

// True when one word of `value` mixes Latin, Greek and Cyrillic letters
// ("Pаypal" with a Cyrillic "а"): how look-alikes of a name are made, and
// never how a name is written. Words in one of them, and words that mix
// any of them with digits or other scripts, are fine.
bool mixes_scripts_in_a_word(std::string_view value);

// One field's value checked: cleaned, then missing (required and empty),
// too long (more than `max_graphemes`, 0 = no limit), blocked, or mixing
// alphabets in one word (mixes_scripts_in_a_word), unless the campaign
// allows that (`personalize: {allow_mixed_scripts: true}`); the blocklist
// still matches look-alikes then.
struct FieldCheck {
  FieldProblem problem = FieldProblem::none;
  std::string value;  // cleaned; "" unless problem is none
};
FieldCheck check_personal_field(std::string_view raw, size_t max_graphemes, bool required,
                                const Blocklist* blocklist, bool allow_mixed_scripts = false);

// A sentence for the person who typed the value, naming the field and never
// repeating a refused word: "'name' is longer than 40 characters".
std::string field_problem_text(FieldProblem problem, const std::string& field,
                               size_t max_graphemes);

// The value as an isolated bidi run (FSI ... PDI): its own direction is
// found from its first strong letter, and it never reorders the text around it.
std::string isolate_bidi(std::string_view value);

// A layout's literal with {field} placeholders, each replaced by its value
// as an isolated run; nullopt when a placeholder has no value (or an empty
// one), so the layout's next form is used. "{{" and "}}" are literal braces.
std::optional<std::string> fill_placeholders(std::string_view pattern,
                                             const std::map<std::string, std::string>& values);

// The field names a literal's placeholders use, in order.
std::vector<std::string> placeholder_names(std::string_view pattern);

}  // namespace placard
