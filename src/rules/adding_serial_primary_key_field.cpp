// adding-serial-primary-key-field: adding a serial or identity column to a table with rows
// rewrites the whole table to number them, and its primary key index is then built, all
// under one ACCESS EXCLUSIVE lock.
#include <set>

#include "lint/rule.h"
#include "sql/column_defs.h"

namespace sg {
namespace {

// Columns named by ADD PRIMARY KEY (...) commands of the same ALTER TABLE.
std::set<std::string> primary_key_columns(const tree::Json& cmds) {
  std::set<std::string> out;
  for (const auto& item : cmds) {
    const tree::Json* cmd = tree::as(item, "AlterTableCmd");
    const tree::Json* def = cmd != nullptr ? tree::field(*cmd, "def") : nullptr;
    const tree::Json* c = def != nullptr ? tree::as(*def, "Constraint") : nullptr;
    if (c == nullptr || tree::text(*c, "contype") != "CONSTR_PRIMARY") continue;
    for (auto& key : tree::strings(tree::field(*c, "keys"))) out.insert(std::move(key));
  }
  return out;
}

class AddingSerialPrimaryKeyField : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "AlterTableStmt") return;
    const tree::Json* rel = tree::field(*stmt.node, "relation");
    const tree::Json* cmds = tree::field(*stmt.node, "cmds");
    if (rel == nullptr || cmds == nullptr || !ctx.is_existing_table(*rel)) return;
    std::set<std::string> keys = primary_key_columns(*cmds);
    for (const auto& site : column_sites(stmt)) {
      if (site.origin != ColumnOrigin::kAddColumn) continue;
      std::string generator = value_generator(*site.column_def);
      if (generator.empty()) continue;
      if (column_constraint(*site.column_def, "CONSTR_PRIMARY") == nullptr &&
          keys.count(site.column) == 0) {
        continue;
      }
      std::string table = tree::relation_name(*rel);
      out.report(site.location,
                 "adding " + generator + " primary key column " + qualified_column(site) +
                     " to existing table " + table +
                     " rewrites the table and builds the key's index under an ACCESS EXCLUSIVE "
                     "lock, blocking all reads and writes",
                 "add a nullable bigint column, fill it in batches, build a unique index "
                 "CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_adding_serial_primary_key_field() {
  return std::make_unique<AddingSerialPrimaryKeyField>();
}

}  // namespace sg
