// Decks: a campaign written as a list of cards rather than a document.
//
// YAML and JSON: a mapping with the campaign settings of Markdown front matter
// (name, layout, brand, sizes, footer, lang) and `cards`, a list; or just the
// list. A card is a mapping of fields, or a string (a statement's headline).
// CSV (a spreadsheet export): the header row names the fields, each row below
// is a card; a column whose name starts with '#' is ignored.
//
// Card fields: headline (or text), kind (recommendation, heading, quote,
// statement; default statement), id, body, attribution, section, kicker,
// footer, layout, lang, sizes. Text is literal (no Markdown) with runs of
// white space collapsed. Recommendations are numbered within their section.
#pragma once

#include <string>
#include <string_view>

#include "content/content.h"

namespace placard {

Content parse_deck_yaml(const std::string& text, const std::string& path);
Content parse_deck_json(std::string_view text, const std::string& path);
Content parse_deck_csv(std::string_view text, const std::string& path);

// Any content file, by extension: .md/.markdown (Markdown), .yaml/.yml,
// .json, .csv/.tsv. Fails (usage) on another extension.
Content read_content(const std::string& path);

}  // namespace placard
