// adding-required-field: ADD COLUMN ... NOT NULL without a DEFAULT has no value to give the
// rows already there, so it fails on any table that has a row.
#include "lint/rule.h"
#include "rules/alter_table.h"

namespace sg {
namespace {

bool is_serial(const nlohmann::json& column) {
  const auto* type = tree::field(column, "typeName");
  if (type == nullptr) return false;
  std::string name = tree::type_name(*type);
  return name == "serial" || name == "bigserial" || name == "smallserial" || name == "serial2" ||
         name == "serial4" || name == "serial8";
}

// Serial, identity and generated columns compute a value for every existing row.
bool fills_existing_rows(const nlohmann::json& column) {
  return alter::column_constraint(column, "CONSTR_DEFAULT") != nullptr ||
         alter::column_constraint(column, "CONSTR_IDENTITY") != nullptr ||
         alter::column_constraint(column, "CONSTR_GENERATED") != nullptr || is_serial(column);
}

class AddingRequiredField : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    alter::for_each_cmd(stmt, [&](const nlohmann::json& rel, const nlohmann::json& cmd) {
      const auto* column = alter::column_def(cmd);
      if (alter::subtype(cmd) != "AddColumn" || column == nullptr || !ctx.is_existing_table(rel) ||
          fills_existing_rows(*column)) {
        return;
      }
      // PRIMARY KEY implies NOT NULL.
      const char* required =
          alter::column_constraint(*column, "CONSTR_NOTNULL") != nullptr   ? "NOT NULL"
          : alter::column_constraint(*column, "CONSTR_PRIMARY") != nullptr ? "PRIMARY KEY"
                                                                           : nullptr;
      if (required == nullptr) return;
      std::string name = tree::relation_name(rel) + "." + tree::text(*column, "colname");
      out.report(tree::location(*column),
                 "adding column " + name + " as " + required +
                     " without a DEFAULT fails as soon as existing table " +
                     tree::relation_name(rel) + " has a row",
                 "add the column nullable, backfill it in batches, then SET NOT NULL in a later "
                 "migration (or give it a constant DEFAULT)");
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_required_field() {
  return std::make_unique<AddingRequiredField>();
}

}  // namespace sg
