// Ignore comments as a user writes them: which findings they suppress, and what they report.
#include <gtest/gtest.h>

#include "lint/engine.h"

namespace sg {
namespace {

// The defaults without require-lock-timeout, which every ALTER below would trip on line 1
// (these migrations skip SET lock_timeout to keep their line numbers short).
RuleSet default_rules() {
  RuleSet rules = RuleSet::defaults();
  rules.find("require-lock-timeout")->severity = Severity::kOff;
  return rules;
}

std::vector<Finding> lint(const std::string& sql, RuleSet rules = default_rules()) {
  SourceFile source("m.sql", sql);
  return lint_file(source, rules, LintOptions{}).findings;
}

std::string describe(const Finding& f) {
  std::string out = std::to_string(f.line) + ":" + std::to_string(f.column) + " " + f.rule_id +
                    " " + std::string(to_string(f.severity)) + ": " + f.message;
  if (f.suppressed) out += " [suppressed: " + f.suppression_reason + "]";
  return out;
}

std::vector<std::string> describe_all(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(describe(f));
  return out;
}

const std::string kDrop = "dropping column users.legacy breaks code that still reads or writes it";

TEST(Suppressions, LineBeforeTheStatementSuppressesWithItsReason) {
  auto findings = lint(
      "-- schemagate-ignore: ban-drop-column -- unused since release 2.3\n"
      "ALTER TABLE users DROP COLUMN legacy;\n"
      "ALTER TABLE users DROP COLUMN legacy;\n");
  EXPECT_EQ(describe_all(findings),
            (std::vector<std::string>{"2:13 ban-drop-column warning: " + kDrop +
                                          " [suppressed: unused since release 2.3]",
                                      "3:13 ban-drop-column warning: " + kDrop}));
}

TEST(Suppressions, EndOfTheFirstOrLastLineOfAStatement) {
  auto findings = lint(
      "ALTER TABLE users -- schemagate-ignore: ban-drop-column -- first line\n"
      "  DROP COLUMN legacy;\n"
      "ALTER TABLE users\n"
      "  DROP COLUMN legacy; -- schemagate-ignore: ban-drop-column -- last line\n");
  EXPECT_EQ(describe_all(findings),
            (std::vector<std::string>{
                "1:13 ban-drop-column warning: " + kDrop + " [suppressed: first line]",
                "3:13 ban-drop-column warning: " + kDrop + " [suppressed: last line]"}));
}

TEST(Suppressions, FileWideCoversEveryFindingOfThatRuleAnywhere) {
  auto findings = lint(
      "ALTER TABLE users DROP COLUMN legacy;\n"
      "CREATE INDEX i ON users (id);\n"
      "-- schemagate-ignore-file: ban-drop-column -- contract phase of JIRA-42\n"
      "ALTER TABLE users DROP COLUMN other;\n");
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_TRUE(findings[0].suppressed);
  EXPECT_EQ(findings[0].suppression_reason, "contract phase of JIRA-42");
  EXPECT_EQ(findings[1].rule_id, "require-concurrent-index-creation");
  EXPECT_FALSE(findings[1].suppressed);
  EXPECT_TRUE(findings[2].suppressed);
}

TEST(Suppressions, OneCommentNamesSeveralRules) {
  auto findings = lint(
      "CREATE TABLE users (id bigint);\n"
      "-- schemagate-ignore: ban-drop-column, require-concurrent-index-creation -- tiny table\n"
      "ALTER TABLE accounts DROP COLUMN legacy; CREATE INDEX i ON accounts (id);\n");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_TRUE(findings[0].suppressed);
  EXPECT_TRUE(findings[1].suppressed);
}

TEST(Suppressions, UnknownIdIsAnErrorWithDidYouMeanAndSuppressesNothing) {
  auto findings = lint(
      "-- schemagate-ignore: ban-drop-colum -- unused since release 2.3\n"
      "ALTER TABLE users DROP COLUMN legacy;\n");
  EXPECT_EQ(describe_all(findings),
            (std::vector<std::string>{
                "1:1 invalid-ignore error: ignore comment: unknown rule id 'ban-drop-colum'; did "
                "you mean 'ban-drop-column'?",
                "2:13 ban-drop-column warning: " + kDrop}));
}

TEST(Suppressions, MissingReasonIsAnErrorAtThatLine) {
  auto findings = lint(
      "SELECT 1;\n"
      "ALTER TABLE users DROP COLUMN legacy;   -- schemagate-ignore: ban-drop-column\n"
      "-- schemagate-ignore-file: ban-drop-column --   \n");
  std::string message =
      " invalid-ignore error: ignore comment without a reason; add one after ` -- ` so "
      "reviewers see why the risk is accepted";
  EXPECT_EQ(describe_all(findings),
            (std::vector<std::string>{"2:13 ban-drop-column warning: " + kDrop, "2:41" + message,
                                      "3:1" + message}));
}

TEST(Suppressions, UnusedIgnoreIsAWarning) {
  auto findings = lint(
      "-- schemagate-ignore: ban-drop-column -- nothing is dropped\n"
      "ALTER TABLE users ADD COLUMN nickname text;\n"
      "-- schemagate-ignore: ban-drop-column -- a blank line detaches it\n"
      "\n"
      "ALTER TABLE users DROP COLUMN legacy;\n");
  std::string unused =
      " unused-ignore warning: ignore comment for ban-drop-column matches no finding; remove it";
  EXPECT_EQ(describe_all(findings),
            (std::vector<std::string>{"1:1" + unused, "3:1" + unused,
                                      "5:13 ban-drop-column warning: " + kDrop}));
}

TEST(Suppressions, IgnoreForARuleThatIsOffIsNotReportedUnused) {
  RuleSet rules = default_rules();
  rules.find("ban-drop-column")->severity = Severity::kOff;
  auto findings = lint(
      "-- schemagate-ignore: ban-drop-column -- off here, on in another service\n"
      "ALTER TABLE users DROP COLUMN legacy;\n",
      rules);
  EXPECT_TRUE(findings.empty()) << describe_all(findings).front();
}

TEST(Suppressions, DirectivesInStringsAndDollarQuotesAreNotComments) {
  auto findings = lint(
      "SELECT '-- schemagate-ignore: ban-drop-column -- in a string';\n"
      "DO $body$ BEGIN PERFORM 1; -- schemagate-ignore: bogus-id\n"
      "END $body$;\n"
      "SELECT E'it\\'s -- schemagate-ignore: bogus-id';\n");
  EXPECT_TRUE(findings.empty()) << describe_all(findings).front();
}

TEST(Suppressions, MinReasonLengthOption) {
  RuleSet rules = default_rules();
  rules.find("invalid-ignore")->options = {{"min_reason_length", 10}};
  auto findings = lint(
      "-- schemagate-ignore: ban-drop-column -- ok\n"
      "ALTER TABLE users DROP COLUMN legacy;\n",
      rules);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(describe(findings[0]),
            "1:1 invalid-ignore error: ignore comment reason is shorter than 10 characters "
            "(rules.invalid-ignore.min_reason_length)");
  EXPECT_FALSE(findings[1].suppressed);
}

TEST(Suppressions, SuppressedFindingsStayInJsonWithTheirReason) {
  auto findings = lint(
      "ALTER TABLE users DROP COLUMN legacy; -- schemagate-ignore: ban-drop-column -- JIRA-7\n");
  ASSERT_EQ(findings.size(), 1u);
  auto j = to_json(findings[0]);
  EXPECT_EQ(j["suppressed"], true);
  EXPECT_EQ(j["suppression_reason"], "JIRA-7");
}

// A team switching from squawk keeps its reviewed exceptions: squawk's comments, squawk's
// syntax (no reason, spaces or commas, any case), for the rules with squawk's ids.
TEST(Suppressions, SquawkIgnoreCommentsCoverTheSharedRules) {
  auto findings = lint(
      "-- squawk-ignore ban-drop-column\n"
      "ALTER TABLE users DROP COLUMN legacy;\n"
      "-- squawk-ignore Renaming-Column, ban-drop-column -- contract step of 0041\n"
      "ALTER TABLE users DROP COLUMN legacy;\n"
      "-- squawk-ignore require-timeout-settings\n"
      "ALTER TABLE users DROP COLUMN legacy;\n");
  EXPECT_EQ(describe_all(findings),
            (std::vector<std::string>{
                "2:13 ban-drop-column warning: " + kDrop +
                    " [suppressed: squawk-ignore ban-drop-column]",
                "4:13 ban-drop-column warning: " + kDrop +
                    " [suppressed: squawk-ignore Renaming-Column, ban-drop-column -- contract step "
                    "of 0041]",
                "6:13 ban-drop-column warning: " + kDrop}))
      << "a squawk rule schemagate lacks covers nothing, and is no invalid-ignore";
}

TEST(Suppressions, SquawkIgnoreFileWithNoRuleCoversEverySharedRuleAndIsNeverUnused) {
  RuleSet rules = default_rules();
  rules.find("prefer-bigint-over-int")->severity = Severity::kWarning;
  auto findings = lint(
      "-- squawk-ignore-file\n"
      "ALTER TABLE users DROP COLUMN legacy;\n"
      "CREATE TABLE t (id int PRIMARY KEY);\n",
      rules);
  for (const auto& f : findings) {
    EXPECT_TRUE(f.suppressed) << describe(f);
    EXPECT_NE(f.rule_id, "unused-ignore") << describe(f);
  }
  EXPECT_EQ(findings.size(), 2u) << testing::PrintToString(describe_all(findings));
  // squawk's older prefer-big-int means both of schemagate's integer-width rules.
  findings = lint("-- squawk-ignore prefer-big-int\nCREATE TABLE t (id int PRIMARY KEY);\n", rules);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "prefer-bigint-over-int");
  EXPECT_TRUE(findings[0].suppressed);
  findings = lint("-- squawk-ignore ban-drop-column\nCREATE TABLE t (id bigint PRIMARY KEY);\n");
  EXPECT_TRUE(findings.empty()) << testing::PrintToString(describe_all(findings));
}

}  // namespace
}  // namespace sg
