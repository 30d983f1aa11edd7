// adding-primary-key-constraint: ADD PRIMARY KEY builds its unique index (and checks the key
// columns for NULLs) while holding ACCESS EXCLUSIVE on the table. Building the index
// CONCURRENTLY first and attaching it with USING INDEX keeps the lock short.
#include <algorithm>
#include <set>

#include "lint/rule.h"
#include "sql/column_defs.h"

namespace sg {
namespace {

class AddingPrimaryKeyConstraint : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "AlterTableStmt") return;
    const tree::Json* rel = tree::field(*stmt.node, "relation");
    const tree::Json* cmds = tree::field(*stmt.node, "cmds");
    if (rel == nullptr || cmds == nullptr || !ctx.is_existing_table(*rel)) return;
    // A key on a serial or identity column added by this statement is
    // adding-serial-primary-key-field's finding (the added column rewrites the table too).
    std::set<std::string> generated;
    for (const auto& site : column_sites(stmt)) {
      if (site.origin == ColumnOrigin::kAddColumn && !value_generator(*site.column_def).empty()) {
        generated.insert(site.column);
      }
    }
    for (const auto& item : *cmds) {
      const tree::Json* cmd = tree::as(item, "AlterTableCmd");
      const tree::Json* def = cmd != nullptr ? tree::field(*cmd, "def") : nullptr;
      if (def == nullptr) continue;
      if (const tree::Json* c = tree::as(*def, "Constraint")) {
        if (tree::text(*c, "contype") != "CONSTR_PRIMARY" || !tree::text(*c, "indexname").empty()) {
          continue;
        }
        std::vector<std::string> keys = tree::strings(tree::field(*c, "keys"));
        bool on_generated = std::any_of(
            keys.begin(), keys.end(), [&](const std::string& k) { return generated.count(k) > 0; });
        if (!on_generated) report(*rel, *c, out);
      } else if (const tree::Json* column = tree::as(*def, "ColumnDef")) {
        if (tree::text(*cmd, "subtype") != "AT_AddColumn" || !value_generator(*column).empty()) {
          continue;
        }
        if (const tree::Json* key = column_constraint(*column, "CONSTR_PRIMARY")) {
          report(*rel, *key, out);
        }
      }
    }
  }

 private:
  static void report(const tree::Json& rel, const tree::Json& constraint, Emitter& out) {
    std::string table = tree::relation_name(rel);
    out.report(tree::location(constraint),
               "adding a primary key to existing table " + table +
                   " builds its unique index under an ACCESS EXCLUSIVE lock, blocking all reads "
                   "and writes until the build finishes",
               "build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE " +
                   table + " ADD CONSTRAINT ... PRIMARY KEY USING INDEX ...");
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_primary_key_constraint() {
  return std::make_unique<AddingPrimaryKeyConstraint>();
}

}  // namespace sg
