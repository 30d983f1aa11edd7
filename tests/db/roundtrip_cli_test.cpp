// `schemagate roundtrip` as a user runs it: embedded server, --database-url, exit codes.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "db/session.h"
#include "db_support.h"
#include "test_support.h"

namespace sg {
namespace {

using test::run_schemagate;

TEST(RoundTripCli, EmbeddedServerPrintsOneLinePerStepWithTimings) {
  test::TempDir dir;
  auto history = dir.write("001_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
  auto up = dir.write("002_status.sql",
                      "ALTER TABLE orders ADD COLUMN status text;\n"
                      "CREATE INDEX orders_status_idx ON orders (status);\n");
  auto down = dir.write("002_status_down.sql", "ALTER TABLE orders DROP COLUMN status;\n");
  auto r = run_schemagate(
      {"roundtrip", "--history", history.string(), "--up", up.string(), "--down", down.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("roundtrip 002_status: ok (", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\n  up      ok    "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n  down    ok    "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n  reapply ok    "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nroundtrip: 1 migration on PostgreSQL 15."), std::string::npos) << r.out;
  // Dropping the column dropped its index too: the rollback is complete.
  // ADD COLUMN and CREATE INDEX block an existing table: the lock trace says so, per statement.
  EXPECT_NE(r.out.find("\n  lock    line 1: ACCESS EXCLUSIVE on table orders (blocks reads and "
                       "writes), held "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n  lock    line 2: SHARE on table orders (blocks writes), held "),
            std::string::npos)
      << r.out;
  // The locks are the ones the static model predicts, held for milliseconds: no blocking-lock
  // (the CREATE INDEX is require-concurrent-index-creation's, which `lint` and `check` run).
  EXPECT_NE(r.out.find("\n0 errors, 0 warnings in 3 files\n"), std::string::npos) << r.out;
}

TEST(RoundTripCli, JsonCarriesTheRoundtripSection) {
  test::TempDir dir;
  auto up = dir.write("001_t.sql", "CREATE TABLE t (id int);\nCREATE SEQUENCE s;\n");
  auto down = dir.write("001_t_down.sql", "DROP TABLE t;\n");
  auto r = run_schemagate(
      {"roundtrip", "--up", up.string(), "--down", down.string(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json["roundtrip"].size(), 1u);
  EXPECT_EQ(json["roundtrip"][0]["migration"], "001_t");
  EXPECT_EQ(json["roundtrip"][0]["status"], "failed");
  EXPECT_EQ(json["roundtrip"][0]["schema_diff"],
            nlohmann::json::array({"sequence s still exists after rollback"}));
  EXPECT_EQ(json["roundtrip"][0]["steps"][2]["step"], "reapply");
  EXPECT_EQ(json["roundtrip"][0]["steps"][2]["ok"], false);
  EXPECT_EQ(json["roundtrip"][0]["steps"][2]["error"],
            up.string() + ":2:1: relation \"s\" already exists (SQLSTATE 42P07)");
}

TEST(RoundTripCli, DatabaseUrlUsesAScratchDatabaseAndTouchesNoOther) {
  std::string error;
  auto other = test::take(EphemeralServer::start(""), error);
  ASSERT_NE(other, nullptr) << error;
  auto admin = test::take(Session::connect(other->url()), error);
  ASSERT_NE(admin, nullptr) << error;
  ASSERT_FALSE(admin->exec("CREATE DATABASE keepme"));
  auto keep = test::take(Session::connect(other->url("keepme")), error);
  ASSERT_NE(keep, nullptr) << error;
  ASSERT_FALSE(keep->exec("CREATE TABLE orders (id int); INSERT INTO orders VALUES (1);"));
  keep.reset();

  test::TempDir dir;
  auto up = dir.write("001_orders.sql", "CREATE TABLE orders (id int);\n");
  auto down = dir.write("001_orders_down.sql", "DROP TABLE orders;\n");
  auto r = run_schemagate(
      {"roundtrip", "--up", up.string(), "--down", down.string(), "--database-url", other->url()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("roundtrip 001_orders: ok (", 0), 0u) << r.out;

  std::vector<Row> rows;
  ASSERT_FALSE(admin->query("SELECT datname FROM pg_database ORDER BY 1", rows));
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(row.at(0).value_or(""));
  EXPECT_EQ(names, (std::vector<std::string>{"keepme", "postgres", "template0", "template1"}));
  keep = test::take(Session::connect(other->url("keepme")), error);
  ASSERT_NE(keep, nullptr) << error;
  ASSERT_FALSE(keep->query("SELECT count(*) FROM orders", rows));
  EXPECT_EQ(rows.at(0).at(0).value_or(""), "1");
}

TEST(RoundTripCli, UnreachableServerIsAClearErrorWithExitTwo) {
  test::TempDir dir;
  auto up = dir.write("001.sql", "SELECT 1;\n");
  auto r = run_schemagate({"roundtrip", "--up", up.string(), "--database-url",
                           "postgresql://sg:secret-password@127.0.0.1:1/app"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("error: --database-url: cannot connect: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("Connection refused"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("secret-password"), std::string::npos) << "never print credentials";
}

TEST(RoundTripCli, UnknownRoleIsAClearErrorWithExitTwo) {
  ASSERT_NE(test::shared_server(), nullptr) << test::shared_server_error();
  test::TempDir dir;
  auto up = dir.write("001.sql", "SELECT 1;\n");
  std::string url = test::shared_server()->url();
  url.replace(url.find("user=postgres"), 13, "user=nosuchrole");
  auto r = run_schemagate({"roundtrip", "--up", up.string(), "--database-url", url});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("error: --database-url: cannot connect: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("role \"nosuchrole\" does not exist"), std::string::npos) << r.err;
}

// The migration's own SET statement_timeout = 0 does not lift schemagate's bound: the watchdog
// cancels the statement from another session, and the finding says who stopped it and why.
TEST(RoundTripCli, AMigrationCannotLiftTheStatementTimeout) {
  test::TempDir dir;
  auto up = dir.write("001_slow.sql", "SET statement_timeout = 0;\nSELECT pg_sleep(25);\n");
  auto started = std::chrono::steady_clock::now();
  auto r = run_schemagate({"roundtrip", "--up", up.string(), "--timeout-ms", "1000", "--format",
                           "json"});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto json = nlohmann::json::parse(r.out);
  std::vector<std::string> failures;
  for (const auto& f : json["findings"]) {
    if (f["rule_id"] == "migration-failed") {
      failures.push_back(std::to_string(f["line"].get<int>()) + ": " +
                         f["message"].get<std::string>());
      EXPECT_EQ(f["help"].get<std::string>().rfind("a statement that runs this long", 0), 0u)
          << f["help"];
    }
  }
  EXPECT_EQ(failures, std::vector<std::string>{
                          "2: migration failed: canceled by schemagate: the statement ran longer "
                          "than the statement timeout of 1000 ms (--timeout-ms; enforced from "
                          "outside the session, so a migration's SET statement_timeout does not "
                          "lift it) (SQLSTATE 57014)"});
  // Not a timing assertion: a sleep of 25 s that ran to its end would mean no bound at all.
  EXPECT_LT(seconds, 25.0);
}

// --deadline bounds the whole round trip: the run stops with a finding at the statement that
// was running, and the migrations after it are reported as skipped, not as passed. (10 s:
// server start on a loaded 2-core machine must not eat the deadline before the sleep runs.)
TEST(RoundTripCli, TheDeadlineStopsTheRunAtTheRunningStatement) {
  test::TempDir dir;
  auto first = dir.write("001_slow.sql", "SELECT 1;\nSELECT pg_sleep(60);\n");
  auto second = dir.write("002_next.sql", "CREATE TABLE t (id int);\n");
  auto r = run_schemagate({"roundtrip", "--up", first.string(), "--up", second.string(),
                           "--deadline", "10", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto json = nlohmann::json::parse(r.out);
  std::vector<std::string> failures;
  for (const auto& f : json["findings"]) {
    if (f["rule_id"] == "migration-failed") {
      failures.push_back(f["file"].get<std::string>() + ":" +
                         std::to_string(f["line"].get<int>()) + ": " +
                         f["message"].get<std::string>());
    }
  }
  ASSERT_EQ(failures.size(), 1u) << r.out;
  EXPECT_EQ(failures[0].rfind(first.string() + ":2: migration failed: stopped by schemagate: the "
                              "round trip reached its deadline (--deadline 10 s) while this "
                              "statement was running",
                              0),
            0u)
      << failures[0];
  ASSERT_EQ(json["roundtrip"].size(), 2u) << r.out;
  EXPECT_EQ(json["roundtrip"][1]["migration"], "002_next");
  EXPECT_EQ(json["roundtrip"][1]["status"], "skipped");
}

TEST(RoundTripCli, MissingPostgresBinariesExitTwo) {
  test::TempDir dir;
  auto up = dir.write("001.sql", "SELECT 1;\n");
  auto r =
      run_schemagate({"roundtrip", "--up", up.string(), "--postgres-bin", dir.path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: --postgres-bin " + dir.path().string() +
                       ": no initdb and postgres executables there\n");
}

}  // namespace
}  // namespace sg
