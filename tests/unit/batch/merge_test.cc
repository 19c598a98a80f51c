#include "batch/merge.h"

#include <gtest/gtest.h>

#include "base/diagnostics.h"

namespace placard {
namespace {

Manifest shard(const std::string& s, std::vector<std::pair<int, std::string>> cards) {
  Manifest m;
  m.generator = "Placard test";
  m.campaign = "C";
  m.shard = s;
  for (auto& [index, id] : cards) {
    ManifestCard c;
    c.index = index;
    c.id = id;
    m.cards.push_back(c);
  }
  return m;
}

std::string error_of(const std::vector<std::pair<std::string, Manifest>>& shards) {
  try {
    merge_manifests(shards);
  } catch (const DiagnosticError& e) {
    return format_diagnostic(e.diagnostic());
  }
  return "no error";
}

TEST(Merge, JoinsShardsInTheWholeRunsOrder) {
  Manifest m = merge_manifests(
      {{"a", shard("2/2", {{1, "b"}, {3, "d"}})}, {"b", shard("1/2", {{0, "a"}, {2, "c"}})}});
  ASSERT_EQ(m.cards.size(), 4u);
  EXPECT_EQ(m.cards[0].id, "a");
  EXPECT_EQ(m.cards[3].id, "d");
  EXPECT_EQ(m.cards[0].index, -1);  // the whole run's manifest has no indexes
  EXPECT_EQ(m.shard, "");
}

TEST(Merge, RefusesMissingRepeatedAndMixedShards) {
  EXPECT_NE(error_of({{"m1.json", shard("1/3", {})}}).find("shards 2/3, 3/3 missing"),
            std::string::npos);
  EXPECT_NE(error_of({{"m1.json", shard("1/2", {})}, {"again.json", shard("1/2", {})}})
                .find("again.json: error: shard 1/2 is given twice; also 'm1.json'"),
            std::string::npos);
  EXPECT_NE(error_of({{"m1.json", shard("1/2", {})}, {"x.json", shard("2/3", {})}})
                .find("from a run in 3 shards"),
            std::string::npos);
  EXPECT_NE(error_of({{"m1.json", shard("1/2", {{0, "a"}})}, {"m2.json", shard("2/2", {{1, "a"}})}})
                .find("card 'a' is in two shards"),
            std::string::npos);
  EXPECT_NE(error_of({{"whole.json", shard("", {})}}).find("not a shard manifest"),
            std::string::npos);
}

}  // namespace
}  // namespace placard
