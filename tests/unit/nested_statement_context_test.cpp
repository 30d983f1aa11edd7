// LintContext with statements from DO blocks: they share their container's transaction and
// do not make tables "created earlier".
#include <gtest/gtest.h>

#include "lint/context.h"
#include "sql/plpgsql.h"

namespace sg {
namespace {

struct Step {
  std::string kind;
  int transaction;
  bool in_transaction;
  bool notes_created;  // created_earlier("t") as the statement sees it
};

std::vector<Step> steps(const std::string& text, LintOptions options = {}) {
  SourceFile source("f.sql", text);
  ParsedFile parsed = parse_sql(source);
  EXPECT_FALSE(parsed.syntax_error);
  add_body_statements(parsed);
  LintContext ctx(parsed, options);
  std::vector<Step> out;
  for (const auto& stmt : parsed.statements) {
    out.push_back(
        {stmt.kind, ctx.transaction_number(), ctx.in_transaction(), ctx.created_earlier("t")});
    ctx.advance(stmt);
  }
  return out;
}

void expect_steps(const std::vector<Step>& actual, const std::vector<Step>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual[i].kind, expected[i].kind) << i;
    EXPECT_EQ(actual[i].transaction, expected[i].transaction) << i;
    EXPECT_EQ(actual[i].in_transaction, expected[i].in_transaction) << i;
    EXPECT_EQ(actual[i].notes_created, expected[i].notes_created) << i;
  }
}

TEST(NestedStatementContext, AutocommittedDoSharesOneTransactionWithItsStatements) {
  expect_steps(steps("SELECT 1;\n"
                     "DO $$ BEGIN CREATE TABLE t (id int); UPDATE t SET id = 1; END $$;\n"
                     "UPDATE t SET id = 2;\n"
                     "CREATE TABLE t (id int);\n"
                     "UPDATE t SET id = 3;\n"),
               {{"SelectStmt", 0, false, false},
                {"DoStmt", 1, false, false},
                {"CreateStmt", 1, false, false},
                {"UpdateStmt", 1, false, false},
                {"UpdateStmt", 2, false, false},
                {"CreateStmt", 3, false, false},
                {"UpdateStmt", 4, false, true}});
}

TEST(NestedStatementContext, WholeFileModeCountsOnlyTheFilesOwnStatements) {
  LintOptions whole_file;
  whole_file.transaction_mode = TransactionMode::kWholeFileImplicit;
  // One statement sent alone is not wrapped, even with statements inside its body.
  expect_steps(steps("DO $$ BEGIN UPDATE a SET x = 1; DELETE FROM b; END $$;", whole_file),
               {{"DoStmt", 0, false, false},
                {"UpdateStmt", 0, false, false},
                {"DeleteStmt", 0, false, false}});
  expect_steps(
      steps("SELECT 1; DO $$ BEGIN UPDATE a SET x = 1; END $$;", whole_file),
      {{"SelectStmt", 0, true, false}, {"DoStmt", 0, true, false}, {"UpdateStmt", 0, true, false}});
}

TEST(NestedStatementContext, CommitAfterDoStartsTheNextTransaction) {
  expect_steps(steps("BEGIN;\n"
                     "DO $$ BEGIN UPDATE a SET x = 1; END $$;\n"
                     "COMMIT;\n"
                     "DO $$ BEGIN UPDATE a SET x = 2; END $$;\n"),
               {{"TransactionStmt", 0, false, false},
                {"DoStmt", 0, true, false},
                {"UpdateStmt", 0, true, false},
                {"TransactionStmt", 0, true, false},
                {"DoStmt", 1, false, false},
                {"UpdateStmt", 1, false, false}});
}

}  // namespace
}  // namespace sg
