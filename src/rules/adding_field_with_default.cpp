// adding-field-with-default: since PostgreSQL 11 ADD COLUMN ... DEFAULT stores a non-volatile
// default once in the catalog; a VOLATILE default (one value per row) still rewrites the
// whole table under ACCESS EXCLUSIVE, and before 11 every non-null default does.
#include <algorithm>
#include <set>

#include "lint/rule.h"
#include "rules/alter_table.h"

namespace sg {
namespace {

// Built-in and common extension functions marked VOLATILE in pg_proc; now() and
// CURRENT_TIMESTAMP are STABLE (one value per statement) and are not here.
const std::set<std::string> kVolatile = {
    "clock_timestamp",  "gen_random_uuid",    "nextval",
    "random",           "random_normal",      "timeofday",
    "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4"};

bool is_serial(const std::string& type) {
  return type == "serial" || type == "bigserial" || type == "smallserial" || type == "serial2" ||
         type == "serial4" || type == "serial8";
}

class AddingFieldWithDefault : public Rule {
 public:
  nlohmann::json default_options() const override {
    return {{"extra_volatile_functions", nlohmann::json::array()}};
  }

  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    alter::for_each_cmd(stmt, [&](const nlohmann::json& rel, const nlohmann::json& cmd) {
      const auto* column = alter::column_def(cmd);
      if (alter::subtype(cmd) != "AddColumn" || column == nullptr || !ctx.is_existing_table(rel)) {
        return;
      }
      std::string table = tree::relation_name(rel);
      std::string name = table + "." + tree::text(*column, "colname");
      std::string rewrite = " rewrites existing table " + table + " under an ACCESS EXCLUSIVE lock";
      const char* help =
          "add the column without a default, SET DEFAULT in a separate statement (it applies to "
          "new rows), and backfill existing rows in batches";
      const auto* type = tree::field(*column, "typeName");
      std::string type_name = type == nullptr ? "" : tree::type_name(*type);
      if (is_serial(type_name) || alter::column_constraint(*column, "CONSTR_IDENTITY")) {
        out.report(tree::location(*column),
                   "adding " + type_name + (is_serial(type_name) ? "" : " identity") + " column " +
                       name + " fills every row from a sequence (volatile nextval())" + " and" +
                       rewrite,
                   help);
        return;
      }
      const auto* def = alter::column_constraint(*column, "CONSTR_DEFAULT");
      const auto* expr = def == nullptr ? nullptr : tree::field(*def, "raw_expr");
      if (expr == nullptr || is_null(*expr)) return;
      if (ctx.pg_version() < 11) {
        out.report(tree::location(*def),
                   "adding column " + name + " with a DEFAULT" + rewrite + " on PostgreSQL " +
                       std::to_string(ctx.pg_version()) + " (11+ skips the rewrite)",
                   help);
        return;
      }
      std::string function = volatile_call(*expr);
      if (function.empty()) return;
      out.report(tree::location(*def),
                 "adding column " + name + " with volatile DEFAULT " + function + "()" + rewrite,
                 help);
    });
  }

 private:
  static bool is_null(const nlohmann::json& expr) {
    const auto* constant = tree::as(expr, "A_Const");
    return constant != nullptr && tree::flag(*constant, "isnull");
  }

  // The first volatile function called anywhere in `expr`, or "".
  std::string volatile_call(const nlohmann::json& expr) const {
    const auto& extra = option("extra_volatile_functions");
    std::string found;
    tree::walk(expr, [&](std::string_view kind, const nlohmann::json& fields) {
      if (!found.empty()) return false;
      if (kind != "FuncCall") return true;
      auto names = tree::strings(tree::field(fields, "funcname"));
      if (names.empty()) return true;
      if (kVolatile.count(names.back()) > 0 ||
          std::find(extra.begin(), extra.end(), names.back()) != extra.end()) {
        found = names.back();
        return false;
      }
      return true;
    });
    return found;
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_field_with_default() {
  return std::make_unique<AddingFieldWithDefault>();
}

}  // namespace sg
