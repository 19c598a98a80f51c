#include "base/word_diff.h"

#include <algorithm>
#include <cstdint>

namespace placard {

namespace {

constexpr size_t kMaxWords = 4000;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Appends `word` to the last run when it has the same op, else starts one.
void push(std::vector<WordEdit>& out, WordEdit::Op op, const std::string& word) {
  if (!out.empty() && out.back().op == op) {
    out.back().words += " " + word;
  } else {
    out.push_back({op, word});
  }
}

// Length table of the longest common subsequence of a[i..] and b[j..].
std::vector<std::uint32_t> lcs_table(const std::vector<std::string>& a,
                                     const std::vector<std::string>& b) {
  const size_t w = b.size() + 1;
  std::vector<std::uint32_t> t((a.size() + 1) * w, 0);
  for (size_t i = a.size(); i-- > 0;)
    for (size_t j = b.size(); j-- > 0;)
      t[i * w + j] = a[i] == b[j] ? t[(i + 1) * w + j + 1] + 1
                                  : std::max(t[(i + 1) * w + j], t[i * w + j + 1]);
  return t;
}

}  // namespace

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

std::vector<WordEdit> word_diff(std::string_view before, std::string_view after) {
  const std::vector<std::string> a = split_words(before), b = split_words(after);
  std::vector<WordEdit> out;
  if (a.size() > kMaxWords || b.size() > kMaxWords) {
    if (a == b) {
      for (const auto& w : a) push(out, WordEdit::Op::same, w);
      return out;
    }
    for (const auto& w : a) push(out, WordEdit::Op::removed, w);
    for (const auto& w : b) push(out, WordEdit::Op::added, w);
    return out;
  }
  const std::vector<std::uint32_t> t = lcs_table(a, b);
  const size_t w = b.size() + 1;
  size_t i = 0, j = 0;
  std::vector<std::string> removed, added;  // a pending change, flushed removed-first
  auto flush = [&] {
    for (const auto& x : removed) push(out, WordEdit::Op::removed, x);
    for (const auto& x : added) push(out, WordEdit::Op::added, x);
    removed.clear();
    added.clear();
  };
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      flush();
      push(out, WordEdit::Op::same, a[i]);
      ++i;
      ++j;
    } else if (j < b.size() && (i == a.size() || t[i * w + j + 1] >= t[(i + 1) * w + j])) {
      added.push_back(b[j++]);
    } else {
      removed.push_back(a[i++]);
    }
  }
  flush();
  return out;
}

double shared_word_share(std::string_view a, std::string_view b) {
  size_t same = 0;
  for (const WordEdit& e : word_diff(a, b))
    if (e.op == WordEdit::Op::same) same += split_words(e.words).size();
  const size_t longest = std::max(split_words(a).size(), split_words(b).size());
  return longest == 0 ? 1.0 : static_cast<double>(same) / static_cast<double>(longest);
}

std::string word_diff_line(const std::vector<WordEdit>& edits, size_t context) {
  std::string line;
  for (size_t k = 0; k < edits.size(); ++k) {
    const WordEdit& e = edits[k];
    std::string text = e.words;
    if (e.op == WordEdit::Op::same) {
      std::vector<std::string> words = split_words(e.words);
      const bool first = k == 0, last = k + 1 == edits.size();
      const size_t keep = (first ? 0 : context) + (last ? 0 : context);
      if (words.size() > keep + 1) {
        std::string head, tail;
        for (size_t n = 0; !first && n < context; ++n) head += (n ? " " : "") + words[n];
        for (size_t n = words.size() - (last ? 0 : context); n < words.size(); ++n)
          tail += (tail.empty() ? "" : " ") + words[n];
        text = head + (head.empty() ? "" : " ") + "…" + (tail.empty() ? "" : " ") + tail;
      }
    } else {
      text = (e.op == WordEdit::Op::removed ? "[-" : "{+") + text +
             (e.op == WordEdit::Op::removed ? "-]" : "+}");
    }
    line += (line.empty() ? "" : " ") + text;
  }
  return line;
}

}  // namespace placard
