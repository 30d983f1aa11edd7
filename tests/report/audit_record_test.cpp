// Seed 004's audit record: one line per migration, with the hashes of the exact text checked.
#include "report/audit_record.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace sg {
namespace {

TEST(AuditRecord, OneLinePerMigrationWithSeed004FieldsAndHashes) {
  auto report = report_from_json(nlohmann::json::parse(
      test::read_file(std::string(SG_FIXTURES_DIR) + "/../golden/report.json")));
  ASSERT_TRUE(report) << report.error;
  AuditContext context;
  context.timestamp = "2025-11-03T10:30:00Z";
  context.executor = "octocat";
  context.environment = "ci";
  context.database = "ephemeral PostgreSQL 15";
  context.justification = "JIRA-1234: drop fax";
  context.read_file = [](const std::string& path) -> std::optional<std::string> {
    if (path == "migrations/002_drop_fax.sql") return std::string("abc");
    return std::nullopt;
  };
  auto records = audit_records(*report.value, context);
  ASSERT_EQ(records.size(), 3u);  // two migrations and the stray file
  EXPECT_EQ(
      records[1].dump(),
      R"({"database":"ephemeral PostgreSQL 15","down_file":"migrations/rollback/002_rollback.sql",)"
      R"("down_sha256":null,"duration_seconds":0.116,"environment":"ci","executor":"octocat",)"
      R"("findings":3,"justification":"JIRA-1234: drop fax","migration":"002_drop_fax",)"
      R"("risk":"HIGH","rollback_tested":true,"status":"failure","tables_affected":[],)"
      R"("timestamp":"2025-11-03T10:30:00Z","up_file":"migrations/002_drop_fax.sql",)"
      R"("up_sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",)"
      R"("verification_status":"failed"})");
  EXPECT_EQ(records[0]["status"], "success");
  EXPECT_EQ(records[0]["verification_status"], "passed");
  EXPECT_EQ(records[2]["verification_status"], "not_run");
}

TEST(AuditRecord, LintAppendsOneLinePerFileAndKeepsEarlierLines) {
  test::TempDir dir;
  auto file = dir.write("001.sql", "SELECT 1;\n");
  auto log = dir.write("audit.jsonl", "{\"earlier\":true}\n");
  auto r = test::run_program({"env", "GITHUB_ACTOR=octocat", SG_BINARY, "lint", "--audit-log",
                              log.string(), file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string text = test::read_file(log);
  auto newline = text.find('\n');
  EXPECT_EQ(text.substr(0, newline), "{\"earlier\":true}");
  auto record = nlohmann::json::parse(text.substr(newline + 1));
  EXPECT_EQ(record["executor"], "octocat");
  EXPECT_EQ(record["migration"], file.string());
  EXPECT_EQ(record["up_sha256"],  // sha256 of "SELECT 1;\n"
            "b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd");
  EXPECT_EQ(record["status"], "success");
  auto bad =
      test::run_schemagate({"lint", "--audit-log", "/nonexistent/dir/a.jsonl", file.string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "error: /nonexistent/dir/a.jsonl: cannot append the audit record: No such "
            "file or directory\n");
}

}  // namespace
}  // namespace sg
