#include "diff/match_cards.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "batch/renamed.h"
#include "layout/budgets.h"

namespace placard {

namespace {

std::string arrow(const std::string& a, const std::string& b) {
  return a + " → " + b;
}

// "warning: …" lines for warnings in `now` but not in `then`, with `what`.
void warning_notes(const std::vector<ManifestWarning>& then,
                   const std::vector<ManifestWarning>& now, const char* what,
                   std::vector<std::string>& notes) {
  for (const ManifestWarning& w : now)
    if (std::find(then.begin(), then.end(), w) == then.end())
      notes.push_back(std::string(what) + (w.check.empty() ? "" : " (" + w.check + ")") + ": " +
                      w.message);
}

// "92", "84.5": a size in px as the manifest gives it.
std::string px(double size) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", size);
  return buf;
}

// "headline 92 → 84 px", "headline 2 → 3 lines", for each text block (by
// field) whose size or line count changed. Manifests without the record
// (older Placards) give nothing.
void text_notes(const std::vector<ManifestText>& then, const std::vector<ManifestText>& now,
                std::vector<std::string>& notes) {
  for (const ManifestText& a : now) {
    auto b = std::find_if(then.begin(), then.end(),
                          [&](const ManifestText& t) { return t.field == a.field; });
    if (b == then.end()) continue;
    if (b->size != a.size) notes.push_back(a.field + " " + arrow(px(b->size), px(a.size)) + " px");
    if (b->lines != a.lines)
      notes.push_back(a.field + " " + arrow(std::to_string(b->lines), std::to_string(a.lines)) +
                      " lines");
  }
}

// "A / B": a block's lines as drawn, quoted.
std::string quoted_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : " / ") + l;
  return "\"" + out + "\"";
}

bool same_image(const ManifestOutput& a, const ManifestOutput& b) {
  return !a.hash.empty() && a.hash == b.hash && a.bytes == b.bytes && a.format == b.format &&
         a.width == b.width && a.height == b.height;
}

// The outputs of two versions of one card, by size.
std::vector<OutputDiff> match_outputs(const ManifestCard* before, const ManifestCard* after,
                                      bool trust_digests) {
  std::vector<OutputDiff> out;
  auto find = [](const ManifestCard* c, const std::string& size) -> const ManifestOutput* {
    if (!c) return nullptr;
    for (const ManifestOutput& o : c->outputs)
      if (o.size == size) return &o;
    return nullptr;
  };
  if (after) {
    for (const ManifestOutput& a : after->outputs) {
      OutputDiff d;
      d.size = a.size;
      d.after = a;
      if (const ManifestOutput* b = find(before, a.size)) {
        d.before = *b;
        d.change = trust_digests && b->file == a.file && same_image(*b, a) ? Change::unchanged
                                                                           : Change::changed;
        d.notes = output_notes(*b, a);
        d.breaks = break_changes(*b, a);
      } else {
        d.change = Change::added;
      }
      out.push_back(std::move(d));
    }
  }
  if (before) {
    for (const ManifestOutput& b : before->outputs) {
      if (find(after, b.size)) continue;
      OutputDiff d;
      d.size = b.size;
      d.before = b;
      d.change = Change::removed;
      out.push_back(std::move(d));
    }
  }
  return out;
}

// Both recorded (older manifests have neither) and not the same.
std::optional<NameChange> name_change(const std::string& before, const std::string& after) {
  if (before.empty() || after.empty() || before == after) return std::nullopt;
  return NameChange{before, after};
}

std::vector<std::string> card_notes(const ManifestCard& b, const ManifestCard& a) {
  std::vector<std::string> notes;
  if (auto layout = name_change(b.layout, a.layout))
    notes.push_back("layout: " + arrow(layout->before, layout->after));
  if (auto brand = name_change(b.brand, a.brand))
    notes.push_back("brand: " + arrow(brand->before, brand->after));
  if (b.kind != a.kind) notes.push_back("kind " + arrow(b.kind, a.kind));
  if (b.alt != a.alt) notes.push_back("alt text: " + word_diff_line(word_diff(b.alt, a.alt)));
  if (b.fonts != a.fonts) {
    std::string was, now;
    for (const auto& f : b.fonts) was += (was.empty() ? "" : ", ") + f;
    for (const auto& f : a.fonts) now += (now.empty() ? "" : ", ") + f;
    notes.push_back("brand fonts " +
                    arrow(was.empty() ? "bundled" : was, now.empty() ? "bundled" : now));
  }
  if (b.source != a.source && !b.source.empty() && !a.source.empty())
    notes.push_back("moved " + arrow(b.source, a.source));
  warning_notes(b.warnings, a.warnings, "new warning", notes);
  warning_notes(a.warnings, b.warnings, "gone warning", notes);
  return notes;
}

CardDiff card_diff(const ManifestCard* b, const ManifestCard* a, bool trust_digests) {
  CardDiff d;
  const ManifestCard& any = a ? *a : *b;
  d.id = any.id;
  d.source = any.source;
  d.lang = any.lang;
  d.change = !b ? Change::added : !a ? Change::removed : Change::changed;
  if (b && a) {
    if (b->id != a->id) {
      d.change = Change::renamed;
      d.old_id = b->id;
    }
    if (b->text != a->text) d.text = word_diff(b->text, a->text);
    d.notes = card_notes(*b, *a);
    d.layout = name_change(b->layout, a->layout);
    d.brand = name_change(b->brand, a->brand);
  }
  d.outputs = match_outputs(b, a, trust_digests);
  return d;
}

void edition_notes(const Manifest& before, const Manifest& after, std::vector<std::string>& notes) {
  if (before.campaign != after.campaign)
    notes.push_back("campaign " + arrow(before.campaign, after.campaign));
  for (const ManifestEdition& a : after.editions) {
    auto b = std::find_if(before.editions.begin(), before.editions.end(),
                          [&](const ManifestEdition& e) { return e.lang == a.lang; });
    const std::string in = a.lang.empty() ? "" : " (" + a.lang + ")";
    if (b == before.editions.end()) {
      notes.push_back("new edition" + in);
      continue;
    }
    if (b->name != a.name) notes.push_back("title" + in + ": " + arrow(b->name, a.name));
    if (b->footer != a.footer) notes.push_back("footer" + in + ": " + arrow(b->footer, a.footer));
    if (b->url != a.url) notes.push_back("url" + in + ": " + arrow(b->url, a.url));
    for (const auto& color : a.colors) {
      // (a structured binding cannot be captured by a lambda in clang 14)
      const auto& [role, hex] = color;
      auto old = std::find_if(b->colors.begin(), b->colors.end(),
                              [&](const auto& c) { return c.first == color.first; });
      if (old == b->colors.end())
        notes.push_back("brand colour " + role + in + ": " + hex);
      else if (old->second != hex)
        notes.push_back("brand colour " + role + in + ": " + arrow(old->second, hex));
    }
  }
}

}  // namespace

std::vector<std::string> output_notes(const ManifestOutput& b, const ManifestOutput& a) {
  std::vector<std::string> notes;
  if (b.format != a.format) notes.push_back("format " + arrow(b.format, a.format));
  if (b.file != a.file) notes.push_back("file " + arrow(b.file, a.file));
  if (b.width != a.width || b.height != a.height)
    notes.push_back("pixels " + arrow(std::to_string(b.width) + "×" + std::to_string(b.height),
                                      std::to_string(a.width) + "×" + std::to_string(a.height)));
  text_notes(b.text, a.text, notes);
  for (const BreakChange& c : break_changes(b, a)) notes.push_back(break_note(c));
  if (b.bytes != a.bytes)
    notes.push_back("bytes " + arrow(human_size(static_cast<std::int64_t>(b.bytes)),
                                     human_size(static_cast<std::int64_t>(a.bytes))));
  warning_notes(b.warnings, a.warnings, "new warning", notes);
  warning_notes(a.warnings, b.warnings, "gone warning", notes);
  return notes;
}

std::vector<BreakChange> break_changes(const ManifestOutput& b, const ManifestOutput& a) {
  std::vector<BreakChange> out;
  for (const ManifestText& now : a.text) {
    auto then = std::find_if(b.text.begin(), b.text.end(),
                             [&](const ManifestText& t) { return t.field == now.field; });
    if (then == b.text.end() || then->line_texts.empty() || now.line_texts.empty() ||
        then->line_texts == now.line_texts)
      continue;
    out.push_back({now.field, then->line_texts, now.line_texts});
  }
  return out;
}

std::string break_note(const BreakChange& c) {
  return c.field + " breaks: " + arrow(quoted_lines(c.before), quoted_lines(c.after));
}

FolderDiff match_cards(const Manifest& before, const Manifest& after, bool trust_digests) {
  FolderDiff diff;
  diff.base_generator = before.generator;
  diff.new_generator = after.generator;
  edition_notes(before, after, diff.notes);
  std::map<std::string, const ManifestCard*> old_by_id;
  for (const ManifestCard& c : before.cards) old_by_id[c.id] = &c;
  std::set<std::string> new_ids;
  for (const ManifestCard& c : after.cards) new_ids.insert(c.id);
  // Cards of `before` whose id is gone, which a new card may have renamed.
  std::vector<const ManifestCard*> gone;
  for (const ManifestCard& c : before.cards)
    if (!new_ids.contains(c.id)) gone.push_back(&c);
  std::set<const ManifestCard*> paired;
  auto keep = [&diff](CardDiff d) { diff.cards.push_back(std::move(d)); };
  for (const ManifestCard& a : after.cards) {
    const ManifestCard* b = nullptr;
    if (auto it = old_by_id.find(a.id); it != old_by_id.end()) {
      b = it->second;
    } else {
      for (const ManifestCard* g : gone)
        if (!paired.contains(g) && looks_renamed(*g, a.id, a.source, a.text)) {
          b = g;
          paired.insert(g);
          break;
        }
    }
    keep(card_diff(b, &a, trust_digests));
  }
  for (const ManifestCard* g : gone)
    if (!paired.contains(g)) keep(card_diff(g, nullptr, trust_digests));
  settle(diff);
  return diff;
}

}  // namespace placard
