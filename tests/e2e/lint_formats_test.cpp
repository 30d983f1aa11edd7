// `lint --format sarif|gitlab|github|markdown [--output FILE]` as a user runs it in CI.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace sg {
namespace {

TEST(LintFormats, SarifToAFileWithRepoRelativeUris) {
  test::TempDir dir;
  // SET lock_timeout keeps require-lock-timeout out, so ban-drop-column is the one result.
  dir.write("db/002.sql", "SET lock_timeout = '5s'; -- drop\nALTER TABLE t DROP COLUMN c;\n");
  auto r =
      test::run_schemagate({"lint", "--format", "sarif", "--output", "out.sarif", "./db/002.sql"},
                           "", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  auto sarif = nlohmann::json::parse(test::read_file(dir.path() / "out.sarif"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  const auto& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "ban-drop-column");
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["helpUri"],
            "https://github.com/schemagate/schemagate/blob/main/rules/ban-drop-column.md");
  const auto& loc = run["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "db/002.sql");
  EXPECT_EQ(loc["region"]["startLine"], 2);
  EXPECT_EQ(loc["region"]["startColumn"], 13);
}

TEST(LintFormats, GithubWritesAnnotationsSummaryAndOutputs) {
  test::TempDir dir;
  auto file = dir.write("002.sql", "SET lock_timeout = '5s';\nALTER TABLE t DROP COLUMN c;\n");
  auto summary = dir.write("summary.md", "");
  auto output = dir.write("output", "");
  auto r = test::run_program(
      {"env", "GITHUB_STEP_SUMMARY=" + summary.string(), "GITHUB_OUTPUT=" + output.string(),
       SG_BINARY, "lint", "--format", "github", "002.sql"},
      "", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "::warning file=002.sql,line=2,col=13,title=ban-drop-column::dropping column "
            "t.c breaks code that still reads or writes it%0Ahelp: expand-contract: stop "
            "using the column in a deployed release first, then drop it in a later "
            "migration\n");
  EXPECT_EQ(test::read_file(summary).rfind("## 🟧 schemagate: HIGH risk, ✅ PASS\n", 0), 0u);
  EXPECT_NE(test::read_file(output).find("\nHIGH\n"), std::string::npos);
}

TEST(LintFormats, GitlabAndMarkdown) {
  auto gitlab = test::run_schemagate({"lint", "--format", "gitlab", "-"},
                                     "SET lock_timeout = '5s';\nALTER TABLE t DROP COLUMN c;\n");
  auto issues = nlohmann::json::parse(gitlab.out);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0]["check_name"], "ban-drop-column");
  EXPECT_EQ(issues[0]["severity"], "minor");
  EXPECT_EQ(issues[0]["location"]["path"], "<stdin>");
  EXPECT_EQ(issues[0]["location"]["lines"]["begin"], 2);
  auto md = test::run_schemagate({"lint", "--format", "markdown", "-"}, "SELEC 1;\n");
  EXPECT_EQ(md.exit_code, 1);
  EXPECT_EQ(md.out.rfind("## 🟧 schemagate: HIGH risk, ❌ FAIL\n", 0), 0u) << md.out;
}

}  // namespace
}  // namespace sg
