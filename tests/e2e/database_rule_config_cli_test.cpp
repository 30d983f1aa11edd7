// Database rules (found by the round trip) follow the configured rule set like statement rules:
// `off` removes their findings and a severity override applies.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;

// main: 001; the pull request adds 002 = `up` with `down`, and `config` at the merge base.
nlohmann::json check(const std::string& config, const std::string& up, const std::string& down,
                     int expected_exit) {
  GitFixture repo;
  if (!config.empty()) repo.write(".schemagate.toml", config);
  repo.write("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
  repo.write("migrations/rollback/001_rollback.sql", "DROP TABLE accounts;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/002_change.sql", up);
  repo.write("migrations/rollback/002_rollback.sql", down);
  repo.commit("002");
  auto r = test::run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format",
                                 "json"});
  EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
  return nlohmann::json::parse(r.out);
}

std::vector<std::string> with_rule(const nlohmann::json& report, const std::string& rule) {
  std::vector<std::string> out;
  for (const auto& f : report["findings"]) {
    if (f["rule_id"] == rule) {
      out.push_back(f["file"].get<std::string>() + ":" + std::to_string(f["line"].get<int>()) +
                    ":" + f["severity"].get<std::string>());
    }
  }
  return out;
}

constexpr const char* kAddColumn = "ALTER TABLE accounts ADD COLUMN note text;\n";
constexpr const char* kDropColumn = "ALTER TABLE accounts DROP COLUMN note;\n";

TEST(DatabaseRuleConfig, BlockingLockOffRemovesItsFindings) {
  // The predicted ACCESS EXCLUSIVE of ADD COLUMN, held for milliseconds, is no finding by
  // default; a threshold of 0 ms makes every blocking hold one.
  // (With lock_timeout set, so that no require-lock-timeout finding takes the trace's evidence.)
  const std::string up = std::string("SET lock_timeout = '5s';\n") + kAddColumn;
  EXPECT_EQ(with_rule(check("", up, kDropColumn, 0), "blocking-lock"), std::vector<std::string>{});
  auto on = check("[rules.blocking-lock]\nhold_threshold_ms = 0\n", up, kDropColumn, 0);
  EXPECT_EQ(with_rule(on, "blocking-lock"),
            std::vector<std::string>{"migrations/002_change.sql:2:warning"});
  auto off = check("[rules.blocking-lock]\nhold_threshold_ms = 0\nseverity = \"off\"\n", up,
                   kDropColumn, 0);
  EXPECT_EQ(with_rule(off, "blocking-lock"), std::vector<std::string>{});
}

TEST(DatabaseRuleConfig, BlockingLockThresholdMustBeAnInteger) {
  GitFixture repo;
  repo.write(".schemagate.toml", "[rules.blocking-lock]\nhold_threshold_ms = \"fast\"\n");
  repo.write("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
  repo.commit("001");
  auto r = test::run_schemagate({"check", "--all", "--no-db", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(".schemagate.toml:2:21: rules.blocking-lock.hold_threshold_ms: expected an "
                       "integer"),
            std::string::npos)
      << r.err;
}

TEST(DatabaseRuleConfig, RollbackIncompleteTakesTheConfiguredSeverity) {
  const char* up = "CREATE TABLE IF NOT EXISTS notes (id int);\n";  // reapplies cleanly
  auto error = check("", up, "SELECT 1;\n", 1);
  EXPECT_EQ(with_rule(error, "rollback-incomplete"),
            std::vector<std::string>{"migrations/rollback/002_rollback.sql:1:error"});
  auto warning = check("[rules]\nrollback-incomplete = \"warning\"\n", up, "SELECT 1;\n", 0);
  EXPECT_EQ(with_rule(warning, "rollback-incomplete"),
            std::vector<std::string>{"migrations/rollback/002_rollback.sql:1:warning"});
}

TEST(DatabaseRuleConfig, MigrationFailedTakesTheConfiguredSeverity) {
  const char* up = "INSERT INTO missing VALUES (1);\n";
  auto error = check("", up, "SELECT 1;\n", 1);
  EXPECT_EQ(with_rule(error, "migration-failed"),
            std::vector<std::string>{"migrations/002_change.sql:1:error"});
  auto warning = check("[rules.migration-failed]\nseverity = \"warning\"\n", up, "SELECT 1;\n", 0);
  EXPECT_EQ(with_rule(warning, "migration-failed"),
            std::vector<std::string>{"migrations/002_change.sql:1:warning"});
}

}  // namespace
}  // namespace sg
