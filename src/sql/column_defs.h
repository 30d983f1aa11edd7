// The column definitions a statement declares or retypes, for rules about column types and
// column constraints: CREATE TABLE columns, ALTER TABLE ... ADD COLUMN, ALTER COLUMN ... TYPE.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/parser.h"
#include "sql/tree.h"

namespace sg {

enum class ColumnOrigin { kCreateTable, kAddColumn, kAlterType };

struct ColumnSite {
  ColumnOrigin origin = ColumnOrigin::kCreateTable;
  const tree::Json* relation = nullptr;    // the table's RangeVar
  const tree::Json* column_def = nullptr;  // the ColumnDef's fields
  const tree::Json* type = nullptr;        // its TypeName's fields
  std::string column;                      // the column's name
  long location = -1;                      // the ColumnDef's location (its name), or -1
};

// Every column site of `stmt`, in the order written; empty for other statements.
std::vector<ColumnSite> column_sites(const Statement& stmt);

// The built-in type a TypeName names (int4, bpchar, serial, ...), or "" for a type qualified
// with a schema other than pg_catalog, which may be a user type of the same name.
std::string builtin_type(const tree::Json& type_name_node);

// How a user writes a built-in type in a message: int4 -> "integer", bpchar(2) -> "char(2)".
std::string display_type(const tree::Json& type_name_node);

// The column's first constraint of type `contype` (e.g. "CONSTR_PRIMARY"), or nullptr.
const tree::Json* column_constraint(const tree::Json& column_def, std::string_view contype);

// What fills the column on its own: "serial", "bigserial", ... (as written), "identity", or "".
std::string value_generator(const tree::Json& column_def);

// "schema.table.column" as written.
std::string qualified_column(const ColumnSite& site);

}  // namespace sg
