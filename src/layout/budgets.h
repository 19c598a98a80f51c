// Byte budgets: the largest file each size may be, so that the platforms it
// is made for accept it. The built-in ones come from platforms.yaml (the
// smallest limit among each size's surfaces, each cited there); a user's
// budgets file overrides them size by size.
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

struct Platforms;

// Each size's (and "custom"'s) budget: the smallest byte limit among the
// surfaces `platforms` names for it; none when no surface has one.
Budgets budgets_from(const Platforms& platforms);

// The built-in budgets: budgets_from(default_platforms()), made once.
const Budgets& default_budgets();

// "300 kB" -> 300000: bytes, or a number with kB, KB or MB (1000-based) or
// KiB or MiB (1024-based); false when not such a size.
bool parse_byte_size(std::string text, std::int64_t& out);

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
