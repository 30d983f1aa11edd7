// Readers shared by the ALTER TABLE rules: which table, which commands, which column
// constraints. Kept apart from sql/tree.h because they encode rule vocabulary (subtypes,
// constraint kinds), not JSON safety.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "sql/parser.h"
#include "sql/tree.h"

namespace sg::alter {

using tree::Json;

// Calls `visit(relation, cmd)` for every command of an ALTER TABLE on a table (not ALTER INDEX,
// VIEW or SEQUENCE, which share the node); `cmd` is the AlterTableCmd's fields.
void for_each_cmd(const Statement& stmt,
                  const std::function<void(const Json& relation, const Json& cmd)>& visit);

// The command's subtype without its prefix: "AddColumn" for AT_AddColumn.
std::string_view subtype(const Json& cmd);

// The ColumnDef or Constraint fields in the command's "def", or nullptr.
const Json* column_def(const Json& cmd);
const Json* constraint(const Json& cmd);

// The first constraint of a ColumnDef with this contype ("CONSTR_NOTNULL"), or nullptr.
const Json* column_constraint(const Json& column_def, std::string_view contype);

// The last name of a column reference (`t.a` -> "a"), or "" when `expr` is no ColumnRef.
std::string column_ref_name(const Json& expr);

}  // namespace sg::alter
