#include "content/deck_tree.h"

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "base/yaml_map.h"

namespace placard {

const DeckNode* DeckNode::find(const std::string& key) const {
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return &items[i];
  return nullptr;
}

namespace {

[[noreturn]] void duplicate_key(const DeckNode& map, size_t first, const SourceLoc& again) {
  fail(again, "duplicate key '" + map.keys[first] + "'",
       {"it is first given at " + format_location(map.key_locs[first])});
}

void add_entry(DeckNode& map, std::string key, SourceLoc key_loc, DeckNode value) {
  for (size_t i = 0; i < map.keys.size(); ++i)
    if (map.keys[i] == key) duplicate_key(map, i, key_loc);
  map.keys.push_back(std::move(key));
  map.key_locs.push_back(std::move(key_loc));
  map.items.push_back(std::move(value));
}

// ---- YAML ----

DeckNode from_yaml(const YAML::Node& n, const std::string& path) {
  DeckNode out;
  out.loc = yaml_loc(n, path);
  switch (n.Type()) {
    case YAML::NodeType::Scalar:
      out.type = DeckNode::Type::scalar;
      out.scalar = n.Scalar();
      break;
    case YAML::NodeType::Sequence:
      out.type = DeckNode::Type::list;
      for (const auto& item : n) out.items.push_back(from_yaml(item, path));
      break;
    case YAML::NodeType::Map:
      out.type = DeckNode::Type::map;
      for (const auto& entry : n) {
        if (!entry.first.IsScalar())
          fail(yaml_loc(entry.first, path), "a key must be a plain word");
        add_entry(out, entry.first.Scalar(), yaml_loc(entry.first, path),
                  from_yaml(entry.second, path));
      }
      break;
    default:
      break;
  }
  return out;
}

// ---- JSON ----

// A char iterator that publishes how far the JSON lexer has read.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* p, const char* begin, size_t* read)
      : p_(p), begin_(begin), read_(read) {}
  reference operator*() const { return *p_; }
  TrackingIterator& operator++() {
    ++p_;
    *read_ = static_cast<size_t>(p_ - begin_);
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const TrackingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const TrackingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  const char* begin_;
  size_t* read_;
};

// 1-based line and column of the byte at `offset`.
SourceLoc place_of(std::string_view text, size_t offset, const std::string& path) {
  offset = std::min(offset, text.size());
  std::string_view before = text.substr(0, offset);
  size_t line_start = before.rfind('\n') + 1;  // 0 on the first line
  return {path, 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n')),
          static_cast<int>(offset - line_start) + 1};
}

// Builds DeckNodes from nlohmann's SAX events; each event is placed by the
// number of bytes the lexer had read when it fired.
class JsonBuilder {
 public:
  using number_integer_t = nlohmann::json::number_integer_t;
  using number_unsigned_t = nlohmann::json::number_unsigned_t;
  using number_float_t = nlohmann::json::number_float_t;
  using string_t = nlohmann::json::string_t;
  using binary_t = nlohmann::json::binary_t;

  JsonBuilder(std::string_view text, const std::string& path, const size_t& read)
      : text_(text), path_(path), read_(read) {}

  bool null() { return value({}, token_start()); }
  bool boolean(bool b) { return scalar(b ? "true" : "false", token_start()); }
  bool number_integer(number_integer_t v) { return scalar(std::to_string(v), token_start()); }
  bool number_unsigned(number_unsigned_t v) { return scalar(std::to_string(v), token_start()); }
  bool number_float(number_float_t, const string_t& s) { return scalar(s, token_start()); }
  bool string(string_t& s) { return scalar(s, string_start()); }
  bool binary(binary_t&) { return false; }  // not in JSON text
  bool start_object(size_t) { return open(DeckNode::Type::map); }
  bool start_array(size_t) { return open(DeckNode::Type::list); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(string_t& k) {
    key_ = k;
    key_loc_ = place_of(text_, string_start(), path_);
    return true;
  }
  bool parse_error(size_t byte, const std::string&, const nlohmann::json::exception& e) {
    // what(): "[json.exception.parse_error.101] parse error at line 1, column 2: <why>"
    std::string why = e.what();
    size_t colon = why.find(": ", why.find(']'));
    if (colon != std::string::npos) why = why.substr(colon + 2);
    fail(byte > 0 ? place_of(text_, byte - 1, path_) : SourceLoc{path_, 1, 1},
         "invalid JSON: " + why);
  }

  DeckNode result() { return std::move(root_); }

 private:
  // The opening quote of the string the lexer just finished.
  size_t string_start() const {
    size_t close = std::min(read_, text_.size());
    while (close > 0 && text_[close - 1] != '"') --close;
    for (size_t i = close >= 2 ? close - 2 : 0; i > 0; --i) {
      if (text_[i] != '"') continue;
      size_t slashes = 0;
      while (i > slashes && text_[i - 1 - slashes] == '\\') ++slashes;
      if (slashes % 2 == 0) return i;
    }
    return 0;
  }
  // The first byte of the number or literal the lexer just finished (it may
  // have read one byte past it).
  size_t token_start() const {
    size_t end = std::min(read_, text_.size());
    auto in_token = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+';
    };
    if (end > 0 && !in_token(text_[end - 1])) --end;
    while (end > 0 && in_token(text_[end - 1])) --end;
    return end;
  }
  bool scalar(std::string s, size_t at) {
    DeckNode n;
    n.type = DeckNode::Type::scalar;
    n.scalar = std::move(s);
    return value(std::move(n), at);
  }
  bool value(DeckNode n, size_t at) {
    n.loc = place_of(text_, at, path_);
    attach(std::move(n));
    return true;
  }
  bool open(DeckNode::Type type) {
    DeckNode n;
    n.type = type;
    n.loc = place_of(text_, read_ > 0 ? read_ - 1 : 0, path_);
    stack_.push_back({std::move(n), key_, key_loc_});
    return true;
  }
  bool close() {
    Open done = std::move(stack_.back());
    stack_.pop_back();
    key_ = done.key;
    key_loc_ = done.key_loc;
    attach(std::move(done.node));
    return true;
  }
  void attach(DeckNode n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      return;
    }
    DeckNode& parent = stack_.back().node;
    if (parent.type == DeckNode::Type::list) {
      parent.items.push_back(std::move(n));
    } else {
      add_entry(parent, key_, key_loc_, std::move(n));
    }
  }

  struct Open {
    DeckNode node;
    std::string key;  // its key in the enclosing map
    SourceLoc key_loc;
  };
  std::string_view text_;
  const std::string& path_;
  const size_t& read_;
  std::vector<Open> stack_;
  std::string key_;
  SourceLoc key_loc_;
  DeckNode root_;
};

}  // namespace

DeckNode deck_tree_from_yaml(const std::string& text, const std::string& path) {
  return from_yaml(parse_yaml(text, path), path);
}

DeckNode deck_tree_from_json(std::string_view text, const std::string& path) {
  size_t read = 0;
  JsonBuilder builder(text, path, read);
  TrackingIterator first(text.data(), text.data(), &read);
  TrackingIterator last(text.data() + text.size(), text.data(), &read);
  nlohmann::json::sax_parse(first, last, &builder);
  return builder.result();
}

}  // namespace placard
