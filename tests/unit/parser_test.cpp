// The SQL front end: statement spans and the exact line:column of each first token.
#include <gtest/gtest.h>

#include "sql/parser.h"

namespace sg {
namespace {

struct Pos {
  std::string kind;
  int line;
  int column;
};

std::vector<Pos> positions(const std::string& text) {
  SourceFile source("f.sql", text);
  EXPECT_FALSE(source.problem()) << source.problem()->message;
  ParsedFile parsed = parse_sql(source);
  EXPECT_FALSE(parsed.syntax_error) << parsed.syntax_error->message;
  std::vector<Pos> out;
  for (const auto& s : parsed.statements) out.push_back({s.kind, s.position.line, s.position.column});
  return out;
}

void expect_positions(const std::string& text, const std::vector<Pos>& expected) {
  auto actual = positions(text);
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual[i].kind, expected[i].kind) << "statement " << i;
    EXPECT_EQ(actual[i].line, expected[i].line) << "statement " << i;
    EXPECT_EQ(actual[i].column, expected[i].column) << "statement " << i;
  }
}

TEST(Parser, FirstTokenSkipsCommentsAndBlankLines) {
  expect_positions(
      "-- header comment\n"
      "\n"
      "CREATE TABLE a (id int);\n"
      "/* block /* nested */ comment */\n"
      "   -- another\n"
      "   ALTER TABLE a ADD COLUMN b int;\n",
      {{"CreateStmt", 3, 1}, {"AlterTableStmt", 6, 4}});
}

TEST(Parser, MultiLineStatementsAndSeveralOnOneLine) {
  expect_positions("SELECT 1; SELECT\n  2;\n\tDROP TABLE x;",
                   {{"SelectStmt", 1, 1}, {"SelectStmt", 1, 11}, {"DropStmt", 3, 2}});
}

TEST(Parser, SemicolonsInsideStringsAndDollarQuotes) {
  expect_positions(
      "INSERT INTO t VALUES ('a;b');\n"
      "DO $$ BEGIN PERFORM 1; END $$;\n"
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
      "SELECT 'x';",
      {{"InsertStmt", 1, 1}, {"DoStmt", 2, 1}, {"CreateFunctionStmt", 3, 1}, {"SelectStmt", 4, 1}});
}

TEST(Parser, CrlfLineEndings) {
  expect_positions("-- c\r\nSELECT 1;\r\n\r\n  SELECT 2;\r\n",
                   {{"SelectStmt", 2, 1}, {"SelectStmt", 4, 3}});
}

TEST(Parser, ByteOrderMarkIsNotAColumn) {
  expect_positions("\xEF\xBB\xBFSELECT 1;\nSELECT 2;", {{"SelectStmt", 1, 1}, {"SelectStmt", 2, 1}});
}

TEST(Parser, ColumnsCountCharactersNotBytes) {
  expect_positions("SELECT 'é'; SELECT 2;", {{"SelectStmt", 1, 1}, {"SelectStmt", 1, 13}});
}

TEST(Parser, SpanCoversTheStatementWithoutItsSemicolon) {
  SourceFile source("f.sql", "-- c\nSELECT  1 ;\nSELECT 2");
  ParsedFile parsed = parse_sql(source);
  ASSERT_EQ(parsed.statements.size(), 2u);
  const auto& text = source.text();
  EXPECT_EQ(text.substr(parsed.statements[0].begin,
                        parsed.statements[0].end - parsed.statements[0].begin),
            "SELECT  1");
  EXPECT_EQ(text.substr(parsed.statements[1].begin,
                        parsed.statements[1].end - parsed.statements[1].begin),
            "SELECT 2");
}

TEST(Parser, SyntaxErrorPosition) {
  SourceFile source("f.sql", "SELECT 1;\n-- é\nSELECT 'é' FORM t;\n");
  ParsedFile parsed = parse_sql(source);
  ASSERT_TRUE(parsed.syntax_error);
  EXPECT_EQ(parsed.syntax_error->message, "syntax error at or near \"t\"");
  EXPECT_EQ(parsed.syntax_error->position.line, 3);
  EXPECT_EQ(parsed.syntax_error->position.column, 17);
  EXPECT_TRUE(parsed.statements.empty());
}

TEST(Parser, SyntaxErrorAtEndOfInput) {
  SourceFile source("f.sql", "SELECT 1;\nCREATE TABLE t (\n");
  ParsedFile parsed = parse_sql(source);
  ASSERT_TRUE(parsed.syntax_error);
  EXPECT_EQ(parsed.syntax_error->message, "syntax error at end of input");
  EXPECT_EQ(parsed.syntax_error->position.line, 3);
  EXPECT_EQ(parsed.syntax_error->position.column, 1);
}

TEST(Parser, EmptyAndCommentOnlyInputHasNoStatements) {
  for (const char* text : {"", "\n\n", "-- only a comment\n", "/* x */"}) {
    SourceFile source("f.sql", text);
    ParsedFile parsed = parse_sql(source);
    EXPECT_FALSE(parsed.syntax_error) << text;
    EXPECT_TRUE(parsed.statements.empty()) << text;
  }
}

TEST(SourceFile, NonUtf8IsAProblemWithItsPosition) {
  SourceFile source("f.sql", "SELECT 1;\nSELECT '\xE9t\xE9';\n");
  ASSERT_TRUE(source.problem());
  EXPECT_EQ(source.problem()->message, "not valid UTF-8 (byte 0xE9); re-encode the file as UTF-8");
  EXPECT_EQ(source.problem()->position.line, 2);
  EXPECT_EQ(source.problem()->position.column, 9);
}

TEST(SourceFile, BinaryIsAProblem) {
  SourceFile source("f.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11));
  ASSERT_TRUE(source.problem());
  EXPECT_EQ(source.problem()->message, "binary file (contains a NUL byte); not SQL");
}

TEST(SourceFile, MissingFileAndDirectoryNameThePath) {
  EXPECT_EQ(read_source_file("/nonexistent/x.sql", "x.sql").error,
            "x.sql: cannot read: No such file or directory");
  EXPECT_EQ(read_source_file("/tmp", "tmp").error, "tmp: cannot read: is a directory");
}

}  // namespace
}  // namespace sg
