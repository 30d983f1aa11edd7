// ban-concurrent-index-creation-in-transaction: PostgreSQL refuses every CONCURRENTLY operation
// inside a transaction block ("cannot run inside a transaction block"), and the block may be
// one the migration tool opens, not one the file shows.
#include "lint/rule.h"
#include "rules/alter_table.h"
#include "sql/tree.h"

namespace sg {
namespace {

// The CONCURRENTLY operation the statement performs, or "" when it has none.
std::string concurrent_operation(const Statement& stmt) {
  const auto& node = *stmt.node;
  if (stmt.kind == "IndexStmt" && tree::flag(node, "concurrent")) {
    return "CREATE INDEX CONCURRENTLY";
  }
  if (stmt.kind == "DropStmt" && tree::flag(node, "concurrent")) return "DROP INDEX CONCURRENTLY";
  if (stmt.kind == "ReindexStmt") {
    const auto* params = tree::field(node, "params");
    if (params != nullptr && params->is_array()) {
      for (const auto& item : *params) {
        const auto* param = tree::as(item, "DefElem");
        if (param != nullptr && tree::text(*param, "defname") == "concurrently") {
          return "REINDEX CONCURRENTLY";
        }
      }
    }
  }
  std::string found;
  alter::for_each_cmd(stmt, [&](const nlohmann::json&, const nlohmann::json& cmd) {
    const auto* def = tree::field(cmd, "def");
    const auto* partition = def == nullptr ? nullptr : tree::as(*def, "PartitionCmd");
    if (alter::subtype(cmd) == "DetachPartition" && partition != nullptr &&
        tree::flag(*partition, "concurrent")) {
      found = "DETACH PARTITION CONCURRENTLY";
    }
  });
  return found;
}

std::string why_in_transaction(const LintContext& ctx) {
  if (ctx.in_explicit_transaction()) return "after BEGIN";
  switch (ctx.options().transaction_mode) {
    case TransactionMode::kWrappedByTool: return "the migration tool wraps the file in one";
    case TransactionMode::kWholeFileImplicit:
      return "the whole file is sent in one call, an implicit transaction";
    case TransactionMode::kStatementByStatement: break;
  }
  return "--assume-in-transaction";
}

class BanConcurrentIndexCreationInTransaction : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (!ctx.in_transaction()) return;
    std::string operation = concurrent_operation(stmt);
    if (operation.empty()) return;
    out.report(-1,
               operation + " cannot run inside a transaction block, but this one runs in one (" +
                   why_in_transaction(ctx) + ")",
               "put it in a migration of its own that runs outside any transaction (for a tool "
               "that wraps migrations, use its no-transaction marker)");
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_concurrent_index_creation_in_transaction() {
  return std::make_unique<BanConcurrentIndexCreationInTransaction>();
}

}  // namespace sg
