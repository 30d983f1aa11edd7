// `schemagate init` in real git repositories of three layouts: what it detects, that the files
// it writes are valid (actionlint on the workflows, YAML keys GitHub needs, the TOML through
// schemagate's own config loader) and name the detected directory, and that it never
// overwrites without --force.
#include <gtest/gtest.h>

#include <filesystem>

#include "repo/git_fixture.h"
#include "test_support.h"
#include "workflow_lint.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

struct Case {
  std::string layout;
  std::string dir;
  std::vector<std::pair<std::string, std::string>> files;
  size_t migrations;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"golang-migrate",
       "db/migrations",
       {{"db/migrations/000001_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n"},
        {"db/migrations/000001_users.down.sql", "DROP TABLE users;\n"},
        {"db/migrations/000002_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n"},
        {"db/migrations/000002_email.down.sql", "ALTER TABLE users DROP COLUMN email;\n"}},
       2},
      {"flyway",
       "src/main/resources/db/migration",
       {{"src/main/resources/db/migration/V1__users.sql",
         "CREATE TABLE users (id bigint PRIMARY KEY);\n"}},
       1},
      {"prisma",
       "prisma/migrations",
       {{"prisma/migrations/20240101000000_init/migration.sql",
         "CREATE TABLE \"User\" (id serial PRIMARY KEY);\n"},
        {"prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n"}},
       1},
  };
  return all;
}

std::string yaml_query(const std::filesystem::path& file, const std::string& expression) {
  auto r = test::run_program(
      {"python3", "-c",
       "import sys, yaml\nd = yaml.safe_load(open(sys.argv[1]))\nprint(eval(sys.argv[2]))",
       file.string(), expression});
  EXPECT_EQ(r.exit_code, 0) << file << ": " << r.err;
  return r.out.empty() ? "" : r.out.substr(0, r.out.size() - 1);
}

class InitCli : public ::testing::TestWithParam<Case> {};

TEST_P(InitCli, DetectsTheLayoutAndWritesValidFilesNamingIt) {
  const Case& c = GetParam();
  GitFixture repo;
  for (const auto& [path, text] : c.files) repo.write(path, text);
  repo.commit("migrations");
  auto r = run_schemagate({"init", "--repo", repo.dir()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "detected " + c.layout + ": " + std::to_string(c.migrations) + " migration" +
                       (c.migrations == 1 ? "" : "s") + " in " + c.dir +
                       "\n"
                       "wrote .github/workflows/schemagate.yml\n"
                       "wrote .github/workflows/schemagate-comment.yml\n"
                       "wrote .schemagate.toml\n"
                       "next: commit them; pull requests then get the check, and the comment "
                       "once schemagate-comment.yml is on the default branch\n");
  auto check = repo.path() / ".github/workflows/schemagate.yml";
  auto comment = repo.path() / ".github/workflows/schemagate-comment.yml";
  EXPECT_EQ(test::lint_workflows({check.string(), comment.string()}), "");

  // The keys a pull-request check needs: the full history, the detected directory and layout,
  // no writable token in the job that runs the pull request's SQL.
  const std::string steps = "d['jobs']['check']['steps']";
  EXPECT_EQ(yaml_query(check, "sorted(d[True].keys())"), "['pull_request', 'push']");
  EXPECT_EQ(yaml_query(check, "d['permissions']"), "{'contents': 'read'}");
  EXPECT_EQ(yaml_query(check, steps + "[0]['with']['fetch-depth']"), "0");
  EXPECT_EQ(yaml_query(check, steps + "[1]['uses']"), "schemagate/schemagate@v" SG_VERSION);
  EXPECT_EQ(yaml_query(check, steps + "[1]['with']['path']"), c.dir);
  EXPECT_EQ(yaml_query(check, steps + "[1]['with']['layout']"), c.layout);
  EXPECT_EQ(yaml_query(comment, "d[True]['workflow_run']['workflows']"), "['schemagate']");
  EXPECT_EQ(yaml_query(comment, "d['permissions']['pull-requests']"), "write");
  EXPECT_EQ(yaml_query(comment, "d['jobs']['comment']['steps'][2]['with']['command']"),
            "comment");

  // The config goes through schemagate's own loader (unknown keys would be exit 2).
  auto toml = repo.path() / ".schemagate.toml";
  auto dumped = run_schemagate({"rules", "--dump-config", "--config", toml.string()});
  EXPECT_EQ(dumped.exit_code, 0) << dumped.err;
  EXPECT_NE(dumped.out.find("pg_version = 15"), std::string::npos) << dumped.out;
  EXPECT_NE(test::read_file(toml).find("# Detected: " + c.layout + " migrations in " + c.dir + "."),
            std::string::npos);

  // A second run refuses, names every file in the way, and changes none of them.
  std::string before = test::read_file(check);
  std::filesystem::resize_file(toml, 0);
  auto again = run_schemagate({"init", "--repo", repo.dir()});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_EQ(again.out, "");
  EXPECT_EQ(again.err,
            "error: .github/workflows/schemagate.yml exists; --force overwrites it\n"
            "error: .github/workflows/schemagate-comment.yml exists; --force overwrites it\n"
            "error: .schemagate.toml exists; --force overwrites it\n");
  EXPECT_EQ(test::read_file(toml), "");
  auto forced = run_schemagate({"init", "--repo", repo.dir(), "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(test::read_file(check), before);
  EXPECT_NE(test::read_file(toml), "");
}

INSTANTIATE_TEST_SUITE_P(Layouts, InitCli, ::testing::ValuesIn(cases()),
                         [](const auto& param_info) {
                           std::string name = param_info.param.layout;
                           for (auto& ch : name) ch = ch == '-' ? '_' : ch;
                           return name;
                         });

TEST(InitCliErrors, ARepositoryWithoutMigrationsGetsAdviceAndNoFiles) {
  GitFixture repo;
  repo.write("README.md", "# app\n");
  repo.commit("readme");
  auto r = run_schemagate({"init", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: no migrations found in " + repo.dir() +
                       "/; name the directory with --dir and the tool with --layout\n");
  EXPECT_FALSE(std::filesystem::exists(repo.path() / ".github"));
  EXPECT_FALSE(std::filesystem::exists(repo.path() / ".schemagate.toml"));
}

TEST(InitCliErrors, OutsideAGitRepositoryIsAUsageError) {
  test::TempDir dir;
  auto r = run_schemagate({"init", "--repo", dir.path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("error: --repo " + dir.path().string() + ": ", 0), 0u) << r.err;
}

}  // namespace
}  // namespace sg
