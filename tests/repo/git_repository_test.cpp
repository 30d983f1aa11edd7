// GitRepository and base-ref resolution on real repositories built by the git command line.
#include "repo/git_repository.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

#include "repo/base_ref.h"
#include "repo/git_fixture.h"

namespace sg {
namespace {

using test::GitFixture;

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

TEST(GitRepository, OpensFromASubdirectoryAndResolvesBranchesTagsAndShas) {
  GitFixture repo;
  repo.write("db/migrations/001_init.sql", "SELECT 1;\n");
  std::string first = repo.commit("first");
  repo.git({"tag", "-a", "v1", "-m", "release 1"});
  repo.git({"branch", "feature"});
  repo.write("db/migrations/002_more.sql", "SELECT 2;\n");
  std::string second = repo.commit("second");

  auto git = GitRepository::open(repo.dir() + "/db/migrations");
  ASSERT_TRUE(git) << git.error;
  EXPECT_EQ(git.value->workdir(), repo.dir() + "/");
  EXPECT_EQ(*git.value->resolve_commit("main").value, second);
  EXPECT_EQ(*git.value->resolve_commit("HEAD").value, second);
  EXPECT_EQ(*git.value->resolve_commit("v1").value, first);  // annotated tag, peeled
  EXPECT_EQ(*git.value->resolve_commit("feature").value, first);
  EXPECT_EQ(*git.value->resolve_commit(first).value, first);
  EXPECT_EQ(*git.value->resolve_commit(first.substr(0, 10)).value, first);
  EXPECT_FALSE(git.value->is_shallow());
}

TEST(GitRepository, ResolvesARemoteBranchOfAClone) {
  GitFixture origin;
  origin.write("a.sql", "SELECT 1;\n");
  std::string sha = origin.commit("first");
  test::TempDir clone;
  ASSERT_EQ(test::run_program(
                {"git", "clone", "-q", "file://" + origin.dir(), clone.path().string() + "/c"})
                .exit_code,
            0);
  auto git = GitRepository::open(clone.path().string() + "/c");
  ASSERT_TRUE(git) << git.error;
  EXPECT_EQ(*git.value->resolve_commit("origin/main").value, sha);
  auto base = resolve_base_ref(*git.value, BaseRefSources{});
  ASSERT_TRUE(base) << base.error;
  EXPECT_EQ(base.value->name, "origin/main");
  EXPECT_EQ(base.value->commit, sha);
}

TEST(GitRepository, OutsideARepositoryTheErrorNamesThePath) {
  test::TempDir dir;
  auto git = GitRepository::open(dir.path().string());
  ASSERT_FALSE(git);
  EXPECT_EQ(git.error.rfind(dir.path().string() + ": not in a git repository: ", 0), 0u)
      << git.error;
}

TEST(GitRepository, OpensACheckoutOwnedByAnotherUser) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to hand the checkout to another user";
  GitFixture repo;
  repo.write("a.sql", "SELECT 1;\n");
  std::string sha = repo.commit("first");
  ASSERT_EQ(test::run_program({"chown", "-R", "65534:65534", repo.dir()}).exit_code, 0);
  auto git = GitRepository::open(repo.dir());
  ASSERT_TRUE(git) << git.error;
  EXPECT_EQ(*git.value->resolve_commit("HEAD").value, sha);
}

TEST(GitRepository, MergeBaseIsWhereTheBranchForked) {
  GitFixture repo;
  repo.write("a.sql", "SELECT 1;\n");
  std::string fork = repo.commit("fork point");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("b.sql", "SELECT 2;\n");
  std::string feature = repo.commit("feature work");
  repo.git({"checkout", "-q", "main"});
  repo.write("c.sql", "SELECT 3;\n");
  std::string main = repo.commit("main moved on");
  auto git = GitRepository::open(repo.dir());
  ASSERT_TRUE(git) << git.error;
  EXPECT_EQ(*git.value->merge_base(main, feature).value, fork);
  EXPECT_EQ(*git.value->merge_base(main, main).value, main);
}

TEST(GitRepository, DiffDetectsRenamesAdditionsAndDeletions) {
  GitFixture repo;
  std::string body = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n";
  repo.write("m/001_a.sql", body);
  repo.write("m/002_b.sql", "SELECT 2;\n");
  std::string base = repo.commit("base");
  repo.git({"mv", "m/001_a.sql", "m/001_users.sql"});
  repo.remove("m/002_b.sql");
  repo.write("m/003_c.sql", "SELECT 3;\n");
  std::string head = repo.commit("head");
  auto git = GitRepository::open(repo.dir());
  auto diff = git.value->diff(base, head);
  ASSERT_TRUE(diff) << diff.error;
  std::vector<std::string> seen;
  for (const auto& c : *diff.value) {
    seen.push_back(std::to_string(static_cast<int>(c.kind)) + " " + c.old_path + " -> " +
                   c.new_path);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"0  -> m/003_c.sql", "2 m/002_b.sql -> ",
                                            "3 m/001_a.sql -> m/001_users.sql"}));
}

TEST(GitRepository, BlobIdsMatchGitHashObject) {
  test::TempDir dir;
  auto file = dir.write("x.sql", "SELECT 1;\n");
  auto r = test::run_program({"git", "hash-object", file.string()});
  EXPECT_EQ(git_blob_id("SELECT 1;\n"), first_line(r.out));
}

TEST(BaseRef, AMissingRefSaysWhichRefAndWhatWasTried) {
  GitFixture repo;
  repo.commit("first");
  auto git = GitRepository::open(repo.dir());
  auto base = resolve_base_ref(*git.value, BaseRefSources{"release-9", "", ""});
  ASSERT_FALSE(base);
  EXPECT_EQ(base.error,
            "base ref not found (--base release-9; tried release-9, origin/release-9): pass "
            "--base with a branch, tag or commit that exists here");
  auto from_ci = resolve_base_ref(*git.value, BaseRefSources{"", "develop", ""});
  EXPECT_EQ(from_ci.error,
            "base ref not found (GITHUB_BASE_REF=develop; tried origin/develop, develop): pass "
            "--base with a branch, tag or commit that exists here");
}

TEST(BaseRef, FollowsGithubBaseRefThenTheEventThenMain) {
  GitFixture repo;
  std::string first = repo.commit("first");
  repo.git({"branch", "develop"});
  repo.git({"branch", "release"});
  std::string second = repo.commit("second");
  auto git = GitRepository::open(repo.dir());
  auto from_env = resolve_base_ref(*git.value, BaseRefSources{"", "develop", ""});
  ASSERT_TRUE(from_env) << from_env.error;
  EXPECT_EQ(from_env.value->name, "develop");
  EXPECT_EQ(from_env.value->commit, first);

  test::TempDir event_dir;
  auto event = event_dir.write(
      "event.json",
      R"({"pull_request": {"number": 7, "base": {"ref": "release", "sha": ")" + first + R"("}}})");
  auto from_event = resolve_base_ref(*git.value, BaseRefSources{"", "", event.string()});
  ASSERT_TRUE(from_event) << from_event.error;
  EXPECT_EQ(from_event.value->name, "release");

  auto fallback = resolve_base_ref(*git.value, BaseRefSources{});
  ASSERT_TRUE(fallback) << fallback.error;
  EXPECT_EQ(fallback.value->name, "main");
  EXPECT_EQ(fallback.value->commit, second);

  auto bad_event = resolve_base_ref(*git.value, BaseRefSources{"", "", event_dir.path() / "no"});
  EXPECT_EQ(bad_event.error, (event_dir.path() / "no").string() +
                                 ": cannot read the GitHub event (GITHUB_EVENT_PATH)");
}

TEST(BaseRef, AShallowCloneWithoutTheMergeBaseSaysToFetchHistory) {
  GitFixture origin;
  origin.write("a.sql", "SELECT 1;\n");
  origin.commit("fork point");
  origin.git({"checkout", "-q", "-b", "feature"});
  origin.write("b.sql", "SELECT 2;\n");
  std::string feature = origin.commit("feature");
  origin.git({"checkout", "-q", "main"});
  origin.write("c.sql", "SELECT 3;\n");
  std::string main = origin.commit("main");
  test::TempDir clone;
  std::string dir = clone.path().string() + "/c";
  ASSERT_EQ(test::run_program({"git", "clone", "-q", "--depth", "1", "--no-single-branch",
                               "file://" + origin.dir(), dir})
                .exit_code,
            0);
  auto git = GitRepository::open(dir);
  ASSERT_TRUE(git) << git.error;
  EXPECT_TRUE(git.value->is_shallow());
  auto base = git.value->merge_base(*git.value->resolve_commit("origin/main").value,
                                    *git.value->resolve_commit("origin/feature").value);
  ASSERT_FALSE(base);
  EXPECT_EQ(base.error, "no merge base between " + main.substr(0, 12) + " and " +
                            feature.substr(0, 12) +
                            ": this is a shallow clone without the history they share; fetch it "
                            "(GitHub Actions: actions/checkout with `fetch-depth: 0`, or `git "
                            "fetch --unshallow`)");
  auto missing = resolve_base_ref(*git.value, BaseRefSources{"gone", "", ""});
  EXPECT_EQ(missing.error,
            "base ref not found (--base gone; tried gone, origin/gone): this is a shallow clone; "
            "fetch the base branch and its history (GitHub Actions: actions/checkout with "
            "`fetch-depth: 0`)");
}

}  // namespace
}  // namespace sg
