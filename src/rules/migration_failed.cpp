// migration-failed: the up script of a new or edited migration does not apply on the schema its
// history produces. (A history migration that fails is history-failed's.)
#include "rules/database_rules.h"

namespace sg {

void check_migration_failed(const MigrationFacts& facts, FindingSink& out) {
  if (!facts.up_failure || facts.history) return;
  const ScriptFailure& failure = *facts.up_failure;
  if (facts.extension) {
    // An extension's file: the core it ran on is part of the story.
    const ExtensionRun& run = *facts.extension;
    out.report(facts.up.path, failure.position,
               run.track + ": fails on " + run.on + ": " + failure_text(failure, facts),
               "an extension must apply on its core as it stands at the version it requires: "
               "create what it needs in the extension itself, or raise `requires` to a " +
                   run.requires_track + " version that has it");
    return;
  }
  out.report(facts.up.path, failure.position, "migration failed: " + failure_text(failure, facts),
             failure_help(failure,
                          "the migration must apply on a database built from the migrations "
                          "before it; run it locally against that schema and fix the statement"));
}

}  // namespace sg
