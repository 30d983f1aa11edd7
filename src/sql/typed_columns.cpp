#include "sql/typed_columns.h"

#include "sql/tree.h"

namespace sg {
namespace {

void add_column_def(const tree::Json& wrapped, const std::string& table,
                    const std::string& name_override, std::vector<TypedColumn>& out) {
  const auto* def = tree::as(wrapped, "ColumnDef");
  if (def == nullptr) return;
  const auto* type = tree::field(*def, "typeName");
  if (type == nullptr) return;  // PARTITION OF / OF type columns inherit their type
  std::string column = name_override.empty() ? tree::text(*def, "colname") : name_override;
  out.push_back({table, column, type, tree::location(*def)});
}

}  // namespace

std::vector<TypedColumn> typed_columns(const Statement& stmt) {
  std::vector<TypedColumn> out;
  const auto* rel = tree::field(*stmt.node, "relation");
  if (rel == nullptr) return out;
  std::string table = tree::relation_name(*rel);
  if (stmt.kind == "CreateStmt") {
    if (const auto* elts = tree::field(*stmt.node, "tableElts")) {
      for (const auto& elt : *elts) add_column_def(elt, table, "", out);
    }
  } else if (stmt.kind == "AlterTableStmt") {
    const auto* cmds = tree::field(*stmt.node, "cmds");
    if (cmds == nullptr) return out;
    for (const auto& item : *cmds) {
      const auto* cmd = tree::as(item, "AlterTableCmd");
      const auto* def = cmd == nullptr ? nullptr : tree::field(*cmd, "def");
      if (def == nullptr) continue;
      std::string subtype = tree::text(*cmd, "subtype");
      if (subtype == "AT_AddColumn") {
        add_column_def(*def, table, "", out);
      } else if (subtype == "AT_AlterColumnType") {
        // The column's name is on the command; the ColumnDef only carries the new type.
        add_column_def(*def, table, tree::text(*cmd, "name"), out);
      }
    }
  }
  return out;
}

bool is_builtin_type(const nlohmann::json& type_name, std::string_view name) {
  std::vector<std::string> names = tree::strings(tree::field(type_name, "names"));
  if (names.size() == 1) return names[0] == name;
  return names.size() == 2 && names[0] == "pg_catalog" && names[1] == name;
}

}  // namespace sg
