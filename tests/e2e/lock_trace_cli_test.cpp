// `schemagate check` with the lock trace, as a user runs it on a real git repository and the
// embedded PostgreSQL: no blocking-lock for the predicted short lock, the JSON "locks", the text and markdown
// renderings and the checklist item that the trace ticks.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

// main: users; feature: 002 adds a column to it (ACCESS EXCLUSIVE) and creates a table.
void make_pull_request(const GitFixture& repo, const std::string& up) {
  repo.write("db/migrations/001_init.sql",
             "SET lock_timeout = '5s';\nCREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migrations/rollback/001_rollback.sql",
             "SET lock_timeout = '5s';\nDROP TABLE users;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_nick.sql", up);
  repo.write("db/migrations/rollback/002_rollback.sql",
             "SET lock_timeout = '5s';\nDROP TABLE IF EXISTS notes;\n"
             "ALTER TABLE users DROP COLUMN IF EXISTS nick;\n");
  repo.commit("nick");
}

std::string without_times(const std::string& text) {
  static const std::regex kMs(R"(\d+ ms)");
  return std::regex_replace(text, kMs, "N ms");
}

TEST(LockTraceCli, JsonHasTheLocksAndNoFindingForThePredictedShortLock) {
  GitFixture repo;
  make_pull_request(repo, "SET lock_timeout = '5s';\nCREATE TABLE notes (id bigint);\n"
                          "ALTER TABLE users\n  ADD COLUMN nick text;\n");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  auto j = nlohmann::json::parse(r.out);
  // The recommended pattern (lock_timeout, then a nullable column): the ACCESS EXCLUSIVE lock
  // is the predicted one, held for milliseconds, so the trace is evidence, not a finding.
  EXPECT_EQ(j["findings"], nlohmann::json::array()) << r.out;
  const auto& rt = j["roundtrip"][0];
  ASSERT_EQ(rt["locks"].size(), 1u) << rt.dump();
  const auto& lock = rt["locks"][0];
  EXPECT_EQ(lock["predicted"], true);
  EXPECT_EQ(lock["statement_line"], 3);
  EXPECT_EQ(lock["relation"], "users");
  EXPECT_EQ(lock["kind"], "table");
  EXPECT_EQ(lock["mode"], "ACCESS EXCLUSIVE");
  EXPECT_EQ(lock["blocks"], "reads and writes");
  EXPECT_GE(lock["held_ms"].get<long>(), 0);
  ASSERT_EQ(rt["statements"].size(), 3u);
  EXPECT_EQ(rt["statements"][2]["line"], 3);
  EXPECT_EQ(rt["lock_disagreements"], nlohmann::json::array());
}

TEST(LockTraceCli, TextListsTheLocksUnderTheMigration) {
  GitFixture repo;
  make_pull_request(repo, "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nick text;\n");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_NE(without_times(r.out).find(
                "  lock    line 2: ACCESS EXCLUSIVE on table users (blocks reads and writes), "
                "held N ms\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("[blocking-lock]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n0 errors, 0 warnings in 2 files\n"), std::string::npos) << r.out;
}

TEST(LockTraceCli, MarkdownShowsTheLockTableAndTicksTheChecklistOnlyWithoutBlockingLocks) {
  GitFixture repo;
  make_pull_request(repo, "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nick text;\n");
  auto blocked =
      run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "markdown"});
  EXPECT_NE(without_times(blocked.out)
                .find("| Line | Relation | Mode | Blocks | Held |\n|---|---|---|---|---|\n"
                      "| 2 | table `users` | ACCESS EXCLUSIVE | reads and writes | N ms |\n"),
            std::string::npos)
      << blocked.out;
  EXPECT_NE(blocked.out.find("- [ ] No blocking lock on a busy table\n"), std::string::npos)
      << blocked.out;

  repo.write("db/migrations/002_nick.sql",
             "SET lock_timeout = '5s';\nCREATE TABLE notes (id bigint);\n"
             "CREATE INDEX CONCURRENTLY users_id ON users (id);\n");
  repo.write("db/migrations/rollback/002_rollback.sql",
             "SET lock_timeout = '5s';\nDROP INDEX CONCURRENTLY users_id;\nDROP TABLE notes;\n");
  repo.commit("concurrently");
  auto clean =
      run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "markdown"});
  EXPECT_NE(clean.out.find("- [x] No blocking lock on a busy table: lock trace on PostgreSQL "),
            std::string::npos)
      << clean.out;
  // The CONCURRENTLY build on an empty table may finish between two polls of the second
  // connection, so the count of locks seen is 0 or 1; the statements are always 3.
  EXPECT_NE(clean.out.find(": no lock blocking reads or writes on an existing table ("),
            std::string::npos)
      << clean.out;
  EXPECT_NE(clean.out.find(" on 3 statements traced)\n"), std::string::npos) << clean.out;
}

}  // namespace
}  // namespace sg
