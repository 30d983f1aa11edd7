// `schemagate check` end to end with the database: a real git repository, the embedded
// PostgreSQL, and the config's [paths] globs.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

// main has 001 (a table); the feature branch adds 002, whose rollback forgets the new table.
void make_incomplete_rollback_pull_request(const GitFixture& repo) {
  repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_sessions.sql",
             "CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);\n"
             "CREATE INDEX sessions_user_id_idx ON sessions (user_id);\n");
  repo.write("db/migrations/rollback/002_rollback.sql", "DROP INDEX sessions_user_id_idx;\n");
  repo.commit("002");
}

TEST(CheckRoundTripCli, AnIncompleteRollbackFailsTheCheckWithTheDifference) {
  GitFixture repo;
  make_incomplete_rollback_pull_request(repo);
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["roundtrip"].size(), 1u) << r.out;
  const auto& trip = report["roundtrip"][0];
  EXPECT_EQ(trip["migration"], "002_sessions");
  EXPECT_EQ(trip["status"], "failed");
  ASSERT_EQ(trip["steps"].size(), 3u);
  EXPECT_EQ(trip["steps"][0]["step"], "up");
  EXPECT_EQ(trip["steps"][0]["ok"], true);
  EXPECT_EQ(trip["steps"][1]["step"], "down");
  EXPECT_EQ(trip["steps"][1]["ok"], true);
  std::string diff = trip["schema_diff"].dump();
  EXPECT_NE(diff.find("table sessions still exists after rollback"), std::string::npos) << diff;
  bool found = false;
  for (const auto& f : report["findings"]) {
    if (f["rule_id"] != "rollback-incomplete") continue;
    found = true;
    EXPECT_EQ(f["severity"], "error");
    EXPECT_EQ(f["file"], "db/migrations/rollback/002_rollback.sql");
  }
  EXPECT_TRUE(found) << r.out;
  // The migration's risk takes the round-trip finding into account.
  for (const auto& m : report["migrations"]) {
    if (m["id"] == "002_sessions") {
      EXPECT_EQ(m["risk"], "HIGH");
    }
  }
}

TEST(CheckRoundTripCli, ACompleteRollbackPassesAndPrintsTheSteps) {
  GitFixture repo;
  make_incomplete_rollback_pull_request(repo);
  repo.write("db/migrations/rollback/002_rollback.sql", "DROP TABLE sessions;\n");
  repo.commit("complete the rollback");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("roundtrip 002_sessions: ok"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  reapply ok"), std::string::npos) << r.out;
}

TEST(CheckRoundTripCli, ConfigPathGlobsExcludeMigrations) {
  GitFixture repo;
  make_incomplete_rollback_pull_request(repo);
  repo.commit_on_main(".schemagate.toml", "[paths]\nexclude = [\"db/migrations/002_*\"]\n");
  auto r = run_schemagate(
      {"check", "--no-db", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["migrations"].size(), 1u);
  EXPECT_EQ(report["migrations"][0]["id"], "001_users");
}

TEST(CheckRoundTripCli, ReportJsonAndAuditLogAreWritten) {
  GitFixture repo;
  make_incomplete_rollback_pull_request(repo);
  test::TempDir out;
  auto json_path = (out.path() / "report.json").string();
  auto audit_path = (out.path() / "audit.jsonl").string();
  auto r = run_schemagate({"check", "--no-db", "--base", "main", "--repo", repo.dir(),
                           "--report-json", json_path, "--audit-log", audit_path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto report = nlohmann::json::parse(test::read_file(json_path));
  EXPECT_EQ(report["tool"]["name"], "schemagate");
  std::string audit = test::read_file(audit_path);
  ASSERT_FALSE(audit.empty());
  auto first = nlohmann::json::parse(audit.substr(0, audit.find('\n')));
  EXPECT_TRUE(first.contains("migration")) << first.dump();
  EXPECT_TRUE(first.contains("timestamp")) << first.dump();
}

// A file that does not parse is one error at the parser's line and column, not two: its round
// trip fails at the same spot, and the server's message would only repeat the parser's.
TEST(CheckRoundTripCli, AnUnparsableMigrationIsOneSyntaxErrorNotAlsoAFailedRoundTrip) {
  GitFixture repo;
  repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_sessions.sql", "CREATE TABLE sessions (id bigint;\n");
  repo.write("db/migrations/rollback/002_rollback.sql", "DROP TABLE sessions;\n");
  repo.commit("002");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto report = nlohmann::json::parse(r.out);
  std::vector<std::string> found;
  for (const auto& f : report["findings"]) {
    found.push_back(f["rule_id"].get<std::string>() + " " + f["file"].get<std::string>() + ":" +
                    std::to_string(f["line"].get<int>()) + ":" +
                    std::to_string(f["column"].get<int>()));
  }
  EXPECT_EQ(found, (std::vector<std::string>{
                       "syntax-error db/migrations/002_sessions.sql:1:33",
                       "require-lock-timeout db/migrations/rollback/002_rollback.sql:1:1"}));
  // The round trip itself still shows the failed step.
  ASSERT_EQ(report["roundtrip"].size(), 1u) << r.out;
  EXPECT_EQ(report["roundtrip"][0]["status"], "failed");
}

// golang-migrate creates schema_migrations before the first migration, and some projects' own
// migrations alter it (harbor's 0030 adds data_version): the history replays as it did in
// production, and the new migration gets its round trip.
TEST(CheckRoundTripCli, AGolangMigrateHistoryMayAlterTheToolsOwnTable) {
  GitFixture repo;
  repo.write("migrations/0001_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("migrations/0001_init.down.sql", "DROP TABLE users;\n");
  repo.write("migrations/0002_data_version.up.sql",
             "ALTER TABLE schema_migrations ADD COLUMN data_version int;\n");
  repo.write("migrations/0002_data_version.down.sql",
             "ALTER TABLE schema_migrations DROP COLUMN data_version;\n");
  repo.commit("history");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/0003_sessions.up.sql", "CREATE TABLE sessions (id bigint PRIMARY KEY);\n");
  repo.write("migrations/0003_sessions.down.sql",
             "SET lock_timeout = '5s';\nDROP TABLE sessions;\n");
  repo.commit("sessions");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["roundtrip"].size(), 1u) << r.out;
  EXPECT_EQ(report["roundtrip"][0]["migration"], "0003_sessions");
  EXPECT_EQ(report["roundtrip"][0]["status"], "ok") << r.out;
  EXPECT_EQ(report["findings"], nlohmann::json::array()) << r.out;
}

// Roles live outside any database, so a schema snapshot cannot see them: the round trip also
// compares the server's roles and databases. A role the down forgets is an incomplete rollback
// (not a reapply failure and a runtime error), and the run cleans it up itself.
TEST(CheckRoundTripCli, ARoleTheRollbackLeavesBehindIsAnIncompleteRollback) {
  GitFixture repo;
  repo.write(".schemagate.toml", "[roundtrip]\nmigrations_as_superuser = true\n");
  repo.write("migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/002_reporting_role.sql",
             "CREATE ROLE reporting NOLOGIN;\nGRANT SELECT ON users TO reporting;\n");
  repo.write("migrations/rollback/002_rollback.sql", "REVOKE SELECT ON users FROM reporting;\n");
  repo.commit("002");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["roundtrip"].size(), 1u) << r.out;
  const auto& trip = report["roundtrip"][0];
  EXPECT_EQ(trip["status"], "failed");
  EXPECT_EQ(trip["schema_diff"], nlohmann::json::array({"role reporting still exists after rollback"}));
  ASSERT_EQ(trip["steps"].size(), 3u) << r.out;
  EXPECT_EQ(trip["steps"][2]["step"], "reapply");
  EXPECT_EQ(trip["steps"][2]["ok"], true) << trip["steps"][2]["error"];
  std::vector<std::string> rules;
  for (const auto& f : report["findings"]) rules.push_back(f["rule_id"]);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "rollback-incomplete"), 1) << r.out;
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "reapply-failed"), 0) << r.out;
}

}  // namespace
}  // namespace sg
