#include "sql/column_defs.h"

#include <string_view>

namespace sg {
namespace {

void add_site(std::vector<ColumnSite>& out, ColumnOrigin origin, const tree::Json& relation,
              const tree::Json& column_def, std::string column) {
  const tree::Json* type = tree::field(column_def, "typeName");
  if (type == nullptr) return;  // CREATE TABLE ... OF type, partitions: no type is written
  out.push_back(
      {origin, &relation, &column_def, type, std::move(column), tree::location(column_def)});
}

}  // namespace

std::vector<ColumnSite> column_sites(const Statement& stmt) {
  std::vector<ColumnSite> out;
  const tree::Json* relation = tree::field(*stmt.node, "relation");
  if (relation == nullptr) return out;
  if (stmt.kind == "CreateStmt") {
    if (const tree::Json* elements = tree::field(*stmt.node, "tableElts")) {
      for (const auto& element : *elements) {
        if (const tree::Json* def = tree::as(element, "ColumnDef")) {
          add_site(out, ColumnOrigin::kCreateTable, *relation, *def, tree::text(*def, "colname"));
        }
      }
    }
  } else if (stmt.kind == "AlterTableStmt") {
    const tree::Json* cmds = tree::field(*stmt.node, "cmds");
    if (cmds == nullptr) return out;
    for (const auto& item : *cmds) {
      const tree::Json* cmd = tree::as(item, "AlterTableCmd");
      if (cmd == nullptr) continue;
      const tree::Json* def_node = tree::field(*cmd, "def");
      const tree::Json* def = def_node != nullptr ? tree::as(*def_node, "ColumnDef") : nullptr;
      if (def == nullptr) continue;
      std::string subtype = tree::text(*cmd, "subtype");
      if (subtype == "AT_AddColumn") {
        add_site(out, ColumnOrigin::kAddColumn, *relation, *def, tree::text(*def, "colname"));
      } else if (subtype == "AT_AlterColumnType") {
        // The retyped column's name is on the command; its ColumnDef only carries the type.
        add_site(out, ColumnOrigin::kAlterType, *relation, *def, tree::text(*cmd, "name"));
      }
    }
  }
  return out;
}

std::string builtin_type(const tree::Json& type_name_node) {
  std::vector<std::string> names = tree::strings(tree::field(type_name_node, "names"));
  if (names.empty() || names.size() > 2) return "";
  if (names.size() == 2 && names.front() != "pg_catalog") return "";
  return names.back();
}

std::string display_type(const tree::Json& type_name_node) {
  std::string name = builtin_type(type_name_node);
  if (name.empty()) {
    for (const auto& part : tree::strings(tree::field(type_name_node, "names"))) {
      name += (name.empty() ? "" : ".") + part;
    }
  } else if (name == "int4") {
    name = "integer";
  } else if (name == "int2") {
    name = "smallint";
  } else if (name == "int8") {
    name = "bigint";
  } else if (name == "bpchar") {
    // `char` and `character` without a length come out of the parser as bpchar(1).
    std::vector<long> mods = tree::type_mods(type_name_node);
    if (mods.size() == 1) name = "char(" + std::to_string(mods.front()) + ")";
  }
  if (tree::field(type_name_node, "arrayBounds") != nullptr) name += "[]";
  return name;
}

const tree::Json* column_constraint(const tree::Json& column_def, std::string_view contype) {
  const tree::Json* constraints = tree::field(column_def, "constraints");
  if (constraints == nullptr) return nullptr;
  for (const auto& item : *constraints) {
    const tree::Json* c = tree::as(item, "Constraint");
    if (c != nullptr && tree::text(*c, "contype") == contype) return c;
  }
  return nullptr;
}

std::string value_generator(const tree::Json& column_def) {
  if (const tree::Json* type = tree::field(column_def, "typeName")) {
    std::string name = builtin_type(*type);
    if (name.find("serial") != std::string::npos) return name;
  }
  return column_constraint(column_def, "CONSTR_IDENTITY") != nullptr ? "identity" : "";
}

std::string qualified_column(const ColumnSite& site) {
  return tree::relation_name(*site.relation) + "." + site.column;
}

}  // namespace sg
