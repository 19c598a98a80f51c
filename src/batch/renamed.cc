#include "batch/renamed.h"

#include <filesystem>

#include "base/word_diff.h"

namespace placard {

bool looks_renamed(const ManifestCard& before, const std::string& id, const std::string& source,
                   std::string_view text) {
  if (before.id == id || before.source.empty() || before.source != source) return false;
  return shared_word_share(before.text, text) >= kRenameShare;
}

Diagnostic renamed_card(const std::string& old_id, const std::string& new_id, SourceLoc where,
                        bool strict) {
  const std::string ext = std::filesystem::path(where.file).extension().string();
  const bool markdown = ext == ".md" || ext == ".markdown";
  Diagnostic d = warning(
      Check::renamed_card, std::move(where),
      "card '" + old_id + "' is now '" + new_id + "'; its files and URLs change",
      {markdown ? "add {#" + old_id + "} to keep them" : "add 'id: " + old_id + "' to keep them"});
  if (strict) d.severity = Severity::error;
  return d;
}

}  // namespace placard
