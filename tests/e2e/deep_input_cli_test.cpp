// Generated SQL nests far deeper than anything written by hand (a 25,000-term sum, a
// 50,000-way UNION). lint and check must answer with nesting-too-deep, exit 1 and a report,
// never a crash: every tree walk is iterative or bounded.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;
using test::TempDir;

std::string repeated(const std::string& item, const std::string& separator, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i == 0 ? "" : separator) + item;
  return out;
}

std::string nested(const std::string& open, const std::string& inner, const std::string& close,
                   int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += open;
  out += inner;
  for (int i = 0; i < n; ++i) out += close;
  return out;
}

std::string sum_of_ones(int terms) { return "SELECT " + repeated("1", "+", terms) + ";\n"; }

TEST(DeepInputCli, LintReportsA25000TermSumInsteadOfCrashing) {
  TempDir dir;
  auto file = dir.write("p.sql", sum_of_ones(25000));
  auto r = run_schemagate({"lint", file.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find(file.string() +
                       ":1:1: error: statement nested too deep to check: 25003 levels "
                       "(schemagate reads up to 5000); no other rule checked it "
                       "[nesting-too-deep]\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("1 error, 0 warnings in 1 file\n"), std::string::npos) << r.out;
}

TEST(DeepInputCli, LintReportsA50000WayUnion) {
  TempDir dir;
  auto file = dir.write("u.sql", repeated("SELECT 1", " UNION ", 50000) + ";\n");
  auto r = run_schemagate({"lint", "--format", "json", file.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json["findings"].size(), 1u) << r.out;
  EXPECT_EQ(json["findings"][0]["rule_id"], "nesting-too-deep");
  EXPECT_EQ(json["findings"][0]["line"], 1);
  EXPECT_EQ(json["findings"][0]["message"],
            "statement nested too deep to check: 50003 levels (schemagate reads up to 5000); no "
            "other rule checked it");
}

struct Shape {
  std::string name;
  bool deep;  // nests one level per term; else wide (a flat list), clean at any size
  std::function<std::string(int)> make;
};

// Deep and wide shapes, below, near and far past the limit: each either lints (exit 0 or 1
// with a summary) or is a syntax error from PostgreSQL's own parser, never a signal.
TEST(DeepInputCli, GeneratedDeepAndWideStatementsNeverCrashLint) {
  const std::vector<Shape> shapes = {
      {"sum", true, [](int n) { return sum_of_ones(n); }},
      {"union", true, [](int n) { return repeated("SELECT 1", " UNION ALL ", n) + ";\n"; }},
      {"concat", true, [](int n) { return "SELECT " + repeated("'a'", " || ", n) + ";\n"; }},
      {"calls", true, [](int n) { return "SELECT " + nested("abs(", "1", ")", n) + ";\n"; }},
      {"not", true, [](int n) { return "SELECT " + nested("NOT ", "true", "", n) + ";\n"; }},
      {"subselects", true,
       [](int n) { return "SELECT " + nested("(SELECT ", "1", ")", n) + ";\n"; }},
      {"update", true,
       [](int n) {
         return "CREATE TABLE t (a int);\nUPDATE t SET a = " + repeated("1", "+", n) + ";\n";
       }},
      {"do", true,
       [](int n) {
         return "DO $$ BEGIN ALTER TABLE t ADD COLUMN b int DEFAULT " + repeated("1", "+", n) +
                "; END $$;\n";
       }},
      {"and", false,
       [](int n) { return "SELECT 1 WHERE " + repeated("(1=1 OR 2=2)", " AND ", n) + ";\n"; }},
      {"values", false,
       [](int n) { return "SELECT * FROM (VALUES " + repeated("(1, 'a')", ", ", n) + ") v;\n"; }},
      {"in_list", false,
       [](int n) { return "SELECT 1 WHERE 1 IN (" + repeated("1", ", ", n) + ");\n"; }},
  };
  TempDir dir;
  for (const auto& [name, deep, make] : shapes) {
    for (int n : {100, 4990, 5010, 25000}) {
      std::string label = name + "_" + std::to_string(n);
      auto file = dir.write(label + ".sql", make(n));
      auto r = run_schemagate({"lint", file.string()});
      ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << label << ": exit " << r.exit_code;
      EXPECT_NE(r.out.find(" in 1 file\n"), std::string::npos) << label << ": " << r.out;
      bool flagged = r.out.find("[nesting-too-deep]") != std::string::npos;
      bool unparsed = r.out.find("[syntax-error]") != std::string::npos;
      if (deep && n == 25000) {
        EXPECT_TRUE(flagged || unparsed) << label << ": " << r.out;
      }
      if (!deep || n == 100) {
        EXPECT_FALSE(flagged || unparsed) << label << ": " << r.out;
      }
    }
  }
}

// Through check with the round trip: the finding, exit 1 and a written report. PostgreSQL
// refuses the statement too (its own max_stack_depth), which the round trip reports.
TEST(DeepInputCli, CheckReportsTheDeepMigrationAndWritesItsReport) {
  GitFixture repo;
  repo.write("README.md", "# app\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/001_totals.sql",
             "CREATE TABLE totals (n int);\nINSERT INTO totals " + sum_of_ones(25000));
  repo.write("migrations/rollback/001_rollback.sql", "DROP TABLE totals;\n");
  repo.write("migrations/002_seed.sql",
             "INSERT INTO totals (n) " + repeated("SELECT 1", " UNION ALL ", 50000) + ";\n");
  repo.write("migrations/rollback/002_rollback.sql", "DELETE FROM totals;\n");
  repo.commit("generated seed data");
  TempDir out;
  std::string report = (out.path() / "report.json").string();
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--report-json", report});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("migrations/001_totals.sql:2:1: error: statement nested too deep to check: "
                       "25004 levels (schemagate reads up to 5000); no other rule checked it "
                       "[nesting-too-deep]\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("migrations/002_seed.sql:1:1: error: statement nested too deep to check: "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("stack depth limit exceeded (SQLSTATE 54001) [migration-failed]"),
            std::string::npos)
      << r.out;
  auto json = nlohmann::json::parse(test::read_file(report));
  int deep = 0;
  for (const auto& f : json["findings"]) deep += f["rule_id"] == "nesting-too-deep" ? 1 : 0;
  EXPECT_EQ(deep, 2) << json.dump(1);
}

}  // namespace
}  // namespace sg
