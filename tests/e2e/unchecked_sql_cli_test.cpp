// Never a silent pass: a pull request whose SQL no layout holds (a home-grown runner's folder
// auto-detection does not know) fails the check with unchecked-sql-file, until the directory is
// named or the files are excluded.
#include <gtest/gtest.h>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

// A Go service's own runner: schema/changes/<name>/apply.sql + revert.sql (no layout's names).
void make_unknown_layout_pull_request(const GitFixture& repo) {
  repo.write("README.md", "# app\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("schema/changes/create_users/apply.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("schema/changes/create_users/revert.sql", "DROP TABLE users;\n");
  repo.commit("create users");
}

TEST(UncheckedSqlCli, AnUnknownLayoutsPullRequestIsNotAPass) {
  GitFixture repo;
  make_unknown_layout_pull_request(repo);
  auto r = run_schemagate({"check", "--no-db", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string kDir = "schema/changes/create_users";
  EXPECT_NE(r.out.find(kDir + "/apply.sql:1:1: error: " + kDir +
                       "/apply.sql: the change touches this SQL file but no migration layout holds "
                       "it, so it was not linted or round-tripped [unchecked-sql-file]\n"
                       "  help: if it is a migration, name its directory and tool: --dir " +
                       kDir +
                       " --layout <sqitch|prisma|diesel|sequelize|liquibase|goose|dbmate|golang-migrate|"
                       "flyway|"
                       "plain> (or a [[tracks]] entry); if it is not, exclude it in "
                       ".schemagate.toml: [paths] exclude = [\"" +
                       kDir + "/*.sql\"]\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(kDir + "/revert.sql:1:1: error: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 errors, 0 warnings"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("; the change's .sql files were not checked (unchecked-sql-file)\n"),
            std::string::npos)
      << r.err;
}

TEST(UncheckedSqlCli, ExcludedFilesAreDeclaredNotMigrationsAndPass) {
  GitFixture repo;
  make_unknown_layout_pull_request(repo);
  // Declared on main: a pull request's own [paths] would take effect only once merged.
  repo.commit_on_main(".schemagate.toml", "[paths]\nexclude = [\"schema/changes/*/*.sql\"]\n");
  auto r = run_schemagate({"check", "--no-db", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "0 errors, 0 warnings in 0 files\n");
}

TEST(UncheckedSqlCli, SqlInTestDataAndTheClaimedMigrationsAreNotReported) {
  GitFixture repo;
  repo.write("db/migrations/001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/002_add_email.sql",
             "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN email text;\n");
  repo.write("db/migrations/rollback/002_rollback.sql",
             "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN email;\n");
  repo.write("testdata/seed.sql", "INSERT INTO users VALUES (1);\n");
  repo.commit("email");
  auto r = run_schemagate({"check", "--no-db", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("unchecked-sql-file"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace sg
