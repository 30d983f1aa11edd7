// What a user reads for the column-type, naming and server-I/O rules: position, severity,
// risk, message and help of each finding (the fixtures check rule ids and lines only).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lint/engine.h"
#include "core/rule_info.h"

namespace sg {
namespace {

// "line:column severity risk message | help" for each finding of `rule_id` alone on `sql`.
std::vector<std::string> lint(const std::string& rule_id, const std::string& sql) {
  const RuleInfo* info = find_rule(rule_id);
  EXPECT_NE(info, nullptr) << rule_id;
  if (info == nullptr) return {};
  SourceFile source("m.sql", sql);
  FileLintResult result = lint_file(source, RuleSet::only(*info), LintOptions{});
  std::vector<std::string> out;
  for (const auto& f : result.findings) {
    out.push_back(std::to_string(f.line) + ":" + std::to_string(f.column) + " " +
                  std::string(to_string(f.severity)) + " " + std::string(to_string(f.risk)) + " " +
                  f.message + " | " + f.help);
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(PreferTimestamptz, PointsAtTheColumnDefinition) {
  EXPECT_EQ(lint("prefer-timestamptz", "CREATE TABLE events (\n  id bigint,\n  at timestamp\n);"),
            Lines{"3:3 warning LOW column events.at is timestamp without time zone: its values "
                  "carry no time zone | use timestamptz (timestamp with time zone)"});
}

TEST(PreferTextField, NamesTheLimitInMessageAndHelp) {
  EXPECT_EQ(lint("prefer-text-field", "ALTER TABLE app.users ADD COLUMN email varchar(255);"),
            Lines{"1:34 warning LOW column app.users.email is varchar(255): changing its length "
                  "later locks the table (ACCESS EXCLUSIVE) | use text with CHECK "
                  "(char_length(email) <= 255); a CHECK can be replaced NOT VALID, then "
                  "validated without blocking"});
}

TEST(IdentifierTooLong, CountsBytesAndShowsTheTruncatedName) {
  // 60 ASCII letters and three two-byte letters: 63 characters, 66 bytes.
  std::string name = std::string(60, 'x') + "\xC3\xA4\xC3\xB6\xC3\xBC";
  auto findings = lint("identifier-too-long",
                       "CREATE TABLE t (\n  \"" + name + "\" int,\n  \"" + name + "\" text\n);");
  EXPECT_EQ(findings,
            Lines{"2:3 warning LOW identifier \"" + name +
                  "\" is 66 bytes: PostgreSQL silently truncates it to \"" + std::string(60, 'x') +
                  "\xC3\xA4" + "\" | shorten the name to at most 63 bytes"});
}

TEST(UnsafeServerSideIo, ReportsCopyAtTheStatementAndCallsWhereTheyAre) {
  EXPECT_EQ(lint("unsafe-server-side-io",
                 "-- export\nCOPY orders TO PROGRAM 'gzip > /tmp/o.gz';\n"
                 "SELECT 1, pg_catalog.pg_read_file('/etc/passwd');"),
            (Lines{"2:1 error CRITICAL COPY orders TO PROGRAM 'gzip > /tmp/o.gz' runs a shell "
                   "command on the database server as its OS user | use COPY ... TO STDOUT "
                   "(psql's \\copy) so the data goes through the client",
                   "3:11 error CRITICAL pg_catalog.pg_read_file() reaches files or other "
                   "servers from the database server, with the server's own permissions | move "
                   "the file or remote work out of the migration, into a reviewed script that "
                   "runs on a client"}));
  EXPECT_EQ(lint("unsafe-server-side-io", "COPY (SELECT 1) TO '/tmp/x';"),
            Lines{"1:1 error CRITICAL COPY (query) TO '/tmp/x' writes a file on the database "
                  "server | use COPY ... TO STDOUT (psql's \\copy) so the data goes through the "
                  "client"});
}

TEST(BanDuplicateColumnAssignments, PointsAtTheSecondAssignment) {
  EXPECT_EQ(
      lint("ban-duplicate-column-assignments", "UPDATE invoices\nSET total = 0,\n    total = 1;"),
      Lines{"3:5 error LOW column total of invoices is assigned twice in one statement; "
            "PostgreSQL rejects it | keep one assignment of total"});
  EXPECT_EQ(lint("ban-duplicate-column-assignments", "CREATE TABLE t (a int, b int, a text);"),
            Lines{"1:31 error LOW column a of t is declared twice in one statement; PostgreSQL "
                  "rejects it | keep one occurrence of a"});
}

TEST(RequireTableSchema, DropNamesEachUnqualifiedTable) {
  EXPECT_EQ(lint("require-table-schema", "DROP TABLE app.a, b;"),
            Lines{"1:1 warning LOW table b is not schema-qualified: it resolves through "
                  "search_path | qualify the table with its schema, e.g. public.b"});
}

TEST(TableRewrite, GeneratedColumnPointsAtTheColumn) {
  EXPECT_EQ(lint("table-rewrite",
                 "ALTER TABLE orders\n  ADD COLUMN c bigint GENERATED ALWAYS AS (t * 100) STORED;"),
            Lines{"2:14 warning MEDIUM ADD COLUMN c GENERATED ALWAYS AS ... STORED rewrites "
                  "existing table orders under an ACCESS EXCLUSIVE lock, blocking reads and "
                  "writes until it ends | add a plain nullable column, fill it in batches and "
                  "keep it current with a trigger"});
}

TEST(PreferRepack, NamesEveryTable) {
  EXPECT_EQ(lint("prefer-repack", "VACUUM (FULL) a, s.b;"),
            Lines{"1:1 warning HIGH VACUUM FULL of a, s.b rewrites it under an ACCESS EXCLUSIVE "
                  "lock, blocking reads and writes until the rewrite ends | use pg_repack (or "
                  "pg_squeeze), which rewrites the table online; plain VACUUM reclaims dead rows "
                  "without the lock"});
}

TEST(RefreshMatviewWithoutConcurrently, NamesTheView) {
  EXPECT_EQ(lint("refresh-matview-without-concurrently", "REFRESH MATERIALIZED VIEW r.daily;"),
            Lines{"1:1 warning MEDIUM REFRESH MATERIALIZED VIEW r.daily without CONCURRENTLY "
                  "blocks every read of the view until the refresh ends | use REFRESH "
                  "MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on the view)"});
}

TEST(RequireEnumValueOrdering, NamesTypeAndValue) {
  EXPECT_EQ(lint("require-enum-value-ordering", "ALTER TYPE s.status ADD VALUE 'void';"),
            Lines{"1:1 warning LOW ALTER TYPE s.status ADD VALUE 'void' has no BEFORE or "
                  "AFTER: the value sorts after every existing one | say where the value "
                  "belongs: ADD VALUE 'void' BEFORE 'x' or AFTER 'x'"});
}

TEST(DomainConstraints, PointAtTheConstraint) {
  EXPECT_EQ(lint("ban-create-domain-with-constraint",
                 "CREATE DOMAIN pos AS int NOT NULL CHECK (VALUE > 0);"),
            Lines{"1:35 warning LOW domain pos has a CHECK constraint: changing it later scans "
                  "and locks every table that uses the domain | create the domain without "
                  "CHECK and put the CHECK on the table columns, where it can be added NOT "
                  "VALID and validated without blocking writes"});
  EXPECT_EQ(lint("ban-alter-domain-with-add-constraint",
                 "ALTER DOMAIN pos\n  ADD CONSTRAINT c CHECK (VALUE > 1);"),
            Lines{"2:7 warning MEDIUM ALTER DOMAIN pos ADD CONSTRAINT checks every table column "
                  "of the domain while blocking writes to those tables (SHARE lock) | put the "
                  "constraint on the table columns instead (ADD CONSTRAINT ... NOT VALID, then "
                  "VALIDATE CONSTRAINT, which does not block writes)"});
}

}  // namespace
}  // namespace sg
