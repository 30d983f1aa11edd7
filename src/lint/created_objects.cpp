#include "lint/created_objects.h"

#include "sql/tree.h"

namespace sg {

void CreatedObjects::record(const Statement& stmt) {
  if (stmt.from_plpgsql) return;
  const auto& node = *stmt.node;
  if (stmt.kind == "CreateStmt") {
    if (const auto* rel = tree::field(node, "relation")) tables.insert(tree::text(*rel, "relname"));
  } else if (stmt.kind == "CreateTableAsStmt") {
    if (const auto* into = tree::field(node, "into")) {
      if (const auto* rel = tree::field(*into, "rel")) tables.insert(tree::text(*rel, "relname"));
    }
  } else if (stmt.kind == "IndexStmt") {
    const auto* rel = tree::field(node, "relation");
    std::string name = tree::text(node, "idxname");
    if (rel != nullptr && !name.empty() && tables.count(tree::text(*rel, "relname")) > 0) {
      indexes.insert(name);
    }
  }
}

}  // namespace sg
