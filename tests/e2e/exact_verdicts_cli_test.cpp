// Exact verdicts in every output (issue 17): a migration-failed raises the migration's risk in
// the text line and the JSON as in the comment; dbmate's up and down share one file and its
// risk is still reported; a later migration's down may drop what an earlier migration of the
// same change created, as new objects.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

void dbmate_pull_request(const GitFixture& repo, const std::string& migration) {
  repo.write("db/migrations/20240101000000_init.sql",
             "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY, age int);\n\n"
             "-- migrate:down\nDROP TABLE users;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/20240202000000_change.sql", migration);
  repo.commit("change");
}

TEST(ExactVerdicts, AFailedMigrationIsHighRiskInTextAndJson) {
  GitFixture repo;
  dbmate_pull_request(repo,
                      "-- migrate:up\nSET lock_timeout = '2s';\n"
                      "ALTER TABLE users ADD COLUMN kind nosuchtype;\n\n"
                      "-- migrate:down\nALTER TABLE users DROP COLUMN kind;\n");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("\ndb/migrations/20240202000000_change.sql: risk HIGH (migration-failed "
                       "at line 3) - approvals: VP Engineering, CTO\n"),
            std::string::npos)
      << r.out;
  auto json = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  auto j = nlohmann::json::parse(json.out);
  ASSERT_EQ(j["files"].size(), 1u) << json.out;
  EXPECT_EQ(j["files"][0]["file"], "db/migrations/20240202000000_change.sql");
  EXPECT_EQ(j["files"][0]["risk"], "HIGH");
  EXPECT_EQ(j["files"][0]["risk_reasons"], nlohmann::json::array({"migration-failed at line 3"}));
  for (const auto& m : j["migrations"]) {
    if (m["id"] == "20240202000000_change") {
      EXPECT_EQ(m["risk"], "HIGH");
    }
  }
}

TEST(ExactVerdicts, DbmateUpRiskIsReportedThoughTheDownSharesItsFile) {
  GitFixture repo;
  dbmate_pull_request(repo,
                      "-- migrate:up\nSET lock_timeout = '2s';\n"
                      "ALTER TABLE users ADD COLUMN nick text;\n\n"
                      "-- migrate:down\nSET lock_timeout = '2s';\n"
                      "ALTER TABLE users DROP COLUMN nick;\n");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["files"].size(), 1u) << r.out;
  // The up's risk, not the down's DROP COLUMN (HIGH).
  EXPECT_EQ(j["files"][0]["risk"], "LOW");
  EXPECT_EQ(j["files"][0]["risk_reasons"],
            nlohmann::json::array({"adds nullable column users.nick"}));
  EXPECT_EQ(j["findings"], nlohmann::json::array()) << r.out;
}

TEST(ExactVerdicts, ALaterDownDropsAnEarlierMigrationsNewTableIndexFreely) {
  GitFixture repo;
  repo.write("migrations/001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("migrations/rollback/001_init.sql", "DROP TABLE users;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/002_events.sql",
             "CREATE TABLE events (id bigint PRIMARY KEY, kind text);\n");
  repo.write("migrations/rollback/002_events.sql", "DROP TABLE events;\n");
  repo.write("migrations/003_events_kind.sql",
             "CREATE INDEX events_kind_idx ON events (kind);\n");
  repo.write("migrations/rollback/003_events_kind.sql",
             "DROP INDEX events_kind_idx;\nALTER TABLE events ALTER COLUMN kind TYPE varchar(20);\n"
             "ALTER TABLE events ALTER COLUMN kind TYPE text;\n");
  repo.commit("events");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  // For 003's down, events is new (this change created it): dropping its index needs no
  // CONCURRENTLY, its column change rewrites nothing anyone reads. 003's up is judged alone
  // (an earlier migration may have been deployed already), so its index is reported once.
  EXPECT_EQ(r.out.find("rollback/003_events_kind.sql:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nmigrations/003_events_kind.sql:1:1: warning: CREATE INDEX on existing "
                       "table events without CONCURRENTLY"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n0 errors, 2 warnings in 4 files\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.exit_code, 0);
}

}  // namespace
}  // namespace sg
