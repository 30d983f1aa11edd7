// .schemagate.toml: values, defaults, and the error messages a user sees, verbatim.
#include "config/config.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sg {
namespace {

std::vector<std::string> errors_of(const std::string& toml) {
  ConfigResult r = parse_config(toml, ".schemagate.toml");
  EXPECT_EQ(r.config.has_value(), r.errors.empty());
  return r.errors;
}

TEST(Config, EmptyFileMeansDefaults) {
  ConfigResult r = parse_config("", ".schemagate.toml");
  ASSERT_TRUE(r.config) << r.errors.front();
  const Config& c = *r.config;
  EXPECT_EQ(c.pg_version, 15);
  EXPECT_EQ(c.fail_on, "error");
  EXPECT_EQ(c.rules.find("ban-drop-column")->severity, Severity::kWarning);
  EXPECT_EQ(c.rules.find("syntax-error")->severity, Severity::kError);
  EXPECT_EQ(c.risk.approvals[static_cast<size_t>(Risk::kHigh)],
            (std::vector<std::string>{"VP Engineering", "CTO"}));
  EXPECT_TRUE(c.risk.compliance_tables.empty());
}

TEST(Config, EverySettingIsRead) {
  ConfigResult r = parse_config(R"(pg_version = 12
fail_on = "risk:HIGH"

[rules.ban-drop-column]
severity = "error"

[rules]
require-concurrent-index-creation = "off"

[rules.invalid-ignore]
min_reason_length = 12

[paths]
include = ["db/migrations/**/*.sql"]
exclude = ["db/migrations/legacy/**"]

[risk.approvals]
low = ["Database Admin"]
HIGH = ["CTO", "DBA"]

[compliance]
tables = ["patients", "record_audit"]
)",
                                ".schemagate.toml");
  ASSERT_TRUE(r.config) << r.errors.front();
  const Config& c = *r.config;
  EXPECT_EQ(c.source, ".schemagate.toml");
  EXPECT_EQ(c.pg_version, 12);
  EXPECT_EQ(c.fail_on, "risk:HIGH");
  EXPECT_EQ(c.rules.find("ban-drop-column")->severity, Severity::kError);
  EXPECT_EQ(c.rules.find("require-concurrent-index-creation")->severity, Severity::kOff);
  EXPECT_EQ(c.rules.find("invalid-ignore")->options, nlohmann::json({{"min_reason_length", 12}}));
  EXPECT_EQ(c.include, std::vector<std::string>{"db/migrations/**/*.sql"});
  EXPECT_EQ(c.exclude, std::vector<std::string>{"db/migrations/legacy/**"});
  EXPECT_EQ(c.risk.approvals[static_cast<size_t>(Risk::kLow)],
            std::vector<std::string>{"Database Admin"});
  EXPECT_EQ(c.risk.approvals[static_cast<size_t>(Risk::kMedium)],
            std::vector<std::string>{"Engineering Manager"});
  EXPECT_EQ(c.risk.approvals[static_cast<size_t>(Risk::kHigh)],
            (std::vector<std::string>{"CTO", "DBA"}));
  EXPECT_EQ(c.risk.compliance_tables, (std::vector<std::string>{"patients", "record_audit"}));
}

TEST(Config, WrongTypeSaysWhatWasExpected) {
  EXPECT_EQ(errors_of("pg_version = 14\n\n[rules.ban-drop-column]\nseverity = 3\n"),
            std::vector<std::string>{
                ".schemagate.toml:4:12: rules.ban-drop-column.severity: expected one of "
                "\"error\", \"warning\", \"off\", got 3"});
  EXPECT_EQ(errors_of("[rules]\nban-drop-column = \"fatal\"\n"),
            std::vector<std::string>{
                ".schemagate.toml:2:19: rules.ban-drop-column: expected one of \"error\", "
                "\"warning\", \"off\", got \"fatal\""});
  EXPECT_EQ(errors_of("pg_version = \"15\"\nfail_on = \"sometimes\"\n"),
            (std::vector<std::string>{
                ".schemagate.toml:1:14: pg_version: expected an integer from 9 to 18, got \"15\"",
                ".schemagate.toml:2:11: fail_on: expected one of \"error\", \"warning\", "
                "\"none\", \"risk:LOW\", \"risk:MEDIUM\", \"risk:HIGH\", \"risk:CRITICAL\", got "
                "\"sometimes\""}));
  EXPECT_EQ(errors_of("[rules.invalid-ignore]\nmin_reason_length = \"long\"\n"),
            std::vector<std::string>{
                ".schemagate.toml:2:21: rules.invalid-ignore.min_reason_length: expected an "
                "integer, got \"long\""});
  EXPECT_EQ(errors_of("[paths]\ninclude = \"*.sql\"\n[compliance]\ntables = [\"a\", 2]\n"),
            (std::vector<std::string>{
                ".schemagate.toml:2:11: paths.include: expected an array of strings, got "
                "\"*.sql\"",
                ".schemagate.toml:4:10: compliance.tables: expected an array of strings, got an "
                "array"}));
  EXPECT_EQ(errors_of("risk = 3\n"),
            std::vector<std::string>{".schemagate.toml:1:8: risk: expected a table, got 3"});
}

TEST(Config, UnknownKeyRuleAndOptionSuggestTheClosest) {
  EXPECT_EQ(errors_of("pg_versoin = 14\n"),
            std::vector<std::string>{
                ".schemagate.toml:1:1: pg_versoin: unknown key; did you mean 'pg_version'?"});
  EXPECT_EQ(errors_of("[rules.ban-drop-colum]\nseverity = \"off\"\n"),
            std::vector<std::string>{
                ".schemagate.toml:1:8: rules.ban-drop-colum: unknown rule id 'ban-drop-colum'; "
                "did you mean 'ban-drop-column'?"});
  EXPECT_EQ(errors_of("[rules.invalid-ignore]\nmin_reason_lenght = 3\nfoo = 1\n"),
            (std::vector<std::string>{
                ".schemagate.toml:2:1: rules.invalid-ignore.min_reason_lenght: unknown option; "
                "did you mean 'min_reason_length'?",
                ".schemagate.toml:3:1: rules.invalid-ignore.foo: unknown option"}));
  EXPECT_EQ(errors_of("[risk.approvals]\nHIGHH = [\"CTO\"]\n[paths]\nexclud = []\n"),
            (std::vector<std::string>{
                ".schemagate.toml:2:1: risk.approvals.HIGHH: unknown risk level; did you mean "
                "'HIGH'?",
                ".schemagate.toml:4:1: paths.exclud: unknown key; did you mean 'exclude'?"}));
}

TEST(Config, TomlSyntaxErrorHasFileLineAndColumn) {
  auto errors = errors_of("pg_version = 14\n[rules\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind(".schemagate.toml:2:", 0), 0u) << errors[0];
}

TEST(Config, DumpListsEveryRuleAndOptionAndReadsBack) {
  ConfigResult r = parse_config(
      "pg_version = 13\n[rules.ban-drop-column]\nseverity = \"error\"\n"
      "[compliance]\ntables = [\"patients\"]\n",
      "team.toml");
  ASSERT_TRUE(r.config);
  std::string dump = dump_config(*r.config);
  EXPECT_EQ(dump.rfind("# schemagate effective configuration (from team.toml)\n", 0), 0u) << dump;
  EXPECT_NE(dump.find("pg_version = 13\n"), std::string::npos) << dump;
  EXPECT_NE(dump.find("[rules.ban-drop-column]\nseverity = 'error'\n"), std::string::npos) << dump;
  EXPECT_NE(dump.find("[rules.invalid-ignore]\nmin_reason_length = 1\nseverity = 'error'\n"),
            std::string::npos)
      << dump;
  EXPECT_NE(dump.find("HIGH = [ 'VP Engineering', 'CTO' ]\n"), std::string::npos) << dump;
  for (const auto& rule : r.config->rules.rules()) {
    EXPECT_NE(dump.find("[rules." + std::string(rule.info->id) + "]\n"), std::string::npos)
        << rule.info->id;
  }
  ConfigResult back = parse_config(dump, "dump.toml");
  ASSERT_TRUE(back.config) << back.errors.front();
  EXPECT_EQ(dump_config(*back.config).substr(dump.find('\n')), dump.substr(dump.find('\n')));
}

TEST(Config, FoundFromTheCurrentDirectoryUpToTheGitRoot) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "repo/.git");
  auto config = dir.write("repo/.schemagate.toml", "pg_version = 12\n");
  std::filesystem::create_directories(dir.path() / "repo/db/migrations");
  EXPECT_EQ(find_config(dir.path() / "repo/db/migrations"), config);
  EXPECT_EQ(find_config(dir.path() / "repo"), config);
  // Above the git root nothing is looked at.
  dir.write(".schemagate.toml", "pg_version = 11\n");
  std::filesystem::remove(config);
  EXPECT_EQ(find_config(dir.path() / "repo/db"), std::nullopt);
  // Outside a repository only the directory itself counts.
  std::filesystem::create_directories(dir.path() / "plain/sub");
  EXPECT_EQ(find_config(dir.path() / "plain/sub"), std::nullopt);
  EXPECT_EQ(find_config(dir.path()), dir.path() / ".schemagate.toml");
}

TEST(Config, UnreadableFileSaysWhy) {
  ConfigResult r = load_config("/nonexistent/schemagate.toml");
  EXPECT_EQ(r.errors, std::vector<std::string>{
                          "/nonexistent/schemagate.toml: cannot read: No such file or directory"});
}

}  // namespace
}  // namespace sg
