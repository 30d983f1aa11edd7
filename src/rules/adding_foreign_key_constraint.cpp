// adding-foreign-key-constraint: a foreign key added without NOT VALID is checked against
// every existing row at once, while SHARE ROW EXCLUSIVE locks block writes to both tables.
#include "lint/rule.h"
#include "rules/alter_table.h"

namespace sg {
namespace {

constexpr const char* kHelp =
    "add it with NOT VALID (only new rows are checked), then VALIDATE CONSTRAINT in a separate "
    "transaction: validation lets reads and writes go on";

std::string referenced(const nlohmann::json& constraint) {
  const auto* pktable = tree::field(constraint, "pktable");
  return pktable == nullptr ? std::string("?") : tree::relation_name(*pktable);
}

class AddingForeignKeyConstraint : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    alter::for_each_cmd(stmt, [&](const nlohmann::json& rel, const nlohmann::json& cmd) {
      if (!ctx.is_existing_table(rel)) return;
      std::string table = tree::relation_name(rel);
      std::string blocks = " while blocking writes to " + table + " and ";
      std::string_view type = alter::subtype(cmd);
      const auto* constraint = alter::constraint(cmd);
      if (type == "AddConstraint" && constraint != nullptr &&
          tree::text(*constraint, "contype") == "CONSTR_FOREIGN" &&
          !tree::flag(*constraint, "skip_validation")) {
        std::string name = tree::text(*constraint, "conname");
        out.report(tree::location(*constraint),
                   "adding foreign key " + (name.empty() ? "" : name + " ") + "on " + table +
                       " without NOT VALID checks every existing row" + blocks +
                       referenced(*constraint),
                   kHelp);
        return;
      }
      const auto* column = alter::column_def(cmd);
      if (type != "AddColumn" || column == nullptr) return;
      // An inline REFERENCES cannot be NOT VALID: the key must be a separate constraint.
      if (const auto* fk = alter::column_constraint(*column, "CONSTR_FOREIGN")) {
        out.report(tree::location(*fk),
                   "adding column " + table + "." + tree::text(*column, "colname") +
                       " with REFERENCES validates the foreign key at once" + blocks +
                       referenced(*fk),
                   "add the column without REFERENCES, then ADD CONSTRAINT ... FOREIGN KEY ... "
                   "NOT VALID and VALIDATE CONSTRAINT in a separate transaction");
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_foreign_key_constraint() {
  return std::make_unique<AddingForeignKeyConstraint>();
}

}  // namespace sg
