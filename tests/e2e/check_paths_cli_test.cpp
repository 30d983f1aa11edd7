// A --dir typo or a directory outside the repository is a usage error naming the path (exit 2),
// never "no migrations found" and a pass.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;
namespace fs = std::filesystem;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

void make_pull_request(const GitFixture& repo) {
  repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.commit("main");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_drop.sql", "DROP TABLE users;\n");
  repo.commit("drop");
}

// check --dir `dir` on a fresh pull request.
test::CommandResult check_with_dir(const std::string& dir,
                                   const std::function<void(const GitFixture&)>& prepare = {}) {
  GitFixture repo;
  make_pull_request(repo);
  if (prepare) prepare(repo);
  auto r = run_schemagate(
      {"check", "--no-db", "--base", "main", "--repo", repo.dir(), "--dir", dir});
  r.err = replace_all(r.err, fs::weakly_canonical(repo.path()).string(), "<repo>");
  return r;
}

TEST(CheckPaths, AMisspelledDirIsAnErrorNamingIt) {
  auto r = check_with_dir("db/migratoins");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.err, "error: --dir db/migratoins: no such directory <repo>/db/migratoins\n");
  EXPECT_EQ(r.out, "");
}

TEST(CheckPaths, ADirOutsideTheRepositoryIsAnError) {
  auto r = check_with_dir("/etc");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.err, "error: --dir /etc: /etc is outside the repository <repo>\n");
}

TEST(CheckPaths, ADirWithNothingCommittedIsAnError) {
  auto r = check_with_dir("db/scratch", [](const GitFixture& repo) {
    fs::create_directories(repo.path() / "db" / "scratch");
  });
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.err.rfind("error: --dir db/scratch: db/scratch holds no committed file at ", 0), 0u)
      << r.err;
}

TEST(CheckPaths, TheRightDirStillWorks) {
  auto r = check_with_dir("db/migrations");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("db/migrations/002_drop.sql:1:1: error: migration 002_drop has no rollback"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace sg
