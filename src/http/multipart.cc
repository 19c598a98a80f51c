#include "http/multipart.h"

#include <algorithm>

namespace placard {

std::string shown_part_name(std::string_view name) {
  std::string out;
  for (unsigned char c : name.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? char(c) : '?';
  if (name.size() > 40) out += "...";
  return out;
}

bool FormCollector::is_file(std::string_view name) const {
  return std::find(limits_.file_parts.begin(), limits_.file_parts.end(), name) !=
         limits_.file_parts.end();
}

bool FormCollector::add(std::string_view name, std::string_view filename,
                        std::string_view content_type, std::uint64_t offset,
                        std::string_view data) {
  if (refusal_) return false;
  // A new part: offset 0, unless it continues an empty start of the same
  // part (the parser may announce a part before its first bytes).
  const bool continues =
      !parts_.empty() && parts_.back().name == name && (offset > 0 || parts_.back().data.empty());
  if (!continues) {
    const std::string shown = shown_part_name(name);
    if (!limits_.allowed.empty() &&
        std::find(limits_.allowed.begin(), limits_.allowed.end(), name) == limits_.allowed.end()) {
      refuse({422, "unknown part '" + shown + "'", "send only the fields this card takes", shown});
      return false;
    }
    for (const FormPart& p : parts_) {
      if (p.name == name) {
        refuse({422, "part '" + shown + "' was sent twice", "send each field once", shown});
        return false;
      }
    }
    if (parts_.size() >= limits_.max_parts) {
      refuse({413, "more than " + std::to_string(limits_.max_parts) + " parts", "", ""});
      return false;
    }
    parts_.push_back({std::string(name), std::string(filename), std::string(content_type), {}});
  }
  FormPart& part = parts_.back();
  const bool file = is_file(name);
  const size_t cap = file ? limits_.max_file_bytes : limits_.max_text_bytes;
  if (part.data.size() + data.size() > cap) {
    const std::string shown = shown_part_name(name);
    if (file) {
      refuse({413, "the " + shown + " is larger than " + std::to_string(cap >> 20) + " MB",
              "send a smaller file", shown});
    } else {
      refuse({413, "the field '" + shown + "' is larger than " + std::to_string(cap) + " bytes",
              "shorten it", shown});
    }
    return false;
  }
  part.data.append(data);
  return true;
}

}  // namespace placard
