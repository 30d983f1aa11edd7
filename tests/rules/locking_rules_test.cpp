// What a user sees from the rules about long locks: require-concurrent-reindex,
// require-concurrent-partition-detach, adding-primary-key-constraint,
// adding-serial-primary-key-field.
#include <gtest/gtest.h>

#include "rules/rule_test_support.h"

namespace sg {
namespace {

using test::lint_with_rule;

TEST(RequireConcurrentReindex, NamesTheTargetAndSuggestsTheConcurrentForm) {
  auto findings =
      lint_with_rule("require-concurrent-reindex", "SELECT 1;\n  REINDEX TABLE app.orders;\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "require-concurrent-reindex");
  EXPECT_EQ(findings[0].severity, Severity::kWarning);
  EXPECT_EQ(findings[0].risk, Risk::kMedium);
  EXPECT_EQ(findings[0].line, 2);
  EXPECT_EQ(findings[0].column, 3);
  EXPECT_EQ(findings[0].message,
            "REINDEX TABLE app.orders without CONCURRENTLY blocks writes to the table, and reads "
            "through the rebuilt indexes, until every index is rebuilt");
  EXPECT_EQ(findings[0].help,
            "use REINDEX TABLE CONCURRENTLY app.orders, outside a transaction block");
}

TEST(RequireConcurrentReindex, BeforePg12SuggestsTheManualRebuild) {
  LintOptions pg11;
  pg11.pg_version = 11;
  auto findings = lint_with_rule("require-concurrent-reindex", "REINDEX INDEX orders_idx;", pg11);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "REINDEX INDEX orders_idx without CONCURRENTLY blocks writes to the table, and reads "
            "through the rebuilt indexes, until every index is rebuilt");
  EXPECT_EQ(findings[0].help,
            "PostgreSQL 11 has no REINDEX CONCURRENTLY: build a copy with CREATE INDEX "
            "CONCURRENTLY, drop the old index with DROP INDEX CONCURRENTLY and rename the copy");
}

TEST(RequireConcurrentPartitionDetach, PointsAtThePartitionFromPg14On) {
  const std::string sql =
      "-- detach last year\nALTER TABLE measurements\n  DETACH PARTITION measurements_2023;\n";
  auto findings = lint_with_rule("require-concurrent-partition-detach", sql);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].line, 3);
  EXPECT_EQ(findings[0].column, 20);
  EXPECT_EQ(findings[0].message,
            "DETACH PARTITION measurements_2023 without CONCURRENTLY takes an ACCESS EXCLUSIVE "
            "lock on measurements, blocking all reads and writes on every partition");
  EXPECT_EQ(findings[0].help,
            "use ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY, "
            "outside a transaction block");
  LintOptions pg13;
  pg13.pg_version = 13;
  EXPECT_TRUE(lint_with_rule("require-concurrent-partition-detach", sql, pg13).empty());
}

TEST(AddingPrimaryKeyConstraint, PointsAtTheConstraint) {
  auto findings =
      lint_with_rule("adding-primary-key-constraint",
                     "ALTER TABLE orders\n  ADD CONSTRAINT orders_pkey PRIMARY KEY (id);");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].line, 2);
  EXPECT_EQ(findings[0].column, 7);
  EXPECT_EQ(findings[0].message,
            "adding a primary key to existing table orders builds its unique index under an "
            "ACCESS EXCLUSIVE lock, blocking all reads and writes until the build finishes");
  EXPECT_EQ(findings[0].help,
            "build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE "
            "orders ADD CONSTRAINT ... PRIMARY KEY USING INDEX ...");
}

TEST(AddingPrimaryKeyConstraint, LeavesKeysOnNewSerialColumnsToTheSerialRule) {
  const std::string sql = "ALTER TABLE refunds ADD COLUMN id serial, ADD PRIMARY KEY (id);";
  EXPECT_TRUE(lint_with_rule("adding-primary-key-constraint", sql).empty());
  auto findings = lint_with_rule("adding-serial-primary-key-field", sql);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].column, 32);
  EXPECT_EQ(findings[0].message,
            "adding serial primary key column refunds.id to existing table refunds rewrites the "
            "table and builds the key's index under an ACCESS EXCLUSIVE lock, blocking all reads "
            "and writes");
  EXPECT_EQ(findings[0].help,
            "add a nullable bigint column, fill it in batches, build a unique index "
            "CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX");
}

TEST(AddingSerialPrimaryKeyField, NamesIdentityColumnsAsIdentity) {
  auto findings = lint_with_rule(
      "adding-serial-primary-key-field",
      "ALTER TABLE invoices ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].column, 33);
  EXPECT_EQ(findings[0].message,
            "adding identity primary key column invoices.id to existing table invoices rewrites "
            "the table and builds the key's index under an ACCESS EXCLUSIVE lock, blocking all "
            "reads and writes");
}

}  // namespace
}  // namespace sg
