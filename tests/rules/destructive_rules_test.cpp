// What a user sees from the rules about destroying data or contracts: ban-drop-not-null,
// ban-truncate, ban-truncate-cascade, ban-drop-cascade.
#include <gtest/gtest.h>

#include "rules/rule_test_support.h"

namespace sg {
namespace {

using test::lint_with_rule;

TEST(BanDropNotNull, NamesTheColumnAndSkipsDownMigrations) {
  const std::string sql = "ALTER TABLE app.orders ALTER COLUMN customer_id DROP NOT NULL;\n";
  auto findings = lint_with_rule("ban-drop-not-null", sql);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kWarning);
  EXPECT_EQ(findings[0].risk, Risk::kMedium);
  EXPECT_EQ(findings[0].line, 1);
  EXPECT_EQ(findings[0].column, 1);
  EXPECT_EQ(findings[0].message,
            "dropping NOT NULL on app.orders.customer_id lets NULLs into a column that running "
            "code reads as always set");
  EXPECT_EQ(findings[0].help,
            "expand-contract: deploy code that handles NULL in this column first, then drop the "
            "constraint in a later migration");
  LintOptions down;
  down.direction = Direction::kDown;
  EXPECT_TRUE(lint_with_rule("ban-drop-not-null", sql, down).empty());
}

TEST(BanTruncate, FlagsOnlyTablesThatExistedBefore) {
  auto findings = lint_with_rule(
      "ban-truncate", "CREATE TABLE staging (a int);\nTRUNCATE staging, audit.events;\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].risk, Risk::kHigh);
  EXPECT_EQ(findings[0].line, 2);
  EXPECT_EQ(findings[0].column, 19);
  EXPECT_EQ(findings[0].message,
            "TRUNCATE deletes every row of existing table audit.events under an ACCESS EXCLUSIVE "
            "lock, and no rollback brings them back");
  EXPECT_EQ(findings[0].help,
            "delete the rows you mean with DELETE ... WHERE in batches, after a backup, in a "
            "reviewed data migration");
}

TEST(BanTruncateCascade, IsACriticalErrorNamingTheTables) {
  auto findings = lint_with_rule("ban-truncate-cascade", "TRUNCATE customers, accounts CASCADE;");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kError);
  EXPECT_EQ(findings[0].risk, Risk::kCritical);
  EXPECT_EQ(findings[0].message,
            "TRUNCATE customers, accounts CASCADE also empties every table that references them "
            "by foreign key, and every table referencing those");
  EXPECT_EQ(findings[0].help,
            "name each table to empty in the TRUNCATE, without CASCADE, so the review sees every "
            "table that loses its rows");
}

TEST(BanDropCascade, NamesTheObjectsForEveryKindOfDrop) {
  auto findings = lint_with_rule(
      "ban-drop-cascade",
      "DROP TABLE orders, invoices CASCADE;\n"
      "DROP MATERIALIZED VIEW reporting.daily CASCADE;\n"
      "DROP FUNCTION order_total(bigint) CASCADE;\n"
      "DROP OWNED BY legacy_app CASCADE;\n"
      "ALTER TABLE orders DROP COLUMN status CASCADE, DROP CONSTRAINT orders_fk CASCADE;\n");
  ASSERT_EQ(findings.size(), 6u);
  const std::string tail = ", without naming them";
  EXPECT_EQ(
      findings[0].message,
      "DROP TABLE orders, invoices CASCADE also drops every object that depends on them" + tail);
  EXPECT_EQ(findings[1].message,
            "DROP MATERIALIZED VIEW reporting.daily CASCADE also drops every object that depends "
            "on it" +
                tail);
  EXPECT_EQ(findings[2].message,
            "DROP FUNCTION order_total CASCADE also drops every object that depends on it" + tail);
  EXPECT_EQ(findings[3].message,
            "DROP OWNED BY legacy_app CASCADE also drops every object that depends on what the "
            "role owns" +
                tail);
  EXPECT_EQ(findings[4].message,
            "ALTER TABLE orders DROP COLUMN status CASCADE also drops every object that depends "
            "on it" +
                tail);
  EXPECT_EQ(findings[5].message,
            "ALTER TABLE orders DROP CONSTRAINT orders_fk CASCADE also drops every object that "
            "depends on it" +
                tail);
  EXPECT_EQ(findings[5].line, 5);
  EXPECT_EQ(findings[5].help,
            "drop the dependent objects explicitly first, then drop without CASCADE: the default "
            "RESTRICT fails if anything still depends on it");
}

}  // namespace
}  // namespace sg
