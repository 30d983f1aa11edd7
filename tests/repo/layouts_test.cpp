// Discovery of every layout on real git repositories: order, pairing, transaction semantics.
#include <gtest/gtest.h>

#include "lint/context.h"
#include "layouts/discover.h"
#include "repo/git_fixture.h"

namespace sg {
namespace {

using test::GitFixture;

MigrationSet discover_head(const GitFixture& repo, DiscoverOptions options = {}) {
  repo.commit("head");
  auto git = GitRepository::open(repo.dir());
  if (!git) throw std::runtime_error(git.error);
  options.head_commit = *git.value->resolve_commit("HEAD").value;
  auto set = discover(*git.value, options);
  if (!set) throw std::runtime_error(set.error);
  return std::move(*set.value);
}

std::vector<std::string> ids(const MigrationSet& set) {
  std::vector<std::string> out;
  for (const auto& m : set.migrations) out.push_back(m.id);
  return out;
}

std::string down_path(const Migration& m) { return m.down ? m.down->path : "-"; }

// Whether the lint context sees a statement of `script` inside a transaction.
bool runs_in_transaction(const Script& script) {
  SourceFile source(script.path, script.text);
  ParsedFile parsed = parse_sql(source);
  LintOptions options;
  options.transaction_mode = script.transaction_mode;
  return LintContext(parsed, options).in_transaction();
}

TEST(Layouts, PlainPairsRollbacksByVersionInNumericOrder) {
  GitFixture repo;
  repo.write("db/migrations/001_init.sql", "CREATE TABLE a (id int);\n");
  repo.write("db/migrations/010_later.sql", "CREATE TABLE c (id int);\n");
  repo.write("db/migrations/002_add_b.sql", "CREATE TABLE b (id int);\n");
  repo.write("db/migrations/002_add_b_rollback.sql", "DROP TABLE b;\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE a;\n");
  MigrationSet set = discover_head(repo);
  EXPECT_EQ(set.layout, "plain");
  EXPECT_EQ(set.directories, std::vector<std::string>{"db/migrations"});
  EXPECT_EQ(ids(set), (std::vector<std::string>{"001_init", "002_add_b", "010_later"}));
  EXPECT_EQ(down_path(set.migrations[0]), "db/migrations/rollback/001_rollback.sql");
  EXPECT_EQ(down_path(set.migrations[1]), "db/migrations/002_add_b_rollback.sql");
  EXPECT_EQ(down_path(set.migrations[2]), "-");
  EXPECT_EQ(set.migrations[1].version, "002");
  EXPECT_EQ(set.migrations[1].name, "add_b");
  EXPECT_EQ(set.migrations[0].up->transaction_mode, TransactionMode::kStatementByStatement);
  EXPECT_TRUE(set.review_all);  // no base: everything is under review
}

TEST(Layouts, GolangMigrateSendsEachFileInOneCall) {
  GitFixture repo;
  repo.write("migrations/1_init.up.sql", "CREATE TABLE a (id int);\n");
  repo.write("migrations/1_init.down.sql", "DROP TABLE a;\n");
  repo.write("migrations/2_index.up.sql",
             "CREATE TABLE b (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n");
  repo.write("migrations/10_alone.up.sql", "CREATE INDEX CONCURRENTLY a_id2 ON a (id);\n");
  MigrationSet set = discover_head(repo);
  EXPECT_EQ(set.layout, "golang-migrate");
  EXPECT_EQ(ids(set), (std::vector<std::string>{"1_init", "2_index", "10_alone"}));
  EXPECT_EQ(down_path(set.migrations[0]), "migrations/1_init.down.sql");
  EXPECT_EQ(set.migrations[1].up->transaction_mode, TransactionMode::kWholeFileImplicit);
  // Two statements in one Exec: one implicit transaction, so CONCURRENTLY fails there.
  EXPECT_TRUE(runs_in_transaction(*set.migrations[1].up));
  EXPECT_FALSE(runs_in_transaction(*set.migrations[2].up));
}

TEST(Layouts, FlywayVersionsUndoRepeatableAndTransactionOptOuts) {
  GitFixture repo;
  repo.write("src/main/resources/db/migration/V1__init.sql", "CREATE TABLE a (id int);\n");
  repo.write("src/main/resources/db/migration/U1__init.sql", "DROP TABLE a;\n");
  repo.write("src/main/resources/db/migration/V1_1__fix.sql", "ALTER TABLE a ADD b int;\n");
  repo.write("src/main/resources/db/migration/V2__index.sql",
             "-- flyway:executeInTransaction=false\nCREATE INDEX CONCURRENTLY i ON a (b);\n");
  repo.write("src/main/resources/db/migration/V10__conf.sql",
             "CREATE INDEX CONCURRENTLY j ON a (b);\n");
  repo.write("src/main/resources/db/migration/V10__conf.sql.conf", "executeInTransaction=false\n");
  repo.write("src/main/resources/db/migration/R__view.sql",
             "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
  MigrationSet set = discover_head(repo);
  EXPECT_EQ(set.layout, "flyway");
  EXPECT_EQ(ids(set), (std::vector<std::string>{"V1__init", "V1_1__fix", "V2__index", "V10__conf",
                                                "R__view"}));
  EXPECT_EQ(set.migrations[1].version, "1.1");
  EXPECT_EQ(down_path(set.migrations[0]), "src/main/resources/db/migration/U1__init.sql");
  EXPECT_TRUE(set.migrations[1].expects_rollback);  // the directory keeps undo scripts
  EXPECT_EQ(set.migrations[0].up->transaction_mode, TransactionMode::kWrappedByTool);
  EXPECT_EQ(set.migrations[2].up->transaction_mode, TransactionMode::kStatementByStatement);
  EXPECT_EQ(set.migrations[3].up->transaction_mode, TransactionMode::kStatementByStatement);
  EXPECT_TRUE(set.migrations[4].repeatable);
  EXPECT_TRUE(runs_in_transaction(*set.migrations[0].up));
}

TEST(Layouts, PrismaFoldersAlwaysRunInATransaction) {
  GitFixture repo;
  repo.write("prisma/schema.prisma", "datasource db { provider = \"postgresql\" }\n");
  repo.write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
  repo.write("prisma/migrations/20240201000000_add_b/migration.sql", "CREATE TABLE b (id int);\n");
  repo.write("prisma/migrations/20240201000000_add_b/down.sql", "DROP TABLE b;\n");
  repo.write("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE a (id int);\n");
  MigrationSet set = discover_head(repo);
  EXPECT_EQ(set.layout, "prisma");
  EXPECT_EQ(set.directories, std::vector<std::string>{"prisma/migrations"});
  EXPECT_EQ(ids(set), (std::vector<std::string>{"20240101000000_init", "20240201000000_add_b"}));
  EXPECT_EQ(set.migrations[1].version, "20240201000000");
  EXPECT_EQ(set.migrations[1].name, "add_b");
  EXPECT_EQ(down_path(set.migrations[1]), "prisma/migrations/20240201000000_add_b/down.sql");
  EXPECT_EQ(set.migrations[0].up->transaction_mode, TransactionMode::kWrappedByTool);
  EXPECT_TRUE(set.migrations[0].expects_rollback);
}

TEST(Layouts, DbmateSectionsKeepFilePositionsAndTheirOwnTransactionFlag) {
  GitFixture repo;
  repo.write("db/migrations/20240101120000_index.sql",
             "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON a (b);\n\n"
             "-- migrate:down\nDROP INDEX i;\n");
  repo.write("db/migrations/20240102120000_empty_down.sql",
             "-- migrate:up\nCREATE TABLE c (id int);\n\n-- migrate:down\n\n");
  MigrationSet set = discover_head(repo);
  EXPECT_EQ(set.layout, "dbmate");
  ASSERT_EQ(set.migrations.size(), 2u);
  const Migration& m = set.migrations[0];
  EXPECT_EQ(m.up->text, "\nCREATE INDEX CONCURRENTLY i ON a (b);\n\n\n\n");
  EXPECT_EQ(m.down->text, "\n\n\n\nDROP INDEX i;\n");
  EXPECT_EQ(m.up->path, m.down->path);
  EXPECT_EQ(m.down->line, 4);
  EXPECT_EQ(m.up->transaction_mode, TransactionMode::kStatementByStatement);
  EXPECT_EQ(m.down->transaction_mode, TransactionMode::kWrappedByTool);
  EXPECT_FALSE(set.migrations[1].down.has_value());  // the template's empty down is no rollback
}

TEST(Layouts, GooseMarkersStatementBlocksAndNoTransaction) {
  GitFixture repo;
  repo.write("db/migrations/00001_func.sql",
             "-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS $$ "
             "BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;\n-- +goose StatementEnd\n\n"
             "-- +goose Down\nDROP FUNCTION f();\n");
  repo.write("db/migrations/00002_index.sql",
             "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON a (b);\n\n"
             "-- +goose Down\nDROP INDEX CONCURRENTLY i;\n");
  MigrationSet set = discover_head(repo);
  EXPECT_EQ(set.layout, "goose");
  ASSERT_EQ(set.migrations.size(), 2u);
  const Script& up = *set.migrations[0].up;
  EXPECT_EQ(up.transaction_mode, TransactionMode::kWrappedByTool);
  ASSERT_EQ(up.statement_spans.size(), 1u);
  EXPECT_EQ(up.text.substr(up.statement_spans[0].first,
                           up.statement_spans[0].second - up.statement_spans[0].first),
            "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;\n");
  EXPECT_EQ(set.migrations[0].down->text, std::string(6, '\n') + "DROP FUNCTION f();\n");
  EXPECT_EQ(set.migrations[1].up->transaction_mode, TransactionMode::kStatementByStatement);
  EXPECT_FALSE(runs_in_transaction(*set.migrations[1].up));
  EXPECT_TRUE(runs_in_transaction(*set.migrations[0].up));
}

TEST(Layouts, SqitchFollowsThePlanIncludingReworkedChanges) {
  GitFixture repo;
  repo.write("db/sqitch.plan",
             "%syntax-version=1.0.0\n%project=app\n\n"
             "users 2024-01-01T00:00:00Z Ann <ann@x.test> # users\n"
             "roles [users] 2024-01-02T00:00:00Z Ann <ann@x.test> # roles\n"
             "@v1.0 2024-01-03T00:00:00Z Ann <ann@x.test> # release\n"
             "users [users@v1.0] 2024-01-04T00:00:00Z Ann <ann@x.test> # rework users\n");
  repo.write("db/deploy/users@v1.0.sql", "CREATE TABLE users (id int);\n");
  repo.write("db/revert/users@v1.0.sql", "DROP TABLE users;\n");
  repo.write("db/deploy/roles.sql", "CREATE TABLE roles (id int);\n");
  repo.write("db/revert/roles.sql", "DROP TABLE roles;\n");
  repo.write("db/deploy/users.sql", "ALTER TABLE users ADD name text;\n");
  repo.write("db/verify/users.sql", "SELECT name FROM users WHERE false;\n");
  repo.write("db/deploy/stray.sql", "SELECT 1;\n");
  repo.write("db/revert/gone.sql", "SELECT 1;\n");
  MigrationSet set = discover_head(repo);
  EXPECT_EQ(set.layout, "sqitch");
  EXPECT_EQ(ids(set), (std::vector<std::string>{"users@v1.0", "roles", "users"}));
  EXPECT_EQ(set.migrations[2].version, "3");
  EXPECT_EQ(set.migrations[0].up->path, "db/deploy/users@v1.0.sql");
  EXPECT_EQ(down_path(set.migrations[0]), "db/revert/users@v1.0.sql");
  EXPECT_EQ(down_path(set.migrations[2]), "-");
  EXPECT_EQ(set.unrecognized_files, std::vector<std::string>{"db/deploy/stray.sql"});
  EXPECT_EQ(set.orphan_rollbacks, std::vector<std::string>{"db/revert/gone.sql"});
}

TEST(Layouts, LiquibaseChangesetsAreMigrationsWithRollbackLinesInPlace) {
  GitFixture repo;
  repo.write("db/changelog/001.sql",
             "--liquibase formatted sql\n\n--changeset ann:1\nCREATE TABLE a (id int);\n"
             "--rollback DROP TABLE a;\n\n--changeset ann:2 runInTransaction:false\n"
             "CREATE INDEX CONCURRENTLY i ON a (id);\n--rollback not required\n");
  MigrationSet set = discover_head(repo);
  EXPECT_EQ(set.layout, "liquibase");
  EXPECT_EQ(ids(set), (std::vector<std::string>{"001.sql::ann:1", "001.sql::ann:2"}));
  const Migration& first = set.migrations[0];
  EXPECT_EQ(first.scope, "db/changelog/001.sql");
  EXPECT_EQ(first.up->line, 3);
  EXPECT_EQ(first.up->text, "\n\n\nCREATE TABLE a (id int);\n\n\n\n\n\n");
  EXPECT_EQ(first.down->text, "\n\n\n\n" + std::string(11, ' ') + "DROP TABLE a;\n\n\n\n\n");
  EXPECT_EQ(first.up->transaction_mode, TransactionMode::kWrappedByTool);
  EXPECT_EQ(set.migrations[1].up->transaction_mode, TransactionMode::kStatementByStatement);
  EXPECT_TRUE(set.migrations[1].rollback_waived);
  EXPECT_FALSE(set.migrations[1].down.has_value());
}

TEST(Layouts, AutoDetectFindsEveryDirectoryButSkipsTestDataAndDependencies) {
  GitFixture repo;
  repo.write("services/billing/migrations/1_init.up.sql", "CREATE TABLE a (id int);\n");
  repo.write("services/users/migrations/001_init.sql", "CREATE TABLE b (id int);\n");
  repo.write("services/users/migrations/rollback/001_rollback.sql", "DROP TABLE b;\n");
  repo.write("tests/fixtures/migrations/001_x.sql", "SELECT 1;\n");
  repo.write("node_modules/pkg/migrations/001_x.sql", "SELECT 1;\n");
  MigrationSet set = discover_head(repo);
  EXPECT_EQ(set.directories,
            (std::vector<std::string>{"services/billing/migrations", "services/users/migrations"}));
  EXPECT_EQ(set.layout, "golang-migrate,plain");
  EXPECT_EQ(ids(set), (std::vector<std::string>{"1_init", "001_init"}));

  DiscoverOptions only;
  only.dirs = {"tests/fixtures/migrations"};
  EXPECT_EQ(ids(discover_head(repo, only)), std::vector<std::string>{"001_x"});
  DiscoverOptions forced;
  forced.layout = "golang-migrate";
  EXPECT_EQ(discover_head(repo, forced).directories,
            std::vector<std::string>{"services/billing/migrations"});
}

TEST(Layouts, ARepositoryWithoutMigrationsHasAnEmptySet) {
  GitFixture repo;
  repo.write("README.md", "# app\n");
  repo.write("src/query.sql", "SELECT 1;\n");
  MigrationSet set = discover_head(repo);
  EXPECT_TRUE(set.migrations.empty());
  EXPECT_TRUE(set.directories.empty());
}

TEST(Changes, ClassifiesAgainstTheMergeBaseWithRenamesAndDeletionsLast) {
  GitFixture repo;
  std::string body = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n";
  repo.write("m/001_init.sql", body);
  repo.write("m/002_edit_me.sql", "CREATE TABLE b (id int);\n");
  repo.write("m/003_rename_me.sql", "CREATE TABLE c (id bigint PRIMARY KEY, note text);\n");
  repo.write("m/004_delete_me.sql", "CREATE TABLE d (id int);\n");
  std::string base = repo.commit("base");
  repo.write("m/002_edit_me.sql", "CREATE TABLE b (id bigint);\n");
  repo.git({"mv", "m/003_rename_me.sql", "m/003_renamed.sql"});
  repo.remove("m/004_delete_me.sql");
  repo.write("m/005_new.sql", "CREATE TABLE e (id int);\n");
  DiscoverOptions options;
  options.base_commit = base;
  MigrationSet set = discover_head(repo, options);
  std::vector<std::string> seen;
  for (const auto& m : set.migrations)
    seen.push_back(m.id + " " + std::string(to_string(m.change)));
  EXPECT_EQ(seen, (std::vector<std::string>{"001_init unchanged", "002_edit_me modified",
                                            "003_renamed renamed", "005_new added",
                                            "004_delete_me deleted"}));
  EXPECT_EQ(set.migrations[2].previous_path, "m/003_rename_me.sql");
  EXPECT_EQ(set.migrations[4].up->text, "CREATE TABLE d (id int);\n");
  EXPECT_NE(set.migrations[1].up_blob_id, set.migrations[1].base_up_blob_id);
  EXPECT_FALSE(set.review_all);
  EXPECT_EQ(set.base_commit, base);
  nlohmann::json j = to_json(set.migrations[1]);
  EXPECT_EQ(j.dump(), R"({"change":"modified","down":null,"id":"002_edit_me","layout":"plain",)"
                      R"("name":"edit_me","transactional":false,"up":"m/002_edit_me.sql",)"
                      R"("version":"002"})");
}

}  // namespace
}  // namespace sg
