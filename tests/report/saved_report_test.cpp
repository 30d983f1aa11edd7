// A saved report (--report-json) is the check itself: read back with report_from_json, it
// writes the same JSON and renders the same pull-request comment as the run that wrote it.
#include <gtest/gtest.h>

#include "repo/git_fixture.h"
#include "report/audit_record.h"
#include "report/formats.h"
#include "test_support.h"

namespace sg {
namespace {

TEST(SavedReport, ReadsBackToTheSameJsonAndTheSameComment) {
  test::GitFixture repo;
  repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_sessions.sql",
             "CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);\n"
             "CREATE INDEX sessions_user_id_idx ON sessions (user_id);\n"
             "ALTER TABLE users ADD COLUMN note text;\n");
  repo.write("db/migrations/rollback/002_rollback.sql", "DROP INDEX sessions_user_id_idx;\n");
  repo.commit("002");
  test::TempDir out;
  std::string saved = (out.path() / "report.json").string();
  auto r = test::run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format",
                                 "markdown", "--report-json", saved, "--rehearse-rows", "10"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  nlohmann::json json = nlohmann::json::parse(test::read_file(saved));
  auto report = report_from_json(json);
  ASSERT_TRUE(report) << report.error;
  EXPECT_EQ(to_json(*report.value), json);
  EXPECT_EQ(render_markdown(*report.value, {}), r.out);
  // What the comment shows came through typed: the rollback's difference as text lines, the
  // lock the ALTER took, the fill.
  EXPECT_NE(r.out.find("\n```diff\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("table sessions still exists after rollback"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| 3 | table `users` | ACCESS EXCLUSIVE | reads and writes |"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("**Data rehearsal**: 10 rows in each of 1 table"), std::string::npos)
      << r.out;
  // The audit record names the tables the migration touched.
  AuditContext context;
  auto records = audit_records(*report.value, context, true);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["migration"], "002_sessions");
  EXPECT_EQ(records[0]["tables_affected"], nlohmann::json({"sessions", "users"}));
}

TEST(SavedReport, AnythingButAJsonObjectIsRefused) {
  EXPECT_EQ(report_from_json(nlohmann::json::array()).error, "not a JSON object");
  auto empty = report_from_json(nlohmann::json::object());
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty.value->findings.empty());
  EXPECT_FALSE(empty.value->lists_migrations);
}

}  // namespace
}  // namespace sg
