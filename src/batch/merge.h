// `placard merge`: the manifests of a sharded render joined into the one an
// unsharded render would have written.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "batch/manifest.h"

namespace placard {

// Joins shard manifests (path, manifest): shards 1..N of one N, each once;
// no card id twice; cards in the order of the whole run. Fails naming the
// shard file on a missing or repeated shard or a card in two shards.
Manifest merge_manifests(const std::vector<std::pair<std::string, Manifest>>& shards);

// Reads the shard manifests, joins them, checks that every file they list
// exists in the folder of `out_file`, and writes `out_file` atomically.
// Returns the number of cards.
size_t merge_files(const std::vector<std::string>& inputs, const std::string& out_file);

}  // namespace placard
