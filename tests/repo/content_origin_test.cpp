// content_origin on real repositories built with the git command line: merges, later edits,
// reverts, uncommitted files, a shallow clone and a directory outside git.
#include "repo/content_origin.h"

#include <gtest/gtest.h>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// main: init; branch add-a: 002 (merged with a merge commit); branch add-b: 003 (merged too).
struct TwoPullRequests {
  GitFixture repo;
  std::string commit_a;
  std::string commit_b;
  TwoPullRequests() {
    repo.write("db/migrations/001_init.sql", "CREATE TABLE users (id bigint);\n");
    repo.commit("init");
    commit_a = branch_and_merge("add-a", "db/migrations/002_a.sql", "CREATE TABLE a (id int);\n");
    commit_b = branch_and_merge("add-b", "db/migrations/003_b.sql", "CREATE TABLE b (id int);\n");
  }
  std::string branch_and_merge(const std::string& branch, const std::string& file,
                               const std::string& text) {
    repo.git({"checkout", "-q", "-b", branch});
    repo.write(file, text);
    std::string sha = repo.commit(branch);
    repo.git({"checkout", "-q", "main"});
    repo.write("NOTES", branch);  // main moves on, so the merge cannot fast-forward
    repo.commit("notes for " + branch);
    repo.git({"merge", "-q", "--no-ff", "-m", "Merge " + branch, branch});
    return sha;
  }
  Result<std::string> origin(const std::string& file) {
    return content_origin(repo.dir(), "db/migrations/" + file);
  }
};

TEST(ContentOrigin, EachFileGetsTheBranchCommitThatAddedItNotTheMerge) {
  TwoPullRequests prs;
  auto a = prs.origin("002_a.sql");
  ASSERT_TRUE(a) << a.error;
  EXPECT_EQ(*a.value, prs.commit_a);
  auto b = prs.origin("003_b.sql");
  ASSERT_TRUE(b) << b.error;
  EXPECT_EQ(*b.value, prs.commit_b);
  EXPECT_NE(*a.value, first_line(prs.repo.git({"rev-parse", "HEAD"})));
}

TEST(ContentOrigin, ALaterEditIsTheOriginAndARevertToo) {
  TwoPullRequests prs;
  prs.repo.write("db/migrations/002_a.sql", "CREATE TABLE a (id bigint);\n");
  std::string edit = prs.repo.commit("widen a.id");
  prs.repo.write("NOTES", "unrelated");
  prs.repo.commit("unrelated");
  EXPECT_EQ(*prs.origin("002_a.sql").value, edit);
  prs.repo.write("db/migrations/002_a.sql", "CREATE TABLE a (id int);\n");
  std::string revert = prs.repo.commit("back to int");
  EXPECT_EQ(*prs.origin("002_a.sql").value, revert);
}

TEST(ContentOrigin, FromASubdirectoryCheckout) {
  TwoPullRequests prs;
  auto a = content_origin(prs.repo.dir() + "/db", "migrations/002_a.sql");
  ASSERT_TRUE(a) << a.error;
  EXPECT_EQ(*a.value, prs.commit_a);
}

TEST(ContentOrigin, UncommittedFilesHaveNoOrigin) {
  TwoPullRequests prs;
  prs.repo.write("db/migrations/004_new.sql", "CREATE TABLE c (id int);\n");
  EXPECT_EQ(prs.origin("004_new.sql").error, "not committed yet");
  prs.repo.write("db/migrations/003_b.sql", "CREATE TABLE b (id bigint);\n");
  EXPECT_EQ(prs.origin("003_b.sql").error, "has changes that are not committed");
  GitFixture empty;
  empty.write("001.sql", "SELECT 1;\n");
  EXPECT_EQ(content_origin(empty.dir(), "001.sql").error,
            "not committed yet (the repository has no commit)");
}

TEST(ContentOrigin, AShallowCloneWithoutTheCommitSaysWhereTheHistoryStops) {
  TwoPullRequests prs;
  test::TempDir clone_parent;
  std::string clone = (clone_parent.path() / "clone").string();
  auto r = test::run_program(
      {"git", "clone", "-q", "--depth", "1", "file://" + prs.repo.dir(), clone});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string head = first_line(prs.repo.git({"rev-parse", "HEAD"}));
  auto a = content_origin(clone, "db/migrations/002_a.sql");
  EXPECT_FALSE(a);
  EXPECT_EQ(a.error, "the history stops at " + head.substr(0, 12) +
                         " (a shallow clone); fetch it (actions/checkout with `fetch-depth: 0`)");
}

TEST(ContentOrigin, OutsideAGitRepositoryIsAMessage) {
  test::TempDir dir;
  dir.write("001.sql", "SELECT 1;\n");
  auto r = content_origin(dir.path().string(), "001.sql");
  EXPECT_FALSE(r);
  EXPECT_EQ(r.error.rfind("not in a git repository: ", 0), 0u) << r.error;
}

}  // namespace
}  // namespace sg
