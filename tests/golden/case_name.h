// Names for one-test-per-case golden suites: a case file's stem, or any
// label, as a gtest name (letters, digits and '_'), so that a failure names
// its case and ctest can spread the cases over cores.
#pragma once

#include <cctype>
#include <filesystem>
#include <string>

namespace placard {

inline std::string case_name(std::string label) {
  for (char& c : label)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return label;
}

inline std::string case_name(const std::filesystem::path& file) {
  return case_name(file.stem().string());
}

}  // namespace placard
