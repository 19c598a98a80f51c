// The command line (CLI11) → a plain Options struct. No work happens here.
#pragma once

#include <string>
#include <vector>

#include "pipeline.h"
#include "proof.h"

namespace CLI {
class App;
}

namespace placard {

enum class Command { none, render, card, sizes, layouts, proof };

struct CardCommand {
  std::string text;
  std::string out_file;
  std::string size = "og";
  std::string layout;
  std::string brand;
  std::string kicker;
  std::string footer;
  std::string lang;
  bool dump_layout = false;
};

struct Options {
  Command command = Command::none;
  RenderOptions render;
  CardCommand card;
  ProofOptions proof;
};

// Declares every subcommand and flag on `app`, writing into `options`.
void build_cli(CLI::App& app, Options& options);

}  // namespace placard
