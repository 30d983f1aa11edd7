// The binary with a configuration: discovery from a git repository, flags over the file,
// --dump-config, risk lines and --fail-on risk:LEVEL.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace sg {
namespace {

using test::run_schemagate;

// A real git repository with a config at its root and a migration two levels down.
class ConfigRepo : public testing::Test {
 protected:
  void SetUp() override {
    auto git = test::run_program({"git", "init", "-q", dir_.path().string()});
    ASSERT_EQ(git.exit_code, 0) << git.err;
    dir_.write(".schemagate.toml",
               "fail_on = \"warning\"\n\n[rules.require-concurrent-index-creation]\n"
               "severity = \"off\"\n\n[risk.approvals]\nHIGH = [\"CTO\", \"DBA\"]\n\n"
               "[compliance]\ntables = [\"users\"]\n");
    // Both set lock_timeout, as they should: require-lock-timeout is not under test here.
    dir_.write("db/migrations/002_drop.sql",
               "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN legacy;\n");
    dir_.write("db/migrations/003_index.sql",
               "SET lock_timeout = '5s';\nCREATE INDEX i ON orders (id);\n");
  }
  std::string cwd() const { return (dir_.path() / "db/migrations").string(); }
  test::TempDir dir_;
};

TEST_F(ConfigRepo, FileFoundFromASubdirectoryAppliesSeveritiesFailOnAndApprovals) {
  auto r = run_schemagate({"lint", "002_drop.sql", "003_index.sql"}, "", cwd());
  EXPECT_EQ(r.exit_code, 1) << r.err;  // fail_on = "warning" from the file
  EXPECT_EQ(r.out,
            "002_drop.sql:2:13: warning: dropping column users.legacy breaks code that still "
            "reads or writes it [ban-drop-column]\n"
            "  help: expand-contract: stop using the column in a deployed release first, then "
            "drop it in a later migration\n"
            "002_drop.sql: risk HIGH (drops column users.legacy; ban-drop-column at line 2) - "
            "approvals: CTO, DBA - compliance review: users\n"
            "003_index.sql: risk MEDIUM (creates an index on orders without CONCURRENTLY) - "
            "approvals: Engineering Manager\n"
            "0 errors, 1 warning in 2 files\n");
}

TEST_F(ConfigRepo, FlagsOverrideTheFile) {
  EXPECT_EQ(run_schemagate({"lint", "--fail-on", "error", "002_drop.sql"}, "", cwd()).exit_code, 0);
  EXPECT_EQ(
      run_schemagate({"lint", "--fail-on", "risk:CRITICAL", "002_drop.sql"}, "", cwd()).exit_code,
      0);
  auto other = dir_.write("other.toml", "[rules.ban-drop-column]\nseverity = \"off\"\n");
  auto r = run_schemagate({"lint", "--config", other.string(), "--format", "json", "002_drop.sql"},
                          "", cwd());
  EXPECT_EQ(r.exit_code, 0) << r.err;  // other.toml has no fail_on: default "error"
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["findings"].empty());
  ASSERT_EQ(j["files"].size(), 1u);
  EXPECT_EQ(j["files"][0]["file"], "002_drop.sql");
  EXPECT_EQ(j["files"][0]["risk"], "HIGH");
  EXPECT_EQ(j["files"][0]["risk_reasons"], nlohmann::json({"drops column users.legacy"}));
  EXPECT_EQ(j["files"][0]["approvals"], nlohmann::json({"VP Engineering", "CTO"}));
  EXPECT_EQ(j["files"][0]["compliance_review"], false);
}

TEST_F(ConfigRepo, PgVersionFlagOverridesTheFileAndIsChecked) {
  dir_.write(".schemagate.toml", "pg_version = 11\n");
  auto dump = run_schemagate({"rules", "--dump-config"}, "", cwd());
  EXPECT_EQ(dump.exit_code, 0) << dump.err;
  EXPECT_NE(dump.out.find("pg_version = 11\n"), std::string::npos) << dump.out;
  EXPECT_EQ(run_schemagate({"lint", "--pg-version", "8", "002_drop.sql"}, "", cwd()).exit_code, 2);
}

TEST_F(ConfigRepo, BadConfigIsAUsageErrorWithItsPosition) {
  dir_.write(".schemagate.toml", "pg_version = 14\n\n[rules.ban-drop-column]\nseverity = 3\n");
  auto r = run_schemagate({"lint", "002_drop.sql"}, "", dir_.path().string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: .schemagate.toml:4:12: rules.ban-drop-column.severity: expected one of "
            "\"error\", \"warning\", \"off\", got 3\n");
  EXPECT_EQ(r.out, "");
  auto missing = run_schemagate({"lint", "--config", "nope.toml", "-"}, "SELECT 1;", cwd());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "error: nope.toml: cannot read: No such file or directory\n");
}

TEST_F(ConfigRepo, DumpConfigShowsTheEffectiveValues) {
  auto r = run_schemagate({"rules", "--dump-config"}, "", cwd());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("# schemagate effective configuration (from ../../.schemagate.toml)\n", 0),
            0u)
      << r.out;
  for (const char* line :
       {"fail_on = 'warning'\n", "HIGH = [ 'CTO', 'DBA' ]\n", "tables = [ 'users' ]\n",
        "[rules.require-concurrent-index-creation]\nseverity = 'off'\n",
        "[rules.ban-drop-column]\nseverity = 'warning'\n"}) {
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n" << r.out;
  }
}

TEST(FailOnRisk, AFileRiskFailsEvenWithoutAFinding) {
  // The statement alone is CRITICAL (seed 004), whichever rules flag it.
  std::string fk =
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (uid) REFERENCES users (id);\n";
  auto r = run_schemagate({"lint", "--fail-on", "risk:CRITICAL", "-"}, fk);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("<stdin>: risk CRITICAL (adds a foreign key on orders) - approvals: "
                       "Executive Team\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(run_schemagate({"lint", "--fail-on", "risk:CRITICAL", "-"},
                           "ALTER TABLE t ADD COLUMN c text;\n")
                .exit_code,
            0);
}

}  // namespace
}  // namespace sg
