// The round trip on a real PostgreSQL (the shared embedded server, reached by URL).
#include "db/roundtrip.h"

#include <gtest/gtest.h>

#include "db_support.h"

namespace sg {
namespace {

using test::migration;
using test::script;

class RoundTrip : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(test::shared_server(), nullptr) << test::shared_server_error();
  }
};

std::vector<std::string> lines(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(test::finding_line(f));
  return out;
}

TEST_F(RoundTrip, CleanMigrationGoesUpDownUpWithTimingsAndJson) {
  MigrationSet set;
  set.migrations.push_back(
      migration("001_orders", script("001.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);"),
                std::nullopt, ChangeKind::kUnchanged));
  set.migrations.push_back(
      migration("002_note", script("002.sql", "ALTER TABLE orders ADD COLUMN note text;\n"),
                script("002_down.sql", "ALTER TABLE orders DROP COLUMN note;\n")));
  auto report = test::roundtrip_on_shared(set);
  ASSERT_EQ(report.error, "");
  // ADD COLUMN on an existing table: the trace saw the ACCESS EXCLUSIVE lock the static model
  // predicts, held for milliseconds: no finding (issue 17).
  EXPECT_EQ(lines(report.findings), std::vector<std::string>{});
  ASSERT_EQ(report.migrations.size(), 1u);
  ASSERT_EQ(report.migrations[0].trace.locks.size(), 1u);
  EXPECT_TRUE(report.migrations[0].trace.locks[0].predicted);
  EXPECT_EQ(report.history_count, 1);
  nlohmann::json json = to_json(report);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0]["migration"], "002_note");
  EXPECT_EQ(json[0]["status"], "ok");
  EXPECT_EQ(json[0]["schema_diff"], nlohmann::json::array());
  EXPECT_EQ(json[0]["server_version"].get<std::string>().substr(0, 3), "15.");
  ASSERT_EQ(json[0]["steps"].size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(json[0]["steps"][i]["step"], (std::vector<std::string>{"up", "down", "reapply"})[i]);
    EXPECT_EQ(json[0]["steps"][i]["ok"], true);
    EXPECT_EQ(json[0]["steps"][i]["error"], nullptr);
    EXPECT_TRUE(json[0]["steps"][i]["ms"].is_number_integer());
  }
  std::ostringstream text;
  write_roundtrip_text(report, text);
  EXPECT_EQ(text.str().rfind("roundtrip 002_note: ok (", 0), 0u) << text.str();
  EXPECT_NE(text.str().find("\n  up      ok    "), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("\n  down    ok    "), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("\n  reapply ok    "), std::string::npos) << text.str();
}

// golang-migrate sends the file in one call: PostgreSQL runs it as one implicit transaction.
TEST_F(RoundTrip, ConcurrentIndexInAWholeFileScriptFailsLikeProduction) {
  const std::string up =
      "CREATE TABLE t (id int);\n"
      "CREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n";
  const std::string down = "DROP TABLE t;\n";
  for (auto mode : {TransactionMode::kWholeFileImplicit, TransactionMode::kWrappedByTool,
                    TransactionMode::kStatementByStatement}) {
    MigrationSet set;
    set.migrations.push_back(
        migration("001_t", script("up.sql", up, mode), script("down.sql", down, mode)));
    auto report = test::roundtrip_on_shared(set);
    ASSERT_EQ(report.error, "");
    if (mode == TransactionMode::kStatementByStatement) {
      EXPECT_TRUE(report.findings.empty()) << "psql mode runs each statement on its own";
      continue;
    }
    // The lock trace sends a whole file's statements one by one inside BEGIN/COMMIT (the same
    // transaction golang-migrate's single call makes), so the failing statement is known.
    std::string line = "2";
    EXPECT_EQ(lines(report.findings),
              (std::vector<std::string>{
                  "up.sql:" + line +
                  ":1: error: migration failed: CREATE INDEX CONCURRENTLY cannot run inside a "
                  "transaction block (SQLSTATE 25001) [migration-failed]"}));
    // Nothing of the failed transaction stays behind.
    ASSERT_EQ(report.migrations.size(), 1u);
    EXPECT_EQ(report.migrations[0].status, "failed");
  }
}

TEST_F(RoundTrip, ServerErrorPositionMapsToFileLineAndColumnInEveryMode) {
  const std::string up =
      "-- comment lines shift the statement\n"
      "CREATE TABLE t (id int, name text);\n"
      "\n"
      "CREATE VIEW v AS\n"
      "  SELECT id, nmae FROM t;\n";
  for (auto mode : {TransactionMode::kStatementByStatement, TransactionMode::kWholeFileImplicit,
                    TransactionMode::kWrappedByTool}) {
    MigrationSet set;
    set.migrations.push_back(migration("001_v", script("up.sql", up, mode), std::nullopt));
    auto report = test::roundtrip_on_shared(set);
    EXPECT_EQ(lines(report.findings),
              (std::vector<std::string>{"up.sql:5:14: error: migration failed: column \"nmae\" "
                                        "does not exist (SQLSTATE 42703) [migration-failed]"}));
  }
}

TEST_F(RoundTrip, GooseStatementSpansAreSentAsWritten) {
  // A function body with semicolons: goose marks it as one statement.
  std::string up =
      "CREATE FUNCTION one() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\n"
      "SELECT nosuch();\n";
  Script s = script("up.sql", up, TransactionMode::kWrappedByTool);
  size_t second = up.find("SELECT");
  s.statement_spans = {{0, second - 2}, {second, up.size() - 2}};
  MigrationSet set;
  set.migrations.push_back(migration("001_f", s, std::nullopt));
  auto report = test::roundtrip_on_shared(set);
  EXPECT_EQ(lines(report.findings),
            (std::vector<std::string>{
                "up.sql:2:8: error: migration failed: function nosuch() does not exist (SQLSTATE "
                "42883) [migration-failed]"}));
}

TEST_F(RoundTrip, AfterAFailedRollbackTheNextMigrationStartsFromTheUpState) {
  MigrationSet set;
  set.migrations.push_back(migration("001_a", script("001.sql", "CREATE TABLE a (id int);"),
                                     script("001_down.sql", "DROP TABLE nosuch;")));
  set.migrations.push_back(migration("002_b", script("002.sql", "ALTER TABLE a ADD COLUMN b int;"),
                                     script("002_down.sql", "ALTER TABLE a DROP COLUMN b;")));
  auto report = test::roundtrip_on_shared(set);
  ASSERT_EQ(report.error, "");
  // 002 alters table a, so it applied only because 001's up state was rebuilt (its predicted,
  // short lock on a is no finding).
  EXPECT_EQ(lines(report.findings),
            (std::vector<std::string>{"001_down.sql:1:1: error: rollback failed: table \"nosuch\" "
                                      "does not exist (SQLSTATE 42P01) [rollback-failed]"}));
  ASSERT_EQ(report.migrations.size(), 2u);
  EXPECT_EQ(report.migrations[0].status, "failed");
  EXPECT_EQ(report.migrations[1].status, "ok");
  EXPECT_EQ(report.migrations[1].steps.size(), 3u);
}

TEST_F(RoundTrip, AFailedUpSkipsTheLaterNewMigrations) {
  MigrationSet set;
  set.migrations.push_back(
      migration("001_a", script("001.sql", "CREATE TABLE a (id int"), std::nullopt));
  set.migrations.push_back(migration("002_b", script("002.sql", "SELECT 1;"), std::nullopt));
  auto report = test::roundtrip_on_shared(set);
  EXPECT_EQ(lines(report.findings),
            (std::vector<std::string>{"001.sql:1:23: error: migration failed: syntax error at end "
                                      "of input (SQLSTATE 42601) [migration-failed]"}));
  ASSERT_EQ(report.migrations.size(), 2u);
  EXPECT_EQ(report.migrations[1].status, "skipped");
  EXPECT_TRUE(report.migrations[1].steps.empty());
}

TEST_F(RoundTrip, MigrationWithoutDownIsAppliedAndChecked) {
  MigrationSet set;
  set.migrations.push_back(
      migration("001_a", script("001.sql", "CREATE TABLE a (id int);"), std::nullopt));
  auto report = test::roundtrip_on_shared(set);
  ASSERT_EQ(report.migrations.size(), 1u);
  EXPECT_EQ(report.migrations[0].status, "ok");
  ASSERT_EQ(report.migrations[0].steps.size(), 1u);
  EXPECT_EQ(report.migrations[0].steps[0].step, "up");
}

TEST_F(RoundTrip, AHangingStatementFailsOnTheTimeout) {
  MigrationSet set;
  set.migrations.push_back(
      migration("001_sleep", script("up.sql", "SELECT pg_sleep(30);"), std::nullopt));
  auto report = test::roundtrip_on_shared(set, 300);
  EXPECT_EQ(lines(report.findings),
            (std::vector<std::string>{"up.sql:1:1: error: migration failed: canceling statement "
                                      "due to statement timeout (SQLSTATE 57014) "
                                      "[migration-failed]"}));
  EXPECT_LT(report.migrations.at(0).steps.at(0).ms, 5000);
}

TEST_F(RoundTrip, SnapshotSeesEveryKindOfObjectARollbackLeaves) {
  const std::string up = R"(CREATE SCHEMA billing;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE DOMAIN positive AS int CHECK (VALUE > 0);
CREATE SEQUENCE billing.invoice_no START 100;
CREATE TABLE billing.invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  total numeric(10, 2) NOT NULL DEFAULT 0, doubled numeric GENERATED ALWAYS AS (total * 2) STORED,
  label text COLLATE "C", CONSTRAINT total_ok CHECK (total >= 0) NOT VALID);
CREATE INDEX invoices_total_idx ON billing.invoices (total);
CREATE VIEW billing.big AS SELECT id FROM billing.invoices WHERE total > 100;
CREATE MATERIALIZED VIEW billing.totals AS SELECT sum(total) AS s FROM billing.invoices;
CREATE FUNCTION billing.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE PROCEDURE billing.noop() LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TRIGGER invoices_touch BEFORE UPDATE ON billing.invoices
  FOR EACH ROW EXECUTE FUNCTION billing.touch();
ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON billing.invoices USING (total > 0);
COMMENT ON TABLE billing.invoices IS 'money';
GRANT SELECT ON billing.invoices TO PUBLIC;
)";
  MigrationSet set;
  set.migrations.push_back(migration("001_all", script("up.sql", up), script("down.sql", "")));
  auto report = test::roundtrip_on_shared(set);
  ASSERT_EQ(report.error, "");
  ASSERT_EQ(report.migrations.size(), 1u);
  std::string diff;
  for (const auto& d : report.migrations[0].schema_diff) diff += d + "\n";
  for (const char* expected :
       {"schema billing still exists after rollback\n",
        "extension pg_trgm still exists after rollback\n",
        "type mood still exists after rollback\n", "domain positive still exists after rollback\n",
        "constraint positive_check on domain positive still exists after rollback\n",
        "sequence billing.invoice_no still exists after rollback\n",
        "table billing.invoices still exists after rollback\n",
        "column billing.invoices.total still exists after rollback\n",
        "column billing.invoices.doubled still exists after rollback\n",
        "constraint total_ok on billing.invoices still exists after rollback\n",
        "index billing.invoices_total_idx still exists after rollback\n",
        "view billing.big still exists after rollback\n",
        "materialized view billing.totals still exists after rollback\n",
        "function billing.touch() still exists after rollback\n",
        "procedure billing.noop() still exists after rollback\n",
        "trigger invoices_touch on billing.invoices still exists after rollback\n",
        "policy own on billing.invoices still exists after rollback\n",
        "comment on table billing.invoices still exists after rollback\n",
        "grant on table billing.invoices to PUBLIC still exists after rollback\n"}) {
    EXPECT_NE(diff.find(expected), std::string::npos) << "missing: " << expected << "in:\n" << diff;
  }
  // Reapply fails: the schema is already there.
  EXPECT_EQ(report.findings.back().rule_id, "reapply-failed");
}

// A revert script that sets search_path (as sqitch projects' do) leaves the session with it:
// the snapshot after the down must still print `REFERENCES registry.events(id)` as before the
// up, so an exact rollback is no difference. And a wrong one still is, qualified.
TEST_F(RoundTrip, TheSnapshotDoesNotDependOnTheSessionsSearchPath) {
  MigrationSet set;
  set.migrations.push_back(migration(
      "001_registry",
      script("001.sql",
             "CREATE SCHEMA registry;\nCREATE TABLE registry.events (id bigint PRIMARY KEY);\n"
             "CREATE TABLE registry.tags (id bigint PRIMARY KEY, event_id bigint REFERENCES "
             "registry.events (id));\n"),
      std::nullopt, ChangeKind::kUnchanged));
  set.migrations.push_back(migration(
      "002_labels",
      script("002.sql",
             "SET search_path = registry;\nCREATE TABLE labels (id bigint PRIMARY KEY, event_id "
             "bigint REFERENCES events (id));\n"),
      script("002_down.sql", "SET search_path = registry;\nDROP TABLE labels;\n")));
  set.migrations.push_back(migration(
      "003_wrong",
      script("003.sql", "SET search_path = registry;\nALTER TABLE tags ALTER COLUMN event_id "
                        "SET DEFAULT 0;\n"),
      script("003_down.sql", "SET search_path = registry;\nSELECT 1;\n")));
  auto report = test::roundtrip_on_shared(set);
  ASSERT_EQ(report.error, "");
  ASSERT_EQ(report.migrations.size(), 2u);
  EXPECT_EQ(report.migrations[0].status, "ok");
  EXPECT_EQ(report.migrations[0].schema_diff, std::vector<std::string>{});
  EXPECT_EQ(report.migrations[1].schema_diff,
            std::vector<std::string>{
                "column registry.tags.event_id differs after rollback: was `bigint position 2`, "
                "now `bigint default 0 position 2`"});
}

// A function the down recreates exactly as the history had it is no difference, whether its
// body is a string (plpgsql) or parsed SQL (BEGIN ATOMIC, which has no prosrc).
TEST_F(RoundTrip, AFunctionRecreatedIdenticallyIsNoDifference) {
  const std::string plpgsql =
      "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
      "BEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;\n";
  const std::string atomic =
      "CREATE OR REPLACE FUNCTION total(a int, b int) RETURNS int LANGUAGE sql\n"
      "BEGIN ATOMIC\n  SELECT a + b;\nEND;\n";
  MigrationSet set;
  set.migrations.push_back(
      migration("001_functions", script("001.sql", plpgsql + atomic), std::nullopt,
                ChangeKind::kUnchanged));
  set.migrations.push_back(migration(
      "002_change",
      script("002.sql",
             "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
             "BEGIN\n  NEW.updated_at := clock_timestamp();\n  RETURN NEW;\nEND;\n$$;\n"
             "CREATE OR REPLACE FUNCTION total(a int, b int) RETURNS int LANGUAGE sql\n"
             "BEGIN ATOMIC\n  SELECT a + b + 0;\nEND;\n"),
      script("002_down.sql", plpgsql + atomic)));
  set.migrations.push_back(migration(
      "003_forgets",
      script("003.sql",
             "CREATE OR REPLACE FUNCTION total(a int, b int) RETURNS int LANGUAGE sql\n"
             "BEGIN ATOMIC\n  SELECT a * b;\nEND;\n"),
      script("003_down.sql", "SELECT 1;\n")));
  auto report = test::roundtrip_on_shared(set);
  ASSERT_EQ(report.error, "");
  ASSERT_EQ(report.migrations.size(), 2u);
  EXPECT_EQ(report.migrations[0].schema_diff, std::vector<std::string>{});
  ASSERT_EQ(report.migrations[1].schema_diff.size(), 1u);
  EXPECT_EQ(report.migrations[1].schema_diff[0].rfind(
                "function total(a integer, b integer) differs after rollback: was `", 0),
            0u)
      << report.migrations[1].schema_diff[0];
  EXPECT_NE(report.migrations[1].schema_diff[0].find("(a + b)"), std::string::npos);
  EXPECT_NE(report.migrations[1].schema_diff[0].find("(a * b)"), std::string::npos);
}

TEST_F(RoundTrip, GrantsAndColumnChangesAreComparedExactly) {
  MigrationSet set;
  set.migrations.push_back(migration("001_t",
                                     script("001.sql", "CREATE TABLE t (id int, name text);"),
                                     std::nullopt, ChangeKind::kUnchanged));
  set.migrations.push_back(
      migration("002",
                script("002.sql",
                       "GRANT INSERT ON t TO PUBLIC; ALTER TABLE t ALTER COLUMN name "
                       "SET NOT NULL;"),
                script("002_down.sql", "SELECT 1;")));
  auto report = test::roundtrip_on_shared(set);
  ASSERT_EQ(report.error, "");
  EXPECT_EQ(report.migrations.at(0).schema_diff,
            (std::vector<std::string>{
                "column t.name differs after rollback: was `text position 2`, now `text not null "
                "position 2`",
                "grant on table t to PUBLIC still exists after rollback"}));
}

}  // namespace
}  // namespace sg
