// migration-not-run: a Sequelize migration is JavaScript; its SQL exists only when it runs.
// When the Node runner could not run it (--no-db, no node, no server), nothing linted or
// round-tripped it, and a pass would claim a check that was never made.
#include "rules/history.h"

namespace sg {

void check_migration_not_run(const MigrationSet& set, FindingSink& out) {
  for (const auto& m : set.migrations) {
    if (!under_review(set, m) || m.change == ChangeKind::kDeleted || !m.up) continue;
    if (!uncaptured(*m.up)) continue;
    std::string why = set.not_run_because.empty() ? "the Node runner did not run"
                                                  : set.not_run_because;
    out.report(m.up->path, script_line(*m.up),
               m.up->path + ": this " + m.layout +
                   " migration was not run, so its SQL was not linted or round-tripped (" + why +
                   ")",
               "schemagate lints a JavaScript migration from the SQL it sends on a scratch "
               "database: run `schemagate check` with a database (the embedded PostgreSQL or "
               "--database-url) and Node.js installed (scripts/setup.sh installs both)");
  }
}

}  // namespace sg
