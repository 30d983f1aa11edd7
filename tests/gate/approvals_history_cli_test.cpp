// `gate` asks GitHub about each pending migration's own pull request: the commit that gave the
// file its content, found in a real git history, on a fake GitHub on 127.0.0.1 that answers
// differently per commit. A shallow clone without those commits falls back to $GITHUB_SHA and
// says so per file.
#include <gtest/gtest.h>

#include "fake_github.h"
#include "repo/git_fixture.h"
#include "target_support.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::TargetDb;

constexpr const char* kToken = "ghs_test_token_Zx9";

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// main: 001; pull request A adds 002, pull request B adds 003, each merged with a merge commit.
struct TwoPullRequests {
  GitFixture repo;
  std::string commit_a;
  std::string commit_b;
  std::string head;
  TwoPullRequests() {
    repo.write(".schemagate.toml", "[gate.approvers]\n\"Tech Lead\" = [\"tina\"]\n");
    repo.write("migrations/001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
    repo.commit("init");
    commit_a = merged("pr-a", "migrations/002_add_email.sql",
                      "ALTER TABLE users ADD COLUMN email text;\n");
    commit_b = merged("pr-b", "migrations/003_add_nick.sql",
                      "ALTER TABLE users ADD COLUMN nick text;\n");
    head = first_line(repo.git({"rev-parse", "HEAD"}));
  }
  std::string merged(const std::string& branch, const std::string& file,
                     const std::string& text) {
    repo.git({"checkout", "-q", "-b", branch});
    repo.write(file, text);
    std::string sha = repo.commit(branch);
    repo.git({"checkout", "-q", "main"});
    repo.write("CHANGELOG", branch);  // main moved on: a real merge commit
    repo.commit("changelog " + branch);
    repo.git({"merge", "-q", "--no-ff", "-m", "Merge " + branch, branch});
    return sha;
  }
};

void prepare(const TargetDb& target) {
  target.exec(
      "CREATE TABLE schema_metadata (version text PRIMARY KEY, description text,"
      " applied_at timestamptz NOT NULL DEFAULT now());\n"
      "CREATE TABLE users (id bigint PRIMARY KEY);\n"
      "INSERT INTO schema_metadata VALUES ('001', 'Initial', '2025-01-02 10:00:00+00');");
}

test::CommandResult gate(const TargetDb& target, const test::FakeGitHub& github,
                         const std::string& checkout, const std::string& github_sha,
                         const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv{"env",
                                "GITHUB_TOKEN=" + std::string(kToken),
                                "GITHUB_API_URL=" + github.url(),
                                "GITHUB_REPOSITORY=acme/shop",
                                "GITHUB_SHA=" + github_sha,
                                SG_BINARY,
                                "gate",
                                "--database-url",
                                target.url(),
                                "--repo",
                                checkout,
                                "--dir",
                                "migrations",
                                "--config",
                                checkout + "/.schemagate.toml",
                                "--no-drift",
                                // These tests are about approvals only.
                                "--no-roundtrip-record"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return test::run_program(argv);
}

std::vector<std::string> pull_lookups(test::FakeGitHub& github) {
  std::vector<std::string> out;
  for (const auto& r : github.requests()) {
    if (r.target.find("/pulls") != std::string::npos &&
        r.target.find("/commits/") != std::string::npos) {
      out.push_back(r.target);
    }
  }
  return out;
}

TEST(GateApprovalsFromHistory, EachMigrationGetsItsOwnPullRequestsApprovals) {
  TwoPullRequests prs;
  TargetDb target("gate_approvals_history");
  ASSERT_EQ(target.error(), "");
  prepare(target);
  test::FakeGitHub github;
  github.add_pull(prs.commit_a, 11, true);
  github.add_review(11, "tina", "APPROVED", "2026-11-19T10:00:00Z");
  github.add_pull(prs.commit_b, 12, true);
  github.add_review(12, "tina", "CHANGES_REQUESTED", "2026-11-20T10:00:00Z");
  github.add_pull(prs.head, 99, true);  // the release commit's own PR must not be asked
  github.add_review(99, "tina", "APPROVED", "2026-11-21T10:00:00Z");

  auto r = gate(target, github, prs.repo.dir(), prs.head);
  EXPECT_EQ(r.exit_code, 1) << r.err << r.out;
  EXPECT_EQ(r.out,
            "blocked: migrations/003_add_nick.sql (LOW) needs approval by Tech Lead: not "
            "recorded (tina requested changes on pull request #12)\n");
  EXPECT_EQ(pull_lookups(github),
            (std::vector<std::string>{"/repos/acme/shop/commits/" + prs.commit_a + "/pulls",
                                      "/repos/acme/shop/commits/" + prs.commit_b + "/pulls"}));
  EXPECT_EQ(r.err.find("cannot find the commit"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(kToken), std::string::npos);
  EXPECT_EQ(r.out.find(kToken), std::string::npos);

  // --commit still names one commit for all of them.
  auto all = gate(target, github, prs.repo.dir(), "", {"--commit", prs.head});
  EXPECT_EQ(all.exit_code, 0) << all.err << all.out;
}

TEST(GateApprovalsFromHistory, AShallowCloneFallsBackToGithubShaWithANote) {
  TwoPullRequests prs;
  test::TempDir parent;
  std::string clone = (parent.path() / "clone").string();
  auto cloned =
      test::run_program({"git", "clone", "-q", "--depth", "1", "file://" + prs.repo.dir(), clone});
  ASSERT_EQ(cloned.exit_code, 0) << cloned.err;
  TargetDb target("gate_approvals_shallow");
  ASSERT_EQ(target.error(), "");
  prepare(target);
  test::FakeGitHub github;
  github.add_pull(prs.head, 99, true);
  github.add_review(99, "tina", "APPROVED", "2026-11-21T10:00:00Z");

  auto r = gate(target, github, clone, prs.head);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  std::string head12 = prs.head.substr(0, 12);
  for (const char* file : {"migrations/002_add_email.sql", "migrations/003_add_nick.sql"}) {
    EXPECT_NE(r.err.find("note: " + std::string(file) +
                         ": cannot find the commit that brought it (the history stops at " +
                         head12 + " (a shallow clone); fetch it (actions/checkout with "
                         "`fetch-depth: 0`)); looking up the pull request of $GITHUB_SHA " +
                         head12 + " instead\n"),
              std::string::npos)
        << r.err;
  }
  EXPECT_EQ(pull_lookups(github),
            (std::vector<std::string>{"/repos/acme/shop/commits/" + prs.head + "/pulls",
                                      "/repos/acme/shop/commits/" + prs.head + "/pulls"}));

  // Without $GITHUB_SHA there is nothing to ask: the approvals are missing, and the note says why.
  auto none = gate(target, github, clone, "");
  EXPECT_EQ(none.exit_code, 1) << none.err << none.out;
  EXPECT_NE(none.err.find("note: migrations/003_add_nick.sql: cannot find the commit that "
                          "brought it (the history stops at " +
                          head12 + " (a shallow clone); fetch it (actions/checkout with "
                          "`fetch-depth: 0`)); its pull request's reviews are not looked up "
                          "(no $GITHUB_SHA either)\n"),
            std::string::npos)
      << none.err;
  EXPECT_NE(none.out.find("blocked: migrations/003_add_nick.sql (LOW) needs approval by Tech "
                          "Lead: not recorded\n"),
            std::string::npos)
      << none.out;
}

}  // namespace
}  // namespace sg
