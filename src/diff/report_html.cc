#include "diff/report_html.h"

#include <algorithm>

#include "base/xml_escape.h"
#include "diff/match_cards.h"
#include "diff/report_text.h"

namespace placard {

namespace {

constexpr const char* kStyle = R"(
:root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fff;--muted:#5c5c66;--line:#d5d5dc;--del:#ffd7d5;--ins:#c9f2d0;--mark:#e6007e}
@media (prefers-color-scheme:dark){:root{--fg:#ececf1;--bg:#16161a;--muted:#a3a3ad;--line:#3a3a44;--del:#5c1f1c;--ins:#1d4a27}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header,main,nav{max-width:1400px;margin:0 auto;padding:0 16px}
h1{font-size:1.5rem;margin:16px 0 4px}
h2{font-size:1.2rem;margin:0;overflow-wrap:anywhere}
h3{font-size:1rem;margin:12px 0 4px}
a{color:inherit}
:focus-visible{outline:3px solid var(--mark);outline-offset:2px}
.muted{color:var(--muted)}
.problems li{color:#b00020}
nav ol{padding-left:1.5em}
nav li{margin:2px 0;overflow-wrap:anywhere}
.card{border-top:1px solid var(--line);padding:16px 0}
.badge{display:inline-block;font-size:.8rem;font-weight:600;padding:1px 8px;border-radius:10px;border:1px solid var(--line);margin-left:6px}
.words{overflow-wrap:anywhere}
del{background:var(--del);text-decoration:line-through}
ins{background:var(--ins);text-decoration:none}
.trio{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,320px),1fr));gap:12px}
figure{margin:0}
figure img{display:block;max-width:100%;height:auto;border:1px solid var(--line)}
figcaption{font-size:.85rem;color:var(--muted)}
ul.notes{margin:4px 0;padding-left:1.2em;overflow-wrap:anywhere}
.sep{color:var(--muted);font-weight:700}
)";

// j / k: the next or previous card, focused and scrolled to.
constexpr const char* kScript = R"(
(function(){var cards=[].slice.call(document.querySelectorAll('.card'));
document.addEventListener('keydown',function(e){if(e.altKey||e.ctrlKey||e.metaKey)return;
var t=e.target&&e.target.tagName;if(t==='INPUT'||t==='TEXTAREA')return;
if(e.key!=='j'&&e.key!=='k')return;var i=cards.indexOf(document.activeElement.closest?document.activeElement.closest('.card'):null);
i=e.key==='j'?Math.min(cards.length-1,i+1):Math.max(0,i-1);if(cards[i]){cards[i].focus();e.preventDefault();}});})();
)";

std::string esc(const std::string& s) {
  return xml_escape(s);
}

std::string words_html(const std::vector<WordEdit>& edits) {
  std::string out;
  for (const WordEdit& e : edits) {
    if (!out.empty()) out += " ";
    switch (e.op) {
      case WordEdit::Op::same:
        out += esc(e.words);
        break;
      case WordEdit::Op::removed:
        out += "<del>" + esc(e.words) + "</del>";
        break;
      case WordEdit::Op::added:
        out += "<ins>" + esc(e.words) + "</ins>";
        break;
    }
  }
  return out;
}

std::string notes_html(const std::vector<std::string>& notes, const char* cls) {
  if (notes.empty()) return "";
  std::string out = std::string("<ul class=\"") + cls + "\">";
  for (const std::string& n : notes) out += "<li>" + esc(n) + "</li>";
  return out + "</ul>";
}

// A block's lines, quoted, the breaks between them marked: the same words as
// the note (break_note()), easier to read where the page wraps them again.
std::string lines_html(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines)
    out += (out.empty() ? "" : "<span class=\"sep\"> / </span>") + esc(l);
  return "\"" + out + "\"";
}

// An output's notes; its breaks with the lines marked, before and after
// each on a line of its own.
std::string output_notes_html(const OutputDiff& o) {
  if (o.notes.empty()) return "";
  std::string out = "<ul class=\"notes\">";
  for (const std::string& n : o.notes) {
    auto b = std::find_if(o.breaks.begin(), o.breaks.end(),
                          [&](const BreakChange& c) { return break_note(c) == n; });
    if (b == o.breaks.end())
      out += "<li>" + esc(n) + "</li>";
    else
      out += "<li>" + esc(b->field) + " breaks:<br>" + lines_html(b->before) + "<br>→ " +
             lines_html(b->after) + "</li>";
  }
  return out + "</ul>";
}

std::string figure(const std::string& src, const std::string& caption, const std::string& alt,
                   int width, int height) {
  if (src.empty()) return "";
  return "<figure><a href=\"" + esc(src) + "\"><img src=\"" + esc(src) + "\" alt=\"" + esc(alt) +
         "\" loading=\"lazy\" width=\"" + std::to_string(width) + "\" height=\"" +
         std::to_string(height) + "\"></a><figcaption>" + esc(caption) + "</figcaption></figure>";
}

std::string output_html(const CardDiff& card, const OutputDiff& o) {
  std::string head = esc(o.size) + " — ";
  if (o.change == Change::added)
    head += "added";
  else if (o.change == Change::removed)
    head += "removed";
  else
    head += esc(percent(o.changed_share)) + " of pixels changed" +
            (o.box ? ", in " + esc(box_text(*o.box)) : "");
  std::string out = "<div class=\"output\"><h3>" + head + "</h3>";
  out += output_notes_html(o);
  out += notes_html(o.problems, "notes problems");
  const ManifestOutput& shape = o.after ? *o.after : *o.before;
  const std::string name = card.id + " " + o.size;
  out += "<div class=\"trio\">";
  if (o.before)
    out += figure(o.before_image, "before: " + o.before->file, name + " before", o.before->width,
                  o.before->height);
  if (o.after)
    out += figure(o.after_image, "after: " + o.after->file, name + " after", o.after->width,
                  o.after->height);
  out += figure(o.diff_image, "difference: changed pixels in magenta",
                name + " difference: changed pixels in magenta over a faded after", shape.width,
                shape.height);
  return out + "</div></div>";
}

std::string anchor(const CardDiff& c) {
  return "card-" + c.id + (c.change == Change::removed ? "-removed" : "");
}

}  // namespace

std::string report_html(const FolderDiff& diff) {
  const std::vector<const CardDiff*> cards = by_change(diff);
  const std::string totals = totals_text(diff);
  std::string h =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<title>Placard diff: " +
      esc(totals) + "</title><style>" + kStyle +
      "</style></head>\n<body>\n<header><h1>What changed</h1><p>" + esc(totals) +
      "</p><p class=\"muted\">" + esc(diff.base_dir) + " (" + esc(diff.base_generator) + ") → " +
      esc(diff.new_dir) + " (" + esc(diff.new_generator) +
      "). Keys: j / k next / previous card.</p>" + notes_html(diff.problems, "problems") +
      notes_html(diff.notes, "notes") + "</header>\n";
  if (!cards.empty()) {
    h += "<nav aria-label=\"Changed cards\"><ol>";
    for (const CardDiff* c : cards)
      h += "<li><a href=\"#" + esc(anchor(*c)) + "\">" + esc(c->id) +
           "</a> <span class=\"muted\">" + esc(card_change_text(*c)) + ", " +
           esc(percent(c->score())) + "</span></li>";
    h += "</ol></nav>\n";
  }
  h += "<main>\n";
  for (const CardDiff* c : cards) {
    h += "<section class=\"card\" id=\"" + esc(anchor(*c)) +
         "\" tabindex=\"-1\" aria-labelledby=\"h-" + esc(anchor(*c)) + "\"><h2 id=\"h-" +
         esc(anchor(*c)) + "\">" + esc(c->id) + "<span class=\"badge\">" +
         esc(card_change_text(*c)) + "</span></h2>";
    if (!c->source.empty() || !c->lang.empty())
      h += "<p class=\"muted\">" + esc(c->source) + (c->lang.empty() ? "" : " · " + esc(c->lang)) +
           "</p>";
    if (!c->text.empty()) h += "<p class=\"words\">" + words_html(c->text) + "</p>";
    h += notes_html(c->notes, "notes");
    for (const OutputDiff& o : c->outputs) h += output_html(*c, o);
    h += "</section>\n";
  }
  if (cards.empty()) h += "<p>Nothing changed.</p>\n";
  h += "</main>\n<script>" + std::string(kScript) + "</script>\n</body></html>\n";
  return h;
}

}  // namespace placard
