#include "db/statement_class.h"

#include <string>

#include "sql/tree.h"

namespace sg {
namespace {

using Json = nlohmann::json;

StatementClass transaction_statement(const Json& node) {
  // TRANS_STMT_BEGIN is the enum's zero, which libpg_query leaves out.
  std::string kind = tree::text(node, "kind");
  if (kind.empty() || kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
    return StatementClass::kOpensBlock;
  }
  if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" ||
      kind == "TRANS_STMT_PREPARE") {
    return StatementClass::kClosesBlock;
  }
  if (kind == "TRANS_STMT_COMMIT_PREPARED" || kind == "TRANS_STMT_ROLLBACK_PREPARED") {
    return StatementClass::kOutsideBlock;
  }
  return StatementClass::kBlockOnly;  // SAVEPOINT, RELEASE, ROLLBACK TO
}

bool detaches_concurrently(const Json& node) {
  bool concurrent = false;
  tree::walk(node, [&](std::string_view kind, const Json& fields) {
    if (kind == "PartitionCmd" && tree::flag(fields, "concurrent")) concurrent = true;
    return true;
  });
  return concurrent;
}

}  // namespace

// PreventInTransactionBlock() callers in PostgreSQL 15, and RequireTransactionBlock()'s.
StatementClass classify_statement(const Statement& stmt) {
  const Json& node = *stmt.node;
  const std::string& kind = stmt.kind;
  if (kind == "TransactionStmt") return transaction_statement(node);
  if (kind == "LockStmt" || kind == "DeclareCursorStmt") return StatementClass::kBlockOnly;
  bool outside = false;
  if (kind == "IndexStmt" || kind == "DropStmt") {
    outside = tree::flag(node, "concurrent");
  } else if (kind == "ReindexStmt") {
    std::string what = tree::text(node, "kind");
    outside = tree::has_def_elem(node, "params", "concurrently") ||
              what == "REINDEX_OBJECT_SYSTEM" || what == "REINDEX_OBJECT_DATABASE";
  } else if (kind == "VacuumStmt") {
    outside = tree::flag(node, "is_vacuumcmd");  // ANALYZE alone may run in a block
  } else if (kind == "AlterTableStmt") {
    outside = detaches_concurrently(node);
  } else if (kind == "ClusterStmt") {
    outside = tree::field(node, "relation") == nullptr;
  } else if (kind == "DiscardStmt") {
    outside = tree::text(node, "target") == "DISCARD_ALL" || tree::text(node, "target").empty();
  } else {
    static const char* const kNeverInBlock[] = {
        "CreatedbStmt",          "DropdbStmt",          "CreateTableSpaceStmt",
        "DropTableSpaceStmt",    "AlterSystemStmt",     "CreateSubscriptionStmt",
        "DropSubscriptionStmt"};
    for (const char* k : kNeverInBlock) outside = outside || kind == k;
  }
  return outside ? StatementClass::kOutsideBlock : StatementClass::kPlain;
}

}  // namespace sg
