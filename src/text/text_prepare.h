// Text as it reaches the typesetter: cleaned of what a user cannot see or
// mean (control characters, stray whitespace, a byte-order mark, decomposed
// accents), and, as a second choice for fitting, with extra break points:
// dictionary hyphens in long words and breaks inside URLs, @handles,
// #hashtags and other long strings.
#pragma once

#include <optional>
#include <string>

#include "content/content.h"

namespace placard {

// NFC, control characters and tabs/newlines as spaces, runs of spaces
// collapsed, ends trimmed, U+FEFF removed. Spans keep their emphasis.
RichText clean_text(const RichText& text);
std::string clean_text(const std::string& text);

// Soft hyphens (when the language has a dictionary) and zero-width break
// opportunities after '/', '.', '-', '_' and at camelCase humps inside
// strings of 16 characters or more without spaces.
RichText with_break_aids(const RichText& text, const std::string& lang);

// True when the text has something to see: not only spaces and invisible
// format characters.
bool has_visible_text(const std::string& text);

// True when the text's first strong character is right-to-left (Arabic,
// Hebrew, …), or the language is written right to left. As in the bidi
// algorithm, isolated runs (LRI/RLI/FSI … PDI) are skipped and LRM/RLM/ALM
// count as strong.
bool is_rtl(const std::string& text);
bool is_rtl_language(const std::string& lang);

// Whether `c` belongs to a script written right to left (Arabic, Hebrew,
// Syriac, Thaana, N'Ko, Adlam): letters, digits and marks of those scripts.
bool in_rtl_script(char32_t c);

// The base direction of a paragraph of `text` in the language `lang` (true:
// right to left). The language decides, whatever the first strong letter:
// "Google وMeta …" in Arabic reads right to left, "علي says …" in English
// left to right. Only a text whose letters are all of the other direction
// (an English footer or a URL on an Arabic card, a Hebrew quotation on an
// English one) takes theirs. With no language, nullopt: the first strong
// letter decides, as Pango does by itself. Isolated runs are skipped.
std::optional<bool> paragraph_rtl(const std::string& text, const std::string& lang);

// A BCP 47 tag in its usual casing: "ES-mx" → "es-MX", "zh-hant" → "zh-Hant";
// extensions after a one-letter subtag in lower case ("ar-u-nu-latn").
std::string canonical_lang(const std::string& lang);

// The tag without its extensions and private use: "ar-EG-u-nu-latn" →
// "ar-EG". Shaping, fonts, hyphenation and direction need only that.
std::string lang_without_extensions(const std::string& lang);

// The value of a Unicode locale keyword in the tag's -u- extension:
// ("ar-u-nu-latn", "nu") → "latn"; "" when the tag has none.
std::string unicode_keyword(const std::string& lang, const std::string& key);

}  // namespace placard
