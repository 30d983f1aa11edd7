// migration-naming: a migration named off its layout's convention, or a .sql file in a
// migration directory that the tool will never run because no pattern matches it.
#include "rules/history.h"

namespace sg {

void check_migration_naming(const MigrationSet& set, FindingSink& out) {
  for (const auto& m : set.migrations) {
    if (!under_review(set, m) || m.naming_problem.empty() || !m.up) continue;
    out.report(m.up->path, 1, m.up->path + ": " + m.naming_problem,
               "rename the file before it is applied anywhere; renaming it later is an "
               "edited-applied-migration");
  }
  for (const auto& path : set.unrecognized_files) {
    out.report(path, 1,
               path + " is in a " + set.layout +
                   " migration directory but does not match its file pattern, so it never runs",
               "rename it to the layout's pattern, or move it out of the migration directory");
  }
}

}  // namespace sg
