#include "rules/alter_table.h"

namespace sg::alter {

void for_each_cmd(const Statement& stmt,
                  const std::function<void(const Json& relation, const Json& cmd)>& visit) {
  if (stmt.kind != "AlterTableStmt" || tree::text(*stmt.node, "objtype") != "OBJECT_TABLE") {
    return;
  }
  const Json* relation = tree::field(*stmt.node, "relation");
  const Json* cmds = tree::field(*stmt.node, "cmds");
  if (relation == nullptr || cmds == nullptr || !cmds->is_array()) return;
  for (const auto& item : *cmds) {
    if (const Json* cmd = tree::as(item, "AlterTableCmd")) visit(*relation, *cmd);
  }
}

std::string_view subtype(const Json& cmd) {
  const Json* value = tree::field(cmd, "subtype");
  if (value == nullptr || !value->is_string()) return {};
  std::string_view s = value->get_ref<const std::string&>();
  if (s.substr(0, 3) == "AT_") s.remove_prefix(3);
  return s;
}

const Json* column_def(const Json& cmd) {
  const Json* def = tree::field(cmd, "def");
  return def == nullptr ? nullptr : tree::as(*def, "ColumnDef");
}

const Json* constraint(const Json& cmd) {
  const Json* def = tree::field(cmd, "def");
  return def == nullptr ? nullptr : tree::as(*def, "Constraint");
}

const Json* column_constraint(const Json& column_def, std::string_view contype) {
  const Json* list = tree::field(column_def, "constraints");
  if (list == nullptr || !list->is_array()) return nullptr;
  for (const auto& item : *list) {
    const Json* c = tree::as(item, "Constraint");
    if (c != nullptr && tree::text(*c, "contype") == contype) return c;
  }
  return nullptr;
}

std::string column_ref_name(const Json& expr) {
  const Json* ref = tree::as(expr, "ColumnRef");
  if (ref == nullptr) return {};
  std::vector<std::string> names = tree::strings(tree::field(*ref, "fields"));
  return names.empty() ? std::string() : names.back();
}

}  // namespace sg::alter
