// mixed-ddl-and-dml: a data change in the transaction of a schema change on the same table
// runs under the schema change's lock, so the table stays blocked for the whole backfill.
#include <map>

#include "sql/lock_level.h"
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

bool is_data_change(const Statement& stmt) {
  if (stmt.kind == "UpdateStmt" || stmt.kind == "DeleteStmt" || stmt.kind == "MergeStmt") {
    return true;
  }
  if (stmt.kind != "InsertStmt") return false;
  // INSERT ... VALUES adds a few rows; INSERT ... SELECT FROM copies a table's worth.
  const auto* select = tree::field(*stmt.node, "selectStmt");
  const auto* fields = select != nullptr ? tree::as(*select, "SelectStmt") : nullptr;
  return fields != nullptr && tree::field(*fields, "fromClause") != nullptr;
}

class MixedDdlAndDml : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.in_function_body) return;
    if (ctx.transaction_number() != transaction_) {
      transaction_ = ctx.transaction_number();
      tables_.clear();
    }
    bool data = is_data_change(stmt);
    for (const auto& lock : table_locks(stmt)) {
      if (ctx.created_earlier(lock.relname)) continue;
      Seen& seen = tables_[lock.name];
      bool schema = !data && is_blocking(lock.mode);
      if (schema) seen.schema_lock = std::max(seen.schema_lock.value_or(lock.mode), lock.mode);
      if (data && lock.mode == LockMode::kRowExclusive) seen.data = true;
      if (seen.reported || !seen.schema_lock || !seen.data || !(schema || data)) continue;
      seen.reported = true;
      out.report(-1,
                 "schema change and data change on existing table " + lock.name +
                     " in one transaction: the data change runs while the " +
                     std::string(lock_mode_name(*seen.schema_lock)) +
                     " lock of the schema "
                     "change blocks " +
                     lock.name + " until the transaction commits",
                 "commit the schema change first and run the data change in its own migration "
                 "or transaction, in batches (expand, backfill, contract)");
    }
  }

 private:
  struct Seen {
    std::optional<LockMode> schema_lock;
    bool data = false;
    bool reported = false;
  };
  int transaction_ = -1;
  std::map<std::string, Seen> tables_;
};

}  // namespace

std::unique_ptr<Rule> make_mixed_ddl_and_dml() { return std::make_unique<MixedDdlAndDml>(); }

}  // namespace sg
