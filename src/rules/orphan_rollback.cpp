// orphan-rollback: a down / rollback file that pairs with no migration.
#include "rules/history.h"

namespace sg {

void check_orphan_rollback(const MigrationSet& set, FindingSink& out) {
  for (const auto& path : set.orphan_rollbacks) {
    out.report(path, 1, path + " rolls back no migration: no up migration has its version or name",
               "give it the version of the migration it undoes, or delete it if that migration "
               "is gone");
  }
}

}  // namespace sg
