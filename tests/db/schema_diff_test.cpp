#include "db/schema_diff.h"

#include <gtest/gtest.h>

namespace sg {
namespace {

SchemaSnapshot snapshot(std::map<std::string, std::string> objects) { return {std::move(objects)}; }

TEST(SchemaDiff, SaysWhatRollbackLeftMissedOrChangedInObjectOrder) {
  auto before = snapshot({{"column orders.status", "text position 2"},
                          {"table orders", "persistence=p"},
                          {"view open_orders", "SELECT 1"}});
  auto after = snapshot({{"column orders.status", "text not null position 2"},
                         {"index orders_status_idx", "CREATE INDEX ..."},
                         {"table orders", "persistence=p"}});
  EXPECT_EQ(diff_snapshots(before, after, DiffMoment::kAfterRollback),
            (std::vector<std::string>{
                "column orders.status differs after rollback: was `text position 2`, now `text "
                "not null position 2`",
                "index orders_status_idx still exists after rollback",
                "view open_orders is missing after rollback"}));
}

TEST(SchemaDiff, ReapplyWording) {
  auto first = snapshot({{"index a", "x"}});
  auto again = snapshot({{"index b", "x"}});
  EXPECT_EQ(diff_snapshots(first, again, DiffMoment::kAfterReapply),
            (std::vector<std::string>{"index a is missing after reapply",
                                      "index b exists after reapply but not after the first up"}));
}

TEST(SchemaDiff, IdenticalSnapshotsHaveNoDifference) {
  auto s = snapshot({{"table t", "persistence=p"}});
  EXPECT_TRUE(diff_snapshots(s, s, DiffMoment::kAfterRollback).empty());
}

}  // namespace
}  // namespace sg
