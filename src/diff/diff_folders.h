// `placard diff BASE NEW`: two rendered folders, each with its manifest.json,
// compared card by card; the images of outputs whose bytes differ are
// compared pixel by pixel and copied, with a difference image, into the
// report folder.
#pragma once

#include <string>

#include "diff/diff_model.h"

namespace placard {

struct DiffOptions {
  std::string base_dir, new_dir;  // rendered folders
  std::string report_dir;         // where images go (img/<card>/<size>.*)
  int jobs = 0;                   // threads for the images; 0 = every core
};

// The manifest of a rendered folder. A folder without one is a usage error
// (it is not what `placard render` writes); an unreadable one fails as
// manifest_from_json() does.
Manifest read_rendered_manifest(const std::string& dir, const char* which);

// The whole comparison. A report folder inside BASE or NEW is a usage error. Outputs with the same
// digest, bytes and format in manifests of the same Placard are not read; others are read, and when
// their bytes are the same, not decoded. A missing, unreadable or corrupt
// image is a problem listed on its output, not a failure of the run. The
// copies and difference images are written under report_dir (atomically);
// throws DiagnosticError (io) when they cannot be.
FolderDiff diff_folders(const DiffOptions& options);

}  // namespace placard
