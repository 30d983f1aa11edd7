// Approvals a pending migration needs and which are recorded: from an approvals file, and from
// the merged pull request's reviews on a real HTTP server standing in for GitHub.
#include "gate/approvals.h"

#include <gtest/gtest.h>

#include "fake_github.h"
#include "config/config.h"
#include "test_support.h"

namespace sg {
namespace {

constexpr const char* kToken = "ghs_test_token_Zx9";
const std::string kDrop = "migrations/004_drop_x.sql";

std::vector<std::string> reasons(const std::vector<ApprovalCheck>& checks) {
  std::vector<std::string> out;
  for (const auto& c : checks) out.insert(out.end(), c.reasons.begin(), c.reasons.end());
  return out;
}

TEST(ApprovalsFromFile, MissingAndPresentRolesPerMigration) {
  test::TempDir dir;
  std::string path = dir.write("approvals.toml",
                               "[[approval]]\n"
                               "file = \"migrations/004_drop_x.sql\"\n"
                               "role = \"VP Engineering\"\n"
                               "name = \"Carol Diaz\"\n"
                               "date = 2026-11-20\n"
                               "\n"
                               "[[approval]]\n"
                               "file = \"migrations/005_index.sql\"\n"
                               "role = \"Engineering Manager\"\n"
                               "name = \"Erin Ng\"\n"
                               "date = \"2026-11-21\"\n")
                         .string();
  auto file = read_approvals_file(path);
  ASSERT_TRUE(file) << file.error;
  ApprovalSources sources;
  sources.file = &*file.value;
  auto checked = check_approvals({{kDrop, Risk::kHigh, ""},
                                  {"migrations/005_index.sql", Risk::kMedium, ""},
                                  {"migrations/006_col.sql", Risk::kLow, ""}},
                                 RiskPolicy::defaults(), sources);
  ASSERT_TRUE(checked) << checked.error;
  const std::vector<ApprovalCheck>& checks = *checked.value;
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].required, (std::vector<std::string>{"VP Engineering", "CTO"}));
  EXPECT_EQ(checks[0].missing, std::vector<std::string>{"CTO"});
  ASSERT_EQ(checks[0].recorded.size(), 1u);
  EXPECT_EQ(checks[0].recorded[0].name, "Carol Diaz");
  EXPECT_EQ(checks[0].recorded[0].date, "2026-11-20");
  EXPECT_EQ(checks[0].recorded[0].source, path + ":1");
  EXPECT_EQ(checks[1].missing, std::vector<std::string>{});
  EXPECT_EQ(checks[1].recorded[0].source, path + ":7");
  EXPECT_EQ(reasons(checks),
            (std::vector<std::string>{
                "migrations/004_drop_x.sql (HIGH) needs approval by CTO: not recorded",
                "migrations/006_col.sql (LOW) needs approval by Tech Lead: not recorded"}));
}

TEST(ApprovalsFromFile, ProblemsAreReportedWithTheirPlace) {
  test::TempDir dir;
  std::string path = dir.write("approvals.toml",
                               "[[approval]]\n"
                               "file = \"migrations/004_drop_x.sql\"\n"
                               "role = 3\n"
                               "name = \"Carol\"\n"
                               "date = true\n"
                               "[[approval]]\n"
                               "file = \"migrations/004_drop_x.sql\"\n"
                               "role = \"CTO\"\n"
                               "date = 2026-11-20\n")
                         .string();
  EXPECT_EQ(read_approvals_file(path).error, path + ":3:8: approval.role: expected a non-empty string, got 3\n" + path +
                       ":5:8: approval.date: expected a date, got true\n" + path +
                       ":6:1: approval.name: missing");
  std::string missing = (dir.path() / "nope.toml").string();
  std::string error = read_approvals_file(missing).error;
  EXPECT_EQ(error.rfind(missing + ": cannot read: ", 0), 0u) << error;
}

class ApprovalsFromGitHub : public testing::Test {
 protected:
  ApprovalsFromGitHub() : client_(settings(kToken)) {
    sources_.github = &client_;
    sources_.repository = "acme/shop";
    sources_.approvers = {{"VP Engineering", {"carol"}}, {"CTO", {"Dave"}}};
    github_.add_pull("c0ffee", 41, false);  // an earlier attempt, closed unmerged
    github_.add_pull("c0ffee", 42, true);
  }
  GitHubSettings settings(const std::string& token) {
    GitHubSettings s;
    s.api_url = github_.url();
    s.token = token;
    s.max_total_seconds = 5;
    s.first_backoff_seconds = 0.01;
    return s;
  }
  std::vector<ApprovalCheck> check(std::string& error) {
    auto checked = check_approvals({{kDrop, Risk::kHigh, "c0ffee"}}, RiskPolicy::defaults(), sources_);
    error = checked.error;
    EXPECT_TRUE(checked) << error;
    return checked ? *checked.value : std::vector<ApprovalCheck>{};
  }

  test::FakeGitHub github_;
  RestClient client_;
  ApprovalSources sources_;
};

TEST_F(ApprovalsFromGitHub, ApprovingReviewsOfTheMergedPullRequestCount) {
  github_.add_review(41, "dave", "APPROVED", "2026-11-18T10:00:00Z");  // unmerged: not counted
  github_.add_review(42, "carol", "APPROVED", "2026-11-19T10:00:00Z");
  github_.add_review(42, "mallory", "APPROVED", "2026-11-19T11:00:00Z");  // no role
  std::string error;
  auto checks = check(error);
  ASSERT_EQ(checks.size(), 1u);
  ASSERT_EQ(checks[0].recorded.size(), 1u);
  EXPECT_EQ(checks[0].recorded[0].role, "VP Engineering");
  EXPECT_EQ(checks[0].recorded[0].name, "carol");
  EXPECT_EQ(checks[0].recorded[0].date, "2026-11-19");
  EXPECT_EQ(checks[0].recorded[0].source, "pull request #42");
  EXPECT_EQ(checks[0].reasons, std::vector<std::string>{
                                   "migrations/004_drop_x.sql (HIGH) needs approval by CTO: "
                                   "not recorded"});
  for (const auto& r : github_.requests()) {
    EXPECT_EQ(r.target.find("/pulls/41/"), std::string::npos) << r.target;
  }
}

TEST_F(ApprovalsFromGitHub, ReviewsOnEveryPageCount) {
  github_.page_size = 2;
  github_.add_review(42, "erin", "COMMENTED", "2026-11-19T08:00:00Z");
  github_.add_review(42, "frank", "COMMENTED", "2026-11-19T08:30:00Z");
  github_.add_review(42, "carol", "APPROVED", "2026-11-19T09:00:00Z");
  github_.add_review(42, "grace", "COMMENTED", "2026-11-19T09:30:00Z");
  github_.add_review(42, "DAVE", "APPROVED", "2026-11-19T10:00:00Z");  // page 3
  std::string error;
  auto checks = check(error);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].missing, std::vector<std::string>{});
  EXPECT_EQ(checks[0].recorded.size(), 2u);
  size_t review_pages = 0;
  for (const auto& r : github_.requests()) {
    if (r.target.find("/pulls/42/reviews") != std::string::npos) ++review_pages;
  }
  EXPECT_EQ(review_pages, 3u);
}

TEST_F(ApprovalsFromGitHub, LaterChangesRequestedOverridesAnApproval) {
  github_.add_review(42, "carol", "APPROVED", "2026-11-19T09:00:00Z");
  github_.add_review(42, "dave", "APPROVED", "2026-11-19T09:00:00Z");
  github_.add_review(42, "dave", "CHANGES_REQUESTED", "2026-11-19T12:00:00Z");
  github_.add_review(42, "carol", "COMMENTED", "2026-11-19T13:00:00Z");  // keeps her approval
  std::string error;
  auto checks = check(error);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].reasons,
            std::vector<std::string>{"migrations/004_drop_x.sql (HIGH) needs approval by CTO: "
                                     "not recorded (dave requested changes on pull request #42)"});
}

TEST_F(ApprovalsFromGitHub, ABadTokenIsAnErrorThatNeverShowsTheToken) {
  RestClient wrong(settings("ghp_wrong_secret_value"));
  sources_.github = &wrong;
  auto checked = check_approvals({{kDrop, Risk::kHigh, "c0ffee"}}, RiskPolicy::defaults(), sources_);
  EXPECT_FALSE(checked);
  std::string error = checked.error;
  EXPECT_EQ(error.rfind(kDrop + ": GitHub API: GET " + github_.url() +
                            "/repos/acme/shop/commits/c0ffee/pulls: HTTP 401",
                        0),
            0u)
      << error;
  EXPECT_EQ(error.find("ghp_wrong_secret_value"), std::string::npos);
}

TEST(GateConfig, ApprovalsFileAndApproversAreReadAndDumped) {
  auto result = parse_config(
      "[gate]\napprovals_file = \"ops/approvals.toml\"\n[gate.approvers]\n"
      "\"VP Engineering\" = [\"carol\"]\nCTO = [\"dave\", \"erin\"]\n",
      ".schemagate.toml");
  ASSERT_TRUE(result.config) << result.errors[0];
  EXPECT_EQ(result.config->gate.approvals_file, "ops/approvals.toml");
  EXPECT_EQ(result.config->gate.approvers.at("CTO"), (std::vector<std::string>{"dave", "erin"}));
  std::string dumped = dump_config(*result.config);
  EXPECT_NE(dumped.find("[gate]\napprovals_file = 'ops/approvals.toml'\n"), std::string::npos)
      << dumped;
  auto again = parse_config(dumped, "dump.toml");
  ASSERT_TRUE(again.config) << again.errors[0];
  EXPECT_EQ(again.config->gate.approvers, result.config->gate.approvers);
  EXPECT_EQ(again.config->gate.approvals_file, "ops/approvals.toml");
}

TEST(GateConfig, MistakesAreReportedInTheConfigStyle) {
  auto result = parse_config(
      "[gate]\napprovals_file = 3\napprover = 1\n[gate.approvers]\nCTOO = [\"dave\"]\n"
      "\"Tech Lead\" = \"erin\"\n",
      ".schemagate.toml");
  EXPECT_EQ(result.errors,
            (std::vector<std::string>{
                ".schemagate.toml:2:18: gate.approvals_file: expected a string, got 3",
                ".schemagate.toml:3:1: gate.approver: unknown key; did you mean 'approvers'?",
                ".schemagate.toml:5:1: gate.approvers.CTOO: no risk level needs this role; did "
                "you mean 'CTO'?",
                ".schemagate.toml:6:15: gate.approvers.Tech Lead: expected an array of strings, "
                "got \"erin\""}));
}

}  // namespace
}  // namespace sg
