// table-rewrite: these ALTER TABLE forms copy every row into a new file while holding
// ACCESS EXCLUSIVE, so the table is unreadable and unwritable for the whole copy.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

bool is_generated_column(const tree::Json& column_def) {
  const auto* constraints = tree::field(column_def, "constraints");
  if (constraints == nullptr) return false;
  for (const auto& item : *constraints) {
    const auto* constraint = tree::as(item, "Constraint");
    // Only STORED exists up to PG17; VIRTUAL columns (PG18) would need no rewrite.
    if (constraint != nullptr && tree::text(*constraint, "contype") == "CONSTR_GENERATED") {
      return true;
    }
  }
  return false;
}

class TableRewrite : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "AlterTableStmt") return;
    if (tree::text(*stmt.node, "objtype") != "OBJECT_TABLE") return;
    const auto* rel = tree::field(*stmt.node, "relation");
    const auto* cmds = tree::field(*stmt.node, "cmds");
    if (rel == nullptr || cmds == nullptr || !ctx.is_existing_table(*rel)) return;
    std::string table = tree::relation_name(*rel);
    for (const auto& item : *cmds) {
      const auto* cmd = tree::as(item, "AlterTableCmd");
      if (cmd == nullptr) continue;
      std::string subtype = tree::text(*cmd, "subtype");
      if (subtype == "AT_SetTableSpace") {
        report(out, -1, "SET TABLESPACE " + tree::text(*cmd, "name"), table,
               "create the table anew in the tablespace and move the rows in batches, or use "
               "pg_repack --tablespace");
      } else if (subtype == "AT_SetLogged" || subtype == "AT_SetUnLogged") {
        report(out, -1, subtype == "AT_SetLogged" ? "SET LOGGED" : "SET UNLOGGED", table,
               "run it in a maintenance window, or create the table with the wanted "
               "persistence and copy the rows in batches");
      } else if (subtype == "AT_AddColumn") {
        const auto* def = tree::field(*cmd, "def");
        const auto* column = def == nullptr ? nullptr : tree::as(*def, "ColumnDef");
        if (column == nullptr || !is_generated_column(*column)) continue;
        report(out, tree::location(*column),
               "ADD COLUMN " + tree::text(*column, "colname") + " GENERATED ALWAYS AS ... STORED",
               table,
               "add a plain nullable column, fill it in batches and keep it current with a "
               "trigger");
      }
    }
  }

 private:
  static void report(Emitter& out, long location, const std::string& what, const std::string& table,
                     std::string help) {
    out.report(location,
               what + " rewrites existing table " + table +
                   " under an ACCESS EXCLUSIVE lock, blocking reads and writes until it ends",
               std::move(help));
  }
};

}  // namespace

std::unique_ptr<Rule> make_table_rewrite() { return std::make_unique<TableRewrite>(); }

}  // namespace sg
