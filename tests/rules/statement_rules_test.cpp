// What a user reads for each statement rule: exact line, column and message, and the lint
// context (transaction mode, pg version, direction) that changes them. Fixtures check lines;
// these check the words and the column of the offending node.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lint/engine.h"
#include "core/rule_info.h"

namespace sg {
namespace {

// Each finding as "line:column: message".
std::vector<std::string> lint(const std::string& rule_id, const std::string& sql,
                              const LintOptions& options = {}) {
  const RuleInfo* info = find_rule(rule_id);
  EXPECT_NE(info, nullptr) << rule_id;
  if (info == nullptr) return {};
  SourceFile source("m.sql", sql);
  FileLintResult result = lint_file(source, RuleSet::only(*info), options);
  std::vector<std::string> out;
  for (const auto& f : result.findings) {
    EXPECT_EQ(f.rule_id, rule_id);
    out.push_back(std::to_string(f.line) + ":" + std::to_string(f.column) + ": " + f.message);
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(StatementRules, RequireConcurrentIndexDeletionNamesEveryIndex) {
  EXPECT_EQ(lint("require-concurrent-index-deletion", "-- old\nDROP INDEX a_idx, s.b_idx;\n"),
            Lines{"2:1: DROP INDEX a_idx, s.b_idx without CONCURRENTLY locks its table (ACCESS "
                  "EXCLUSIVE) against reads and writes until it finishes"});
  EXPECT_EQ(lint("require-concurrent-index-deletion", "DROP INDEX CONCURRENTLY a_idx;"), Lines{});
}

TEST(StatementRules, ConcurrentInTransactionSaysWhichTransaction) {
  const std::string id = "ban-concurrent-index-creation-in-transaction";
  EXPECT_EQ(lint(id, "BEGIN;\n  CREATE INDEX CONCURRENTLY i ON t (c);\nCOMMIT;\n"),
            Lines{"2:3: CREATE INDEX CONCURRENTLY cannot run inside a transaction block, but this "
                  "one runs in one (after BEGIN)"});
  LintOptions wrapped;
  wrapped.transaction_mode = TransactionMode::kWrappedByTool;
  EXPECT_EQ(lint(id, "REINDEX TABLE CONCURRENTLY t;", wrapped),
            Lines{"1:1: REINDEX CONCURRENTLY cannot run inside a transaction block, but this one "
                  "runs in one (the migration tool wraps the file in one)"});
  LintOptions whole_file;
  whole_file.transaction_mode = TransactionMode::kWholeFileImplicit;
  EXPECT_EQ(lint(id, "SELECT 1;\nDROP INDEX CONCURRENTLY i;", whole_file),
            Lines{"2:1: DROP INDEX CONCURRENTLY cannot run inside a transaction block, but this "
                  "one runs in one (the whole file is sent in one call, an implicit "
                  "transaction)"});
  LintOptions assumed;
  assumed.assume_in_transaction = true;
  EXPECT_EQ(lint(id, "ALTER TABLE m DETACH PARTITION m1 CONCURRENTLY;", assumed),
            Lines{"1:1: DETACH PARTITION CONCURRENTLY cannot run inside a transaction block, but "
                  "this one runs in one (--assume-in-transaction)"});
  EXPECT_EQ(lint(id, "CREATE INDEX CONCURRENTLY i ON t (c);"), Lines{});
}

TEST(StatementRules, AddingRequiredFieldPointsAtTheColumn) {
  EXPECT_EQ(lint("adding-required-field",
                 "ALTER TABLE users\n  ADD COLUMN note text,\n  ADD COLUMN region text NOT NULL;"),
            Lines{"3:14: adding column users.region as NOT NULL without a DEFAULT fails as soon "
                  "as existing table users has a row"});
  EXPECT_EQ(lint("adding-required-field", "ALTER TABLE s.t ADD COLUMN id int PRIMARY KEY;"),
            Lines{"1:28: adding column s.t.id as PRIMARY KEY without a DEFAULT fails as soon as "
                  "existing table s.t has a row"});
}

TEST(StatementRules, AddingNotNullableFieldDependsOnVersionAndValidatedCheck) {
  const std::string sql =
      "ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID;\n"
      "ALTER TABLE users VALIDATE CONSTRAINT c;\n"
      "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n";
  EXPECT_EQ(lint("adding-not-nullable-field", sql), Lines{});
  LintOptions pg11;
  pg11.pg_version = 11;
  EXPECT_EQ(lint("adding-not-nullable-field", sql, pg11),
            Lines{"3:1: SET NOT NULL on users.email scans all of existing table users under an "
                  "ACCESS EXCLUSIVE lock (PostgreSQL 11 cannot use the validated CHECK; 12+ can)"});
  EXPECT_EQ(lint("adding-not-nullable-field", "ALTER TABLE users ALTER email SET NOT NULL;"),
            Lines{"1:1: SET NOT NULL on users.email scans all of existing table users under an "
                  "ACCESS EXCLUSIVE lock"});
}

TEST(StatementRules, AddingFieldWithDefaultPointsAtTheDefault) {
  EXPECT_EQ(lint("adding-field-with-default",
                 "ALTER TABLE users ADD COLUMN public_id uuid DEFAULT gen_random_uuid();"),
            Lines{"1:45: adding column users.public_id with volatile DEFAULT gen_random_uuid() "
                  "rewrites existing table users under an ACCESS EXCLUSIVE lock"});
  EXPECT_EQ(lint("adding-field-with-default", "ALTER TABLE users ADD COLUMN seq bigserial;"),
            Lines{"1:30: adding bigserial column users.seq fills every row from a sequence "
                  "(volatile nextval()) and rewrites existing table users under an ACCESS "
                  "EXCLUSIVE lock"});
  LintOptions pg10;
  pg10.pg_version = 10;
  EXPECT_EQ(lint("adding-field-with-default",
                 "ALTER TABLE users ADD COLUMN lang text DEFAULT 'de';", pg10),
            Lines{"1:40: adding column users.lang with a DEFAULT rewrites existing table users "
                  "under an ACCESS EXCLUSIVE lock on PostgreSQL 10 (11+ skips the rewrite)"});
  EXPECT_EQ(lint("adding-field-with-default",
                 "ALTER TABLE users ADD COLUMN at timestamptz "
                 "DEFAULT now();"),
            Lines{});
}

TEST(StatementRules, ChangingColumnTypeNamesBothTypesWhenKnown) {
  EXPECT_EQ(lint("changing-column-type",
                 "ALTER TABLE orders ADD COLUMN amount numeric(10,2);\n"
                 "ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,4);\n"),
            Lines{"2:33: changing orders.amount from numeric(10,2) to numeric(12,4) rewrites "
                  "existing table orders and its indexes under an ACCESS EXCLUSIVE lock"});
  EXPECT_EQ(lint("changing-column-type", "ALTER TABLE users ALTER COLUMN name TYPE text;"),
            Lines{"1:32: changing the type of users.name to text rewrites existing table users "
                  "and its indexes under an ACCESS EXCLUSIVE lock unless the old type is "
                  "binary-coercible to it"});
}

TEST(StatementRules, ForeignKeyPointsAtTheConstraint) {
  EXPECT_EQ(lint("adding-foreign-key-constraint",
                 "ALTER TABLE orders\n  ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
                 "REFERENCES app.users (id);"),
            Lines{"2:7: adding foreign key orders_user_fk on orders without NOT VALID checks "
                  "every existing row while blocking writes to orders and app.users"});
  EXPECT_EQ(lint("adding-foreign-key-constraint",
                 "ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons;"),
            Lines{"1:48: adding column orders.coupon_id with REFERENCES validates the foreign key "
                  "at once while blocking writes to orders and coupons"});
}

TEST(StatementRules, ConstraintMissingNotValidFollowsTransactions) {
  EXPECT_EQ(lint("constraint-missing-not-valid", "ALTER TABLE t ADD CHECK (a > 0);"),
            Lines{"1:19: adding CHECK constraint on t without NOT VALID scans all of existing "
                  "table t under an ACCESS EXCLUSIVE lock"});
  const std::string split =
      "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\n"
      "ALTER TABLE t VALIDATE CONSTRAINT c;\n";
  EXPECT_EQ(lint("constraint-missing-not-valid", split), Lines{});
  EXPECT_EQ(lint("constraint-missing-not-valid", "BEGIN;\n" + split + "COMMIT;\n"),
            Lines{"3:1: VALIDATE CONSTRAINT c on t runs in the same transaction as its NOT VALID "
                  "add, so the add's ACCESS EXCLUSIVE lock is held for the whole scan"});
}

TEST(StatementRules, DisallowedUniqueConstraint) {
  EXPECT_EQ(lint("disallowed-unique-constraint", "ALTER TABLE users ADD UNIQUE (email);"),
            Lines{"1:23: adding UNIQUE constraint on users builds its index under an ACCESS "
                  "EXCLUSIVE lock on existing table users"});
  EXPECT_EQ(lint("disallowed-unique-constraint",
                 "ALTER TABLE users ADD CONSTRAINT k UNIQUE USING INDEX k;"),
            Lines{});
}

TEST(StatementRules, RenamesAndDropsNameWhatTheyTouch) {
  EXPECT_EQ(lint("renaming-column", "ALTER TABLE clips RENAME COLUMN duration_ms TO duration;"),
            Lines{"1:1: renaming column clips.duration_ms to duration breaks code that still "
                  "uses the old name"});
  EXPECT_EQ(lint("renaming-table", "ALTER TABLE s.ledger RENAME TO ledger_old;"),
            Lines{"1:1: renaming table s.ledger to ledger_old breaks code that still uses "
                  "s.ledger"});
  EXPECT_EQ(lint("ban-drop-table", "CREATE TABLE tmp (id int);\nDROP TABLE tmp, s.old, older;"),
            Lines{"2:1: dropping existing table s.old, older deletes its data and breaks code "
                  "that still uses it"});
  EXPECT_EQ(lint("ban-drop-database", "DROP DATABASE IF EXISTS diary;"),
            Lines{"1:1: DROP DATABASE diary deletes the whole database and all of its data"});
}

TEST(StatementRules, DownMigrationsSkipDropsAndRenamesButNotDropDatabase) {
  LintOptions down;
  down.direction = Direction::kDown;
  EXPECT_EQ(lint("ban-drop-table", "DROP TABLE notifications;", down), Lines{});
  EXPECT_EQ(lint("renaming-column", "ALTER TABLE t RENAME a TO b;", down), Lines{});
  EXPECT_EQ(lint("renaming-table", "ALTER TABLE t RENAME TO u;", down), Lines{});
  EXPECT_EQ(lint("ban-drop-database", "DROP DATABASE diary;", down).size(), 1u);
}

}  // namespace
}  // namespace sg
