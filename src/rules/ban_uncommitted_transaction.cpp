// ban-uncommitted-transaction: a BEGIN that nothing commits leaves the migration's changes to
// whatever closes the session, which rolls them back. A captured script whose run failed ends
// at the failure (migration-failed says so), so its open transaction is no design of the file.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanUncommittedTransaction : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter&) override {
    if (stmt.kind != "TransactionStmt") return;
    std::string kind = tree::text(*stmt.node, "kind");
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
      // A nested BEGIN is ignored by PostgreSQL: the outermost one is the one left open.
      if (!open_) open_ = stmt.begin;
    } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" ||
               kind == "TRANS_STMT_PREPARE") {
      open_.reset();
    }
  }

  void finish(const LintContext& ctx, Emitter& out) override {
    if (!open_) return;
    const SourceMap* map = ctx.source().source_map();
    if (map != nullptr && map->failed) return;
    out.report(static_cast<long>(*open_),
               "BEGIN is never committed: at the end of the session PostgreSQL rolls back "
               "everything after it",
               "end the transaction with COMMIT; (or ROLLBACK; on purpose)");
  }

 private:
  std::optional<size_t> open_;
};

}  // namespace

std::unique_ptr<Rule> make_ban_uncommitted_transaction() {
  return std::make_unique<BanUncommittedTransaction>();
}

}  // namespace sg
