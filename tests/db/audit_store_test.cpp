// --audit-database-url: schemagate migrates its own audit store and records each run in it.
#include <gtest/gtest.h>

#include "db/ephemeral_server.h"
#include "db/session.h"
#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

TEST(AuditStore, CheckMigratesTheStoreOnceAndRecordsEveryRun) {
  std::string error;
  auto server = test::take(EphemeralServer::start(""), error);
  ASSERT_NE(server, nullptr) << error;
  test::GitFixture repo;
  repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_drop.sql", "ALTER TABLE users DROP COLUMN id;\n");
  repo.write("db/migrations/rollback/002_rollback.sql",
             "ALTER TABLE users ADD COLUMN id bigint;\n");
  repo.commit("002");
  for (int run = 0; run < 2; ++run) {
    auto r = test::run_schemagate({"check", "--no-db", "--base", "main", "--repo", repo.dir(),
                                   "--audit-database-url", server->url()});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  auto session = test::take(Session::connect(server->url()), error);
  ASSERT_NE(session, nullptr) << error;
  std::vector<Row> rows;
  ASSERT_FALSE(session->query("SELECT version FROM schemagate.schema_metadata", rows));
  ASSERT_EQ(rows.size(), 1u);  // migrated once, not twice
  EXPECT_EQ(rows[0][0], std::optional<std::string>("001"));
  rows.clear();
  ASSERT_FALSE(session->query(
      "SELECT r.command, r.status, c.migration, c.risk, c.up_sha256 IS NOT NULL "
      "FROM schemagate.check_runs r JOIN schemagate.migration_checks c ON c.run_id = r.id "
      "ORDER BY r.id",
      rows));
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_EQ(row[0], std::optional<std::string>("check"));
    EXPECT_EQ(row[1], std::optional<std::string>("success"));
    EXPECT_EQ(row[2], std::optional<std::string>("002_drop"));
    EXPECT_EQ(row[3], std::optional<std::string>("HIGH"));
    EXPECT_EQ(row[4], std::optional<std::string>("t"));
  }
}

TEST(AuditStore, AnUnreachableStoreIsAClearErrorWithoutThePassword) {
  test::GitFixture repo;
  repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("001");
  auto r = test::run_schemagate({"check", "--no-db", "--all", "--repo", repo.dir(),
                                 "--audit-database-url",
                                 "postgresql://u:s3cret@127.0.0.1:1/audit?connect_timeout=2"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("error: --audit-database-url: "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sg
