// prefer-robust-stmts: outside a transaction a failed migration stops half-way, so every
// statement must be safe to run again when the migration is retried.
#include <set>

#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

const char kHelp[] =
    "use IF NOT EXISTS / IF EXISTS (DROP CONSTRAINT IF EXISTS before ADD CONSTRAINT) so a "
    "retry after a partial failure succeeds, or run the migration in a transaction";

class PreferRobustStmts : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    // Statements in DO blocks and functions run inside their container's single statement.
    if (stmt.from_plpgsql || ctx.in_transaction()) return;
    const auto& node = *stmt.node;
    auto flag_missing = [&](const char* what) {
      out.report(-1,
                 std::string(what) +
                     " outside a transaction: if the migration fails after "
                     "it, running it again fails here",
                 kHelp);
    };
    if (stmt.kind == "CreateStmt" && !tree::flag(node, "if_not_exists")) {
      flag_missing("CREATE TABLE without IF NOT EXISTS");
    } else if (stmt.kind == "IndexStmt" && !tree::flag(node, "if_not_exists")) {
      flag_missing("CREATE INDEX without IF NOT EXISTS");
    } else if (stmt.kind == "CreateSeqStmt" && !tree::flag(node, "if_not_exists")) {
      flag_missing("CREATE SEQUENCE without IF NOT EXISTS");
    } else if (stmt.kind == "CreateSchemaStmt" && !tree::flag(node, "if_not_exists")) {
      flag_missing("CREATE SCHEMA without IF NOT EXISTS");
    } else if (stmt.kind == "DropStmt" && !tree::flag(node, "missing_ok")) {
      flag_missing("DROP without IF EXISTS");
    } else if (stmt.kind == "AlterTableStmt") {
      check_alter(node, out);
    }
  }

 private:
  void check_alter(const nlohmann::json& node, Emitter& out) {
    const auto* cmds = tree::field(node, "cmds");
    if (cmds == nullptr) return;
    for (const auto& item : *cmds) {
      const auto* cmd = tree::as(item, "AlterTableCmd");
      if (cmd == nullptr) continue;
      std::string subtype = tree::text(*cmd, "subtype");
      bool missing_ok = tree::flag(*cmd, "missing_ok");
      const char* what = nullptr;
      if (subtype == "AT_AddColumn" && !missing_ok) {
        what = "ADD COLUMN without IF NOT EXISTS";
      } else if (subtype == "AT_DropColumn" && !missing_ok) {
        what = "DROP COLUMN without IF EXISTS";
      } else if (subtype == "AT_DropConstraint") {
        if (missing_ok) dropped_constraints_.insert(tree::text(*cmd, "name"));
        if (!missing_ok) what = "DROP CONSTRAINT without IF EXISTS";
      } else if (subtype == "AT_AddConstraint") {
        const auto* def = tree::field(*cmd, "def");
        const auto* constraint = def != nullptr ? tree::as(*def, "Constraint") : nullptr;
        std::string name = constraint != nullptr ? tree::text(*constraint, "conname") : "";
        if (name.empty() || dropped_constraints_.count(name) == 0) {
          what = "ADD CONSTRAINT with no DROP CONSTRAINT IF EXISTS before it";
        }
      }
      if (what != nullptr) {
        out.report(-1,
                   std::string(what) +
                       " outside a transaction: if the migration fails "
                       "after it, running it again fails here",
                   kHelp);
      }
    }
  }

  std::set<std::string> dropped_constraints_;
};

}  // namespace

std::unique_ptr<Rule> make_prefer_robust_stmts() { return std::make_unique<PreferRobustStmts>(); }

}  // namespace sg
