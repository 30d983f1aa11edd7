// require-statement-timeout: a statement that scans or rewrites a whole table can run for
// minutes while holding its locks; a timeout bounds the damage.
#include "lint/rule.h"
#include "lint/setting_tracker.h"
#include "sql/tree.h"

namespace sg {
namespace {

// ALTER TABLE subcommands that scan or rewrite the whole table.
bool alter_scans_table(const nlohmann::json& node) {
  const auto* cmds = tree::field(node, "cmds");
  if (cmds == nullptr) return false;
  for (const auto& item : *cmds) {
    const auto* cmd = tree::as(item, "AlterTableCmd");
    if (cmd == nullptr) continue;
    std::string subtype = tree::text(*cmd, "subtype");
    if (subtype == "AT_AddConstraint") {
      const auto* def = tree::field(*cmd, "def");
      const auto* constraint = def != nullptr ? tree::as(*def, "Constraint") : nullptr;
      if (constraint != nullptr && !tree::flag(*constraint, "skip_validation")) return true;
    } else if (subtype == "AT_ValidateConstraint" || subtype == "AT_AlterColumnType" ||
               subtype == "AT_SetNotNull" || subtype == "AT_SetTableSpace" ||
               subtype == "AT_SetLogged" || subtype == "AT_SetUnLogged") {
      return true;
    }
  }
  return false;
}

// The table a potentially slow statement works on, or nullptr when it is not one.
const nlohmann::json* slow_statement_table(const Statement& stmt) {
  const auto& node = *stmt.node;
  const auto* relation = tree::field(node, "relation");
  if (stmt.kind == "UpdateStmt" || stmt.kind == "DeleteStmt" || stmt.kind == "ClusterStmt" ||
      stmt.kind == "RefreshMatViewStmt") {
    return relation;
  }
  if (stmt.kind == "IndexStmt") return tree::flag(node, "concurrent") ? nullptr : relation;
  if (stmt.kind == "AlterTableStmt") return alter_scans_table(node) ? relation : nullptr;
  if (stmt.kind == "InsertStmt") {
    const auto* select = tree::field(node, "selectStmt");
    const auto* fields = select != nullptr ? tree::as(*select, "SelectStmt") : nullptr;
    return fields != nullptr && tree::field(*fields, "fromClause") != nullptr ? relation : nullptr;
  }
  return nullptr;
}

class RequireStatementTimeout : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    statement_timeout_.observe(stmt, ctx);
    // A statement in a batching loop is one short batch; the function body runs elsewhere.
    if (reported_ || stmt.in_loop || stmt.in_function_body) return;
    if (statement_timeout_.active(ctx)) return;
    const auto* table = slow_statement_table(stmt);
    if (table == nullptr || !ctx.is_existing_table(*table)) return;
    out.report(-1,
               "potentially slow statement on existing table " + tree::relation_name(*table) +
                   " with no SET statement_timeout before it: it holds its locks for as long "
                   "as it runs",
               "set a bound first, e.g. SET statement_timeout = '15min'; (SET LOCAL inside "
               "the migration's transaction)");
    reported_ = true;
  }

 private:
  SettingTracker statement_timeout_{"statement_timeout"};
  bool reported_ = false;
};

}  // namespace

std::unique_ptr<Rule> make_require_statement_timeout() {
  return std::make_unique<RequireStatementTimeout>();
}

}  // namespace sg
