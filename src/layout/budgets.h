// Byte budgets: the largest file each size may be, so that the platforms it
// is made for accept it (budgets.yaml in the data folder, which cites each
// platform's published limit; a user's file overrides it size by size).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "layout/sizes.h"

namespace placard {

struct Budgets {
  std::map<std::string, std::int64_t> bytes;  // size name or "custom" -> bytes
  std::string path;                           // the file read last, "" = built in only
};

// The built-in budgets (data folder's budgets.yaml), read once.
const Budgets& default_budgets();

// `base` with the entries of the budgets file at `path` put over it. Keys are
// preset names or "custom"; values are bytes ("300000") or a number with kB,
// KB or MB (1000-based) or KiB or MiB (1024-based). An unknown key or a bad
// value fails with its place and a hint.
Budgets load_budgets(const std::string& path, const Budgets& base = {});

// The budget of one size: its preset's, "custom" for a WIDTHxHEIGHT size;
// 0 when none is set (no limit).
std::int64_t budget_for(const Budgets& budgets, const SizePreset& size);

// "300 kB", "1.5 MB", "812 bytes": a byte count as people read it.
std::string human_size(std::int64_t bytes);

}  // namespace placard
