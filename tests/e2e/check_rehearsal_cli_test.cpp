// `schemagate check --rehearse-rows` and `[roundtrip] rehearse_rows` end to end: a real git
// repository, the embedded PostgreSQL, and a migration that only a populated table rejects.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

// main has users; the feature branch adds a NOT NULL column without a default.
void make_not_null_pull_request(const GitFixture& repo) {
  repo.write("db/migrations/001_users.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_tenant.sql",
             "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN tenant_id int NOT NULL;\n");
  repo.write("db/migrations/rollback/002_rollback.sql",
             "ALTER TABLE users DROP COLUMN tenant_id;\n");
  repo.commit("002");
}

std::vector<std::string> failures(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& f : report["findings"]) {
    if (f["rule_id"] != "migration-failed") continue;
    out.push_back(f["file"].get<std::string>() + ":" + std::to_string(f["line"].get<int>()) + ": " +
                  f["message"].get<std::string>());
  }
  return out;
}

const char* const kExpected =
    "db/migrations/002_tenant.sql:2: migration failed: column \"tenant_id\" of relation "
    "\"users\" contains null values (SQLSTATE 23502) (with 40 rehearsal rows per table)";

TEST(CheckRehearsalCli, TheFlagFillsTheTablesAndTheNotNullColumnFails) {
  GitFixture repo;
  make_not_null_pull_request(repo);
  auto plain =
      run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  auto plain_report = nlohmann::json::parse(plain.out);
  EXPECT_EQ(failures(plain_report), std::vector<std::string>{}) << plain.out;
  EXPECT_FALSE(plain_report["roundtrip"][0].contains("rehearsal")) << plain.out;

  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--rehearse-rows", "40",
                           "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(failures(report), std::vector<std::string>{kExpected}) << r.out;
  const auto& rehearsal = report["roundtrip"][0]["rehearsal"];
  EXPECT_EQ(rehearsal["rows_per_table"], 40);
  ASSERT_EQ(rehearsal["tables"].size(), 1u) << r.out;
  EXPECT_EQ(rehearsal["tables"][0]["table"], "users");
  EXPECT_EQ(rehearsal["tables"][0]["rows"], 40);
  EXPECT_EQ(rehearsal["unfilled"], nlohmann::json::array());
}

TEST(CheckRehearsalCli, TheConfigKeyTurnsItOnAndTheFlagOverridesIt) {
  GitFixture repo;
  make_not_null_pull_request(repo);
  repo.commit_on_main(".schemagate.toml", "[roundtrip]\nrehearse_rows = 40\n");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(failures(nlohmann::json::parse(r.out)), std::vector<std::string>{kExpected}) << r.out;
  auto off = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--rehearse-rows",
                             "0", "--format", "json"});
  EXPECT_EQ(failures(nlohmann::json::parse(off.out)), std::vector<std::string>{}) << off.out;
  auto dump =
      run_schemagate({"rules", "--dump-config", "--config", repo.dir() + "/.schemagate.toml"});
  EXPECT_NE(dump.out.find("[roundtrip]\nmigrations_as_superuser = false\nrehearse_rows = 40\n"),
            std::string::npos)
      << dump.out;
}

TEST(CheckRehearsalCli, AnUnfilledTableIsANoteAndIsListedInTextAndMarkdown) {
  GitFixture repo;
  repo.write("db/migrations/001_slots.sql",
             "CREATE TABLE slots (id int PRIMARY KEY, during tstzrange NOT NULL);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE slots;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_note.sql",
             "SET lock_timeout = '2s';\nALTER TABLE slots ADD COLUMN note text;\n");
  repo.write("db/migrations/rollback/002_rollback.sql", "ALTER TABLE slots DROP COLUMN note;\n");
  repo.commit("002");
  auto text =
      run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--rehearse-rows", "10"});
  EXPECT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_NE(text.out.find("rehearsal: 10 rows in each of 0 tables ("), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("  slots: NOT FILLED: cannot make a value of type tstzrange for NOT "
                          "NULL column during\n"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.err.find("data rehearsal: table slots was not filled (cannot make a value of "
                          "type tstzrange for NOT NULL column during); the round trip ran with "
                          "it empty"),
            std::string::npos)
      << text.err;
  auto md = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--rehearse-rows",
                            "10", "--format", "markdown"});
  EXPECT_NE(md.out.find("\n**Data rehearsal**: 10 rows in each of 0 tables ("), std::string::npos)
      << md.out;
  EXPECT_NE(md.out.find("\n- ⚠️ `slots` not filled: cannot make a value of type tstzrange for "
                        "NOT NULL column during\n"),
            std::string::npos)
      << md.out;
}

}  // namespace
}  // namespace sg
