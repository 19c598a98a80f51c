// Content: what the campaign says, as read from Markdown or a deck (YAML, JSON, CSV).
// Plain data only: no layout, no fonts, no Pango.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "content/personalize.h"

namespace placard {

// One run of inline text with its emphasis. Text is literal: "<b>" in a span
// is drawn as the three characters it is.
struct Span {
  std::string text;
  bool strong = false;
  bool em = false;
  bool mark = false;  // highlighted, like a marker pen (==text== in Markdown)
  bool operator==(const Span&) const = default;
};

struct RichText {
  std::vector<Span> spans;
  std::string plain() const;  // all span texts joined
  bool empty() const { return plain().empty(); }
  bool operator==(const RichText&) const = default;
};

enum class CardKind { recommendation, heading, quote, statement };
const char* kind_name(CardKind k);

struct ContentCard {
  std::string id;  // unique, file-name safe slug
  CardKind kind = CardKind::statement;
  RichText headline;        // the main text
  RichText body;            // optional supporting text (may be empty)
  std::string attribution;  // quotes: who said it (may be empty)
  std::string section;      // the "##" heading this card sits under
  int number = 0;           // recommendations: 1-based within the section
  int total = 0;            // recommendations: how many in the section
  std::string lang;         // the card's own language, "" = the campaign's
  SourceLoc loc;            // where the card starts in its file
  // Per-card settings a deck may give; empty means the campaign's.
  std::string layout;  // layout name or file (relative to the content file)
  std::vector<std::string> sizes;
  std::string kicker;  // replaces the kind's default kicker
  std::string footer;  // replaces the campaign's footer
  // A deck row that could not be read: the card fails, the others go on.
  // Its id (given or from the headline) keeps its previous outputs.
  std::optional<Diagnostic> error;
};

// Campaign-wide defaults, from front matter; empty means "not given".
struct CampaignMeta {
  std::string name;      // campaign title (front matter, else the "#" heading)
  std::string intro;     // first paragraph after the title, if any
  std::string layout;    // layout name or file
  SourceLoc layout_loc;  // where `layout` was given, for errors
  std::string brand;     // brand file, relative to the content file
  SourceLoc brand_loc;   // where `brand` was given, for errors
  std::vector<std::string> sizes;
  SourceLoc sizes_loc;  // where `sizes` was given, for errors
  std::string footer;   // e.g. a URL or hashtag
  std::string url;      // the campaign's web page, for share captions
  std::string lang;     // BCP 47 language tag, e.g. "en", "es"
  // Output format: "png", "jpeg", "webp" or "auto" ("" = not given: auto).
  std::string format;
  SourceLoc format_loc;
  // A byte-budgets file overriding the built-in one, relative to the content file.
  std::string budgets;
  SourceLoc budgets_loc;
  Personalize personalize;  // what supporters may personalise (`personalize:`)
  SourceLoc loc;            // the front matter's place, for errors
};

// The values `format:` (and --format) take; "jpg" is read as "jpeg".
inline constexpr const char* kFormatNames[] = {"auto", "png", "jpeg", "webp"};

// `value` as one of kFormatNames ("jpg" -> "jpeg"); a bad value fails at `loc`
// with a did-you-mean hint.
std::string check_format_name(const std::string& value, const SourceLoc& loc);

struct Content {
  std::string path;  // the file it was read from
  CampaignMeta meta;
  std::vector<ContentCard> cards;
};

// The ids of content's cards, in file order.
std::vector<std::string> card_ids(const Content& content);

}  // namespace placard
