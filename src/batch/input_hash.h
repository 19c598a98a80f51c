// Digests of everything that goes into a PNG (XXH3-128 from libxxhash), so
// that a re-run knows which outputs are stale without rendering them.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace placard {

class InputHash {
 public:
  InputHash();
  ~InputHash();
  InputHash(const InputHash&) = delete;
  InputHash& operator=(const InputHash&) = delete;

  // Each piece is length-prefixed, so ("ab","c") and ("a","bc") differ.
  InputHash& add(std::string_view bytes);
  // The file's bytes; a file that cannot be read adds a marker with its
  // path, so the digest changes when the file appears.
  InputHash& add_file(const std::string& path);
  // 32 lowercase hex digits.
  std::string hex() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The digest of one file's bytes (see add_file).
std::string file_digest(const std::string& path);

// The digest of every font file in `dir` (names and bytes, in name order).
std::string fonts_digest(const std::string& dir);
// Digest of the line-breaking weights, short words and script metrics
// (typesetting/*.yaml): they change where lines break and how large text is.
std::string typesetting_digest(const std::string& dir);

}  // namespace placard
