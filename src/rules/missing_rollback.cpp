// missing-rollback: a migration under review has no down script where its layout keeps them.
#include "rules/history.h"

namespace sg {

void check_missing_rollback(const MigrationSet& set, FindingSink& out) {
  for (const auto& m : set.migrations) {
    if (!under_review(set, m) || !m.up || m.down || !m.expects_rollback || m.rollback_waived ||
        m.repeatable) {
      continue;
    }
    out.report(m.up->path, m.up->line,
               "migration " + m.id + " has no rollback: expected " + m.expected_rollback,
               "write the script that undoes this migration, so a failed deploy can be reverted "
               "(seed 000: every migration has a rollback script)");
  }
}

}  // namespace sg
