// Sequelize repositories (issue 18), as a new user runs `schemagate check --base main`: real
// Node, the real sequelize package, the real embedded server. Each migration's SQL is what
// Sequelize sent, reported at the queryInterface call in the .js file that sent it.
#include <gtest/gtest.h>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

const char kPackage[] = R"({ "name": "app", "dependencies": { "sequelize": "6.37.8", "pg": "8.23.1" } })";
const std::string kNew = "migrations/20240201000000-change.js";

// main: package.json and a users table; the pull request adds kNew with `up` and `down` bodies.
void sequelize_repo(const GitFixture& repo, const std::string& up, const std::string& down) {
  repo.write("package.json", kPackage);
  repo.write("migrations/20240101000000-create-users.js",
             "'use strict';\n"
             "module.exports = {\n"
             "  async up(queryInterface, Sequelize) {\n"
             "    await queryInterface.createTable('users', {\n"
             "      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },\n"
             "      name: { type: Sequelize.STRING, allowNull: false, defaultValue: 'x' },\n"
             "    });\n"
             "  },\n"
             "  async down(queryInterface) {\n"
             "    await queryInterface.dropTable('users');\n"
             "  },\n"
             "};\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  // up() at line 3, its body from line 4; down() at line 6, its body from line 7.
  repo.write(kNew, "'use strict';\nmodule.exports = {\n  async up(queryInterface, Sequelize) {\n" +
                       up + "\n  },\n  async down(queryInterface, Sequelize) {\n" + down +
                       "\n  },\n};\n");
  repo.commit("change");
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Sequelize, AddAndRemoveColumnRoundTripCleanWithTheSequelizeVersionNamed) {
  GitFixture repo;
  sequelize_repo(repo,
                 "    await queryInterface.addColumn('users', 'nick', { type: Sequelize.TEXT });",
                 "    await queryInterface.removeColumn('users', 'nick');");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "roundtrip 20240201000000-change: ok (")) << r.out;
  // Only the lock-timeout advice of ADD COLUMN and DROP COLUMN: the round trip is clean.
  EXPECT_TRUE(has(r.out, kNew + ":4:26: warning: takes an ACCESS EXCLUSIVE lock on existing table "
                                "public.users with no SET lock_timeout")) << r.out;
  EXPECT_TRUE(has(r.out, "\n0 errors, 2 warnings in 1 file\n")) << r.out;
  EXPECT_TRUE(has(r.err, "note: ran the Sequelize migrations with sequelize 6.37.8 (")) << r.err;
  EXPECT_TRUE(has(r.err, "note: migrations (sequelize): 2 migrations, 1 added; linted 1")) << r.err;
}

TEST(Sequelize, AddIndexOnAnExistingTableIsReportedAtItsJsLineWithTheLockTrace) {
  GitFixture repo;
  sequelize_repo(repo, "    await queryInterface.addIndex('users', ['name']);",
                 "    await queryInterface.removeIndex('users', ['name']);");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":4:26: warning: CREATE INDEX on existing table users without "
                                "CONCURRENTLY blocks writes to it (SHARE lock) until the index is "
                                "built (lock trace: SHARE on users, held "))
      << r.out;
  EXPECT_TRUE(has(r.out, "  lock    line 4: SHARE on table users (blocks writes), held ")) << r.out;
}

TEST(Sequelize, ChangeColumnLosingAllowNullAndDefaultIsRollbackIncompleteAtDown) {
  GitFixture repo;
  sequelize_repo(repo,
                 "    await queryInterface.changeColumn('users', 'name', { type: Sequelize.STRING, "
                 "allowNull: true });",
                 "    await queryInterface.changeColumn('users', 'name', { type: Sequelize.STRING });");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":6:1: error: rollback does not restore the schema: column "
                                "users.name differs after rollback: was `character varying(255) "
                                "not null default 'x'::character varying position 2`, now "
                                "`character varying(255) position 2` [rollback-incomplete]\n"))
      << r.out;
}

// changeColumn re-sends the column's type with every change: with the type the column already
// has that is no rewrite, and only a real change of type is changing-column-type.
TEST(Sequelize, ChangeColumnIsAChangeOfTypeOnlyWhenTheTypeChanges) {
  GitFixture repo;
  sequelize_repo(repo,
                 "    await queryInterface.changeColumn('users', 'name', { type: Sequelize.STRING, "
                 "allowNull: false, defaultValue: 'y' });\n"
                 "    await queryInterface.changeColumn('users', 'id', { type: Sequelize.BIGINT });",
                 "    await queryInterface.changeColumn('users', 'id', { type: Sequelize.INTEGER });\n"
                 "    await queryInterface.changeColumn('users', 'name', { type: Sequelize.STRING, "
                 "allowNull: false, defaultValue: 'x' });");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_FALSE(has(r.out, kNew + ":4:26: warning: changing")) << r.out;
  EXPECT_TRUE(has(r.out, kNew + ":5:26: warning: changing users.id from int4 to int8 rewrites "
                                "existing table users and its indexes under an ACCESS EXCLUSIVE "
                                "lock [changing-column-type]"))
      << r.out;
}

TEST(Sequelize, RemoveIndexWithANameSequelizeNeverGeneratedFailsTheReapply) {
  GitFixture repo;
  sequelize_repo(repo, "    await queryInterface.addIndex('users', ['name']);",
                 "    await queryInterface.removeIndex('users', 'users_name_idx');");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":4:26: error: migration fails when applied again after its "
                                "rollback: relation \"users_name\" already exists (SQLSTATE "
                                "42P07) [reapply-failed]\n"))
      << r.out;
}

TEST(Sequelize, DropTableThatLeavesItsEnumTypeBehindIsRollbackIncompleteNamingTheType) {
  GitFixture repo;
  sequelize_repo(repo,
                 "    await queryInterface.createTable('orders', { id: { type: Sequelize.INTEGER, "
                 "primaryKey: true }, status: { type: Sequelize.ENUM('new', 'paid') } });",
                 "    await queryInterface.dropTable('orders');");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":6:1: error: rollback does not restore the schema: type "
                                "enum_orders_status still exists after rollback "
                                "[rollback-incomplete]\n"))
      << r.out;
}

TEST(Sequelize, AnEsmMigrationExportingDefaultRunsWhereNodeImportsIt) {
  GitFixture repo;
  sequelize_repo(repo, "    return;", "    return;");
  const std::string esm = "migrations/20240301000000-esm.mjs";
  repo.write(esm,
             "export default {\n"
             "  async up(queryInterface, Sequelize) {\n"
             "    await queryInterface.addIndex('users', ['name']);\n"
             "  },\n"
             "  async down(queryInterface) {\n"
             "    await queryInterface.removeIndex('users', ['name']);\n"
             "  },\n"
             "};\n");
  repo.commit("esm");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "roundtrip 20240301000000-esm: ok (")) << r.out;
  EXPECT_TRUE(has(r.out, esm + ":3:26: warning: CREATE INDEX on existing table users without "
                               "CONCURRENTLY")) << r.out;
}

TEST(Sequelize, ARawQueryIsLintedAtItsCall) {
  GitFixture repo;
  sequelize_repo(repo, "    await queryInterface.sequelize.query(`\n      UPDATE users SET name = 'y'\n    `);",
                 "    await Promise.resolve();");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_TRUE(has(r.out, kNew + ":4:36: warning: UPDATE of existing table users is not batched"))
      << r.out;
}

TEST(Sequelize, AStatementOutsideItsTransactionIsSaidWithTheTransactionsLine) {
  GitFixture repo;
  sequelize_repo(repo,
                 "    const t = await queryInterface.sequelize.transaction();\n"
                 "    await queryInterface.addColumn('users', 'a', { type: Sequelize.TEXT }, "
                 "{ transaction: t });\n"
                 "    await queryInterface.createTable('audit', { id: { type: Sequelize.INTEGER, "
                 "primaryKey: true } });\n"
                 "    await t.commit();",
                 "    await queryInterface.dropTable('audit');\n"
                 "    await queryInterface.removeColumn('users', 'a');");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":6:26: warning: this query runs outside the transaction begun "
                                "at line 4 (it was not passed { transaction }): it commits on its "
                                "own"))
      << r.out;
  EXPECT_FALSE(has(r.err, "outside the transaction")) << "said once, as a finding: " << r.err;
}

// The query left outside the transaction waits for the lock the transaction took on users, and
// the transaction waits for it: the migration would hang until lock_timeout (a minute here).
// The runner's lock watch cancels it at once, and although the same SQL replayed on one
// connection would pass, the verdict is the run's.
TEST(Sequelize, AQueryWaitingForItsOwnTransactionsLockFailsTheMigration) {
  GitFixture repo;
  sequelize_repo(repo,
                 "    const t = await queryInterface.sequelize.transaction();\n"
                 "    await queryInterface.addColumn('users', 'a', { type: Sequelize.TEXT }, "
                 "{ transaction: t });\n"
                 "    await queryInterface.addColumn('users', 'b', { type: Sequelize.TEXT });\n"
                 "    await t.commit();",
                 "    await queryInterface.removeColumn('users', 'b');\n"
                 "    await queryInterface.removeColumn('users', 'a');");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  // Only the watch's cancel gives this message (lock_timeout's would be "canceling statement
  // due to lock timeout", a minute later).
  EXPECT_TRUE(has(r.out, kNew + ":6:26: error: migration failed: this query waits for a lock "
                                "held by the transaction the migration has open, and the "
                                "migration awaits the query before it ends that transaction: it "
                                "never finishes (in production it waits until lock_timeout, then "
                                "fails); schemagate canceled it (when the migration ran, on the "
                                "connection Sequelize gave this query; replayed on one connection "
                                "it did not fail) (SQLSTATE 57014) [migration-failed]"))
      << r.out;
  EXPECT_FALSE(has(r.out, "ban-uncommitted-transaction"))
      << "the script ends where the run failed, not where the migration ends: " << r.out;
  EXPECT_TRUE(has(r.out, kNew + ":6:26: warning: this query runs outside the transaction begun at "
                                "line 4")) << r.out;
}

TEST(Sequelize, AnEnvironmentReadIsAFindingNamingTheVariableAndTheEnvironment) {
  GitFixture repo;
  sequelize_repo(repo,
                 "    const column = process.env.FLAG_COLUMN || 'flag';\n"
                 "    await queryInterface.addColumn('users', column, { type: Sequelize.TEXT });",
                 "    await queryInterface.removeColumn('users', 'flag');");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":4:32: warning: the migration reads process.env.FLAG_COLUMN: the "
                                "SQL it sends may differ in production (it ran here with "
                                "NODE_ENV=test and no other variable set) "
                                "[migration-reads-environment]"))
      << r.out;
}

TEST(Sequelize, ADownThatThrowsIsRollbackFailedAtTheThrowingLine) {
  GitFixture repo;
  sequelize_repo(repo,
                 "    await queryInterface.addColumn('users', 'flag', { type: Sequelize.BOOLEAN });",
                 "    await queryInterface.removeColumn('users', 'flag', { type: Sequelise.BOOLEAN });");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":7:64: error: rollback failed: ReferenceError: Sequelise is not "
                                "defined (SQLSTATE P0001) [rollback-failed]\n"))
      << r.out;
}

TEST(Sequelize, AMigrationRequiringAMissingModuleGetsAClearFinding) {
  GitFixture repo;
  sequelize_repo(repo, "    const models = require('../models');\n    await models.sync();",
                 "    return;");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":4:20: error: migration failed: Error: Cannot find module "
                                "'../models' (schemagate runs each migration file from git"))
      << r.out;
}

TEST(Sequelize, AFileThatDoesNotParseFailsAtItsLineAndColumn) {
  GitFixture repo;
  sequelize_repo(repo, "    await queryInterface.addColumn('users', 'x' { type: Sequelize.TEXT });",
                 "    return;");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":4:45: error: migration failed: cannot load the migration: "
                                "SyntaxError: missing ) after argument list (SQLSTATE P0001) "
                                "[migration-failed]\n"))
      << r.out;
}

TEST(Sequelize, AnUpThatNeverSettlesIsStoppedAtTheDeadlineNotAHang) {
  GitFixture repo;
  sequelize_repo(repo, "    await new Promise(() => {});", "    return;");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--deadline", "5"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":3:1: error: migration failed: the Node runner did not settle "
                                "within 5 s; stopped (SQLSTATE P0001) [migration-failed]\n"))
      << r.out;
}

TEST(Sequelize, WithoutADatabaseTheMigrationIsNotRunAndTheVerdictSaysSo) {
  GitFixture repo;
  sequelize_repo(repo, "    await queryInterface.addColumn('users', 'nick', { type: Sequelize.TEXT });",
                 "    await queryInterface.removeColumn('users', 'nick');");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--no-db"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, kNew + ":3:1: error: " + kNew + ": this sequelize migration was not run, "
                                "so its SQL was not linted or round-tripped (--no-db) "
                                "[migration-not-run]\n"))
      << r.out;
}

}  // namespace
}  // namespace sg
