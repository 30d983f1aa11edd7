// Risk of a file: what its statements do (seeds 003/004) and the findings it raises.
#include "assess/file_risk.h"

#include <gtest/gtest.h>

#include "lint/engine.h"

namespace sg {
namespace {

struct Case {
  const char* sql;
  Risk risk;
  const char* reason;
};

FileRisk assess(const std::string& sql, RuleSet rules = RuleSet::defaults(),
                const RiskPolicy& policy = RiskPolicy::defaults()) {
  SourceFile source("m.sql", sql);
  FileLintResult result = lint_file(source, rules, LintOptions{});
  return assess_file_risk("m.sql", result.statement_risks, result.findings, policy);
}

// Statement classes alone: no rule runs, so only what the statement does counts.
TEST(Risk, EachStatementKindGetsItsSeedLevel) {
  const Case cases[] = {
      {"CREATE TABLE t (id bigint);", Risk::kLow, "creates table t"},
      {"CREATE TABLE t2 AS SELECT 1 AS x;", Risk::kLow, "creates table t2"},
      {"CREATE INDEX CONCURRENTLY i ON users (email);", Risk::kLow,
       "creates an index concurrently on users"},
      {"ALTER TABLE users ADD COLUMN nick text;", Risk::kLow, "adds nullable column users.nick"},
      {"ALTER TABLE users ALTER COLUMN nick SET DEFAULT 'x';", Risk::kLow,
       "changes the default of users.nick"},
      {"INSERT INTO settings VALUES (1, 'on');", Risk::kLow, "inserts rows into settings"},
      {"CREATE INDEX i ON users (email);", Risk::kMedium,
       "creates an index on users without CONCURRENTLY"},
      {"ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0;", Risk::kMedium,
       "adds NOT NULL column users.age"},
      {"ALTER TABLE users ALTER COLUMN age SET NOT NULL;", Risk::kMedium,
       "sets NOT NULL on users.age"},
      {"ALTER TABLE users ALTER COLUMN age TYPE bigint;", Risk::kMedium,
       "changes the type of users.age"},
      {"ALTER TYPE mood ADD VALUE 'meh';", Risk::kMedium, "changes enum type mood"},
      {"ALTER TABLE users DROP COLUMN legacy;", Risk::kHigh, "drops column users.legacy"},
      {"DROP TABLE sessions;", Risk::kHigh, "drops table sessions"},
      {"UPDATE users SET nick = name;", Risk::kHigh, "updates rows of users"},
      {"DELETE FROM sessions WHERE expired;", Risk::kHigh, "deletes rows of sessions"},
      {"INSERT INTO archive SELECT * FROM clips;", Risk::kHigh, "copies rows into archive"},
      {"ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0);", Risk::kHigh,
       "adds a constraint on users"},
      {"ALTER TABLE users DROP CONSTRAINT age_ok;", Risk::kHigh,
       "drops constraint age_ok on users"},
      {"ALTER TABLE users RENAME COLUMN nick TO nickname;", Risk::kHigh,
       "renames column users.nick to nickname"},
      {"TRUNCATE sessions;", Risk::kHigh, "truncates sessions"},
      {"ALTER TABLE users RENAME TO accounts;", Risk::kCritical, "renames table users to accounts"},
      {"ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (uid) REFERENCES users (id);",
       Risk::kCritical, "adds a foreign key on orders"},
      {"ALTER TABLE orders ADD COLUMN uid bigint REFERENCES users (id);", Risk::kCritical,
       "adds a foreign key on orders.uid"},
      {"ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM (1) TO (2);",
       Risk::kCritical, "restructures the partitions of events"},
      {"TRUNCATE sessions CASCADE;", Risk::kCritical, "truncates with CASCADE sessions"},
      {"DROP DATABASE app;", Risk::kCritical, "drops database app"},
  };
  RuleSet none = RuleSet::only(*find_rule("syntax-error"));
  for (const auto& c : cases) {
    FileRisk risk = assess(c.sql, none);
    EXPECT_EQ(to_string(risk.risk), to_string(c.risk)) << c.sql;
    EXPECT_EQ(risk.reasons, std::vector<std::string>{c.reason}) << c.sql;
  }
}

TEST(Risk, ChangesToATableCreatedInTheSameFileStayLow) {
  RuleSet none = RuleSet::only(*find_rule("syntax-error"));
  FileRisk risk = assess(
      "CREATE TABLE t (id bigint);\n"
      "ALTER TABLE t ADD COLUMN u bigint NOT NULL REFERENCES users (id);\n"
      "CREATE INDEX i ON t (u);\n"
      "UPDATE t SET u = 1;\n",
      none);
  EXPECT_EQ(risk.risk, Risk::kLow);
  // "creates table t" says it all: the new table's index, key and rows are not reasons of
  // their own (issue 17: "creates an index on events without CONCURRENTLY" misled reviewers).
  EXPECT_EQ(risk.reasons, (std::vector<std::string>{"creates table t"}));
}

TEST(Risk, ARenameNamesTheKindAndTheOldName) {
  RuleSet none = RuleSet::only(*find_rule("syntax-error"));
  FileRisk risk = assess(
      "ALTER TYPE \"TeamRole\" RENAME TO \"TeamAccessRole\";\n"
      "ALTER TABLE users RENAME CONSTRAINT users_pkey TO users_pk;\n"
      "ALTER INDEX users_email_idx RENAME TO users_email_key;\n",
      none);
  EXPECT_EQ(risk.risk, Risk::kMedium);
  EXPECT_EQ(risk.reasons, (std::vector<std::string>{
                              "renames type TeamRole to TeamAccessRole",
                              "renames constraint users_pkey on users to users_pk",
                              "renames index users_email_idx to users_email_key"}));
}

TEST(Risk, FindingsRaiseTheLevelAndSuppressedOnesDoNot) {
  // A risk-LOW statement with a HIGH finding is HIGH; suppressing the finding leaves what the
  // statement does (still HIGH here: a dropped column).
  FileRisk flagged = assess("CREATE INDEX i ON users (email);\n");
  EXPECT_EQ(flagged.risk, Risk::kMedium);
  EXPECT_EQ(flagged.reasons,
            (std::vector<std::string>{"creates an index on users without CONCURRENTLY",
                                      "require-concurrent-index-creation at line 1"}));
  FileRisk syntax = assess("SELEC 1;\n");
  EXPECT_EQ(syntax.risk, Risk::kHigh);
  EXPECT_EQ(syntax.reasons, std::vector<std::string>{"syntax-error at line 1"});
  FileRisk suppressed = assess(
      "-- schemagate-ignore: require-concurrent-index-creation -- table has 12 rows\n"
      "CREATE INDEX i ON users (email);\n");
  EXPECT_EQ(suppressed.risk, Risk::kMedium);
  EXPECT_EQ(suppressed.reasons,
            std::vector<std::string>{"creates an index on users without CONCURRENTLY"});
}

TEST(Risk, ApprovalsComeFromThePolicy) {
  EXPECT_EQ(assess("CREATE TABLE t (id bigint);").approvals, std::vector<std::string>{"Tech Lead"});
  EXPECT_EQ(assess("ALTER TABLE users ALTER COLUMN a TYPE text;").approvals,
            std::vector<std::string>{"Engineering Manager"});
  EXPECT_EQ(assess("ALTER TABLE users DROP COLUMN a;").approvals,
            (std::vector<std::string>{"VP Engineering", "CTO"}));
  EXPECT_EQ(assess("ALTER TABLE users RENAME TO people;").approvals,
            std::vector<std::string>{"Executive Team"});
  RiskPolicy policy = RiskPolicy::defaults();
  policy.approvals[static_cast<size_t>(Risk::kHigh)] = {"CTO", "DBA"};
  EXPECT_EQ(assess("DROP TABLE t;", RuleSet::defaults(), policy).approvals,
            (std::vector<std::string>{"CTO", "DBA"}));
}

TEST(Risk, TouchingAComplianceTableMarksTheFileForReview) {
  RiskPolicy policy = RiskPolicy::defaults();
  policy.compliance_tables = {"patients", "public.record_audit"};
  FileRisk risk = assess(
      "ALTER TABLE public.patients ADD COLUMN consent boolean;\n"
      "SELECT * FROM record_audit JOIN visits USING (id);\n"
      "DROP TABLE scratch;\n",
      RuleSet::defaults(), policy);
  EXPECT_TRUE(risk.compliance_review);
  EXPECT_EQ(risk.compliance_tables, (std::vector<std::string>{"public.patients", "record_audit"}));
  EXPECT_EQ(risk.tables_touched,
            (std::vector<std::string>{"public.patients", "record_audit", "visits", "scratch"}));
  EXPECT_FALSE(assess("DROP TABLE scratch;", RuleSet::defaults(), policy).compliance_review);
}

TEST(Risk, JsonEntryAndSummaryLine) {
  FileRisk risk = assess("ALTER TABLE users DROP COLUMN legacy;\n");
  auto j = to_json(risk);
  EXPECT_EQ(j["file"], "m.sql");
  EXPECT_EQ(j["risk"], "HIGH");
  EXPECT_EQ(j["risk_reasons"],
            nlohmann::json({"drops column users.legacy", "ban-drop-column at line 1"}));
  EXPECT_EQ(j["approvals"], nlohmann::json({"VP Engineering", "CTO"}));
  EXPECT_EQ(j["compliance_review"], false);
  EXPECT_EQ(summary_line(risk),
            "m.sql: risk HIGH (drops column users.legacy; ban-drop-column at line 1) - "
            "approvals: VP Engineering, CTO");
  // A saved report's entry reads back to the same line.
  EXPECT_EQ(summary_line(file_risk_from_json(j, "m.sql")), summary_line(risk));
}

TEST(Risk, SummaryLineShowsThreeReasonsAndCountsTheRest) {
  RuleSet none = RuleSet::only(*find_rule("syntax-error"));
  FileRisk risk =
      assess("DROP TABLE a; DROP TABLE b; DROP TABLE c; DROP TABLE d; DROP TABLE e;", none);
  EXPECT_EQ(risk.reasons.size(), 5u);
  EXPECT_EQ(summary_line(risk),
            "m.sql: risk HIGH (drops table a; drops table b; drops table c and 2 more) - "
            "approvals: VP Engineering, CTO");
}

}  // namespace
}  // namespace sg
