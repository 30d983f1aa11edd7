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

TEST(SchemaDiff, ColumnOrderOnlyIsOneLineOfItsOwn) {
  auto before = snapshot({{"column orders.id", "int8 not null position 1"},
                          {"column orders.note", "text position 2"},
                          {"column orders.total", "int8 position 3"},
                          {"column users.id", "int8 position 1"}});
  auto after = snapshot({{"column orders.id", "int8 not null position 1"},
                         {"column orders.note", "text position 3"},
                         {"column orders.total", "int8 position 2"},
                         {"column users.id", "int8 position 1"}});
  std::vector<std::string> order;
  EXPECT_EQ(diff_snapshots(before, after, DiffMoment::kAfterRollback, &order),
            std::vector<std::string>{});
  EXPECT_EQ(order, std::vector<std::string>{
                       "columns of orders are in another order after rollback: was `id, note, "
                       "total`, now `id, total, note` (column order only)"});
  // Without the out-parameter (drift), every position difference is a difference.
  EXPECT_EQ(diff_snapshots(before, after, DiffMoment::kAfterRollback).size(), 2u);
}

TEST(SchemaDiff, ReorderedAndChangedColumnsAreRealDifferences) {
  auto before = snapshot({{"column t.a", "text position 1"}, {"column t.b", "int4 position 2"}});
  auto after = snapshot({{"column t.a", "text position 2"}, {"column t.b", "int8 position 1"}});
  std::vector<std::string> order;
  EXPECT_EQ(diff_snapshots(before, after, DiffMoment::kAfterRollback, &order).size(), 2u);
  EXPECT_EQ(order, std::vector<std::string>{});
}

TEST(SchemaDiff, AConstraintValidatedSinceIsRestoredAfterRollbackOnly) {
  auto before = snapshot({{"constraint fk on orders",
                           "FOREIGN KEY (user_id) REFERENCES public.users(id) NOT VALID (not "
                           "validated)"}});
  auto after =
      snapshot({{"constraint fk on orders", "FOREIGN KEY (user_id) REFERENCES public.users(id)"}});
  EXPECT_EQ(diff_snapshots(before, after, DiffMoment::kAfterRollback), std::vector<std::string>{});
  // The other way round (a rollback that leaves it NOT VALID) is a difference, and so is any
  // change on reapply.
  EXPECT_EQ(diff_snapshots(after, before, DiffMoment::kAfterRollback).size(), 1u);
  EXPECT_EQ(diff_snapshots(before, after, DiffMoment::kAfterReapply).size(), 1u);
}

}  // namespace
}  // namespace sg
