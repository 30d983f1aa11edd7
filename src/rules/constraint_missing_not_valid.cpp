// constraint-missing-not-valid: ADD CHECK scans every row under the ACCESS EXCLUSIVE lock of
// ALTER TABLE. NOT VALID splits it: the add is instant, and a later VALIDATE CONSTRAINT scans
// under a lock that lets reads and writes go on; validating in the same transaction as the add
// keeps the add's lock for the whole scan and undoes the split.
#include <vector>

#include "lint/rule.h"
#include "rules/alter_table.h"

namespace sg {
namespace {

struct NotValidAdd {
  std::string table;
  std::string name;
  int transaction = 0;
};

class ConstraintMissingNotValid : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    alter::for_each_cmd(stmt, [&](const nlohmann::json& rel, const nlohmann::json& cmd) {
      if (!ctx.is_existing_table(rel)) return;
      std::string table = tree::relation_name(rel);
      std::string_view type = alter::subtype(cmd);
      const auto* constraint = alter::constraint(cmd);
      if (type == "AddConstraint" && constraint != nullptr) {
        std::string name = tree::text(*constraint, "conname");
        if (tree::flag(*constraint, "skip_validation")) {
          added_.push_back({tree::text(rel, "relname"), name, ctx.transaction_number()});
        } else if (tree::text(*constraint, "contype") == "CONSTR_CHECK") {
          out.report(tree::location(*constraint),
                     "adding CHECK constraint " + (name.empty() ? "" : name + " ") + "on " + table +
                         " without NOT VALID scans all of existing table " + table +
                         " under an ACCESS EXCLUSIVE lock",
                     "add it with NOT VALID, then VALIDATE CONSTRAINT in a separate transaction");
        }
      } else if (type == "ValidateConstraint") {
        std::string name = tree::text(cmd, "name");
        for (const auto& add : added_) {
          if (add.table != tree::text(rel, "relname") || add.name != name ||
              add.transaction != ctx.transaction_number()) {
            continue;
          }
          out.report(-1,
                     "VALIDATE CONSTRAINT " + name + " on " + table +
                         " runs in the same transaction as its NOT VALID add, so the add's "
                         "ACCESS EXCLUSIVE lock is held for the whole scan",
                     "commit after adding the constraint NOT VALID and validate it in a separate "
                     "transaction");
          return;
        }
      }
    });
  }

 private:
  std::vector<NotValidAdd> added_;
};

}  // namespace

std::unique_ptr<Rule> make_constraint_missing_not_valid() {
  return std::make_unique<ConstraintMissingNotValid>();
}

}  // namespace sg
