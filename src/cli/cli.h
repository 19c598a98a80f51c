// The command line (CLI11) → a plain Options struct. No work happens here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "batch/batch.h"
#include "cli/proof.h"
#include "preview/preview_server.h"
#include "serve/server.h"

namespace CLI {
class App;
}

namespace placard {

enum class Command {
  none,
  render,
  watch,
  merge,
  diff,
  card,
  personal,
  sizes,
  platforms,
  layouts,
  proof,
  gallery,
  serve,
  keygen,
  sign,
  preview
};

struct CardCommand {
  std::string text;
  std::string out_file;
  std::string size = "og";
  std::string layout;
  std::string brand;
  std::string kicker;
  std::string footer;
  std::string lang;
  std::string format;   // "" = by out_file's extension, else auto
  std::string budgets;  // a budgets file over the built-in one
  bool dump_layout = false;
  bool strict = false;
  Limits limits;  // --limit
};

// `placard personal CAMPAIGN.md --card ID --field name=Ana --photo me.jpg -o me.png`:
// a supporter's card without the server, judged as the server judges it.
struct PersonalCommand {
  std::string content_file;
  std::string card_id;
  std::vector<std::string> fields;  // "name=VALUE"
  std::string photo;
  std::string out_file;
  std::string size = "og";
  std::string format;  // "" = by out_file's extension, else auto
  bool dump_layout = false;
  Limits limits;  // --limit: as 'placard serve --limit' sets them
};

struct MergeCommand {
  std::vector<std::string> inputs;  // shard manifests
  std::string out_file;             // the joined manifest
};

// `placard diff BASE NEW -o REPORT_DIR`: what changed between two renders.
struct DiffCommand {
  std::string base_dir, new_dir;
  std::string report_dir;
  std::string report_url;  // where the report will be published, for summary.md's link
  bool exit_zero = false;  // exit 0 even when something changed
  int jobs = 0;
};

// `placard gallery DIR`, and `placard render … --gallery` (DIR = the output).
struct GalleryCommand {
  std::string dir;
  std::string base_url;  // where DIR will be published
  std::string lead;      // card id for the page's own link preview
  std::string server;    // placard serve's URL for supporters' own cards
};

// `placard sign`: a signed /render/ path for placard serve.
struct SignCommand {
  std::string key_file;
  std::string layout = "standard";
  std::string size = "og";
  std::string format = "png";  // png, jpeg (jpg) or webp: the path's extension
  std::string headline, kicker, body, footer, lang, brand;
};

struct Options {
  Command command = Command::none;
  RenderOptions render;  // render and watch
  bool json = false;     // render: print a JSON report on stdout
  MergeCommand merge;
  DiffCommand diff;
  CardCommand card;
  PersonalCommand personal;
  ProofOptions proof;
  GalleryCommand gallery;
  bool render_gallery = false;  // render --gallery
  ServeOptions serve;
  PreviewServeOptions preview;
  SignCommand sign;
  // A campaign's own platforms file over the built-in one (every command
  // that draws or lists cards): use_platforms_file() before the command runs.
  std::string platforms_file;
};

// Declares every subcommand and flag on `app`, writing into `options`.
void build_cli(CLI::App& app, Options& options);

// The first word of `args` (argv without the program) that names no command,
// or no option of its command, as a usage error with a did-you-mean; nothing
// when every command and option is known (CLI11 then judges the rest).
std::optional<Diagnostic> unknown_word(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace placard
