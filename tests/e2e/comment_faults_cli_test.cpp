// The GitHub client never lies: each fault the fake GitHub on 127.0.0.1 serves ends in a clear
// error (exit 2, no success line), never a duplicate comment, a token sent off the API host or a
// guessed author; one deadline (SCHEMAGATE_GITHUB_TIMEOUT) bounds the whole run.
#include <gtest/gtest.h>

#include <chrono>

#include "fake_github.h"
#include "test_support.h"

namespace sg {
namespace {

constexpr const char* kToken = "ghs_test_token_Zx9";
constexpr const char* kComments = "/repos/acme/shop/issues/7/comments";

test::CommandResult comment(const test::FakeGitHub& github, const std::string& report,
                            const std::string& token = kToken, int timeout_seconds = 20) {
  return test::run_program({"env", "GITHUB_TOKEN=" + token, "GITHUB_API_URL=" + github.url(),
                            "SCHEMAGATE_GITHUB_TIMEOUT=" + std::to_string(timeout_seconds),
                            SG_BINARY, "comment", "--report", report, "--repo", "acme/shop",
                            "--pr", "7"});
}

test::InjectedResponse answer(const std::string& method, const std::string& path, int status,
                              const std::string& body, std::vector<std::string> headers = {}) {
  test::InjectedResponse r{status, std::move(headers), body};
  r.method = method;
  r.path = path;
  return r;
}

int posts(test::FakeGitHub& github) {
  int n = 0;
  for (const auto& r : github.requests()) n += r.method == "POST" ? 1 : 0;
  return n;
}

class CommentFaults : public testing::Test {
 protected:
  void SetUp() override { report_ = dir_.write("r.json", R"({"findings": []})").string(); }
  test::TempDir dir_;
  std::string report_;
};

TEST_F(CommentFaults, MalformedUserAnswerFailsWithoutASuccessLine) {
  test::FakeGitHub github;
  github.inject(answer("GET", "/user", 200, "{not json"));
  auto r = comment(github, report_);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: GitHub API: GET " + github.url() +
                       "/user: HTTP 200 but the answer is not JSON (9 bytes); nothing is taken "
                       "from it; cannot tell which comments are ours without GET /user\n");
  EXPECT_EQ(posts(github), 0);
}

TEST_F(CommentFaults, AUserAnswerWithoutALoginFails) {
  test::FakeGitHub github;
  github.inject(answer("GET", "/user", 200, R"({"id": 5})"));
  auto r = comment(github, report_);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.err, "error: GitHub API: GET /user: HTTP 200 but the answer names no login; cannot "
                   "tell which comments are ours\n");
}

TEST_F(CommentFaults, AMalformedCommentListIsNotTakenAsEmpty) {
  test::FakeGitHub github;
  github.add_comment("schemagate-bot", "old report <!-- schemagate -->");
  github.inject(answer("GET", kComments, 200, R"({"oops": true})"));
  auto r = comment(github, report_);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("but the answer is not a JSON list; nothing was changed"), std::string::npos)
      << r.err;
  EXPECT_EQ(posts(github), 0);
  EXPECT_EQ(github.comments().size(), 1u);
}

// GitHub created the comment, then the answer was lost (502): the client looks before posting
// again, and the pull request has one sticky comment.
TEST_F(CommentFaults, A502AfterCreateLeavesOneComment) {
  test::FakeGitHub github;
  auto lost = answer("POST", kComments, 502, "<html>bad gateway</html>");
  lost.after_real = true;
  github.inject(lost);
  auto r = comment(github, report_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("acme/shop#7: comment created (", 0), 0u) << r.out;
  EXPECT_EQ(github.comments().size(), 1u);
  EXPECT_EQ(posts(github), 1);
}

TEST_F(CommentFaults, ANextPageOnAnotherHostIsNotFollowed) {
  test::FakeGitHub github;
  test::FakeGitHub elsewhere;
  github.inject(answer("GET", kComments, 200, "[]",
                       {"Link: <" + elsewhere.url() + "/steal?page=2>; rel=\"next\""}));
  auto r = comment(github, report_);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("the next page's link leaves " + github.url() + " (" + elsewhere.url() +
                       "/steal); not followed, so the token is sent to the API only\n"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(elsewhere.requests().empty());
  EXPECT_EQ(posts(github), 0);
}

TEST_F(CommentFaults, AHangingApiStopsAtTheDeadline) {
  test::FakeGitHub github;
  auto hang = answer("GET", "/user", 200, R"({"login": "schemagate-bot"})");
  hang.delay_ms = 60000;
  github.inject(hang);
  auto started = std::chrono::steady_clock::now();
  auto r = comment(github, report_, kToken, 5);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("the 5 s limit (SCHEMAGATE_GITHUB_TIMEOUT)"), std::string::npos) << r.err;
  EXPECT_LT(seconds, 30.0);  // the 60 s answer was not waited for
  EXPECT_EQ(posts(github), 0);
}

// A rate-limited /user says nothing about the token: no guessed github-actions[bot], which would
// post a second comment next to the personal token's.
TEST_F(CommentFaults, ARateLimitedUserIsNotAGuessedAuthor) {
  test::FakeGitHub github;
  github.inject(answer("GET", "/user", 403, R"({"message":"API rate limit exceeded"})",
                       {"x-ratelimit-remaining: 0", "Retry-After: 3600"}));
  auto r = comment(github, report_);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("gave up after 1 attempt (last: HTTP 403)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("; cannot tell which comments are ours without GET /user\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(posts(github), 0);
}

TEST_F(CommentFaults, APersonalTokenThatMayNotReadUserIsNotTheActionsBot) {
  test::FakeGitHub github;
  github.inject(
      answer("GET", "/user", 403, R"({"message":"Resource not accessible by personal access token"})"));
  auto r = comment(github, report_, "github_pat_11ABC");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("HTTP 403 (GitHub says: Resource not accessible by personal access token)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(posts(github), 0);
}

}  // namespace
}  // namespace sg
