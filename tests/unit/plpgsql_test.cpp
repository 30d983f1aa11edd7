// The PL/pgSQL front end: statements of DO blocks and function bodies, at their exact place.
#include "sql/plpgsql.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sql/tree.h"

namespace sg {
namespace {

struct Parsed {
  SourceFile source;
  ParsedFile file;
};

std::unique_ptr<Parsed> parse_with_bodies(const std::string& text) {
  auto p = std::make_unique<Parsed>(Parsed{SourceFile("f.sql", text), {}});
  p->file = parse_sql(p->source);
  EXPECT_FALSE(p->file.syntax_error) << p->file.syntax_error->message;
  add_body_statements(p->file);
  return p;
}

std::string describe(const Statement& s) {
  return s.kind + "@" + std::to_string(s.position.line) + ":" + std::to_string(s.position.column) +
         (s.from_plpgsql ? " nested" : "") + (s.in_loop ? " loop" : "") +
         (s.in_function_body ? " function" : "");
}

// The statements, without PL/pgSQL expressions (ExpressionsAreReadAsSelects covers those).
std::vector<std::string> describe_all(const ParsedFile& file) {
  std::vector<std::string> out;
  for (const auto& s : file.statements) {
    if (!s.plpgsql_expression) out.push_back(describe(s));
  }
  return out;
}

// A node's location plus the statement's location_offset is its byte offset in the file.
Position relation_position(const Parsed& p, const Statement& s) {
  const auto* rel = tree::field(*s.node, "relation");
  EXPECT_NE(rel, nullptr);
  return p.source.position_of(static_cast<size_t>(tree::location(*rel) + s.location_offset));
}

TEST(Plpgsql, DoBlockStatementsFollowTheirContainerWithExactPositions) {
  auto p = parse_with_bodies(
      "ALTER TABLE record_audit ADD COLUMN device_info JSONB;\n"
      "DO $$\n"
      "DECLARE\n"
      "    batch_size INT := 1000;\n"
      "BEGIN\n"
      "    LOOP\n"
      "        UPDATE record_audit\n"
      "        SET device_info = '{}'::jsonb\n"
      "        WHERE audit_id IN (SELECT audit_id FROM record_audit LIMIT batch_size);\n"
      "        EXIT WHEN NOT FOUND;\n"
      "    END LOOP;\n"
      "  DELETE FROM   old_audit;\n"
      "END $$;\n"
      "SELECT 1;\n");
  EXPECT_EQ(
      describe_all(p->file),
      (std::vector<std::string>{"AlterTableStmt@1:1", "DoStmt@2:1", "UpdateStmt@7:9 nested loop",
                                "DeleteStmt@12:3 nested", "SelectStmt@14:1"}));
  const Statement& update = p->file.statements[2];
  Position rel = relation_position(*p, update);
  EXPECT_EQ(rel.line, 7);
  EXPECT_EQ(rel.column, 16);
  EXPECT_EQ(p->source.text().substr(update.begin, update.end - update.begin),
            "UPDATE record_audit\n"
            "        SET device_info = '{}'::jsonb\n"
            "        WHERE audit_id IN (SELECT audit_id FROM record_audit LIMIT batch_size)");
  const Statement& condition = p->file.statements[3];
  EXPECT_EQ(p->source.text().substr(condition.begin, condition.end - condition.begin), "NOT FOUND");
  Position del = relation_position(*p, p->file.statements[4]);
  EXPECT_EQ(del.line, 12);
  EXPECT_EQ(del.column, 17);
}

// Expressions are read as "SELECT <expr>" at their exact place; an EXECUTE of constants adds
// the statement it runs, reported at the EXECUTE's string.
TEST(Plpgsql, ExpressionsAreReadAsSelects) {
  auto p = parse_with_bodies(
      "DO $$\n"
      "DECLARE x text;\n"
      "BEGIN\n"
      "  x := pg_read_file('/etc/passwd');\n"
      "  PERFORM lo_import('/tmp/b');\n"
      "  IF x IS NULL THEN RETURN; END IF;\n"
      "  EXECUTE 'DROP TABLE ' || 'users';\n"
      "  EXECUTE format('DROP TABLE %I', x);\n"
      "END $$;\n");
  std::vector<std::string> got;
  for (const auto& s : p->file.statements) {
    got.push_back(describe(s) + (s.plpgsql_expression ? " expr" : "") +
                  (s.text_elsewhere ? " executed" : "") + " " +
                  p->source.text().substr(s.begin, s.end - s.begin));
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "DoStmt@1:1 " + p->source.text().substr(0, p->source.text().size() - 2),
                     "SelectStmt@4:8 nested expr pg_read_file('/etc/passwd')",
                     "SelectStmt@5:11 nested expr lo_import('/tmp/b')",
                     "SelectStmt@6:6 nested expr x IS NULL",
                     "SelectStmt@7:11 nested expr 'DROP TABLE ' || 'users'",
                     "DropStmt@7:11 nested executed 'DROP TABLE ' || 'users'",
                     "SelectStmt@8:11 nested expr format('DROP TABLE %I', x)"}));
}

TEST(Plpgsql, EveryLoopKindAndNestedBlocksAndExceptionHandlers) {
  auto p = parse_with_bodies(
      "DO $$ DECLARE rec RECORD; BEGIN\n"
      "WHILE true LOOP DELETE FROM a WHERE id = 1; END LOOP;\n"
      "FOR i IN 1..10 LOOP UPDATE b SET x = i; END LOOP;\n"
      "FOR rec IN SELECT id FROM c LOOP\n"
      "  BEGIN UPDATE c SET x = 1 WHERE id = rec.id;\n"
      "  EXCEPTION WHEN OTHERS THEN INSERT INTO errors VALUES (rec.id); END;\n"
      "END LOOP;\n"
      "IF true THEN UPDATE d SET x = 1; ELSIF false THEN UPDATE e SET x = 1; ELSE\n"
      "  UPDATE f SET x = 1; END IF;\n"
      "EXECUTE 'UPDATE g SET x = 1';\n"
      "PERFORM pg_sleep(1);\n"
      "END $$;");
  EXPECT_EQ(describe_all(p->file),
            (std::vector<std::string>{"DoStmt@1:1", "DeleteStmt@2:17 nested loop",
                                      "UpdateStmt@3:21 nested loop", "UpdateStmt@5:9 nested loop",
                                      "InsertStmt@6:30 nested loop", "UpdateStmt@8:14 nested",
                                      "UpdateStmt@8:51 nested", "UpdateStmt@9:3 nested",
                                      // the EXECUTE of a constant string runs this
                                      "UpdateStmt@10:9 nested"}));
}

TEST(Plpgsql, SelectIntoIsFoundAlthoughPlpgsqlBlanksTheIntoClause) {
  auto p = parse_with_bodies(
      "DO $$ DECLARE n int; BEGIN\n"
      "  SELECT count(*) INTO n FROM users;\n"
      "  UPDATE users SET x = n;\n"
      "END $$;");
  EXPECT_EQ(describe_all(p->file), (std::vector<std::string>{"DoStmt@1:1", "SelectStmt@2:3 nested",
                                                             "UpdateStmt@3:3 nested"}));
}

TEST(Plpgsql, FunctionBodiesPlpgsqlTriggerAndSql) {
  auto p = parse_with_bodies(
      "CREATE FUNCTION touch()\n"
      "RETURNS trigger\n"
      "LANGUAGE plpgsql AS\n"
      "$body$\n"
      "BEGIN\n"
      "  NEW.updated_at := now();\n"
      "  UPDATE users SET seen = true WHERE id = NEW.user_id;\n"
      "  RETURN NEW;\n"
      "END $body$;\n"
      "CREATE PROCEDURE purge() LANGUAGE sql AS $$ DELETE FROM a;\n"
      "  DELETE FROM b $$;\n");
  EXPECT_EQ(describe_all(p->file),
            (std::vector<std::string>{"CreateFunctionStmt@1:1", "UpdateStmt@7:3 nested function",
                                      "CreateFunctionStmt@10:1", "DeleteStmt@10:45 nested function",
                                      "DeleteStmt@11:3 nested function"}));
  const Statement& purge_b = p->file.statements.back();  // DELETE FROM b
  EXPECT_EQ(relation_position(*p, purge_b).column, 15);
}

TEST(Plpgsql, UnlintableBodiesAreSkipped) {
  auto p = parse_with_bodies(
      // PostgreSQL rejects UPDATE ... LIMIT when the block runs.
      "DO $$ BEGIN LOOP UPDATE t SET a = 1 LIMIT 10; END LOOP; END $$;\n"
      // Escaped quotes: the query text is not a substring of the file.
      "DO 'BEGIN UPDATE t SET a = ''x''; END';\n"
      "CREATE FUNCTION c() RETURNS int LANGUAGE c AS 'lib', 'sym';\n"
      // A string built at run time: not known before the block runs.
      "DO $$ BEGIN EXECUTE 'DROP TABLE ' || current_user; END $$;\n");
  EXPECT_EQ(describe_all(p->file),
            (std::vector<std::string>{"DoStmt@1:1", "DoStmt@2:1", "CreateFunctionStmt@3:1",
                                      "DoStmt@4:1"}));
}

TEST(Plpgsql, SingleQuotedBodyWithoutEscapesIsFound) {
  auto p = parse_with_bodies("DO 'BEGIN DELETE FROM t; END';");
  EXPECT_EQ(describe_all(p->file),
            (std::vector<std::string>{"DoStmt@1:1", "DeleteStmt@1:11 nested"}));
}

}  // namespace
}  // namespace sg
