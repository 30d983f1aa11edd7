// rollback-column-order: the rollback restored every column of a table, defined as before,
// but in another order (a down that re-adds a dropped column puts it last). Only `SELECT *`
// and INSERTs without a column list notice, so it is a warning of its own, not
// rollback-incomplete; configure its severity like any rule's.
#include "rules/database_rules.h"

namespace sg {

void check_rollback_column_order(const MigrationFacts& facts, FindingSink& out) {
  if (!facts.down) return;
  for (const auto& line : facts.rollback_column_order) {
    out.report(facts.down->path, Position{script_line(*facts.down), 1}, line,
               "code that uses SELECT * or INSERT without a column list sees the columns in the "
               "new order after a rollback; name the columns in such queries, or accept the "
               "order (PostgreSQL cannot insert a column in the middle of a table)");
  }
}

}  // namespace sg
