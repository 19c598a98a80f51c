#include "content/content_markdown.h"

#include <cmark.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "base/file_io.h"
#include "base/utf8.h"
#include "content/front_matter.h"
#include "content/slug.h"

namespace placard {

namespace {

constexpr auto npos = std::string_view::npos;

// An item longer than this (in characters) has its first sentence made the
// headline and the rest the body.
constexpr size_t kLongItem = 140;

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> heads) {
  for (auto h : heads) {
    if (s.starts_with(h)) return true;
  }
  return false;
}

// ---- Rich text ----

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Collapses whitespace runs to one space, trims both ends and merges
// neighbouring spans of equal emphasis.
RichText tidy(const std::vector<Span>& raw) {
  RichText out;
  bool after_space = true;  // so that leading whitespace is dropped
  for (const Span& s : raw) {
    Span cur = s;
    cur.text.clear();
    for (char c : s.text) {
      if (is_space(c) && after_space) continue;
      after_space = is_space(c);
      cur.text += after_space ? ' ' : c;
    }
    if (cur.text.empty()) continue;
    if (!out.spans.empty() && out.spans.back().strong == cur.strong &&
        out.spans.back().em == cur.em && out.spans.back().mark == cur.mark) {
      out.spans.back().text += cur.text;
    } else {
      out.spans.push_back(std::move(cur));
    }
  }
  if (!out.spans.empty() && out.spans.back().text.back() == ' ') {
    out.spans.back().text.pop_back();
    if (out.spans.back().text.empty()) out.spans.pop_back();
  }
  return out;
}

// The part of t whose plain text lies in [begin, end), tidied.
RichText slice(const RichText& t, size_t begin, size_t end = npos) {
  std::vector<Span> kept;
  size_t pos = 0;
  for (const Span& s : t.spans) {
    size_t from = std::clamp(begin, pos, pos + s.text.size()) - pos;
    size_t to = std::clamp(end, pos, pos + s.text.size()) - pos;
    if (to > from) kept.push_back({s.text.substr(from, to - from), s.strong, s.em, s.mark});
    pos += s.text.size();
  }
  return tidy(kept);
}

// a and b with a space between.
RichText join(const RichText& a, const RichText& b) {
  if (a.spans.empty()) return b;
  std::vector<Span> spans = a.spans;
  spans.push_back({" ", spans.back().strong, spans.back().em, spans.back().mark});
  spans.insert(spans.end(), b.spans.begin(), b.spans.end());
  return tidy(spans);
}

// "==highlight==" in text nodes (not in code): toggles as the delimiters
// are met; when they do not pair up, the text is read again literally.
struct Marks {
  bool enabled = true;
  bool open = false;
};

// Appends the text of first and its following siblings, up to stop.
void collect(cmark_node* first, cmark_node* stop, bool strong, bool em, Marks& marks,
             std::vector<Span>& out) {
  for (cmark_node* n = first; n != stop; n = cmark_node_next(n)) {
    cmark_node* child = cmark_node_first_child(n);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT: {
        std::string_view t = cmark_node_get_literal(n);
        size_t at;
        while (marks.enabled && (at = t.find("==")) != npos) {
          out.push_back({std::string(t.substr(0, at)), strong, em, marks.open});
          marks.open = !marks.open;
          t.remove_prefix(at + 2);
        }
        out.push_back({std::string(t), strong, em, marks.open});
        break;
      }
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:  // user text is text: "<b>" stays "<b>"
        out.push_back({cmark_node_get_literal(n), strong, em, marks.open});
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out.push_back({" ", strong, em, marks.open});
        break;
      case CMARK_NODE_EMPH:
        collect(child, nullptr, strong, true, marks, out);
        break;
      case CMARK_NODE_STRONG:
        collect(child, nullptr, true, em, marks, out);
        break;
      default:  // links give their text, images their alt text
        collect(child, nullptr, strong, em, marks, out);
    }
  }
}

// The text of a paragraph or heading, or the literal text of an HTML or code block.
RichText text_of(cmark_node* block) {
  std::vector<Span> raw;
  const char* literal = cmark_node_get_literal(block);
  if (literal) {
    raw.push_back({literal});
    return tidy(raw);
  }
  Marks marks;
  collect(cmark_node_first_child(block), nullptr, false, false, marks, raw);
  if (marks.open) {  // an unpaired "==": keep it as typed
    raw.clear();
    marks = {false, false};
    collect(cmark_node_first_child(block), nullptr, false, false, marks, raw);
  }
  return tidy(raw);
}

// Sorts the children of an item or quote into blocks of text (paragraphs,
// HTML, code) and the rest (lists, quotes, headings).
void split_children(cmark_node* n, std::vector<cmark_node*>& text,
                    std::vector<cmark_node*>& others) {
  for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_CODE_BLOCK:
        text.push_back(c);
        break;
      default:
        others.push_back(c);
    }
  }
}

// ---- Text rules ----

// "U.S.", "e.g.", "Dr.", "J.": a period that does not end a sentence.
bool is_abbreviation(std::string_view text, size_t dot) {
  static const std::set<std::string, std::less<>> kTitles = {
      "mr", "mrs",  "ms",  "dr",  "st",  "vs",  "etc", "jr",
      "sr", "prof", "sen", "rep", "gov", "gen", "inc", "ltd"};
  std::string_view word = text.substr(0, dot);
  word.remove_prefix(word.rfind(' ') + 1);  // npos + 1 == 0
  while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word[0]))) {
    word.remove_prefix(1);  // "(e.g." → "e.g"
  }
  if (word.find('.') != npos) return true;
  if (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z') return true;
  std::string lower;
  for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return kTitles.contains(lower);
}

// True when a new sentence starts at text[pos]: an uppercase letter or an
// opening quote or Spanish ¿ ¡.
bool starts_sentence(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  unsigned char c = text[pos];
  if ((c >= 'A' && c <= 'Z') || c == '"' || c == '\'') return true;
  std::string_view rest = text.substr(pos);
  if (starts_with_any(rest, {"“", "‘", "«", "¿", "¡"})) return true;
  // Latin-1 capitals À..Þ (U+00C0..U+00DE) other than ×.
  return rest.size() >= 2 && c == 0xC3 && static_cast<unsigned char>(rest[1]) <= 0x9E &&
         static_cast<unsigned char>(rest[1]) != 0x97;
}

// Where the first sentence of text ends (after its punctuation and any
// closing quotes), or npos when text is one sentence.
size_t first_sentence_end(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '.' && c != '?' && c != '!') continue;
    size_t end = i + 1;
    while (true) {
      std::string_view rest = text.substr(end);
      if (rest.starts_with('"') || rest.starts_with('\'') || rest.starts_with(')')) {
        end += 1;
      } else if (starts_with_any(rest, {"”", "’"})) {
        end += 3;
      } else if (rest.starts_with("»")) {
        end += 2;
      } else {
        break;
      }
    }
    if (end >= text.size() || text[end] != ' ' || !starts_sentence(text, end + 1)) continue;
    if (c == '.' && is_abbreviation(text, i)) continue;
    return end;
  }
  return npos;
}

size_t char_count(std::string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

// "…custody;" → "…custody": list punctuation that only joined the items.
RichText strip_continuation(const RichText& t) {
  std::string plain = t.plain();
  for (std::string_view tail : {"; and", ", and", "; or", ", or", ";", ","}) {
    if (plain.ends_with(tail)) return slice(t, 0, plain.size() - tail.size());
  }
  return t;
}

// “Text” → Text, when the quotation marks wrap all of it.
RichText strip_enclosing_quotes(const RichText& t) {
  static const std::array<std::pair<std::string_view, std::string_view>, 4> kPairs = {
      {{"“", "”"}, {"\"", "\""}, {"«", "»"}, {"„", "“"}}};
  std::string plain = t.plain();
  for (auto [open, close] : kPairs) {
    if (plain.size() <= open.size() + close.size() || !plain.starts_with(open) ||
        !plain.ends_with(close)) {
      continue;
    }
    size_t inner = plain.size() - open.size() - close.size();
    if (std::string_view(plain).substr(open.size(), inner).find(close) != npos) {
      continue;  // “A” and “B” is two quotations, not one
    }
    return slice(t, open.size(), open.size() + inner);
  }
  return t;
}

// Where the name starts in "— Name" (after the dash and spaces), or npos
// when text does not start with a dash.
size_t attribution_start(std::string_view text) {
  for (std::string_view dash : {"—", "–", "--", "~"}) {
    if (text.starts_with(dash)) {
      return std::min(text.find_first_not_of(' ', dash.size()), text.size());
    }
  }
  return npos;
}

// ---- Walking the document ----

class Reader {
 public:
  Reader(std::string_view source, const std::string& path, int line_offset, Content& out)
      : path_(path), line_offset_(line_offset), out_(out) {
    for (size_t pos = 0; pos <= source.size();) {
      size_t end = std::min(source.find('\n', pos), source.size());
      lines_.push_back(source.substr(pos, end - pos));
      pos = end + 1;
    }
  }

  void visit(cmark_node* n) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_DOCUMENT:
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) visit(c);
        break;
      case CMARK_NODE_HEADING:
        heading(n);
        break;
      case CMARK_NODE_PARAGRAPH:
        if (intro_open_) out_.meta.intro = text_of(n).plain();
        intro_open_ = false;
        break;
      case CMARK_NODE_LIST:
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) item(c);
        break;
      case CMARK_NODE_BLOCK_QUOTE:
        quote(n);
        break;
      default:  // thematic breaks, top-level HTML and code: context
        break;
    }
  }

  // Totals per section, then ids for the cards that gave none.
  void finish() {
    end_section();
    assign_ids(out_.cards, explicit_ids_);
  }

 private:
  void heading(cmark_node* n) {
    int level = cmark_node_get_heading_level(n);
    if (level == 1) {
      if (!title_seen_ && out_.meta.name.empty()) out_.meta.name = text_of(n).plain();
      intro_open_ = !title_seen_;
      title_seen_ = true;
      return;
    }
    if (level > 2) return;
    std::string id;
    RichText text = take_id(text_of(n), n, id);
    end_section();
    intro_open_ = false;
    section_ = text.plain();
    if (!text.empty()) add(CardKind::heading, n, text, {}, "", id);
  }

  // One recommendation from the item's text blocks; nested lists and quotes
  // become cards of their own, after it.
  void item(cmark_node* n) {
    std::vector<cmark_node*> blocks, others;
    split_children(n, blocks, others);
    if (!blocks.empty()) {
      std::string id;
      RichText headline = strip_continuation(take_id(text_of(blocks[0]), blocks[0], id));
      RichText body;
      std::string plain = headline.plain();
      size_t end = first_sentence_end(plain);
      if (char_count(plain) > kLongItem && end != npos) {
        body = slice(headline, end);
        headline = slice(headline, 0, end);
      }
      for (size_t i = 1; i < blocks.size(); ++i) {
        body = join(body, strip_continuation(take_id(text_of(blocks[i]), blocks[i], id)));
      }
      if (!headline.empty()) add(CardKind::recommendation, n, headline, body, "", id);
    }
    for (cmark_node* c : others) visit(c);
  }

  // The quote's paragraphs are the headline; a last one starting with a dash
  // (its own paragraph or its own line) names who said it.
  void quote(cmark_node* n) {
    std::vector<cmark_node*> blocks, others;
    split_children(n, blocks, others);
    std::vector<RichText> texts;
    for (cmark_node* b : blocks) texts.push_back(text_of(b));
    RichText attribution;
    if (texts.size() > 1 && attribution_start(texts.back().plain()) != npos) {
      attribution = texts.back();
      texts.pop_back();
    } else if (!texts.empty()) {
      split_last_line(blocks.back(), texts.back(), attribution);
    }

    std::string id;
    RichText headline;
    for (size_t i = 0; i < texts.size(); ++i) {
      headline = join(headline, take_id(texts[i], blocks[i], id));
    }
    headline = strip_enclosing_quotes(headline);
    std::string who;
    if (!attribution.empty()) {
      who = take_id(attribution, blocks.back(), id).plain();
      who.erase(0, attribution_start(who));
    }
    if (!headline.empty()) add(CardKind::quote, n, headline, {}, who, id);
    for (cmark_node* c : others) visit(c);
  }

  // "> Text\n> — Name": moves a last line that starts with a dash from text
  // (the text of para) to attribution.
  static void split_last_line(cmark_node* para, RichText& text, RichText& attribution) {
    if (cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) return;
    cmark_node* last_break = nullptr;
    for (cmark_node* c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
      auto type = cmark_node_get_type(c);
      if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) last_break = c;
    }
    if (!last_break) return;
    std::vector<Span> before, after;
    Marks marks{false, false};  // attributions are plain; quotes keep their ==marks== below
    collect(cmark_node_next(last_break), nullptr, false, false, marks, after);
    if (attribution_start(tidy(after).plain()) == npos) return;
    Marks quote_marks;
    collect(cmark_node_first_child(para), last_break, false, false, quote_marks, before);
    if (quote_marks.open) {
      before.clear();
      quote_marks = {false, false};
      collect(cmark_node_first_child(para), last_break, false, false, quote_marks, before);
    }
    text = tidy(before);
    attribution = tidy(after);
  }

  // Takes a trailing "{#id}" off text and checks it; block is where it was written.
  RichText take_id(RichText text, cmark_node* block, std::string& id) {
    std::string plain = text.plain();
    size_t open = plain.rfind("{#");
    if (!plain.ends_with('}') || open == std::string::npos) return text;
    std::string given = plain.substr(open + 2, plain.size() - open - 3);
    SourceLoc loc = id_place(block);
    if (!is_valid_id(given)) {
      std::vector<std::string> hints = {
          "an id is 1 to 64 lowercase letters a-z, digits, '-' and '_', "
          "starting with a letter or digit"};
      if (std::string slug = slugify(given); !slug.empty()) {
        hints.push_back("did you mean '{#" + slug + "}'?");
      }
      fail(loc, "invalid id '" + given + "'", hints);
    }
    if (!id.empty()) fail(loc, "a card can only have one id, it already has '" + id + "'");
    auto [first, inserted] = explicit_ids_.emplace(given, loc);
    if (!inserted) {
      fail(loc, "duplicate id '" + given + "', first used at " + format_location(first->second),
           {"give each card its own id"});
    }
    id = given;
    return slice(text, 0, open);
  }

  // The place of the last "{#" in block's lines.
  SourceLoc id_place(cmark_node* block) {
    int first = cmark_node_get_start_line(block) + line_offset_;
    for (int line = cmark_node_get_end_line(block) + line_offset_; line >= first; --line) {
      if (line < 1 || line > static_cast<int>(lines_.size())) continue;
      size_t col = lines_[line - 1].rfind("{#");
      if (col != npos) return {path_, line, static_cast<int>(col) + 1};
    }
    return place(block);
  }

  SourceLoc place(cmark_node* n) const {
    return {path_, cmark_node_get_start_line(n) + line_offset_, cmark_node_get_start_column(n)};
  }

  void add(CardKind kind, cmark_node* n, RichText headline, RichText body, std::string attribution,
           std::string id) {
    ContentCard card;
    card.id = std::move(id);
    card.kind = kind;
    card.headline = std::move(headline);
    card.body = std::move(body);
    card.attribution = std::move(attribution);
    card.section = section_;
    if (kind == CardKind::recommendation) card.number = ++section_count_;
    card.loc = place(n);
    out_.cards.push_back(std::move(card));
  }

  // Every recommendation learns how many share its section.
  void end_section() {
    for (size_t i = section_first_; i < out_.cards.size(); ++i) {
      if (out_.cards[i].kind == CardKind::recommendation) out_.cards[i].total = section_count_;
    }
    section_first_ = out_.cards.size();
    section_count_ = 0;
  }

  const std::string& path_;
  int line_offset_;  // file line = cmark line + line_offset_
  Content& out_;
  std::vector<std::string_view> lines_;  // of the whole file
  std::map<std::string, SourceLoc> explicit_ids_;
  bool title_seen_ = false;
  bool intro_open_ = false;  // a paragraph now would be the intro
  std::string section_;
  size_t section_first_ = 0;  // first card of the current section
  int section_count_ = 0;     // recommendations in it so far
};

}  // namespace

Content parse_markdown(std::string_view text, const std::string& path) {
  const std::string source = clean_source(text, path);
  FrontMatter front = read_front_matter(source, path);

  Content content;
  content.path = path;
  content.meta = std::move(front.meta);

  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(
      cmark_parse_document(front.body.data(), front.body.size(), CMARK_OPT_SOURCEPOS),
      cmark_node_free);
  if (!doc) fail_io({path}, "cannot parse '" + path + "': out of memory");
  Reader reader(source, path, front.body_line - 1, content);
  reader.visit(doc.get());
  reader.finish();

  if (content.cards.empty()) {
    fail({path}, "no cards found", {"add a list item, a '##' heading or a '>' quote"});
  }
  check_personalize_cards(content.meta.personalize, card_ids(content));
  return content;
}

Content read_markdown(const std::string& path) {
  return parse_markdown(read_file(path), path);
}

}  // namespace placard
