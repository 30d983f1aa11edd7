// The built binary, as a user runs it: exit codes, text and JSON on a small file set.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace sg {
namespace {

using test::run_schemagate;

TEST(LintCli, CleanFileExitsZero) {
  test::TempDir dir;
  auto clean = dir.write("001_create.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
  auto r = run_schemagate({"lint", clean.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, clean.string() + ": risk LOW (creates table t) - approvals: Tech Lead\n"
                   "0 errors, 0 warnings in 1 file\n");
}

TEST(LintCli, WarningsPassByDefaultAndFailWithFailOnWarning) {
  test::TempDir dir;
  auto file =
      dir.write("002.sql", "SET lock_timeout = '5s'; -- drop it\n\nALTER TABLE t DROP COLUMN c;\n");
  auto r = run_schemagate({"lint", file.string()});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, file.string() +
                       ":3:13: warning: dropping column t.c breaks code that still reads or writes "
                       "it [ban-drop-column]\n"
                       "  help: expand-contract: stop using the column in a deployed release "
                       "first, then drop it in a later migration\n" +
                       file.string() +
                       ": risk HIGH (drops column t.c; ban-drop-column at line 3) - approvals: "
                       "VP Engineering, CTO\n"
                       "0 errors, 1 warning in 1 file\n");
  EXPECT_EQ(run_schemagate({"lint", "--fail-on", "warning", file.string()}).exit_code, 1);
  EXPECT_EQ(run_schemagate({"lint", "--fail-on", "risk:HIGH", file.string()}).exit_code, 1);
  EXPECT_EQ(run_schemagate({"lint", "--fail-on", "risk:CRITICAL", file.string()}).exit_code, 0);
}

TEST(LintCli, SyntaxErrorIsAnErrorFindingAndOtherFilesAreStillLinted) {
  test::TempDir dir;
  auto bad = dir.write("bad.sql", "SELECT 1;\nSELEC 2;\n");
  auto missing = (dir.path() / "missing.sql").string();
  auto other = dir.write("other.sql", "SET lock_timeout = '5s';\nALTER TABLE t DROP COLUMN c;\n");
  auto r = run_schemagate({"lint", "--format", "json", bad.string(), missing, other.string()});
  EXPECT_EQ(r.exit_code, 2);  // a file could not be read: runtime error wins
  EXPECT_NE(r.err.find("error: " + missing + ": cannot read: No such file or directory"),
            std::string::npos)
      << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["tool"]["name"], "schemagate");
  ASSERT_EQ(j["findings"].size(), 2u);
  EXPECT_EQ(j["findings"][0]["rule_id"], "syntax-error");
  EXPECT_EQ(j["findings"][0]["file"], bad.string());
  EXPECT_EQ(j["findings"][0]["line"], 2);
  EXPECT_EQ(j["findings"][0]["column"], 1);
  EXPECT_EQ(j["findings"][0]["severity"], "error");
  EXPECT_EQ(j["findings"][0]["risk"], "HIGH");
  EXPECT_EQ(j["findings"][0]["message"], "syntax error at or near \"SELEC\"");
  EXPECT_EQ(j["findings"][0]["suppressed"], false);
  EXPECT_EQ(j["findings"][1]["rule_id"], "ban-drop-column");
  EXPECT_EQ(j["summary"]["files"], 2);
  EXPECT_EQ(j["summary"]["errors"], 1);
  EXPECT_EQ(j["summary"]["warnings"], 1);
}

TEST(LintCli, SyntaxErrorAloneExitsOne) {
  auto r = run_schemagate({"lint", "-"}, "CREATE TABLE (;\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "<stdin>:1:14: error: syntax error at or near \"(\" [syntax-error]");
}

TEST(LintCli, BinaryNonUtf8AndEmptyInputGetClearMessages) {
  test::TempDir dir;
  auto binary = dir.write("blob.sql", std::string("GIF89a\0\0", 8));
  auto latin1 = dir.write("latin1.sql", "-- caf\xE9\nSELECT 1;\n");
  auto empty = dir.write("empty.sql", "");
  auto r = run_schemagate({"lint", binary.string(), latin1.string(), empty.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find(binary.string() +
                       ":1:7: error: binary file (contains a NUL byte); not SQL [syntax-error]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(latin1.string() + ":1:7: error: not valid UTF-8 (byte 0xE9); re-encode "
                                         "the file as UTF-8 [syntax-error]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("note: " + empty.string() + ": no SQL statements, nothing to lint"),
            std::string::npos)
      << r.err;
}

TEST(LintCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_schemagate({"lint"}).exit_code, 2);
  EXPECT_EQ(run_schemagate({"lint", "--format", "xml", "-"}).exit_code, 2);
  EXPECT_EQ(run_schemagate({"lint", "--fail-on", "sometimes", "-"}).exit_code, 2);
  EXPECT_EQ(run_schemagate({"frobnicate"}).exit_code, 2);
}

TEST(LintCli, RulesAndExplain) {
  auto rules = run_schemagate({"rules", "--format", "json"});
  ASSERT_EQ(rules.exit_code, 0);
  auto list = nlohmann::json::parse(rules.out);
  bool found = false;
  for (const auto& r : list) {
    if (r["id"] == "ban-drop-column") {
      found = true;
      EXPECT_EQ(r["severity"], "warning");
      EXPECT_EQ(r["risk"], "HIGH");
    }
  }
  EXPECT_TRUE(found);
  auto explain = run_schemagate({"explain", "ban-drop-column"});
  EXPECT_EQ(explain.exit_code, 0);
  EXPECT_EQ(explain.out.rfind("# ban-drop-column\n", 0), 0u);
  auto unknown = run_schemagate({"explain", "ban-drop-colum"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err,
            "error: unknown rule id 'ban-drop-colum'; did you mean 'ban-drop-column'?\n");
}

}  // namespace
}  // namespace sg

namespace sg {
namespace {

TEST(LintCli, AlterSystemNamesTheSettingItChanges) {
  test::TempDir dir;
  auto file = dir.write("sys.sql", "SELECT 1;\nALTER SYSTEM SET work_mem = '64MB';\n");
  auto r = test::run_schemagate({"lint", file.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find(file.string() +
                       ":2:1: error: ALTER SYSTEM (work_mem) changes the configuration of the "
                       "whole server, for every database on it [ban-alter-system]\n"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace sg
