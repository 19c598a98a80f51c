// Phrases of Chinese, Japanese and Korean text, the units a display line
// breaks between: "原発ゼロへ。" is one phrase, so it is not set "原発ゼ / ロへ。".
// Japanese is segmented by BudouX's model (typesetting/phrases/ja.json,
// Apache-2.0), weights read as data, with the scorer written here; Chinese
// by ICU's dictionary word breaks. Measured on 32 campaign texts (see
// typesetting/phrases/README.md), BudouX cut 1 Japanese word and ICU 25 (and
// ICU started 50 lines with a particle); in Chinese ICU cut 10 words and
// BudouX's Chinese model 22. Pango allows a break between almost any two
// ideographs; these phrases are kept whole (text/atoms.h) unless one is
// wider than the line.
#pragma once

#include <string>
#include <vector>

namespace placard {

// How a text in `lang` is segmented: "ja" (BudouX), "zh" (ICU's
// dictionary, simplified and traditional alike), "ko" (Korean is written
// with spaces: each word between them is one phrase, so "공공임대주택" is not
// set "공공임대주 / 택"), or "" for not at all. A text in another or no
// language is segmented as Japanese when it holds kana, as Chinese when it
// holds ideographs, as Korean when it holds Hangul, so a card tagged "en"
// keeps its Chinese or Korean slogan's phrases too.
std::string phrase_model(const std::string& lang, const std::u32string& text);

// Phrase boundaries of `text` segmented as `model` says: out[i] is true
// when a phrase starts at character i (0 < i < size); out[0] is false. All
// false for model "". Throws a DiagnosticError when the Japanese model file
// is unreadable.
std::vector<bool> phrase_starts(const std::u32string& text, const std::string& model);

}  // namespace placard
