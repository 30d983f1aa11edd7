// The columns a statement gives a type to, for the column-type rules (prefer-text-field,
// prefer-timestamptz): CREATE TABLE columns, ALTER TABLE ADD COLUMN and ALTER COLUMN TYPE.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sql/parser.h"

namespace sg {

struct TypedColumn {
  std::string table;  // as written: "schema.name" or "name"
  std::string column;
  const nlohmann::json* type = nullptr;  // the TypeName node
  long location = -1;                    // of the column definition, or -1
};

std::vector<TypedColumn> typed_columns(const Statement& stmt);

// Whether a TypeName names the built-in type `name` (pg_catalog.varchar, or varchar written
// bare): a type of the same name in another schema is the user's own.
bool is_builtin_type(const nlohmann::json& type_name, std::string_view name);

}  // namespace sg
