// require-enum-value-ordering: ADD VALUE without BEFORE/AFTER appends the value at the end,
// which sorts after every existing value; ORDER BY and comparisons on the enum follow it.
#include "lint/rule.h"
#include "sql/identifiers.h"
#include "sql/tree.h"

namespace sg {
namespace {

class RequireEnumValueOrdering : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind != "AlterEnumStmt") return;
    // RENAME VALUE also fills newVal, with the old name in oldVal.
    if (!tree::text(*stmt.node, "oldVal").empty()) return;
    std::string value = tree::text(*stmt.node, "newVal");
    if (value.empty() || !tree::text(*stmt.node, "newValNeighbor").empty()) return;
    std::string type = qualified_name(tree::field(*stmt.node, "typeName"));
    out.report(-1,
               "ALTER TYPE " + type + " ADD VALUE '" + value +
                   "' has no BEFORE or AFTER: the value sorts after every existing one",
               "say where the value belongs: ADD VALUE '" + value + "' BEFORE 'x' or AFTER 'x'");
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_enum_value_ordering() {
  return std::make_unique<RequireEnumValueOrdering>();
}

}  // namespace sg
