// transaction-nesting: BEGIN / COMMIT written into a migration that the tool already runs in
// its own transaction, or a BEGIN inside an open transaction.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class TransactionNesting : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "TransactionStmt") return;
    std::string kind = tree::text(*stmt.node, "kind");
    bool begin = kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START";
    bool end = kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK";
    if (begin && ctx.explicit_depth() > 0) {
      out.report(-1,
                 "BEGIN inside a transaction that is already open: PostgreSQL ignores it with a "
                 "warning, and the first COMMIT ends both",
                 "remove the inner BEGIN; PostgreSQL has no nested transactions (use SAVEPOINT "
                 "to roll back part of one)");
    } else if ((begin || end) && tool_runs_begin(ctx)) {
      out.report(-1,
                 std::string(begin                         ? "BEGIN"
                             : kind == "TRANS_STMT_COMMIT" ? "COMMIT"
                                                           : "ROLLBACK") +
                     " in a migration that the migration tool already wraps in a transaction: "
                     "the statements after it run outside the tool's transaction",
                 "remove it and let the tool manage the transaction, or use the tool's opt-out "
                 "marker when the migration must not run in one");
    }
  }

 private:
  // Only tools that send BEGIN themselves nest. A BEGIN inside golang-migrate's one-call
  // script just turns its implicit transaction into an explicit one, which is harmless.
  static bool tool_runs_begin(const LintContext& ctx) {
    return ctx.options().transaction_mode == TransactionMode::kWrappedByTool ||
           (ctx.options().transaction_mode == TransactionMode::kStatementByStatement &&
            ctx.tool_wraps_transaction());
  }
};

}  // namespace

std::unique_ptr<Rule> make_transaction_nesting() { return std::make_unique<TransactionNesting>(); }

}  // namespace sg
