#include "diff/report_markdown.h"

#include "diff/report_text.h"

namespace placard {

namespace {

// Text safe in a table cell: no line break, no pipe, and no HTML (GitHub
// renders tags in Markdown).
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '*' || c == '_' || c == '~' || c == '`' || c == '[' || c == ']' || c == '\\')
      out += std::string("\\") + c;
    else
      out += c;
  }
  return out;
}

std::string words_md(const std::vector<WordEdit>& edits) {
  std::string out;
  for (const WordEdit& e : edits) {
    if (!out.empty()) out += " ";
    if (e.op == WordEdit::Op::same)
      out += cell(e.words);
    else if (e.op == WordEdit::Op::removed)
      out += "~~" + cell(e.words) + "~~";
    else
      out += "**" + cell(e.words) + "**";
  }
  return out;
}

std::string row(const CardDiff& c) {
  std::string outputs, what;
  for (const OutputDiff& o : c.outputs) {
    if (!outputs.empty()) outputs += ", ";
    outputs += cell(o.size);
    if (o.change == Change::added || o.change == Change::removed)
      outputs += " (" + std::string(change_name(o.change)) + ")";
    else if (o.after)
      outputs += " " + percent(o.changed_share);
    for (const std::string& n : o.notes)
      what += (what.empty() ? "" : "; ") + cell(o.size + ": " + n);
    for (const std::string& p : o.problems) what += (what.empty() ? "" : "; ") + cell(p);
  }
  std::string text = c.text.empty() ? "" : words_md(c.text);
  for (const std::string& n : c.notes) text += (text.empty() ? "" : "; ") + cell(n);
  if (!what.empty()) text += (text.empty() ? "" : "; ") + what;
  return "| `" + c.id + "` | " + cell(card_change_text(c)) + " | " + percent(c.score()) + " | " +
         outputs + " | " + text + " |\n";
}

}  // namespace

std::string report_markdown(const FolderDiff& diff, const std::string& report_link,
                            size_t max_bytes) {
  std::string md = "### Placard: " + cell(totals_text(diff)) + "\n\n";
  for (const std::string& p : diff.problems) md += "> **Problem:** " + cell(p) + "\n>\n";
  if (!diff.problems.empty()) md += "\n";
  for (const std::string& n : diff.notes) md += "- " + cell(n) + "\n";
  if (!diff.notes.empty()) md += "\n";
  const std::string link = report_link.empty() ? "index.html" : report_link;
  const std::string footer = "\nFull report, with before, after and difference images: [" +
                             cell(link) + "](" + link + ")\n";
  const std::vector<const CardDiff*> cards = by_change(diff);
  if (!cards.empty()) {
    md += "| Card | Change | Pixels changed | Outputs | What changed |\n|---|---|---|---|---|\n";
    size_t shown = 0;
    for (const CardDiff* c : cards) {
      std::string r = row(*c);
      if (md.size() + r.size() + footer.size() + 120 > max_bytes) break;
      md += r;
      ++shown;
    }
    if (shown < cards.size())
      md +=
          "\n… and " + std::to_string(cards.size() - shown) + " more cards, in the full report.\n";
  }
  return md + footer;
}

}  // namespace placard
