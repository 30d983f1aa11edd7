// --database-url (a shared service container): the pull request's SQL runs as a role made for
// the run, which owns the scratch databases and is dropped afterwards, whether the URL's role is
// a superuser or only has CREATEROLE and CREATEDB.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "db/ephemeral_server.h"
#include "db/session.h"
#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

std::vector<std::string> names(Session& admin, const std::string& sql) {
  std::vector<Row> rows;
  EXPECT_FALSE(admin.query(sql, rows));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.at(0).value_or(""));
  return out;
}

void make_pull_request(const test::GitFixture& repo) {
  repo.write("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
  repo.write("migrations/rollback/001_rollback.sql", "DROP TABLE accounts;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/002_attack.sql",
             "CREATE INDEX accounts_id_idx ON accounts (id);\n"
             "COPY (SELECT 1) TO PROGRAM 'true';\n");
  repo.write("migrations/rollback/002_rollback.sql", "DROP INDEX accounts_id_idx;\n");
  repo.commit("002");
}

void expect_contained_run(const std::string& url, Session& admin) {
  test::GitFixture repo;
  make_pull_request(repo);
  auto r = test::run_schemagate(
      {"check", "--base", "main", "--repo", repo.dir(), "--database-url", url, "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto report = nlohmann::json::parse(r.out);
  std::string role = report["containment"]["migration_role"];
  EXPECT_EQ(role.rfind("sg_migrator_", 0), 0u) << role;
  EXPECT_EQ(report["containment"]["network"], "");
  bool refused = false;
  for (const auto& f : report["findings"]) {
    if (f["rule_id"] != "migration-failed") continue;
    refused = true;
    EXPECT_EQ(f["line"], 2);
    EXPECT_EQ(f["message"],
              "migration failed: must be superuser or have privileges of the "
              "pg_execute_server_program role to COPY to or from an external program (SQLSTATE "
              "42501)");
  }
  EXPECT_TRUE(refused) << r.out;
  EXPECT_EQ(names(admin, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'sg\\_%'"),
            std::vector<std::string>{});
  EXPECT_EQ(names(admin, "SELECT datname FROM pg_database WHERE datname LIKE 'sg\\_%'"),
            std::vector<std::string>{});
}

TEST(ContainmentDatabaseUrl, ASuperuserUrlGetsARunRoleThatIsDroppedAfter) {
  std::string error;
  auto server = test::take(EphemeralServer::start(""), error);
  ASSERT_NE(server, nullptr) << error;
  auto admin = test::take(Session::connect(server->url()), error);
  ASSERT_NE(admin, nullptr) << error;
  expect_contained_run(server->url(), *admin);
}

TEST(ContainmentDatabaseUrl, ARoleWithCreateroleAndCreatedbIsEnough) {
  std::string error;
  auto server = test::take(EphemeralServer::start(""), error);
  ASSERT_NE(server, nullptr) << error;
  auto admin = test::take(Session::connect(server->url()), error);
  ASSERT_NE(admin, nullptr) << error;
  ASSERT_FALSE(admin->exec("CREATE ROLE ci_admin LOGIN CREATEROLE CREATEDB"));
  expect_contained_run(server->url("postgres", "ci_admin"), *admin);
}

}  // namespace
}  // namespace sg
