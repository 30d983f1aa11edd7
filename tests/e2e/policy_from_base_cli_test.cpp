// A pull request does not set the policy it is judged by: check reads .schemagate.toml as the
// merge base has it, reports the pull request's own edit as policy-change, and the edit applies
// once merged.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

const char* const kPolicyChange =
    ".schemagate.toml:1:1: warning: this pull request changes the gate's policy "
    "(.schemagate.toml): the check ran with the merge base's policy, and the change takes effect "
    "once merged [policy-change]\n";

// main: a policy that fails HIGH-risk changes and one migration.
void make_main(const GitFixture& repo) {
  repo.write(".schemagate.toml", "fail_on = \"risk:HIGH\"\n");
  repo.write("migrations/001_users.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY, legacy text);\n");
  repo.write("migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("main");
}

// A pull request that drops a column and switches the gate off for itself.
// check --no-db of the pull request at head against main.
test::CommandResult check(const GitFixture& repo, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"check", "--no-db", "--base", "main", "--repo", repo.dir()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_schemagate(args);
}

void add_self_approving_pull_request(const GitFixture& repo) {
  repo.git({"checkout", "-q", "-b", "drop-legacy"});
  repo.write(".schemagate.toml", "fail_on = \"none\"\n\n[rules]\nban-drop-column = \"off\"\n");
  repo.write("migrations/002_drop_legacy.sql", "ALTER TABLE users DROP COLUMN legacy;\n");
  repo.write("migrations/rollback/002_rollback.sql", "ALTER TABLE users ADD COLUMN legacy text;\n");
  repo.commit("drop legacy, and relax the gate");
}

TEST(PolicyFromBase, APullRequestCannotSwitchTheGateOffForItself) {
  GitFixture repo;
  make_main(repo);
  add_self_approving_pull_request(repo);
  auto r = check(repo);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // risk:HIGH, from the merge base
  EXPECT_NE(r.out.find(kPolicyChange), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("migrations/002_drop_legacy.sql:1:13: warning: dropping column "
                       "users.legacy breaks code that still reads or writes it [ban-drop-column]"),
            std::string::npos)
      << r.out;
}

// The policy change alone is HIGH risk: a gate at fail_on = "risk:HIGH" holds it for approval.
TEST(PolicyFromBase, APolicyOnlyChangeIsHighRisk) {
  GitFixture repo;
  make_main(repo);
  repo.git({"checkout", "-q", "-b", "relax"});
  repo.write(".schemagate.toml", "fail_on = \"none\"\n");
  repo.commit("relax the gate");
  auto r = check(repo, {"--format", "markdown"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("## 🟧 schemagate: HIGH risk", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("### 🟧 `.schemagate.toml`: HIGH risk"), std::string::npos) << r.out;
}

TEST(PolicyFromBase, TheChangedPolicyAppliesOnceMerged) {
  GitFixture repo;
  make_main(repo);
  add_self_approving_pull_request(repo);
  repo.git({"checkout", "-q", "main"});
  repo.git({"merge", "-q", "--no-ff", "-m", "merge", "drop-legacy"});
  repo.git({"checkout", "-q", "-b", "next"});
  repo.write("migrations/003_drop_id.sql", "ALTER TABLE users DROP COLUMN id;\n");
  repo.write("migrations/rollback/003_rollback.sql", "ALTER TABLE users ADD COLUMN id bigint;\n");
  repo.commit("next change");
  auto r = check(repo);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("[policy-change]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("[ban-drop-column]"), std::string::npos) << r.out;
}

TEST(PolicyFromBase, DeletingThePolicyIsAPolicyChange) {
  GitFixture repo;
  make_main(repo);
  repo.git({"checkout", "-q", "-b", "no-policy"});
  repo.remove(".schemagate.toml");
  repo.write("migrations/002_drop_legacy.sql", "ALTER TABLE users DROP COLUMN legacy;\n");
  repo.write("migrations/rollback/002_rollback.sql", "ALTER TABLE users ADD COLUMN legacy text;\n");
  repo.commit("drop legacy and the policy");
  auto r = check(repo);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find(kPolicyChange), std::string::npos) << r.out;
}

TEST(PolicyFromBase, ABrokenPolicyInThePullRequestIsStillAnError) {
  GitFixture repo;
  make_main(repo);
  repo.git({"checkout", "-q", "-b", "typo"});
  repo.write(".schemagate.toml", "fail_on = \n");
  repo.commit("typo");
  auto r = check(repo);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.err.rfind("error: " + repo.dir() + "/.schemagate.toml:1:", 0), 0u) << r.err;
}

// --config outside the repository is the workflow's own file: it applies as it is.
TEST(PolicyFromBase, AConfigOutsideTheRepositoryAppliesAsItIs) {
  GitFixture repo;
  make_main(repo);
  add_self_approving_pull_request(repo);
  test::TempDir ci;
  auto config = ci.write("ci.toml", "fail_on = \"none\"\n");
  auto r = check(repo, {"--config", config.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("[policy-change]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[ban-drop-column]"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace sg
