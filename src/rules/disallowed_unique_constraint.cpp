// disallowed-unique-constraint: ADD UNIQUE builds its index inside ALTER TABLE, under an
// ACCESS EXCLUSIVE lock that blocks reads and writes for the whole build.
#include "lint/rule.h"
#include "rules/alter_table.h"

namespace sg {
namespace {

constexpr const char* kHelp =
    "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING INDEX, which "
    "only attaches the finished index";

class DisallowedUniqueConstraint : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    alter::for_each_cmd(stmt, [&](const nlohmann::json& rel, const nlohmann::json& cmd) {
      if (!ctx.is_existing_table(rel)) return;
      std::string table = tree::relation_name(rel);
      std::string locks =
          " builds its index under an ACCESS EXCLUSIVE lock on existing table " + table;
      std::string_view type = alter::subtype(cmd);
      const auto* constraint = alter::constraint(cmd);
      if (type == "AddConstraint" && constraint != nullptr &&
          tree::text(*constraint, "contype") == "CONSTR_UNIQUE" &&
          tree::text(*constraint, "indexname").empty()) {
        std::string name = tree::text(*constraint, "conname");
        out.report(
            tree::location(*constraint),
            "adding UNIQUE constraint " + (name.empty() ? "" : name + " ") + "on " + table + locks,
            kHelp);
        return;
      }
      const auto* column = alter::column_def(cmd);
      if (type != "AddColumn" || column == nullptr) return;
      if (const auto* unique = alter::column_constraint(*column, "CONSTR_UNIQUE")) {
        out.report(tree::location(*unique),
                   "adding column " + table + "." + tree::text(*column, "colname") +
                       " with UNIQUE" + locks,
                   "add the column without UNIQUE, then CREATE UNIQUE INDEX CONCURRENTLY and "
                   "ADD CONSTRAINT ... UNIQUE USING INDEX");
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_disallowed_unique_constraint() {
  return std::make_unique<DisallowedUniqueConstraint>();
}

}  // namespace sg
