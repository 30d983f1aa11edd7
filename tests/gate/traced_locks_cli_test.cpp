// The deployment plan's expected locks from the pull-request check's lock trace: a real `check`
// on a real git repository and the embedded PostgreSQL saves its JSON report, then `gate
// --check-report` on a target where those migrations are pending shows the traced locks beside
// the static ones; content no check traced shows only the static locks.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "repo/git_fixture.h"
#include "target_support.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;
using test::TargetDb;

// main: users with an index; the pull request adds a column, creates an index and drops the old
// one (DROP INDEX names no table: the static model predicts nothing, the trace sees the lock).
void make_pull_request(const GitFixture& repo) {
  repo.write("db/migrations/001_init.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY);\n"
             "CREATE INDEX users_old_idx ON users (id);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_nick.sql", "ALTER TABLE users ADD COLUMN nick text;\n");
  repo.write("db/migrations/rollback/002_rollback.sql", "ALTER TABLE users DROP COLUMN nick;\n");
  repo.write("db/migrations/003_nick_idx.sql", "CREATE INDEX users_nick_idx ON users (nick);\n");
  repo.write("db/migrations/rollback/003_rollback.sql", "DROP INDEX users_nick_idx;\n");
  repo.write("db/migrations/004_drop_old.sql", "DROP INDEX users_old_idx;\n");
  repo.write("db/migrations/rollback/004_rollback.sql",
             "CREATE INDEX users_old_idx ON users (id);\n");
  repo.commit("nick");
}

std::string without_times(const std::string& text) {
  static const std::regex kMs(R"(held \d+ ms)");
  return std::regex_replace(text, kMs, "held N ms");
}

// The check runs once for the suite: it starts its own server and takes seconds.
class TracedLocks : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    repo_ = new GitFixture();
    make_pull_request(*repo_);
    report_ = (repo_->path() / "check-report.json").string();
    audit_ = (repo_->path() / "check-audit.jsonl").string();
    auto check = run_schemagate({"check", "--base", "main", "--repo", repo_->dir(), "--format",
                                 "json", "--audit-log", audit_});
    auto json = nlohmann::json::parse(check.out, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << check.err;
    ASSERT_EQ(json["roundtrip"].size(), 3u) << check.out;
    for (const auto& rt : json["roundtrip"]) ASSERT_EQ(rt["status"], "ok") << rt.dump();
    std::ofstream(report_) << check.out;
  }
  static void TearDownTestSuite() {
    delete repo_;
    repo_ = nullptr;
  }
  // A target where 001 is applied and the pull request's migrations are pending.
  static void prepare(const TargetDb& target) {
    target.exec(
        "CREATE TABLE schema_metadata (version text PRIMARY KEY, description text,"
        " applied_at timestamptz NOT NULL DEFAULT now());\n"
        "CREATE TABLE users (id bigint PRIMARY KEY);\n"
        "CREATE INDEX users_old_idx ON users (id);\n"
        "INSERT INTO schema_metadata VALUES ('001', 'Initial', '2025-01-02 10:00:00+00');");
  }
  static test::CommandResult gate(const TargetDb& target, std::vector<std::string> extra) {
    // These tests are about the plan's locks, not approvals.
    std::vector<std::string> args{"gate",         "--database-url", target.url(),
                                  "--repo",       repo_->dir(),     "--dir",
                                  "db/migrations", "--no-drift",    "--no-approvals"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_schemagate(args);
  }

  static GitFixture* repo_;
  static std::string report_;
  static std::string audit_;
};
GitFixture* TracedLocks::repo_ = nullptr;
std::string TracedLocks::report_;
std::string TracedLocks::audit_;

TEST_F(TracedLocks, TextPlanShowsTracedLocksBesideTheStaticOnes) {
  TargetDb target("gate_traced_text");
  ASSERT_EQ(target.error(), "");
  prepare(target);
  auto r = gate(target, {"--check-report", report_});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  std::string out = without_times(r.out);
  EXPECT_NE(out.find("1. 002  db/migrations/002_nick.sql  risk LOW (adds nullable column "
                     "users.nick; require-lock-timeout at line 1)\n"
                     "   transaction: statement by statement (autocommit; the file's own "
                     "BEGIN/COMMIT apply)\n"
                     "   locks (static rules): ACCESS EXCLUSIVE on users (line 1)\n"
                     "   locks (traced by check, " + report_ + "): ACCESS EXCLUSIVE on table "
                     "users (blocks reads and writes), held N ms (line 1)\n"
                     "   rollback: db/migrations/rollback/002_rollback.sql\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("   locks (static rules): SHARE on users (line 1)\n"
                     "   locks (traced by check, " + report_ + "): SHARE on table users (blocks "
                     "writes), held N ms (line 1)\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("   locks (static rules): none on existing tables\n"
                     "   locks (traced by check, " + report_ + "): ACCESS EXCLUSIVE on table "
                     "users (blocks reads and writes), held N ms (line 1), ACCESS EXCLUSIVE "
                     "on index users_old_idx (blocks reads and writes), held N ms (line 1)\n"
                     "   lock model and trace disagree: line 1: the trace saw ACCESS EXCLUSIVE "
                     "on users, which blocks reads and writes; the lock model predicts no "
                     "blocking lock on it\n"),
            std::string::npos)
      << out;
}

TEST_F(TracedLocks, JsonAndMarkdownPlansLabelEachSource) {
  TargetDb target("gate_traced_json");
  ASSERT_EQ(target.error(), "");
  prepare(target);
  auto r = gate(target, {"--check-report", report_, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  auto plan = nlohmann::json::parse(r.out)["plan"];
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0]["locks"], nlohmann::json::array({"ACCESS EXCLUSIVE on users (line 1)"}));
  ASSERT_EQ(plan[0]["traced_locks"].size(), 1u) << plan[0].dump();
  EXPECT_EQ(without_times(plan[0]["traced_locks"][0].get<std::string>()),
            "ACCESS EXCLUSIVE on table users (blocks reads and writes), held N ms (line 1)");
  EXPECT_EQ(plan[0]["traced_from"], report_);
  EXPECT_EQ(plan[0]["lock_disagreements"], nlohmann::json::array());
  EXPECT_EQ(plan[1]["locks"], nlohmann::json::array({"SHARE on users (line 1)"}));
  EXPECT_EQ(without_times(plan[1]["traced_locks"][0].get<std::string>()),
            "SHARE on table users (blocks writes), held N ms (line 1)");
  EXPECT_EQ(plan[2]["locks"], nlohmann::json::array());
  EXPECT_EQ(plan[2]["lock_disagreements"],
            nlohmann::json::array({"line 1: the trace saw ACCESS EXCLUSIVE on users, which blocks "
                                   "reads and writes; the lock model predicts no blocking lock "
                                   "on it"}));
  // The checklist ticks what the check proved for exactly this content, naming the report.
  auto item = [&plan](size_t i, const std::string& id) {
    for (const auto& c : plan[i]["checklist"]) {
      if (c["id"] == id) return c;
    }
    return nlohmann::json();
  };
  EXPECT_EQ(item(0, "tested-fresh")["done"], true) << plan[0]["checklist"].dump();
  std::string tested = item(0, "tested-fresh")["evidence"].get<std::string>();
  EXPECT_EQ(tested.rfind("applied on a fresh database on PostgreSQL 15.", 0), 0u) << tested;
  EXPECT_EQ(tested.substr(tested.size() - report_.size() - 14), "(recorded in " + report_ + ")");
  EXPECT_EQ(item(0, "rollback-tested")["done"], true);
  EXPECT_EQ(item(0, "no-blocking-lock")["done"], false);  // ADD COLUMN: ACCESS EXCLUSIVE
  EXPECT_EQ(item(0, "technical-review")["done"], false);  // approvals are not checked here

  auto md = gate(target, {"--check-report", report_, "--format", "markdown"});
  ASSERT_EQ(md.exit_code, 0) << md.err << md.out;
  EXPECT_NE(without_times(md.out).find(
                "- Locks (static rules): SHARE on users (line 1)\n"
                "- Locks (traced by check, `" + report_ + "`): SHARE on table users (blocks "
                "writes), held N ms (line 1)\n"),
            std::string::npos)
      << md.out;
  EXPECT_NE(md.out.find("- Lock model and trace disagree: line 1: the trace saw ACCESS "
                        "EXCLUSIVE on users"),
            std::string::npos)
      << md.out;
}

// The audit log proves the round trip passed but holds no trace: static locks only, as before.
TEST_F(TracedLocks, AnAuditRecordWithoutTraceGivesOnlyStaticLocks) {
  TargetDb target("gate_traced_audit");
  ASSERT_EQ(target.error(), "");
  prepare(target);
  auto r = gate(target, {"--check-audit-log", audit_});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("   locks: ACCESS EXCLUSIVE on users (line 1)\n"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("traced"), std::string::npos) << r.out;
  // The audit record proves the round trip passed, not what it traced.
  EXPECT_NE(r.out.find("     [x] Rollback tested: up, down, up restored the schema exactly "
                       "(recorded in " + audit_ + ":"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("     [ ] No blocking lock on a busy table\n"), std::string::npos) << r.out;
}

// Content no check saw: blocked for want of a record, and the plan has no trace for it, while
// the traced migrations keep theirs.
TEST_F(TracedLocks, AMigrationWithoutAMatchingRecordShowsOnlyStaticLocks) {
  TargetDb target("gate_traced_unmatched");
  ASSERT_EQ(target.error(), "");
  prepare(target);
  test::TempDir copy;
  for (const char* f : {"001_init.sql", "002_nick.sql", "003_nick_idx.sql", "004_drop_old.sql",
                        "rollback/001_rollback.sql", "rollback/002_rollback.sql",
                        "rollback/003_rollback.sql", "rollback/004_rollback.sql"}) {
    copy.write(std::string("db/migrations/") + f,
               test::read_file(repo_->path() / "db/migrations" / f));
  }
  copy.write("db/migrations/003_nick_idx.sql",
             "CREATE INDEX users_nick_idx ON users (nick, id);\n");  // edited after the check
  auto r = run_schemagate({"gate", "--database-url", target.url(), "--repo",
                           copy.path().string(), "--dir", "db/migrations", "--no-drift",
                           "--no-approvals", "--check-report", report_, "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err << r.out;
  auto plan = nlohmann::json::parse(r.out)["plan"];
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0]["traced_from"], report_);
  EXPECT_EQ(plan[1]["file"], "db/migrations/003_nick_idx.sql");
  EXPECT_EQ(plan[1]["locks"], nlohmann::json::array({"SHARE on users (line 1)"}));
  EXPECT_EQ(plan[1]["traced_locks"], nlohmann::json());
  EXPECT_EQ(plan[1]["traced_from"], nlohmann::json());
  EXPECT_EQ(plan[1]["lock_disagreements"], nlohmann::json::array());
}

}  // namespace
}  // namespace sg
