// One finding per problem (issue 17), as a user sees it from `schemagate check` on a real git
// repository and the embedded PostgreSQL: the patterns squawk, strong_migrations and the seeds
// recommend come out clean, round trip included; a migration with one problem gets exactly one
// finding, by the most specific rule, at its line, with the lock trace's measurement in it.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

// main: users and orders (plain layout, rollback/ beside); the test adds its pull request.
void base_history(const GitFixture& repo) {
  repo.write("migrations/001_init.sql",
             "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
             "  email text NOT NULL, age int);\n"
             "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
             "  total bigint NOT NULL);\n");
  repo.write("migrations/rollback/001_init.sql", "DROP TABLE orders;\nDROP TABLE users;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
}

void add(const GitFixture& repo, const std::string& name, const std::string& up,
         const std::string& down) {
  repo.write("migrations/" + name, up);
  repo.write("migrations/rollback/" + name, down);
}

nlohmann::json check_json(const GitFixture& repo, int& exit_code) {
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  exit_code = r.exit_code;
  return nlohmann::json::parse(r.out);
}

// "file:line:col rule-id" for each finding, in report order.
std::vector<std::string> finding_places(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& f : report["findings"]) {
    out.push_back(f["file"].get<std::string>() + ":" + std::to_string(f["line"].get<int>()) +
                  ":" + std::to_string(f["column"].get<int>()) + " " +
                  f["rule_id"].get<std::string>());
  }
  return out;
}

std::string without_times(const std::string& text) {
  static const std::regex kMs(R"(held \d+ ms)");
  return std::regex_replace(text, kMs, "held N ms");
}

TEST(OneFindingPerProblem, RecommendedPatternsAreCleanRoundTripIncluded) {
  GitFixture repo;
  base_history(repo);
  // lock_timeout, then a nullable column.
  add(repo, "002_add_nickname.sql",
      "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nickname text;\n",
      "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN nickname;\n");
  // A foreign key NOT VALID (it locks both tables in one statement) ...
  add(repo, "003_orders_user_fk.sql",
      "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN user_id bigint;\n"
      "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
      "  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n",
      "SET lock_timeout = '2s';\nALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;\n"
      "ALTER TABLE orders DROP COLUMN user_id;\n");
  // ... validated in a later migration (PostgreSQL cannot undo VALIDATE: nothing to roll back) ...
  add(repo, "004_validate_fk.sql",
      "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;\n", "SELECT 1;\n");
  // ... and its index CONCURRENTLY, alone in its file, in a later migration of the change.
  add(repo, "005_index_user_id.sql",
      "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);\n",
      "DROP INDEX CONCURRENTLY orders_user_id_idx;\n");
  // A new table with its index and foreign key, and the down that drops them.
  add(repo, "006_events.sql",
      "SET lock_timeout = '2s';\n"
      "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
      "  user_id bigint NOT NULL REFERENCES users (id), kind text NOT NULL);\n"
      "CREATE INDEX events_user_id_idx ON events (user_id);\n"
      "ALTER TABLE events ADD COLUMN note text DEFAULT 'x' NOT NULL;\n",
      "DROP INDEX events_user_id_idx;\nDROP TABLE events;\n");
  repo.commit("recommended");
  int exit_code = -1;
  auto j = check_json(repo, exit_code);
  EXPECT_EQ(finding_places(j), std::vector<std::string>{}) << j["findings"].dump(1);
  EXPECT_EQ(exit_code, 0);
  ASSERT_EQ(j["roundtrip"].size(), 5u) << j["roundtrip"].dump(1);
  for (const auto& rt : j["roundtrip"]) EXPECT_EQ(rt["status"], "ok") << rt.dump(1);
  std::map<std::string, std::string> risks;
  for (const auto& f : j["files"]) {
    std::string reasons;
    for (const auto& r : f["risk_reasons"]) reasons += (reasons.empty() ? "" : "; ") + r.get<std::string>();
    risks[f["file"]] = f["risk"].get<std::string>() + " (" + reasons + ")";
  }
  // A new table's index and NOT NULL column change nothing anyone uses yet.
  EXPECT_EQ(risks["migrations/006_events.sql"], "LOW (creates table events)");
  EXPECT_EQ(risks["migrations/002_add_nickname.sql"], "LOW (adds nullable column users.nickname)");
}

TEST(OneFindingPerProblem, EachOneProblemMigrationGetsExactlyOneFinding) {
  GitFixture repo;
  base_history(repo);
  const std::string timeout = "SET lock_timeout = '2s';\n";
  add(repo, "002_index.sql", timeout + "CREATE INDEX users_email_idx ON users (email);\n",
      "DROP INDEX CONCURRENTLY users_email_idx;\n");
  add(repo, "003_type.sql", timeout + "ALTER TABLE users ALTER COLUMN age TYPE bigint;\n",
      timeout +
          "-- schemagate-ignore: changing-column-type -- reverting the widening above\n"
          "ALTER TABLE users ALTER COLUMN age TYPE int;\n");
  add(repo, "004_rename.sql",
      timeout + "ALTER TABLE users RENAME COLUMN email TO email_address;\n",
      timeout + "ALTER TABLE users RENAME COLUMN email_address TO email;\n");
  add(repo, "005_fk.sql",
      timeout + "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);\n"
                "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);\n",
      "DROP INDEX CONCURRENTLY orders_user_id_idx;\n" + timeout +
          "ALTER TABLE orders DROP COLUMN user_id;\n");
  add(repo, "006_truncate.sql", timeout + "TRUNCATE orders CASCADE;\n", "SELECT 1;\n");
  repo.commit("one problem each");
  int exit_code = -1;
  auto j = check_json(repo, exit_code);
  EXPECT_EQ(finding_places(j),
            (std::vector<std::string>{
                "migrations/002_index.sql:2:1 require-concurrent-index-creation",
                "migrations/003_type.sql:2:32 changing-column-type",
                "migrations/004_rename.sql:2:1 renaming-column",
                "migrations/005_fk.sql:2:46 adding-foreign-key-constraint",
                "migrations/006_truncate.sql:2:1 ban-truncate-cascade",
                "migrations/rollback/003_type.sql:3:32 changing-column-type",
            }))
      << j["findings"].dump(1);
  EXPECT_EQ(exit_code, 1);  // ban-truncate-cascade is an error
  std::map<std::string, nlohmann::json> by_file;
  for (const auto& f : j["findings"]) by_file[f["file"]] = f;
  // The lock trace strengthens the static finding: mode and hold time, message and JSON.
  const auto& index = by_file["migrations/002_index.sql"];
  EXPECT_EQ(without_times(index["message"]),
            "CREATE INDEX on existing table users without CONCURRENTLY blocks writes to it (SHARE "
            "lock) until the index is built (lock trace: SHARE on users, held N ms)");
  ASSERT_EQ(index["lock_trace"].size(), 1u) << index.dump(1);
  EXPECT_EQ(index["lock_trace"][0]["relation"], "users");
  EXPECT_EQ(index["lock_trace"][0]["mode"], "SHARE");
  EXPECT_GE(index["lock_trace"][0]["held_ms"].get<long>(), 0);
  EXPECT_EQ(without_times(by_file["migrations/006_truncate.sql"]["message"]),
            "TRUNCATE orders CASCADE also empties every table that references it by foreign key, "
            "and every table referencing those (lock trace: ACCESS EXCLUSIVE on orders, held N "
            "ms)");
  // The foreign key locks both tables in its one statement: one finding with both measured.
  const auto& fk = by_file["migrations/005_fk.sql"];
  ASSERT_EQ(fk["lock_trace"].size(), 2u) << fk.dump(1);
  std::set<std::string> locked;
  for (const auto& l : fk["lock_trace"]) locked.insert(l["relation"].get<std::string>());
  EXPECT_EQ(locked, (std::set<std::string>{"orders", "users"}));
  EXPECT_EQ(by_file["migrations/rollback/003_type.sql"]["suppressed"], true);
}

// What no static rule says is still blocking-lock's: a lock held past the threshold while the
// transaction does other work, or one only the trace saw (inside a function).
TEST(OneFindingPerProblem, BlockingLockReportsLongHoldsAndUnpredictedLocks) {
  GitFixture repo;
  repo.write("migrations/001_init.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
             "CREATE FUNCTION freeze_users() RETURNS void LANGUAGE sql\n"
             "  AS 'LOCK TABLE users IN ACCESS EXCLUSIVE MODE';\n");
  repo.write("migrations/rollback/001_init.sql",
             "DROP FUNCTION freeze_users();\nDROP TABLE users;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  add(repo, "002_slow.sql",
      "SET lock_timeout = '2s';\nBEGIN;\nALTER TABLE users ADD COLUMN nick text;\n"
      "SELECT pg_sleep(1.2);\nCOMMIT;\n",
      "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN nick;\n");
  add(repo, "003_call.sql", "SET lock_timeout = '2s';\nSELECT freeze_users();\n", "SELECT 1;\n");
  repo.commit("locks");
  int exit_code = -1;
  auto j = check_json(repo, exit_code);
  ASSERT_EQ(finding_places(j), (std::vector<std::string>{
                                   "migrations/002_slow.sql:3:1 blocking-lock",
                                   "migrations/003_call.sql:2:1 blocking-lock",
                               }))
      << j["findings"].dump(1);
  EXPECT_EQ(exit_code, 0);
  EXPECT_EQ(without_times(j["findings"][0]["message"]),
            "ACCESS EXCLUSIVE lock on table users blocks reads and writes, held N ms; longer than "
            "the 1000 ms threshold (hold_threshold_ms)");
  EXPECT_GE(j["findings"][0]["lock_trace"][0]["held_ms"].get<long>(), 1000);
  EXPECT_EQ(without_times(j["findings"][1]["message"]),
            "ACCESS EXCLUSIVE lock on table users blocks reads and writes, held N ms; no static "
            "rule predicts this lock for the statement");

  // The threshold is the user's: raised past the hold, the long hold is not reported.
  repo.commit_on_main(".schemagate.toml", "[rules.blocking-lock]\nhold_threshold_ms = 60000\n");
  j = check_json(repo, exit_code);
  EXPECT_EQ(finding_places(j), (std::vector<std::string>{
                                   "migrations/003_call.sql:2:1 blocking-lock",
                               }))
      << j["findings"].dump(1);
}

// A down that re-adds a dropped column restores it last: "column order only", a warning of its
// own whose severity the config decides, not rollback-incomplete.
TEST(OneFindingPerProblem, ColumnOrderOnlyFollowsTheConfiguredSeverity) {
  GitFixture repo;
  repo.write("migrations/001_init.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY, legacy_code text, email text NOT NULL);\n");
  repo.write("migrations/rollback/001_init.sql", "DROP TABLE users;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  add(repo, "002_drop_code.sql",
      "SET lock_timeout = '2s';\n"
      "-- schemagate-ignore: ban-drop-column -- unused since v3\n"
      "ALTER TABLE users DROP COLUMN legacy_code;\n",
      "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN legacy_code text;\n");
  repo.commit("drop code");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_NE(r.out.find("migrations/rollback/002_drop_code.sql:1:1: warning: columns of users are "
                       "in another order after rollback: was `id, legacy_code, email`, now `id, "
                       "email, legacy_code` (column order only) [rollback-column-order]\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("rollback-incomplete"), std::string::npos) << r.out;
  EXPECT_EQ(r.exit_code, 0) << r.out;

  repo.commit_on_main(".schemagate.toml", "[rules]\nrollback-column-order = \"error\"\n");
  r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_NE(r.out.find("002_drop_code.sql:1:1: error: columns of users are in another order"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.exit_code, 1) << r.out;
}

}  // namespace
}  // namespace sg
