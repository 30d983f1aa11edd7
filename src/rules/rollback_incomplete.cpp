// rollback-incomplete: after down the schema is not what it was before up.
#include "rules/database_rules.h"

namespace sg {

void check_rollback_incomplete(const MigrationFacts& facts, FindingSink& out) {
  if (!facts.down || facts.rollback_differences.empty()) return;
  std::string list;
  for (const auto& d : facts.rollback_differences) list += (list.empty() ? "" : "; ") + d;
  out.report(facts.down->path, Position{script_line(*facts.down), 1},
             "rollback does not restore the schema: " + list,
             "make the rollback undo every object the up migration creates or changes, in "
             "reverse order");
}

}  // namespace sg
