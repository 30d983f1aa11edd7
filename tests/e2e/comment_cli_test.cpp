// `schemagate comment` against a real HTTP server on 127.0.0.1: pagination, injected 502 and
// 429, a human quoting the marker, GitHub's size limit, and the token kept secret.
#include <gtest/gtest.h>

#include "fake_github.h"
#include "test_support.h"

namespace sg {
namespace {

constexpr const char* kToken = "ghs_test_token_Zx9";

test::CommandResult comment(const test::FakeGitHub& github, const std::string& report,
                            std::vector<std::string> extra = {},
                            const std::string& token = kToken) {
  std::vector<std::string> argv{"env",
                                "GITHUB_TOKEN=" + token,
                                "GITHUB_API_URL=" + github.url(),
                                "GITHUB_REPOSITORY=acme/shop",
                                "SCHEMAGATE_GITHUB_TIMEOUT=20",
                                SG_BINARY,
                                "comment",
                                "--report",
                                report,
                                "--pr",
                                "7"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return test::run_program(argv);
}

std::string report_with(int findings) {
  nlohmann::json report = {{"findings", nlohmann::json::array()}};
  for (int i = 1; i <= findings; ++i) {
    report["findings"].push_back({{"rule_id", "ban-drop-column"},
                                  {"severity", "warning"},
                                  {"risk", "HIGH"},
                                  {"file", "migrations/002_drop.sql"},
                                  {"line", i},
                                  {"column", 1},
                                  {"message", "dropping column t.c" + std::to_string(i)},
                                  {"help", std::string(300, 'h')},
                                  {"suppressed", false}});
  }
  return report.dump();
}

void expect_no_token(const test::CommandResult& r) {
  EXPECT_EQ(r.out.find(kToken), std::string::npos);
  EXPECT_EQ(r.err.find(kToken), std::string::npos);
}

TEST(CommentCli, OneCommentAfterSeveralRunsUpdatedInPlaceHumanCommentUntouched) {
  test::FakeGitHub github;
  test::TempDir dir;
  github.add_comment("alice", "Looks risky");
  const std::string quote = "> last run said\n> <!-- schemagate -->\nplease fix";
  long long human = github.add_comment("bob", quote);
  github.add_comment("carol", "+1");
  auto one = dir.write("one.json", report_with(1));
  auto two = dir.write("two.json", report_with(2));

  auto first = comment(github, one.string());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out,
            "acme/shop#7: comment created (1003) https://github.test/acme/shop/pull/7"
            "#issuecomment-1003\n");
  github.inject({502, {}, "<html>bad gateway</html>"});
  github.inject({429, {"Retry-After: 1"}, R"({"message":"slow down"})"});
  auto second = comment(github, two.string());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out.substr(0, 34), "acme/shop#7: comment updated (1003");
  auto third = comment(github, two.string());
  EXPECT_EQ(third.out.substr(0, 36), "acme/shop#7: comment unchanged (1003");

  auto comments = github.comments();
  ASSERT_EQ(comments.size(), 4u);  // three people's and one schemagate comment
  EXPECT_EQ(comments[1]["id"], human);
  EXPECT_EQ(comments[1]["body"], quote);
  EXPECT_EQ(comments[3]["id"], 1003);
  std::string body = comments[3]["body"];
  EXPECT_NE(body.find("dropping column t.c2"), std::string::npos);
  EXPECT_EQ(body.substr(body.size() - 20), "<!-- schemagate -->\n");
  // The list of comments spans pages: page 2 was read on every run.
  size_t page_two = 0;
  for (const auto& r : github.requests()) {
    if (r.target.find("page=2") != std::string::npos) ++page_two;
    EXPECT_EQ(r.target.find(kToken), std::string::npos);
  }
  EXPECT_EQ(page_two, 3u);
  for (const auto& r : {first, second, third}) expect_no_token(r);
}

TEST(CommentCli, HugeReportIsShortenedBelowGithubsLimit) {
  test::FakeGitHub github;
  test::TempDir dir;
  auto huge = dir.write("huge.json", report_with(2000));
  auto r = comment(github, huge.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(github.comments().size(), 1u);
  std::string body = github.comments()[0]["body"];
  EXPECT_LT(body.size(), 65536u);
  EXPECT_NE(body.find("findings for this migration left out"), std::string::npos);
}

TEST(CommentCli, InstallationTokenUsesTheActionsBotAndDeleteRemovesOnlyOurs) {
  test::FakeGitHub github;
  github.login = "";  // GET /user answers 403, as for the workflow's GITHUB_TOKEN
  test::TempDir dir;
  github.add_comment("schemagate-bot", "someone else's bot <!-- schemagate -->");
  auto report = dir.write("r.json", report_with(1));
  ASSERT_EQ(comment(github, report.string()).exit_code, 0);
  ASSERT_EQ(github.comments().size(), 2u);
  EXPECT_EQ(github.comments()[1]["user"]["login"], "github-actions[bot]");
  auto del = comment(github, report.string(), {"--mode", "delete"});
  EXPECT_EQ(del.exit_code, 0) << del.err;
  EXPECT_EQ(del.out, "acme/shop#7: comment deleted\n");
  ASSERT_EQ(github.comments().size(), 1u);
  EXPECT_EQ(github.comments()[0]["user"]["login"], "schemagate-bot");
}

TEST(CommentCli, OnlyOnFindingsSkipsACleanReport) {
  test::FakeGitHub github;
  test::TempDir dir;
  auto clean = dir.write("clean.json", report_with(0));
  auto r = comment(github, clean.string(), {"--only-on-findings"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "acme/shop#7: comment skipped\n");
  EXPECT_TRUE(github.comments().empty());
}

TEST(CommentCli, BadTokenAndPersistentFailuresAreExplainedWithoutTheToken) {
  test::FakeGitHub github;
  test::TempDir dir;
  auto report = dir.write("r.json", report_with(1));
  auto bad = comment(github, report.string(), {}, "ghp_wrong_secret_123");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "error: GitHub API: GET " + github.url() +
                         "/user: HTTP 401 (GitHub says: Bad credentials): the token is missing, "
                         "expired or invalid; set GITHUB_TOKEN\n");
  EXPECT_EQ(bad.err.find("ghp_wrong_secret_123"), std::string::npos);
  github.inject({403, {}, R"({"message":"Resource not accessible by integration"})"});
  github.inject({403, {}, R"({"message":"Resource not accessible by integration"})"});
  auto forbidden = comment(github, report.string());
  EXPECT_EQ(forbidden.exit_code, 2);
  EXPECT_NE(forbidden.err.find("HTTP 403 (GitHub says: Resource not accessible by integration): "
                               "the token may not write pull-request comments"),
            std::string::npos)
      << forbidden.err;
  for (int i = 0; i < 3; ++i) github.inject({429, {"Retry-After: 3600"}, "{}"});
  auto limited = comment(github, report.string());
  EXPECT_EQ(limited.exit_code, 2);
  EXPECT_NE(limited.err.find("gave up after 1 attempt (last: HTTP 429); the next retry would "
                             "pass the 20 s limit"),
            std::string::npos)
      << limited.err;
  expect_no_token(limited);
}

TEST(CommentCli, MissingInputsAreUsageErrors) {
  test::TempDir dir;
  auto report = dir.write("r.json", "not json");
  auto r = test::run_program({"env", "-u", "GITHUB_TOKEN", SG_BINARY, "comment", "--report",
                              report.string(), "--repo", "a/b", "--pr", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: " + report.string() +
                       ": not a schemagate JSON report (write one with --format json)\n");
}

}  // namespace
}  // namespace sg
