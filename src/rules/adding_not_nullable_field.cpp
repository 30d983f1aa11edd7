// adding-not-nullable-field: SET NOT NULL scans the whole table for NULLs while holding an
// ACCESS EXCLUSIVE lock. PostgreSQL 12+ skips the scan when a validated CHECK (col IS NOT
// NULL) already proves it, so such a CHECK added earlier in the file exempts the statement.
#include <vector>

#include "lint/rule.h"
#include "rules/alter_table.h"

namespace sg {
namespace {

// The columns a CHECK expression proves non-null: `a IS NOT NULL`, possibly AND-ed with more.
void proven_not_null(const nlohmann::json& expr, std::vector<std::string>& columns) {
  if (const auto* test = tree::as(expr, "NullTest")) {
    const auto* arg = tree::field(*test, "arg");
    if (tree::text(*test, "nulltesttype") == "IS_NOT_NULL" && arg != nullptr) {
      std::string name = alter::column_ref_name(*arg);
      if (!name.empty()) columns.push_back(name);
    }
  } else if (const auto* op = tree::as(expr, "BoolExpr")) {
    const auto* args = tree::field(*op, "args");
    if (tree::text(*op, "boolop") != "AND_EXPR" || args == nullptr) return;
    for (const auto& arg : *args) proven_not_null(arg, columns);
  }
}

struct NotNullCheck {
  std::string table;
  std::string name;  // "" when unnamed
  std::vector<std::string> columns;
  bool validated = false;
};

class AddingNotNullableField : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    // Only CHECKs of earlier statements count: one in the same ALTER is validated by the
    // same locked scan.
    alter::for_each_cmd(stmt, [&](const nlohmann::json& rel, const nlohmann::json& cmd) {
      if (alter::subtype(cmd) != "SetNotNull" || !ctx.is_existing_table(rel)) return;
      std::string column = tree::text(cmd, "name");
      bool proven = is_proven(tree::text(rel, "relname"), column);
      if (proven && ctx.pg_version() >= 12) return;
      std::string table = tree::relation_name(rel);
      out.report(-1,
                 "SET NOT NULL on " + table + "." + column + " scans all of existing table " +
                     table + " under an ACCESS EXCLUSIVE lock" +
                     (proven ? " (PostgreSQL " + std::to_string(ctx.pg_version()) +
                                   " cannot use the validated CHECK; 12+ can)"
                             : ""),
                 "first ADD CONSTRAINT ... CHECK (" + column +
                     " IS NOT NULL) NOT VALID and VALIDATE it in a separate transaction; then "
                     "SET NOT NULL skips the scan (PostgreSQL 12+)");
    });
    alter::for_each_cmd(stmt, [&](const nlohmann::json& rel, const nlohmann::json& cmd) {
      record(tree::text(rel, "relname"), cmd);
    });
  }

 private:
  void record(const std::string& table, const nlohmann::json& cmd) {
    std::string_view type = alter::subtype(cmd);
    const auto* constraint = alter::constraint(cmd);
    if (type == "AddConstraint" && constraint != nullptr &&
        tree::text(*constraint, "contype") == "CONSTR_CHECK") {
      NotNullCheck check{table,
                         tree::text(*constraint, "conname"),
                         {},
                         !tree::flag(*constraint, "skip_validation")};
      if (const auto* expr = tree::field(*constraint, "raw_expr")) {
        proven_not_null(*expr, check.columns);
      }
      if (!check.columns.empty()) checks_.push_back(std::move(check));
    } else if (type == "ValidateConstraint" || type == "DropConstraint") {
      std::string name = tree::text(cmd, "name");
      for (auto it = checks_.begin(); it != checks_.end();) {
        if (it->table != table || it->name != name) {
          ++it;
        } else if (type == "DropConstraint") {
          it = checks_.erase(it);
        } else {
          (it++)->validated = true;
        }
      }
    }
  }

  bool is_proven(const std::string& table, const std::string& column) const {
    for (const auto& check : checks_) {
      if (check.table != table || !check.validated) continue;
      for (const auto& c : check.columns) {
        if (c == column) return true;
      }
    }
    return false;
  }

  std::vector<NotNullCheck> checks_;
};

}  // namespace

std::unique_ptr<Rule> make_adding_not_nullable_field() {
  return std::make_unique<AddingNotNullableField>();
}

}  // namespace sg
