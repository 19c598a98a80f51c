// The parts of a multipart/form-data body, collected in memory under limits.
// libmicrohttpd's post processor parses the body (http_server.cc); this
// class receives what it hands over, piece by piece, and refuses as soon as
// a limit is passed, so a hostile body costs at most the limits' bytes.
// Nothing here is written anywhere: the parts live as long as the request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard {

struct FormPart {
  std::string name;
  std::string filename;      // as the client sent it (never used as a path), or ""
  std::string content_type;  // as the client sent it, or ""
  std::string data;
};

// What a route that takes POST accepts. Only multipart/form-data reaches it.
struct FormLimits {
  std::uint64_t max_body_bytes = 0;  // the whole body (Content-Length or counted)
  size_t max_parts = 16;
  size_t max_text_bytes = 4096;  // each part not in file_parts
  size_t max_file_bytes = 0;     // each part in file_parts
  std::vector<std::string> file_parts;
  // The part names accepted; empty = any. Another name is refused (422)
  // as soon as its part begins.
  std::vector<std::string> allowed;
};

// Why a body was refused: an HTTP status, a sentence, a hint, and the part
// at fault ("" when none).
struct FormRefusal {
  int status = 400;
  std::string error;
  std::string hint;
  std::string field;
};

class FormCollector {
 public:
  explicit FormCollector(FormLimits limits) : limits_(std::move(limits)) {}

  // One piece of a part's value, as libmicrohttpd's iterator gives it:
  // `offset` 0 begins a part. False once a limit refused the body.
  bool add(std::string_view name, std::string_view filename, std::string_view content_type,
           std::uint64_t offset, std::string_view data);

  const std::optional<FormRefusal>& refusal() const { return refusal_; }
  void refuse(FormRefusal r) {
    if (!refusal_) refusal_ = std::move(r);
  }
  std::vector<FormPart> take() { return std::move(parts_); }

 private:
  bool is_file(std::string_view name) const;
  const FormLimits limits_;
  std::vector<FormPart> parts_;
  std::optional<FormRefusal> refusal_;
};

// A part's name as it may be shown back to a client in an error: printable
// ASCII, at most 40 bytes.
std::string shown_part_name(std::string_view name);

}  // namespace placard
