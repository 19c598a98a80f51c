// `placard proof`: one contact sheet showing a layout with sample text (or a
// campaign's cards) at every preset size, labelled, so a designer sees a
// change at a glance. Cards that fail are shown as their error.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "content/content.h"
#include "render/pipeline.h"

namespace placard {

struct ProofOptions {
  std::string layout;   // built-in name or file
  std::string brand;    // "" = the built-in brand
  std::string content;  // "" = sample cards, one of each kind
  std::string out_file;
  Limits limits;  // --limit
};

struct ProofResult {
  std::string png;
  int cards = 0;                   // card x size renders
  std::vector<Diagnostic> errors;  // one per failed render
};

// Sample content: a recommendation with a body ("2 of 4"), a section
// heading, a quote with its attribution, and a statement.
Content sample_content();

ProofResult render_proof(const ProofOptions& options, Renderer& renderer);

}  // namespace placard
