#include "batch/merge.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "base/diagnostics.h"
#include "base/file_io.h"

namespace fs = std::filesystem;

namespace placard {

Manifest merge_manifests(const std::vector<std::pair<std::string, Manifest>>& shards) {
  Manifest out;
  int count = 0;
  std::map<int, std::string> seen;           // shard index → file
  std::map<std::string, std::string> owner;  // card id → file
  for (const auto& [path, m] : shards) {
    int k = 0, n = 0;
    char slash = 0;
    if (std::sscanf(m.shard.c_str(), "%d%c%d", &k, &slash, &n) != 3 || slash != '/' || k < 1 ||
        k > n)
      fail({path}, "not a shard manifest (it has no 'shard': \"K/N\")",
           {"merge the manifest.shard-K-of-N.json files that 'placard render --shard' writes"});
    if (count == 0) count = n;
    if (n != count)
      fail({path}, "shard " + m.shard + " is from a run in " + std::to_string(n) +
                       " shards, the others from one in " + std::to_string(count));
    if (auto it = seen.find(k); it != seen.end())
      fail({path}, "shard " + m.shard + " is given twice; also '" + it->second + "'");
    seen[k] = path;
    if (out.campaign.empty()) out.campaign = m.campaign;
    if (out.editions.empty()) out.editions = m.editions;  // every shard plans them all
    out.generator = m.generator;
    for (const ManifestCard& c : m.cards) {
      if (auto it = owner.find(c.id); it != owner.end())
        fail({path}, "card '" + c.id + "' is in two shards; also in '" + it->second + "'");
      owner[c.id] = path;
      out.cards.push_back(c);
    }
  }
  std::string missing;
  for (int k = 1; k <= count; ++k)
    if (!seen.contains(k))
      missing += (missing.empty() ? "" : ", ") + std::to_string(k) + "/" + std::to_string(count);
  if (!missing.empty())
    fail({},
         "shard" + std::string(missing.find(',') != std::string::npos ? "s " : " ") + missing +
             " missing",
         {"every shard's manifest must be merged"});
  std::stable_sort(out.cards.begin(), out.cards.end(),
                   [](const ManifestCard& a, const ManifestCard& b) { return a.index < b.index; });
  for (ManifestCard& c : out.cards) c.index = -1;
  return out;
}

size_t merge_files(const std::vector<std::string>& inputs, const std::string& out_file) {
  std::vector<std::pair<std::string, Manifest>> shards;
  for (const std::string& path : inputs)
    shards.emplace_back(path, manifest_from_json(read_file(path), path));
  Manifest merged = merge_manifests(shards);
  const fs::path dir = fs::path(out_file).parent_path();
  for (const ManifestCard& c : merged.cards)
    for (const ManifestOutput& o : c.outputs)
      if (!fs::exists(dir / o.file))
        fail({},
             "card '" + c.id + "' lists '" + o.file + "', which is not in '" +
                 (dir.empty() ? std::string(".") : dir.string()) + "'",
             {"put every shard's output folder together before merging"});
  write_file_atomic(out_file, manifest_to_json(merged));
  return merged.cards.size();
}

}  // namespace placard
