// The column sites the column type rules look at, and how types are named to the user.
#include "sql/column_defs.h"

#include <gtest/gtest.h>

namespace sg {
namespace {

struct Parsed {
  SourceFile source;
  ParsedFile file;
  explicit Parsed(const std::string& sql) : source("f.sql", sql), file(parse_sql(source)) {}
};

TEST(ColumnSites, CreateTableColumnsButNotTableConstraints) {
  Parsed p("CREATE TABLE app.t (a int, b char(3), PRIMARY KEY (a), LIKE other);");
  ASSERT_EQ(p.file.statements.size(), 1u);
  auto sites = column_sites(p.file.statements[0]);
  ASSERT_EQ(sites.size(), 2u);
  EXPECT_EQ(sites[0].origin, ColumnOrigin::kCreateTable);
  EXPECT_EQ(qualified_column(sites[0]), "app.t.a");
  EXPECT_EQ(sites[0].location, 20);
  EXPECT_EQ(builtin_type(*sites[0].type), "int4");
  EXPECT_EQ(display_type(*sites[0].type), "integer");
  EXPECT_EQ(display_type(*sites[1].type), "char(3)");
}

TEST(ColumnSites, AddColumnAndAlterTypeButNotOtherCommands) {
  Parsed p(
      "ALTER TABLE t ADD COLUMN a bigserial PRIMARY KEY, ALTER COLUMN b TYPE smallint, "
      "ALTER COLUMN c SET NOT NULL, DROP COLUMN d, ADD CONSTRAINT k UNIQUE (a);");
  auto sites = column_sites(p.file.statements[0]);
  ASSERT_EQ(sites.size(), 2u);
  EXPECT_EQ(sites[0].origin, ColumnOrigin::kAddColumn);
  EXPECT_EQ(sites[0].column, "a");
  EXPECT_EQ(value_generator(*sites[0].column_def), "bigserial");
  EXPECT_NE(column_constraint(*sites[0].column_def, "CONSTR_PRIMARY"), nullptr);
  EXPECT_EQ(column_constraint(*sites[0].column_def, "CONSTR_UNIQUE"), nullptr);
  EXPECT_EQ(sites[1].origin, ColumnOrigin::kAlterType);
  EXPECT_EQ(sites[1].column, "b");
  EXPECT_EQ(display_type(*sites[1].type), "smallint");
  EXPECT_EQ(value_generator(*sites[1].column_def), "");
}

TEST(ColumnSites, OtherStatementsHaveNone) {
  Parsed p("CREATE INDEX i ON t (a); INSERT INTO t (a) VALUES (1); CREATE VIEW v AS SELECT 1;");
  for (const auto& stmt : p.file.statements) EXPECT_TRUE(column_sites(stmt).empty()) << stmt.kind;
}

TEST(BuiltinType, IgnoresTypesOfOtherSchemas) {
  Parsed p(
      "CREATE TABLE t (a app.int4, b pg_catalog.int4, c \"char\", "
      "d bigint GENERATED ALWAYS AS IDENTITY, e text[]);");
  auto sites = column_sites(p.file.statements[0]);
  ASSERT_EQ(sites.size(), 5u);
  EXPECT_EQ(builtin_type(*sites[0].type), "");
  EXPECT_EQ(display_type(*sites[0].type), "app.int4");
  EXPECT_EQ(builtin_type(*sites[1].type), "int4");
  EXPECT_EQ(builtin_type(*sites[2].type), "char");
  EXPECT_EQ(value_generator(*sites[3].column_def), "identity");
  EXPECT_EQ(display_type(*sites[4].type), "text[]");
}

}  // namespace
}  // namespace sg
