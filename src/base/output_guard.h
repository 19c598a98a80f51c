// Outputs that would destroy inputs: a command never writes over a file it
// reads (a supporter's photo, the brand), and a run never writes into a
// folder that holds its content.
#pragma once

#include <string>
#include <vector>

namespace placard {

// One input of a command: the option (or argument) that named it, and the file.
struct NamedInput {
  std::string option;  // "--photo", "content"
  std::string path;    // "" = not given
};

// Fails (usage) when the output file `out` is one of the inputs, so that a
// command never writes over what it reads (a supporter's photo, the brand).
void refuse_output_over_input(const std::string& out, const std::vector<NamedInput>& inputs);

// Fails (usage) when an input lies inside the output folder `out_dir`.
void refuse_input_inside_output(const std::string& out_dir, const std::vector<NamedInput>& inputs);

}  // namespace placard
