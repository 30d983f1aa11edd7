// `schemagate check` as a user runs it, on real git repositories built in temp dirs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "repo/git_fixture.h"
#include "test_support.h"
#include "util/sha256.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

// main: 001 with its rollback; feature: adds 002, which drops a column and has no rollback.
void make_pull_request(const GitFixture& repo) {
  repo.write("db/migrations/001_init.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY, nick text);\n");
  // Every script sets lock_timeout: require-lock-timeout is not under test here.
  repo.write("db/migrations/rollback/001_rollback.sql",
             "SET lock_timeout = '5s';\nDROP TABLE users;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_drop_nick.sql",
             "SET lock_timeout = '5s'; -- nobody reads it\nALTER TABLE users DROP COLUMN nick;\n");
  repo.commit("drop nick");
}

TEST(CheckCli, ARepositoryWithoutMigrationsSaysSoAndPasses) {
  GitFixture repo;
  repo.write("README.md", "# app\n");
  repo.commit("init");
  auto r = run_schemagate({"check", "--no-db", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "note: no migrations found in " + repo.dir() +
                       "/ (auto-detect looks for sqitch, prisma, diesel, sequelize, liquibase, "
                       "goose, dbmate, golang-migrate, flyway and plain layouts; name one with "
                       "--dir and --layout); nothing to check\n");
  EXPECT_EQ(r.out, "0 errors, 0 warnings in 0 files\n");
}

TEST(CheckCli, LintsTheAddedMigrationAndAddsHistoryFindings) {
  GitFixture repo;
  make_pull_request(repo);
  auto r = run_schemagate({"check", "--no-db", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "db/migrations/002_drop_nick.sql:1:1: error: migration 002_drop_nick has no rollback: "
            "expected db/migrations/rollback/002_rollback.sql [missing-rollback]\n"
            "  help: write the script that undoes this migration, so a failed deploy can be "
            "reverted (seed 000: every migration has a rollback script)\n"
            "db/migrations/002_drop_nick.sql:2:13: warning: dropping column users.nick breaks "
            "code that still reads or writes it [ban-drop-column]\n"
            "  help: expand-contract: stop using the column in a deployed release first, then "
            "drop it in a later migration\n"
            "db/migrations/002_drop_nick.sql: risk HIGH (drops column users.nick; "
            "ban-drop-column at line 2) - approvals: VP Engineering, CTO\n"
            "1 error, 1 warning in 1 file\n");
  std::string base = repo.git({"rev-parse", "main"}).substr(0, 12);
  EXPECT_EQ(r.err,
            "note: db/migrations (plain): 2 migrations, 1 added; linted 1 against merge "
            "base " +
                base +
                "\nnote: --no-db: skipped the database round trip; ran static checks only\n");
}

TEST(CheckCli, JsonListsEveryMigrationWithChangeTransactionAndRisk) {
  GitFixture repo;
  make_pull_request(repo);
  test::TempDir out;
  std::string report = (out.path() / "report.json").string();
  auto r = run_schemagate({"check", "--no-db", "--base", "main", "--repo", repo.dir(), "--format",
                           "json", "--output", report});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "");
  auto j = nlohmann::json::parse(test::read_file(report));
  // The content hashes the release gate looks round trips up by.
  EXPECT_EQ(j["migrations"][0]["up_sha256"],
            sha256_hex("CREATE TABLE users (id bigint PRIMARY KEY, nick text);\n"));
  EXPECT_EQ(j["migrations"][0]["down_sha256"],
            sha256_hex("SET lock_timeout = '5s';\nDROP TABLE users;\n"));
  EXPECT_EQ(j["migrations"][1]["down_sha256"], nullptr);
  for (auto& m : j["migrations"]) {
    m.erase("up_sha256");
    m.erase("down_sha256");
  }
  EXPECT_EQ(j["migrations"].dump(),
            R"([{"change":"unchanged","down":"db/migrations/rollback/001_rollback.sql",)"
            R"("id":"001_init","layout":"plain","name":"init","risk":"LOW",)"
            R"("transactional":false,"up":"db/migrations/001_init.sql","version":"001"},)"
            R"({"change":"added","down":null,"id":"002_drop_nick","layout":"plain",)"
            R"("name":"drop_nick","risk":"HIGH","transactional":false,)"
            R"("up":"db/migrations/002_drop_nick.sql","version":"002"}])");
  ASSERT_EQ(j["findings"].size(), 2u);
  EXPECT_EQ(j["findings"][0]["rule_id"], "missing-rollback");
  EXPECT_EQ(j["findings"][0]["file"], "db/migrations/002_drop_nick.sql");
  EXPECT_EQ(j["findings"][1]["rule_id"], "ban-drop-column");
  EXPECT_EQ(j["summary"]["files"], 1);
}

TEST(CheckCli, AllLintsEveryMigrationAndDirIsRelativeToRepo) {
  GitFixture repo;
  make_pull_request(repo);
  repo.write("db/migrations/rollback/002_rollback.sql",
             "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nick text;\n");
  repo.commit("rollback");
  auto r = run_schemagate({"check", "--no-db", "--all", "--base", "main", "--repo",
                           repo.dir() + "/db", "--dir", "migrations", "--fail-on", "warning"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("0 errors, 1 warning in 4 files\n"), std::string::npos) << r.out;
}

TEST(CheckCli, WithNothingNewThereIsNothingToRoundTripAndNoDbSaysWhatItSkipped) {
  GitFixture repo;
  repo.write("db/migrations/001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("init");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("note: no new or edited migration: nothing to round-trip\n"),
            std::string::npos)
      << r.err;
  auto skipped = run_schemagate({"check", "--no-db", "--base", "main", "--repo", repo.dir()});
  EXPECT_NE(skipped.err.find(
                "note: --no-db: skipped the database round trip; ran static checks only\n"),
            std::string::npos)
      << skipped.err;
}

TEST(CheckCli, AMissingBaseRefIsAnErrorNamingWhatWasTried) {
  GitFixture repo;
  make_pull_request(repo);
  auto r = run_schemagate({"check", "--no-db", "--base", "release/9", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: base ref not found (--base release/9; tried release/9, "
            "origin/release/9): pass --base with a branch, tag or commit that exists here\n");
  EXPECT_EQ(r.out, "");
}

TEST(CheckCli, OutsideARepositoryIsAnError) {
  test::TempDir dir;
  auto r = run_schemagate({"check", "--no-db", "--repo", dir.path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("error: " + dir.path().string() + ": not in a git repository: ", 0), 0u)
      << r.err;
}

TEST(CheckCli, GolangMigrateConcurrentIndexFileIsLintedAsOneTransaction) {
  GitFixture repo;
  repo.write("migrations/1_init.up.sql", "CREATE TABLE a (id int);\n");
  repo.write("migrations/1_init.down.sql", "DROP TABLE a;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/2_index.up.sql",
             "SET lock_timeout = '1s';\nCREATE INDEX a_id ON a (id);\n");
  // One statement, so golang-migrate sends it outside a transaction and CONCURRENTLY works.
  repo.write("migrations/2_index.down.sql", "DROP INDEX CONCURRENTLY a_id;\n");
  repo.commit("index");
  auto r = run_schemagate(
      {"check", "--no-db", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["migrations"][1]["transactional"], true);
  EXPECT_EQ(j["migrations"][1]["change"], "added");
  EXPECT_EQ(j["migrations"][1]["risk"], "MEDIUM");
  ASSERT_EQ(j["findings"].size(), 1u) << r.out;
  EXPECT_EQ(j["findings"][0]["rule_id"], "require-concurrent-index-creation");
  EXPECT_EQ(j["findings"][0]["line"], 2);
}

TEST(CheckCli, ThisRepositorysOwnMigrationsRoundTripOnTheEmbeddedServer) {
  // The README's main job: every migration of migrations/ goes up, down and up again.
  auto r = run_schemagate({"check", "--all", "--repo", std::string(SG_SOURCE_DIR) + "/migrations",
                           "--dir", ".", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["roundtrip"].size(), 1u) << r.out;
  EXPECT_EQ(j["roundtrip"][0]["migration"], "001_audit_trail");
  EXPECT_EQ(j["roundtrip"][0]["status"], "ok");
  EXPECT_EQ(j["summary"]["errors"], 0);
  EXPECT_EQ(j["summary"]["warnings"], 0);
}

TEST(CheckCli, ThisRepositorysOwnMigrationsPass) {
  // The worktree may be a clone without a base branch (CI): --all does not need one.
  auto r = run_schemagate({"check", "--no-db", "--all", "--repo",
                           std::string(SG_SOURCE_DIR) + "/migrations", "--dir", ".", "--format",
                           "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["migrations"].size(), 1u);
  EXPECT_EQ(j["migrations"][0]["id"], "001_audit_trail");
  EXPECT_EQ(j["migrations"][0]["down"], "migrations/rollback/001_rollback.sql");
  EXPECT_EQ(j["summary"]["errors"], 0);
}

}  // namespace
}  // namespace sg

namespace sg {
namespace {

// A report that cannot be written (a full disk) is a runtime error, never a silent pass.
TEST(CheckCli, AReportThatCannotBeWrittenIsAnError) {
  GitFixture repo;
  make_pull_request(repo);
  auto json = run_schemagate(
      {"check", "--no-db", "--base", "main", "--repo", repo.dir(), "--report-json", "/dev/full"});
  EXPECT_EQ(json.exit_code, 2) << json.err;
  EXPECT_NE(json.err.find("error: /dev/full: cannot write the JSON report\n"), std::string::npos)
      << json.err;
  auto output = run_schemagate({"check", "--no-db", "--base", "main", "--repo", repo.dir(),
                                "--format", "json", "--output", "/dev/full"});
  EXPECT_EQ(output.exit_code, 2) << output.err;
  EXPECT_NE(output.err.find("error: /dev/full: cannot write the report\n"), std::string::npos)
      << output.err;
}

}  // namespace
}  // namespace sg
